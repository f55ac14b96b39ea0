#include "meshing/spine_model.h"

#include "core/input_error.h"
#include "meshing/gmsh_reader.h"
#include "meshing/gmsh_session.h"
#include "meshing/implant_geometry.h"
#include "meshing/occ_tools.h"
#include "meshing/spine_assembly.h"
#include "meshing/spine_mesh_sizes.h"
#include "meshing/vertebra_geometry.h"

#include <cctype>
#include <chrono>
#include <ostream>

namespace spinefe {

namespace ot = occ_tools;
namespace occ = gmsh::model::occ;

namespace {

// Priorities decide who keeps a shared piece (spine_assembly.h): implants over bone, inner bone
// regions over the body envelope, bone over PMMA.
enum Priority {
  pot = 10,
  posterior = 30,
  cortical = 40,
  annulus = 45,
  nucleus = 50,
  cancellous = 55,
  endplate = 60,
  implant = 80,
  tulip = 90,
  rod = 95,
  screw = 100
};

std::map<std::string, bool> present_levels(const SpineLayout& layout, const SpineModelSpec& spec) {
  std::map<std::string, bool> present;
  for (const auto& v : layout.vertebrae)
    present[v.anatomy->name] = !(spec.surgery == Surgery::corpectomy && v.anatomy->name == "L1");
  return present;
}

void add_vertebra_parts(const std::string& level, const VertebraSolids& v,
                        std::vector<Part>& parts) {
  parts.push_back({level + "/cortical", cortical, level, PartKind::bone, {v.body}});
  parts.push_back({level + "/cancellous", cancellous, level, PartKind::bone, {v.core}});
  parts.push_back(
      {level + "/endplate_inferior", endplate, level, PartKind::bone, {v.endplate_inferior}});
  parts.push_back(
      {level + "/endplate_superior", endplate, level, PartKind::bone, {v.endplate_superior}});
  parts.push_back({level + "/posterior", posterior, level, PartKind::bone, v.posterior});
}

/// Bounding box of solids: {xmin, ymin, zmin, xmax, ymax, zmax}.
std::array<double, 6> bounding_box(const ot::Tags& solids) {
  std::array<double, 6> box = {1e30, 1e30, 1e30, -1e30, -1e30, -1e30};
  for (const int s : solids) {
    double b[6];
    occ::getBoundingBox(3, s, b[0], b[1], b[2], b[3], b[4], b[5]);
    for (int k = 0; k < 3; ++k) {
      box[k] = std::min(box[k], b[k]);
      box[k + 3] = std::max(box[k + 3], b[k + 3]);
    }
  }
  return box;
}

/// PMMA block holding the cranial half of the top vertebra (or the caudal half of the bottom
/// one): from the body's mid-height to `margin` beyond the bone, minus clearance around the
/// instrumentation.
ot::Tags potting_block(const VertebraSolids& v, const VertebraLayout& layout, const bool top,
                       const PottingSpec& p, const std::vector<int>& clearance,
                       const std::vector<int>& screws) {
  ot::Tags bone = v.posterior;
  bone.push_back(v.body);
  const auto b = bounding_box(bone);
  // The block ends at the body's mid-height, unless that plane would pass within 1.5 mm of a
  // screw: then it ends 1.5 mm beyond the screws, so the PMMA holds less than half the body but
  // never slices a screw at a grazing angle.
  double mid = layout.body_centre().z();
  const double m = p.margin;
  for (const int s : screws) {
    double x0, y0, z0, x1, y1, z1;
    occ::getBoundingBox(3, s, x0, y0, z0, x1, y1, z1);
    if (mid > z0 - 1.5 && mid < z1 + 1.5)
      mid = top ? z1 + 1.5 : z0 - 1.5;
  }
  const double z0 = top ? mid : b[2] - m, z1 = top ? b[5] + m : mid;
  const int block =
      occ::addBox(b[0] - m, b[1] - m, z0, b[3] - b[0] + 2 * m, b[4] - b[1] + 2 * m, z1 - z0);
  // The screws (not the bone) are carved out of the block here: left to the assembly, the
  // block's inner face would slice the screws at mid-body. Bone overlapping the block is left to
  // the assembly, where bone outranks PMMA; carving bone here would create a second copy of its
  // faces that the assembly cannot always merge.
  ot::Tags tools = clearance;
  return ot::cut({block}, tools);
}

std::vector<int> surfaces_of(const std::vector<int>& volumes) {
  gmsh::vectorpair in, out;
  for (const int v : volumes)
    in.emplace_back(3, v);
  gmsh::model::getBoundary(in, out, false, false, false);
  std::vector<int> tags;
  for (const auto& [dim, tag] : out)
    if (std::find(tags.begin(), tags.end(), tag) == tags.end())
      tags.push_back(tag);
  return tags;
}

/// Boundary faces of `volumes` whose centre lies in the plane z = z0 of `frame` (within 1e-3 mm)
/// and inside the rectangle |x| < hx, |y| < hy around `centre` (frame coordinates).
std::vector<int> faces_in_plane(const std::vector<int>& volumes, const Frame& frame,
                                const double z0, const double hx = 1e9, const double hy = 1e9) {
  std::vector<int> faces;
  for (const int s : surfaces_of(volumes)) {
    double x, y, z;
    occ::getCenterOfMass(2, s, x, y, z);
    const Vec3 local = frame.to_local(Vec3(x, y, z));
    if (std::abs(local.z() - z0) < 1e-3 && std::abs(local.x()) < hx && std::abs(local.y()) < hy)
      faces.push_back(s);
  }
  return faces;
}

void name_surface(const std::vector<int>& faces, const std::string& name) {
  if (faces.empty())
    throw InputError("spine geometry", "internal: no face found for surface '" + name + "'");
  gmsh::model::setPhysicalName(2, gmsh::model::addPhysicalGroup(2, faces), name);
}

const std::vector<int>& region(const std::vector<std::pair<std::string, std::vector<int>>>& regions,
                               const std::string& name) {
  for (const auto& r : regions)
    if (r.first == name)
      return r.second;
  throw InputError("spine geometry", "internal: no region '" + name + "'");
}

/// gmsh names surfaces by tag; add the regions on either side of each, so a meshing failure
/// points at anatomy ("surface 12 (T12/posterior | tulip_T12_left)").
std::string with_region_names(const std::string& message) {
  std::string out;
  std::size_t pos = 0;
  const std::string key = "surface ";
  while (true) {
    const std::size_t k = message.find(key, pos);
    if (k == std::string::npos)
      break;
    std::size_t end = k + key.size();
    while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end])))
      ++end;
    out += message.substr(pos, end - pos);
    pos = end;
    if (end == k + key.size())
      continue;
    std::vector<int> up, down;
    gmsh::model::getAdjacencies(2, std::stoi(message.substr(k + key.size(), end)), up, down);
    std::string names;
    for (const int v : up) {
      std::vector<int> groups;
      gmsh::model::getPhysicalGroupsForEntity(3, v, groups);
      for (const int g : groups) {
        std::string name;
        gmsh::model::getPhysicalName(3, g, name);
        names += (names.empty() ? "" : " | ") + name;
      }
    }
    out += " (" + names + ")";
  }
  return out + message.substr(pos);
}

} // namespace

