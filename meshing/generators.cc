#include "meshing/generators.h"

#include "core/input_error.h"
#include "meshing/gmsh_reader.h"
#include "meshing/gmsh_session.h"

#include <gmsh.h>

#include <cmath>

namespace spinefe {

namespace occ = gmsh::model::occ;

namespace {

// OpenCASCADE pads bounding boxes by ~1e-5 mm; selections use a tolerance well above that and
// far below any feature size.
constexpr double tol = 1e-3;

/// Surfaces whose bounding box lies inside the given box.
std::vector<int> surfaces_in(double x0, double y0, double z0, double x1, double y1, double z1) {
  gmsh::vectorpair tags;
  gmsh::model::getEntitiesInBoundingBox(x0 - tol, y0 - tol, z0 - tol, x1 + tol, y1 + tol, z1 + tol,
                                        tags, 2);
  std::vector<int> result;
  for (const auto& t : tags)
    result.push_back(t.second);
  return result;
}

void name_surface(const std::vector<int>& tags, const std::string& name) {
  if (tags.empty())
    throw InputError("generator", "internal: no surface found for '" + name + "'");
  const int group = gmsh::model::addPhysicalGroup(2, tags);
  gmsh::model::setPhysicalName(2, group, name);
}

void name_volume(const std::vector<int>& tags, const std::string& name) {
  const int group = gmsh::model::addPhysicalGroup(3, tags);
  gmsh::model::setPhysicalName(3, group, name);
}

MeshData mesh_current_model(const GmshSession& session, const std::string& name, double size) {
  gmsh::option::setNumber("Mesh.MeshSizeMax", size);
  gmsh::option::setNumber("Mesh.MeshSizeMin", 0.1 * size);
  gmsh::option::setNumber("Mesh.Algorithm3D", 1); // Delaunay: reproducible node for node
  gmsh::option::setNumber("General.NumThreads", 1);
  gmsh::model::mesh::generate(3);
  session.throw_on_gmsh_error(name);
  return mesh_from_gmsh_model(name);
}

std::vector<int> all_volumes() {
  gmsh::vectorpair v;
  gmsh::model::getEntities(v, 3);
  std::vector<int> tags;
  for (const auto& p : v)
    tags.push_back(p.second);
  return tags;
}

} // namespace

MeshData layered_box(const double lx, const double ly, const double lz,
                     const std::vector<double>& z_cuts, const std::vector<std::string>& layer_names,
                     const double mesh_size) {
  if (layer_names.size() != z_cuts.size() + 1)
    throw InputError("layered_box", "need one layer name more than cut levels");
  GmshSession session;
  gmsh::model::add("layered_box");
  std::vector<double> z = {0.0};
  z.insert(z.end(), z_cuts.begin(), z_cuts.end());
  z.push_back(lz);
  gmsh::vectorpair layers;
  for (std::size_t i = 0; i + 1 < z.size(); ++i)
    layers.emplace_back(3, occ::addBox(0, 0, z[i], lx, ly, z[i + 1] - z[i]));
  if (layers.size() > 1) { // fragment makes the layer interfaces conforming
    gmsh::vectorpair out;
    std::vector<gmsh::vectorpair> out_map;
    occ::fragment(layers, {}, out, out_map);
  }
  occ::synchronize();
  for (std::size_t i = 0; i < layer_names.size(); ++i) {
    gmsh::vectorpair inside;
    gmsh::model::getEntitiesInBoundingBox(-tol, -tol, z[i] - tol, lx + tol, ly + tol,
                                          z[i + 1] + tol, inside, 3);
    std::vector<int> tags;
    for (const auto& p : inside)
      tags.push_back(p.second);
    name_volume(tags, layer_names[i]);
  }
  name_surface(surfaces_in(0, 0, 0, 0, ly, lz), "xmin");
  name_surface(surfaces_in(lx, 0, 0, lx, ly, lz), "xmax");
  name_surface(surfaces_in(0, 0, 0, lx, 0, lz), "ymin");
  name_surface(surfaces_in(0, ly, 0, lx, ly, lz), "ymax");
  name_surface(surfaces_in(0, 0, 0, lx, ly, 0), "bottom");
  name_surface(surfaces_in(0, 0, lz, lx, ly, lz), "top");
  return mesh_current_model(session, "layered_box", mesh_size);
}

MeshData quarter_cylinder(const double a, const double b, const double length,
                          const double mesh_size) {
  GmshSession session;
  gmsh::model::add("quarter_cylinder");
  const int outer = occ::addCylinder(0, 0, 0, 0, 0, length, b, -1, M_PI / 2);
  const int inner = occ::addCylinder(0, 0, 0, 0, 0, length, a, -1, M_PI / 2);
  gmsh::vectorpair out;
  std::vector<gmsh::vectorpair> out_map;
  occ::cut({{3, outer}}, {{3, inner}}, out, out_map);
  occ::synchronize();
  name_volume(all_volumes(), "wall");
  name_surface(surfaces_in(0, a, 0, 0, b, length), "symmetry_x");
  name_surface(surfaces_in(a, 0, 0, b, 0, length), "symmetry_y");
  name_surface(surfaces_in(0, 0, 0, b, b, 0), "end_bottom");
  name_surface(surfaces_in(0, 0, length, b, b, length), "end_top");
  name_surface(surfaces_in(0, 0, 0, a, a, length), "inner");
  // The outer surface is the one left: its bounding box reaches b in x and y.
  std::vector<int> outer_faces;
  for (const int s : surfaces_in(0, 0, 0, b, b, length)) {
    double x0, y0, z0, x1, y1, z1;
    gmsh::model::getBoundingBox(2, s, x0, y0, z0, x1, y1, z1);
    if (x1 > b - 1e-3 && y1 > b - 1e-3 && z1 - z0 > 0.5 * length)
      outer_faces.push_back(s);
  }
  name_surface(outer_faces, "outer");
  return mesh_current_model(session, "quarter_cylinder", mesh_size);
}

MeshData nafems_le10_plate(const double mesh_size) {
  GmshSession session;
  gmsh::model::add("nafems_le10");
  // Elliptic cylinders from scaled circular disks extruded in z, one per half thickness.
  auto elliptic_slab = [](double rx, double ry, double z0, double h) {
    const int disk = occ::addDisk(0, 0, z0, rx, ry);
    gmsh::vectorpair out;
    occ::extrude({{2, disk}}, 0, 0, h, out);
    return out[1].second; // the volume
  };
  gmsh::vectorpair halves;
  for (const double z0 : {-300.0, 0.0}) {
    const int outer = elliptic_slab(3250, 2750, z0, 300);
    const int inner = elliptic_slab(2000, 1000, z0, 300);
    const int quadrant = occ::addBox(0, 0, z0, 4000, 4000, 300);
    gmsh::vectorpair ring, piece;
    std::vector<gmsh::vectorpair> map;
    occ::cut({{3, outer}}, {{3, inner}}, ring, map);
    occ::intersect(ring, {{3, quadrant}}, piece, map);
    halves.insert(halves.end(), piece.begin(), piece.end());
  }
  gmsh::vectorpair out;
  std::vector<gmsh::vectorpair> out_map;
  occ::fragment({halves[0]}, {halves[1]}, out, out_map);
  occ::synchronize();
  name_volume(all_volumes(), "plate");
  name_surface(surfaces_in(0, 0, 300, 3250, 2750, 300), "top");
  name_surface(surfaces_in(0, 0, -300, 3250, 2750, -300), "bottom");
  name_surface(surfaces_in(0, 0, -300, 0, 2750, 300), "symmetry_x");
  name_surface(surfaces_in(0, 0, -300, 3250, 0, 300), "symmetry_y");
  name_surface(surfaces_in(0, 0, -300, 2000, 1000, 300), "inner");
  std::vector<int> lower, upper;
  for (const int s : surfaces_in(0, 0, -300, 3250, 2750, 300)) {
    double x0, y0, z0, x1, y1, z1;
    gmsh::model::getBoundingBox(2, s, x0, y0, z0, x1, y1, z1);
    if (x1 > 3250 - 1 && y1 > 2750 - 1 && z1 - z0 > 299)
      (z0 < -1 ? lower : upper).push_back(s);
  }
  name_surface(lower, "outer_lower");
  name_surface(upper, "outer_upper");
  return mesh_current_model(session, "nafems_le10", mesh_size);
}

} // namespace spinefe
