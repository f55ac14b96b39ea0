#include "postprocess/interface_facets.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>

namespace spinefe {

using namespace dealii;

InterfaceFacets interface_facets(const MeshData& mesh, const std::string& surface) {
  const auto it = std::find(mesh.surface_names.begin(), mesh.surface_names.end(), surface);
  if (it == mesh.surface_names.end())
    throw InputError(mesh.source, "no surface '" + surface +
                                      "' in the mesh, which is needed for the interface stress");
  const auto s = static_cast<unsigned int>(it - mesh.surface_names.begin());
  InterfaceFacets facets;
  facets.name = surface;
  for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
    if (mesh.triangle_surface[t] != s)
      continue;
    std::array<Point<3>, 3> corners;
    for (unsigned int v = 0; v < 3; ++v) {
      const auto& x = mesh.nodes[mesh.triangles[t][v]];
      corners[v] = Point<3>(x[0], x[1], x[2]);
    }
    facets.triangles.push_back(corners);
  }
  if (facets.triangles.empty())
    throw InputError(mesh.source, "surface '" + surface + "' has no facets");
  return facets;
}

InterfaceFacets broadcast(const MPI_Comm comm, const InterfaceFacets& facets,
                          const unsigned int root) {
  // Flattened to 9 doubles per triangle: plain vectors need no serialisation support.
  std::vector<double> flat;
  flat.reserve(9 * facets.triangles.size());
  for (const auto& t : facets.triangles)
    for (const auto& x : t)
      for (unsigned int d = 0; d < 3; ++d)
        flat.push_back(x[d]);
  InterfaceFacets out;
  out.name = Utilities::MPI::broadcast(comm, facets.name, root);
  flat = Utilities::MPI::broadcast(comm, flat, root);
  out.triangles.resize(flat.size() / 9);
  for (std::size_t t = 0; t < out.triangles.size(); ++t)
    for (unsigned int v = 0; v < 3; ++v)
      out.triangles[t][v] =
          Point<3>(flat[9 * t + 3 * v], flat[9 * t + 3 * v + 1], flat[9 * t + 3 * v + 2]);
  return out;
}

FacetGeometry facet_geometry(const InterfaceFacets& facets) {
  FacetGeometry g;
  Tensor<1, 3> first, weighted_normal, moment;
  for (const auto& t : facets.triangles) {
    const Tensor<1, 3> twice_area_normal = cross_product_3d(t[1] - t[0], t[2] - t[0]);
    const double area = 0.5 * twice_area_normal.norm();
    if (first.norm_square() == 0)
      first = twice_area_normal;
    weighted_normal += (twice_area_normal * first < 0 ? -0.5 : 0.5) * twice_area_normal;
    g.area += area;
    moment += area * (t[0] + t[1] + t[2]) / 3.0;
  }
  if (!(g.area > 0))
    throw InputError(facets.name, "interface '" + facets.name + "' has no area");
  g.centroid = Point<3>(moment / g.area);
  g.normal = weighted_normal / weighted_normal.norm();
  return g;
}

FacetKey facet_key(const std::array<Point<3>, 3>& corners) {
  FacetKey key;
  for (unsigned int v = 0; v < 3; ++v)
    for (unsigned int d = 0; d < 3; ++d)
      key[v][d] = std::llround(corners[v][d] * 1e9);
  std::sort(key.begin(), key.end());
  return key;
}

std::set<FacetKey> facet_keys(const InterfaceFacets& facets) {
  std::set<FacetKey> keys;
  for (const auto& t : facets.triangles)
    keys.insert(facet_key(t));
  return keys;
}

std::vector<CellFace> faces_on(const DoFHandler<3>& dof_handler, const InterfaceFacets& facets,
                               const std::vector<unsigned int>& regions) {
  const std::set<FacetKey> keys = facet_keys(facets);
  const std::set<unsigned int> in_regions(regions.begin(), regions.end());
  std::vector<CellFace> faces;
  for (const auto& cell : dof_handler.active_cell_iterators()) {
    if (!cell->is_locally_owned() || in_regions.count(cell->material_id()) == 0)
      continue;
    for (const unsigned int f : cell->face_indices()) {
      const auto face = cell->face(f);
      if (face->n_vertices() != 3)
        continue;
      const std::array<Point<3>, 3> corners = {face->vertex(0), face->vertex(1), face->vertex(2)};
      if (keys.count(facet_key(corners)) == 0)
        continue;
      // Both sides in the region set: take the face once, from the smaller CellId.
      if (!cell->at_boundary(f)) {
        const auto other = cell->neighbor(f);
        if (in_regions.count(other->material_id()) != 0 && other->id() < cell->id())
          continue;
      }
      faces.emplace_back(cell, f);
    }
  }
  return faces;
}

} // namespace spinefe