SpineModel build_spine_model(const SpineModelSpec& spec, std::ostream* log) {
  using clock = std::chrono::steady_clock;
  const auto start = clock::now();
  auto progress = [&](const char* step) {
    if (log)
      *log << "  [mesh] " << step << " ("
           << std::chrono::duration<double>(clock::now() - start).count() << " s)\n"
           << std::flush;
  };
  const AnatomyTable table = AnatomyTable::read(
      spec.anatomy_file.empty() ? AnatomyTable::builtin_file() : spec.anatomy_file);
  const SpineLayout layout = lay_out_spine(table);
  const auto present = present_levels(layout, spec);
  const bool reconstructed = spec.surgery == Surgery::corpectomy;

  SpineModel model;
  GmshSession session;
  gmsh::model::add("spine");
  // OpenCASCADE's Booleans may use both cores; their results do not depend on it.
  gmsh::option::setNumber("Geometry.OCCParallel", 1);
  // 1. The implant first: its geometry checks need only the layout, so an impossible implant
  // fails in a second, not after the bones are built. Then bones, facet joints and discs.
  const ImplantSolids implant = reconstructed ? build_implant(spec, layout) : ImplantSolids();
  std::map<std::string, VertebraSolids> vertebrae;
  for (const auto& v : layout.vertebrae)
    if (present.at(v.anatomy->name))
      vertebrae[v.anatomy->name] = build_vertebra(v, spec.tissue);
  progress("vertebrae built");
  model.facet_joints = facet_joints(layout, spec.tissue, present);
  add_articular_processes(model.facet_joints, layout, spec.tissue, vertebrae);
  progress("articular processes built");
  std::vector<Part> parts;
  for (const auto& v : layout.vertebrae)
    if (present.at(v.anatomy->name))
      add_vertebra_parts(v.anatomy->name, vertebrae.at(v.anatomy->name), parts);
  for (unsigned int i = 0; i + 1 < layout.vertebrae.size(); ++i) {
    const auto &up = layout.vertebrae[i], &low = layout.vertebrae[i + 1];
    if (!present.at(up.anatomy->name) || !present.at(low.anatomy->name))
      continue;
    const std::string disc = "disc_" + up.anatomy->name + "_" + low.anatomy->name;
    const DiscSolids d = build_disc(up, low, spec.tissue);
    parts.push_back({disc + "/annulus", annulus, disc, PartKind::soft_tissue, {d.envelope}});
    parts.push_back({disc + "/nucleus", nucleus, disc, PartKind::soft_tissue, {d.nucleus}});
  }
  progress("bones, joints and discs built");
  // 2. Surgery: the implant in the corpectomy gap and the posterior instrumentation.
  InstrumentationSolids instrumentation;
  if (reconstructed) {
    for (const auto& [name, solid] : implant.parts)
      parts.push_back({name, Priority::implant, "implant", PartKind::implant, {solid}});
    model.superior_contact_area = implant.superior_contact_area;
    model.inferior_contact_area = implant.inferior_contact_area;
    model.gap_height = implant.gap_height;
    instrumentation = build_instrumentation(spec, layout, vertebrae);
    for (const auto& [name, solid] : instrumentation.parts) {
      const int priority = name.rfind("screw", 0) == 0 ? screw
                           : name.rfind("rod", 0) == 0 ? rod
                                                       : tulip;
      parts.push_back({name, priority, name, PartKind::implant, {solid}});
    }
    model.screws = instrumentation.screws;
  }
  progress("implants and instrumentation built");
  // 3. Potting blocks on the end vertebrae, clear of the screws and their heads and rods.
  auto screws_of = [&](const std::string& level) {
    std::vector<int> solids;
    for (const auto& [name, solid] : instrumentation.parts)
      if (name.rfind("screw_" + level + "_", 0) == 0)
        solids.push_back(solid);
    return solids;
  };
  const auto& top = layout.vertebrae.front();
  const auto& bottom = layout.vertebrae.back();
  auto clearance = [&](const std::string& level) {
    const auto it = instrumentation.pot_clearance.find(level);
    return it == instrumentation.pot_clearance.end() ? std::vector<int>() : it->second;
  };
  parts.push_back({"pot_top", pot, "pot_top", PartKind::potting,
                   potting_block(vertebrae.at(top.anatomy->name), top, true, spec.potting,
                                 clearance(top.anatomy->name), screws_of(top.anatomy->name))});
  parts.push_back(
      {"pot_bottom", pot, "pot_bottom", PartKind::potting,
       potting_block(vertebrae.at(bottom.anatomy->name), bottom, false, spec.potting,
                     clearance(bottom.anatomy->name), screws_of(bottom.anatomy->name))});
  // Clearance solids not used by a pot are construction aids only.
  for (const auto& [level, tools] : instrumentation.pot_clearance)
    if (level != top.anatomy->name && level != bottom.anatomy->name)
      ot::remove(tools);

  progress("potting built");
  // 4. One conforming assembly, with named regions and surfaces.
  const auto regions = assemble_parts(parts);
  progress("assembly fragmented");
  for (const auto& [name, volumes] : regions)
    gmsh::model::setPhysicalName(3, gmsh::model::addPhysicalGroup(3, volumes), name);
  {
    const auto b = bounding_box(region(regions, "pot_top"));
    Frame horizontal;
    name_surface(faces_in_plane(region(regions, "pot_top"), horizontal, b[5]), "pot_top/load");
    const auto c = bounding_box(region(regions, "pot_bottom"));
    name_surface(faces_in_plane(region(regions, "pot_bottom"), horizontal, c[2]),
                 "pot_bottom/fixed");
  }
  std::vector<int> implant_volumes;
  for (const auto& [name, volumes] : regions)
    if (name.rfind("implant/", 0) == 0)
      implant_volumes.insert(implant_volumes.end(), volumes.begin(), volumes.end());
  if (!implant_volumes.empty()) {
    name_surface(faces_in_plane(implant_volumes, layout.vertebra("T12").inferior, 0),
                 superior_interface_name);
    name_surface(faces_in_plane(implant_volumes, layout.vertebra("L2").superior, 0),
                 inferior_interface_name);
  }
  for (const FacetJoint& j : model.facet_joints) {
    const double w = 0.5 * j.width, h = 0.5 * j.height;
    Frame face = j.frame; // faces_in_plane tests local z: use the joint normal as z
    face.axes.col(0) = j.frame.axes.col(1);
    face.axes.col(1) = j.frame.axes.col(2);
    face.axes.col(2) = j.frame.axes.col(0);
    name_surface(faces_in_plane(region(regions, j.lower + "/posterior"), face, -0.5 * j.gap, w, h),
                 j.lower_surface());
    name_surface(faces_in_plane(region(regions, j.upper + "/posterior"), face, 0.5 * j.gap, w, h),
                 j.upper_surface());
  }
  session.throw_on_gmsh_error("spine geometry");
  model.geometry_seconds = std::chrono::duration<double>(clock::now() - start).count();

  progress("surfaces named");
  // 5. Mesh.
  const auto mesh_start = clock::now();
  set_spine_mesh_sizes(spec.sizes, regions);
  try {
    gmsh::model::mesh::generate(3);
    session.throw_on_gmsh_error("spine mesh");
  } catch (const std::string& gmsh_error) {
    throw InputError("spine mesh",
                     "gmsh could not mesh the model: " + with_region_names(gmsh_error));
  } catch (const InputError& e) {
    throw InputError(e.where(), with_region_names(e.message()));
  }
  progress("tetrahedra generated");
  model.mesh = mesh_from_gmsh_model("spine model");
  model.meshing_seconds = std::chrono::duration<double>(clock::now() - mesh_start).count();

  // 6. Landmarks for loads, ligaments and reports.
  for (const auto& v : layout.vertebrae)
    if (present.at(v.anatomy->name))
      model.body_centres[v.anatomy->name] = v.body_centre();
  model.ligaments = ligament_attachments(layout, spec.tissue, present, model.facet_joints);
  model.kyphosis_t10_l3 = sagittal_angle(top.superior, bottom.inferior);
  return model;
}

} // namespace spinefe
