#include "meshing/triangulation_builder.h"

#include "core/input_error.h"

#include <deal.II/grid/grid_tools.h>

#include <algorithm>
#include <map>

namespace spinefe {

namespace {
using FaceKey = std::array<unsigned int, 3>;

FaceKey sorted(FaceKey f) {
  std::sort(f.begin(), f.end());
  return f;
}

/// How many tetrahedra share each face: 1 = boundary, 2 = interior.
std::map<FaceKey, unsigned int> count_tet_faces(const MeshData& mesh) {
  static constexpr int faces[4][3] = {{0, 1, 2}, {0, 1, 3}, {0, 2, 3}, {1, 2, 3}};
  std::map<FaceKey, unsigned int> count;
  for (const auto& t : mesh.tets)
    for (const auto& f : faces)
      ++count[sorted({t[f[0]], t[f[1]], t[f[2]]})];
  return count;
}

} // namespace

SurfaceTopology analyse_surfaces(const MeshData& mesh) {
  SurfaceTopology topology;
  auto& surface_of = topology.boundary_facets;
  const auto count = count_tet_faces(mesh);
  for (std::size_t i = 0; i < mesh.triangles.size(); ++i) {
    const FaceKey key = sorted(mesh.triangles[i]);
    const unsigned int s = mesh.triangle_surface[i];
    const auto it = count.find(key);
    if (it == count.end())
      throw InputError(mesh.source, "a facet of surface '" + mesh.surface_names[s] +
                                        "' is not a face of any tetrahedron (non-conforming mesh)");
    if (it->second != 1)
      continue; // interior facet: an interface between two regions
    const auto [previous, inserted] = surface_of.emplace(key, s);
    if (!inserted && previous->second != s)
      throw InputError(mesh.source, "a boundary facet belongs to both surface '" +
                                        mesh.surface_names[previous->second] + "' and '" +
                                        mesh.surface_names[s] +
                                        "'; boundary conditions would be ambiguous");
    topology.boundary_surfaces.insert(s);
  }
  for (unsigned int s = 0; s < mesh.surface_names.size(); ++s)
    if (!topology.boundary_surfaces.count(s))
      topology.interior_surfaces.insert(s);
  return topology;
}

void build_triangulation(const MeshData& mesh, dealii::Triangulation<3>& tria) {
  build_triangulation(mesh, analyse_surfaces(mesh), tria);
}

void build_triangulation(const MeshData& mesh, const SurfaceTopology& topology,
                         dealii::Triangulation<3>& tria) {
  std::vector<dealii::Point<3>> vertices;
  vertices.reserve(mesh.nodes.size());
  for (const auto& x : mesh.nodes)
    vertices.emplace_back(x[0], x[1], x[2]);

  std::vector<dealii::CellData<3>> cells(mesh.tets.size(), dealii::CellData<3>(4));
  for (std::size_t t = 0; t < mesh.tets.size(); ++t) {
    cells[t].vertices.assign(mesh.tets[t].begin(), mesh.tets[t].end());
    cells[t].material_id = mesh.tet_region[t];
  }
  dealii::SubCellData boundary;
  for (const auto& [face, s] : topology.boundary_facets) {
    dealii::CellData<2> facet(3);
    facet.vertices.assign(face.begin(), face.end());
    facet.boundary_id = surface_boundary_id(s);
    boundary.boundary_quads.push_back(facet);
  }
  tria.create_triangulation(vertices, cells, boundary);
}

} // namespace spinefe
