// Splits a conforming mesh along the interface between two groups of regions, so that the two
// sides can be joined by contact instead of shared nodes (solver/contact_law.h).
//
// The interface is every triangle shared by a tetrahedron of side a (bone) and one of side b
// (implant). Each of its nodes is duplicated: the tetrahedra of side b (and the named triangles
// that are faces of side b only) take the copy, all other cells keep the original. Each node
// gives one pair (original, copy) at the same point, with
//   area   A = sum over its interface triangles of its patch (below) of (triangle area) / 3:
//          the node's share of a uniform pressure with linear (P1) elements, so that pressure =
//          force / A is exact for a uniform pressure (contact patch test). A node on the border
//          of a named surface and an unnamed part (a mesh cage's ring and the graft in its lumen)
//          counts the named triangles only, so the named surface's pairs cover its own area;
//   normal n = the area-weighted mean of the triangles' unit normals, pointing out of side a
//          (from the bone into the implant), normalised;
//   patch  the named surface that holds one of its interface triangles (e.g.
//          "interface/T12_inferior"), else the region name of the side-b cell: the group the
//          pair is reported in.
#pragma once

#include "meshing/mesh_data.h"

#include <array>
#include <string>
#include <vector>

namespace spinefe {

struct SplitNodePair {
  std::array<double, 3> x = {0, 0, 0};      ///< mm
  std::array<double, 3> normal = {0, 0, 0}; ///< unit, out of side a
  double area = 0;                          ///< tributary area, mm^2
  unsigned int node_a = 0, node_b = 0;      ///< original node (side a), its copy (side b)
  unsigned int region_a = 0, region_b = 0;  ///< region of a cell on each side at the node
  unsigned int patch = 0;                   ///< index into SplitInterface::patches
};

struct SplitInterface {
  std::vector<SplitNodePair> pairs;
  std::vector<std::string> patches;
  unsigned int n_triangles = 0; ///< interface triangles
  double area = 0;              ///< their total area, mm^2
};

/// Splits `mesh` between the regions `side_a` and `side_b` (region indices; disjoint) and returns
/// the node pairs. An empty interface gives no pairs and leaves the mesh unchanged. Throws an
/// InputError naming the mesh if a node's triangle normals cancel (a knife edge).
SplitInterface split_interface(MeshData& mesh, const std::vector<unsigned int>& side_a,
                               const std::vector<unsigned int>& side_b);

} // namespace spinefe
