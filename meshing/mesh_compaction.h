// Collects nodes and elements under their file ids, then builds a compact MeshData that keeps only
// the nodes the tetrahedra use. Shared by the gmsh and Abaqus readers.
#pragma once

#include "meshing/mesh_data.h"

#include <array>
#include <cstddef>
#include <unordered_map>
#include <vector>

namespace spinefe {

class RawMesh {
public:
  explicit RawMesh(MeshData& target) : mesh_(target) {}

  void add_node(std::size_t id, const std::array<double, 3>& x);
  /// `location` is used in messages ("file:line" or the mesh source).
  void add_tet(std::size_t element_id, const std::array<std::size_t, 4>& corners,
               unsigned int region, const std::string& location = "");
  void add_triangle(const std::array<std::size_t, 3>& corners, unsigned int surface,
                    const std::string& location = "");
  /// Counts mid-side nodes that lie off their edge's midpoint (curved edges, made straight).
  void check_mid_nodes(const std::array<std::size_t, 4>& corners,
                       const std::array<std::size_t, 6>& mids);
  bool has_node(std::size_t id) const { return node_index_.count(id) != 0; }

  /// Compacts, checks and orients the mesh (see check_and_orient).
  void finish();

private:
  unsigned int node(std::size_t id, const std::string& location) const;

  MeshData& mesh_;
  std::vector<std::array<double, 3>> all_nodes_;
  std::unordered_map<std::size_t, unsigned int> node_index_;
  std::unordered_map<std::size_t, unsigned int> element_region_;
};

} // namespace spinefe
