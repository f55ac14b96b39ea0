#include "mechanics/interface_contact.h"

#include "meshing/interface_split.h"

#include <deal.II/base/mpi.h>

#include <functional>

#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

namespace spinefe {

namespace {

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

bool is_bone(const std::string& region) {
  return ends_with(region, "/cortical") || ends_with(region, "/cancellous") ||
         ends_with(region, "/posterior") || region.find("/endplate_") != std::string::npos;
}

std::vector<unsigned int> regions_where(const MeshData& mesh,
                                        const std::function<bool(const std::string&)>& keep) {
  std::vector<unsigned int> out;
  for (unsigned int r = 0; r < mesh.region_names.size(); ++r)
    if (keep(mesh.region_names[r]))
      out.push_back(r);
  return out;
}

/// Splits one interface and appends its pairs (patches renumbered into `contact`).
void add_interface(MeshData& mesh, const ContactInterface& interface,
                   const std::function<bool(const std::string&)>& on_implant_side,
                   ProblemDefinition::ContactPairs& contact, std::ostream& log) {
  if (interface.model == InterfaceModel::bonded)
    return;
  const auto bone = regions_where(mesh, is_bone);
  const auto implant = regions_where(mesh, on_implant_side);
  const SplitInterface split = split_interface(mesh, bone, implant);
  if (split.pairs.empty())
    return; // no such implant in this model (e.g. the intact twin)
  const auto index = static_cast<unsigned int>(contact.interfaces.size());
  contact.interfaces.push_back(interface);
  const auto patch_offset = static_cast<unsigned int>(contact.patches.size());
  contact.patches.insert(contact.patches.end(), split.patches.begin(), split.patches.end());
  for (const SplitNodePair& p : split.pairs) {
    ContactPairDefinition d;
    d.x = dealii::Point<3>(p.x[0], p.x[1], p.x[2]);
    d.normal = dealii::Tensor<1, 3>({p.normal[0], p.normal[1], p.normal[2]});
    d.area = p.area;
    d.region_a = p.region_a;
    d.region_b = p.region_b;
    d.interface = index;
    d.patch = patch_offset + p.patch;
    contact.pairs.push_back(d);
  }
  log << "  [contact] " << interface.name << ": " << to_string(interface.model);
  if (interface.model == InterfaceModel::frictional)
    log << " (mu = " << interface.friction << ")";
  log << ", " << split.pairs.size() << " node pairs over " << split.n_triangles << " triangles, "
      << split.area << " mm2\n";
}

} // namespace

ProblemDefinition::ContactPairs
split_contact_interfaces(MeshData& mesh, const InterfaceSettings& settings, std::ostream& log) {
  ProblemDefinition::ContactPairs contact;
  contact.settings = settings.settings;
  // The graft in a mesh cage's lumen bears on the endplates beside the cage's rim, so it takes
  // the endcap interface's model: morselised graft pushes and rubs but cannot pull on the bone
  // (a contact pair's own patch, "graft", keeps it out of the endcap metrics).
  add_interface(
      mesh, settings.endcaps,
      [](const std::string& r) { return r.rfind("implant/", 0) == 0 || r == "graft"; }, contact,
      log);
  add_interface(
      mesh, settings.screws, [](const std::string& r) { return r.rfind("screw_", 0) == 0; },
      contact, log);
  return contact;
}

ProblemDefinition::ContactPairs broadcast_contact(const MPI_Comm comm,
                                                  const ProblemDefinition::ContactPairs& contact,
                                                  const unsigned int root) {
  // Strings and numbers travel separately: 12 numbers per pair, 3 per interface, 4 settings.
  std::vector<std::string> names = contact.patches;
  std::vector<double> numbers = {contact.settings.penalty_factor,
                                 contact.settings.tolerance,
                                 contact.settings.stabilisation,
                                 static_cast<double>(contact.settings.max_iterations),
                                 static_cast<double>(contact.patches.size()),
                                 static_cast<double>(contact.interfaces.size())};
  for (const auto& i : contact.interfaces) {
    names.push_back(i.name);
    numbers.insert(numbers.end(), {static_cast<double>(i.model), i.friction});
  }
  for (const auto& p : contact.pairs)
    numbers.insert(numbers.end(),
                   {p.x[0], p.x[1], p.x[2], p.normal[0], p.normal[1], p.normal[2], p.area,
                    p.initial_gap, static_cast<double>(p.region_a), static_cast<double>(p.region_b),
                    static_cast<double>(p.interface), static_cast<double>(p.patch)});
  names = dealii::Utilities::MPI::broadcast(comm, names, root);
  numbers = dealii::Utilities::MPI::broadcast(comm, numbers, root);

  ProblemDefinition::ContactPairs out;
  out.settings.penalty_factor = numbers[0];
  out.settings.tolerance = numbers[1];
  out.settings.stabilisation = numbers[2];
  out.settings.max_iterations = static_cast<unsigned int>(numbers[3]);
  const auto n_patches = static_cast<std::size_t>(numbers[4]);
  const auto n_interfaces = static_cast<std::size_t>(numbers[5]);
  out.patches.assign(names.begin(), names.begin() + n_patches);
  std::size_t next = 6;
  for (std::size_t i = 0; i < n_interfaces; ++i, next += 2)
    out.interfaces.push_back({names[n_patches + i],
                              static_cast<InterfaceModel>(static_cast<int>(numbers[next])),
                              numbers[next + 1]});
  for (; next + 12 <= numbers.size(); next += 12) {
    const double* v = &numbers[next];
    ContactPairDefinition p;
    p.x = dealii::Point<3>(v[0], v[1], v[2]);
    p.normal = dealii::Tensor<1, 3>({v[3], v[4], v[5]});
    p.area = v[6];
    p.initial_gap = v[7];
    p.region_a = static_cast<unsigned int>(v[8]);
    p.region_b = static_cast<unsigned int>(v[9]);
    p.interface = static_cast<unsigned int>(v[10]);
    p.patch = static_cast<unsigned int>(v[11]);
    out.pairs.push_back(p);
  }
  return out;
}

} // namespace spinefe
