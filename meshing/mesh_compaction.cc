#include "meshing/mesh_compaction.h"

#include "core/input_error.h"

#include <cmath>
#include <limits>

namespace spinefe {

void RawMesh::add_node(const std::size_t id, const std::array<double, 3>& x) {
  node_index_[id] = static_cast<unsigned int>(all_nodes_.size());
  all_nodes_.push_back(x);
}

unsigned int RawMesh::node(const std::size_t id, const std::string& location) const {
  const auto it = node_index_.find(id);
  if (it == node_index_.end())
    throw InputError(location.empty() ? mesh_.source : location,
                     "element refers to node " + std::to_string(id) + ", which is not defined");
  return it->second;
}

void RawMesh::add_tet(const std::size_t element_id, const std::array<std::size_t, 4>& corners,
                      const unsigned int region, const std::string& location) {
  const auto [it, inserted] = element_region_.emplace(element_id, region);
  if (!inserted && it->second != region)
    throw InputError(location.empty() ? mesh_.source : location,
                     "element " + std::to_string(element_id) + " belongs to two regions, '" +
                         mesh_.region_names[it->second] + "' and '" + mesh_.region_names[region] +
                         "'; every element needs exactly one material region");
  if (!inserted)
    return;
  std::array<unsigned int, 4> tet;
  for (unsigned int k = 0; k < 4; ++k)
    tet[k] = node(corners[k], location);
  mesh_.tets.push_back(tet);
  mesh_.tet_region.push_back(region);
}

void RawMesh::add_triangle(const std::array<std::size_t, 3>& corners, const unsigned int surface,
                           const std::string& location) {
  std::array<unsigned int, 3> tri;
  for (unsigned int k = 0; k < 3; ++k)
    tri[k] = node(corners[k], location);
  mesh_.triangles.push_back(tri);
  mesh_.triangle_surface.push_back(surface);
}

void RawMesh::check_mid_nodes(const std::array<std::size_t, 4>& corners,
                              const std::array<std::size_t, 6>& mids) {
  // Whatever the vendor's edge order, a straight edge's mid node is the midpoint of two corners.
  for (const std::size_t mid : mids) {
    const auto& m = all_nodes_[node(mid, "")];
    double best = std::numeric_limits<double>::max(), scale = 0;
    for (unsigned int a = 0; a < 4; ++a)
      for (unsigned int b = a + 1; b < 4; ++b) {
        const auto& pa = all_nodes_[node(corners[a], "")];
        const auto& pb = all_nodes_[node(corners[b], "")];
        double d2 = 0, l2 = 0;
        for (unsigned int d = 0; d < 3; ++d) {
          d2 += std::pow(m[d] - 0.5 * (pa[d] + pb[d]), 2);
          l2 += std::pow(pa[d] - pb[d], 2);
        }
        best = std::min(best, d2);
        scale = std::max(scale, l2);
      }
    if (best > 1e-12 * scale)
      ++mesh_.n_curved_edges_dropped;
  }
}

void RawMesh::finish() {
  constexpr unsigned int unused = std::numeric_limits<unsigned int>::max();
  std::vector<unsigned int> new_index(all_nodes_.size(), unused);
  for (auto& tet : mesh_.tets)
    for (auto& v : tet) {
      if (new_index[v] == unused) {
        new_index[v] = static_cast<unsigned int>(mesh_.nodes.size());
        mesh_.nodes.push_back(all_nodes_[v]);
      }
      v = new_index[v];
    }
  for (auto& tri : mesh_.triangles)
    for (auto& v : tri) {
      if (new_index[v] == unused)
        throw InputError(mesh_.source, "a facet of a named surface does not lie on any "
                                       "tetrahedron; the surface and volume meshes do not match");
      v = new_index[v];
    }
  check_and_orient(mesh_);
}

} // namespace spinefe
