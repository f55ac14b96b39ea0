// Area, area centroid and area inertia tensor of the named surfaces, which the resultant loads
// ('Total force', 'Total moment') need to turn a resultant into a traction field.
//
// For a surface S with area A, centroid c = (1/A) int_S x dA and r = x - c:
//
//   J = int_S (|r|^2 I - r (x) r) dA        (polar/inertia tensor of the area, mm^4)
//
// For a flat surface J's normal component is the polar moment of area and its in-plane ones are
// the bending moments of area; J is singular only if the surface degenerates to a line or a point.
//
// A pure moment M [N mm] about c is applied as the traction (a rigid rotation rate field)
//
//   t(x) = omega x r,   omega = J^-1 M,
//
// whose resultant force is int t dA = omega x int r dA = 0 and whose moment about c is
// int r x (omega x r) dA = J omega = M. Both identities hold exactly at the quadrature level
// because A, c and J are integrated with the face quadrature of assembly (CellIntegrators), and
// because the P1/P2 shape functions reproduce linear fields, the nodal loads have the same
// resultants.
#pragma once

#include "solver/fe_space.h"
#include "solver/problem_definition.h"

#include <deal.II/base/point.h>
#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/base/tensor.h>

#include <array>
#include <vector>

namespace spinefe {

struct SurfaceGeometry {
  double area = 0;                       ///< A [mm^2]
  dealii::Point<3> centroid;             ///< c = int x dA / A [mm]; origin if A = 0
  dealii::SymmetricTensor<2, 3> inertia; ///< J = int (|r|^2 I - r (x) r) dA [mm^4]
};

/// Geometry of each named surface (index = boundary_id - 1) from its boundary faces: each rank
/// sums over its locally owned cells, then the sums are all-reduced (two passes: c, then J about
/// c, which avoids the cancellation of the parallel-axis form far from the origin).
std::vector<SurfaceGeometry> surface_geometry(const FESpace& space, std::size_t n_surfaces);

/// omega = J^-1 M [N mm / mm^4 = MPa/mm]: the rotation rate whose field omega x r carries the pure
/// moment M [N mm] about the surface centroid (see the header comment).
dealii::Tensor<1, 3> moment_rotation_rate(const SurfaceGeometry& surface,
                                          const std::array<double, 3>& moment);

/// Checks that every resultant load can be spread over its surface: a total force needs A > 0,
/// a total moment an invertible J (smallest eigenvalue > 1e-10 of the largest). Throws an
/// InputError naming the surface otherwise.
void check_resultant_loads(const ProblemDefinition& problem,
                           const std::vector<SurfaceGeometry>& surfaces);

} // namespace spinefe
