#include "mechanics/ligament_springs.h"

#include <deal.II/base/mpi.h>

#include <filesystem>
#include <map>
#include <tuple>

namespace spinefe {

namespace {

/// Indices of the regions of vertebra `level` ("T11/cortical", "T11/posterior", ...).
std::vector<unsigned int> regions_of(const std::string& level,
                                     const std::vector<std::string>& region_names) {
  std::vector<unsigned int> ids;
  for (unsigned int r = 0; r < region_names.size(); ++r)
    if (region_names[r].rfind(level + "/", 0) == 0)
      ids.push_back(r);
  return ids;
}

} // namespace

std::vector<SpringDefinition> ligament_springs(const std::vector<LigamentFibre>& fibres,
                                               const LigamentTable& table,
                                               const std::vector<std::string>& region_names) {
  // Fibres per ligament and segment share its cross-section.
  std::map<std::tuple<std::string, std::string, std::string>, unsigned int> n_fibres;
  for (const LigamentFibre& f : fibres)
    ++n_fibres[{f.ligament, f.upper, f.lower}];
  std::vector<SpringDefinition> springs;
  for (const LigamentFibre& f : fibres) {
    const LigamentProperties& p = table.get(f.ligament);
    // The fibre's zero-force length exceeds the distance between its attachments by its slack;
    // the table's strains and moduli refer to that length.
    const double rest_length = f.length() * (1 + p.slack_strain);
    const double share = p.area / n_fibres.at({f.ligament, f.upper, f.lower});
    SpringDefinition s;
    s.name = f.name;
    s.a = dealii::Point<3>(f.upper_point.x(), f.upper_point.y(), f.upper_point.z());
    s.b = dealii::Point<3>(f.lower_point.x(), f.lower_point.y(), f.lower_point.z());
    s.stiffness_small = p.modulus_small * share / rest_length;
    s.stiffness_large = p.modulus_large * share / rest_length;
    s.transition_elongation = p.transition_strain * rest_length;
    s.slack_elongation = rest_length - f.length();
    s.response = SpringResponse::tension_only;
    if (!region_names.empty()) {
      s.regions_a = regions_of(f.upper, region_names);
      s.regions_b = regions_of(f.lower, region_names);
    }
    springs.push_back(s);
  }
  return springs;
}

std::vector<SpringDefinition> broadcast_springs(const MPI_Comm comm,
                                                const std::vector<SpringDefinition>& springs,
                                                const unsigned int root) {
  // Names and numbers travel separately: 15 numbers per spring (a, b, k1, k2, delta_t, the
  // response, whether a direction is set, the direction, delta_s), so that the facet joints' gap
  // elements (mechanics/facet_springs.h) travel the same way.
  std::vector<std::string> names;
  std::vector<double> numbers;
  std::vector<unsigned int> regions; // per spring: count, ids of end a; count, ids of end b
  for (const SpringDefinition& s : springs) {
    names.push_back(s.name);
    for (const auto* ids : {&s.regions_a, &s.regions_b}) {
      regions.push_back(static_cast<unsigned int>(ids->size()));
      regions.insert(regions.end(), ids->begin(), ids->end());
    }
    for (unsigned int d = 0; d < 3; ++d)
      numbers.push_back(s.a[d]);
    for (unsigned int d = 0; d < 3; ++d)
      numbers.push_back(s.b[d]);
    numbers.insert(numbers.end(), {s.stiffness_small, s.stiffness_large, s.transition_elongation,
                                   static_cast<double>(s.response), s.direction ? 1.0 : 0.0});
    for (unsigned int d = 0; d < 3; ++d)
      numbers.push_back(s.direction ? (*s.direction)[d] : 0.0);
    numbers.push_back(s.slack_elongation);
  }
  names = dealii::Utilities::MPI::broadcast(comm, names, root);
  numbers = dealii::Utilities::MPI::broadcast(comm, numbers, root);
  regions = dealii::Utilities::MPI::broadcast(comm, regions, root);
  std::vector<SpringDefinition> out(names.size());
  std::size_t next = 0;
  for (auto& s : out)
    for (auto* ids : {&s.regions_a, &s.regions_b}) {
      const unsigned int n = regions[next++];
      ids->assign(regions.begin() + next, regions.begin() + next + n);
      next += n;
    }
  for (std::size_t i = 0; i < names.size(); ++i) {
    const double* x = &numbers[15 * i];
    out[i].name = names[i];
    out[i].a = dealii::Point<3>(x[0], x[1], x[2]);
    out[i].b = dealii::Point<3>(x[3], x[4], x[5]);
    out[i].stiffness_small = x[6];
    out[i].stiffness_large = x[7];
    out[i].transition_elongation = x[8];
    out[i].response = static_cast<SpringResponse>(static_cast<int>(x[9]));
    if (x[10] != 0)
      out[i].direction = dealii::Tensor<1, 3>({x[11], x[12], x[13]});
    out[i].slack_elongation = x[14];
  }
  return out;
}

} // namespace spinefe
