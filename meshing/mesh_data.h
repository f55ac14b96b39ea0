// A tetrahedral mesh with named volume regions and named surfaces, as read from a file or made by
// a generator, before it becomes a deal.II triangulation. Node coordinates are in mm.
//
// Only the 4 corner nodes of each tetrahedron are kept: spinefe builds straight-sided cells and
// places its own P1 or P2 nodes, so a C3D10 or 10-node gmsh mesh with curved edges is treated as
// straight-sided (`n_curved_edges_dropped` counts mid-side nodes that were off the chord).
#pragma once

#include <array>
#include <string>
#include <vector>

namespace spinefe {

struct MeshData {
  std::string source; ///< file name or generator name, for messages

  std::vector<std::array<double, 3>> nodes;
  std::vector<std::array<unsigned int, 4>> tets; ///< indices into `nodes`
  std::vector<unsigned int> tet_region;          ///< index into `region_names`
  std::vector<std::string> region_names;

  std::vector<std::array<unsigned int, 3>> triangles; ///< named surface facets
  std::vector<unsigned int> triangle_surface;         ///< index into `surface_names`
  std::vector<std::string> surface_names;

  unsigned int n_curved_edges_dropped = 0;

  unsigned int add_region(const std::string& name); ///< existing index or a new one
  unsigned int add_surface(const std::string& name);
};

/// Checks sizes, indices, and that no tetrahedron is degenerate; throws an InputError naming the
/// mesh source and the first bad element otherwise. Re-orients negatively oriented tetrahedra.
void check_and_orient(MeshData& mesh);

/// Signed volume of tetrahedron `t` (positive for right-handed corner order), mm^3.
double signed_volume(const MeshData& mesh, unsigned int t);

} // namespace spinefe
