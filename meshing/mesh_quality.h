// Shape quality of a tetrahedral mesh, per region and for the whole mesh, with the two measures
// gmsh reports, so that numbers printed here can be compared with gmsh's own statistics:
//
//  - SICN, the signed inverse condition number (gmsh "minSICN", Mesh.QualityType = 0). With J the
//    Jacobian of the affine map from the regular (equilateral) tetrahedron onto the element,
//        SICN = sign(det J) * 3 / (|J|_F |J^-1|_F),
//    1 for a regular tetrahedron, 0 for a flat one, negative for an inverted one. Sources: P. M.
//    Knupp, "Algebraic mesh quality metrics", SIAM J. Sci. Comput. 23 (2001) 193-218; gmsh
//    reference manual, option Mesh.QualityType.
//  - gamma, gmsh's "gamma" (Mesh.QualityType = 2) as gmsh 4.8 computes it:
//        gamma = 3 * r_in / R_circ,
//    r_in the inscribed and R_circ the circumscribed radius; 1 for a regular tetrahedron, 0 for a
//    flat one. Like gmsh's it is unsigned: orientation is judged by SICN and the signed volume.
//    Source: gmsh 4.8 Mesh/qualityMeasures.cpp, qmTetrahedron::gamma. (The manual's description
//    "vol/sum_face/max_edge" is an older definition that gmsh 4.8 no longer uses.)
//
// Both were checked against the per-element values gmsh 4.8.4 exports (Print.PostSICN,
// Print.PostGamma); see tests/unit/mesh_quality.cc.
#pragma once

#include "meshing/mesh_data.h"

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace spinefe {

/// Quality of the tetrahedra of one region. The minima and percentiles are NaN for an empty region.
struct RegionQuality {
  std::string region;
  std::size_t n_tets = 0;
  double volume = 0; ///< sum of |signed volume|, mm^3
  double min_sicn = 0, p01_sicn = 0;
  double min_gamma = 0, p01_gamma = 0;
};

/// `p01` is the 1st percentile by element count (nearest rank): the value of the ceil(n/100)-th
/// worst element, so at least 1% of the elements are at or below it.
struct MeshQuality {
  std::size_t n_tets = 0, n_nodes = 0;
  std::size_t n_inverted = 0; ///< tetrahedra with signed volume <= 0
  /// Tetrahedra with SICN below `sicn_target`, the quality the meshing aims at (0.1): isolated
  /// slivers are reported by count, so that a change in meshing shows up as a number.
  std::size_t n_below_target = 0;
  static constexpr double sicn_target = 0.1;
  double min_sicn = 0, p01_sicn = 0, min_gamma = 0, p01_gamma = 0; ///< whole mesh
  std::vector<RegionQuality> regions;                              ///< in region_names order
};

/// SICN of tetrahedron `t` (see the file comment).
double tet_sicn(const MeshData& mesh, unsigned int t);

/// gmsh's gamma of tetrahedron `t` (see the file comment).
double tet_gamma(const MeshData& mesh, unsigned int t);

MeshQuality measure_quality(const MeshData& mesh);

/// Prints an aligned table: region, tets, volume mm^3, min/P1 SICN, min/P1 gamma, then the
/// whole-mesh line and the number of inverted tetrahedra.
void print_quality(const MeshQuality& q, std::ostream& out);

/// Throws InputError(mesh.source, ...) if any element is inverted or the minimum SICN is below
/// `min_sicn_threshold`, naming the worst element (1-based index), its region, its SICN and the
/// threshold, and how many elements fail.
void check_quality(const MeshData& mesh, const MeshQuality& q, double min_sicn_threshold);

} // namespace spinefe
