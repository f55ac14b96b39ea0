// Checks that the P2 solution of a thick-walled cylinder under internal pressure matches Lame's
// plane-strain solution: radial and hoop stress at mid-wall within 1%. 1 MPI rank.
//
// Quarter cylinder, inner radius a = 10 mm, outer b = 20 mm, length 5 mm, steel (E = 200 GPa,
// nu = 0.3); p = 10 MPa on the inner surface; symmetry planes x = 0 and y = 0 and both end faces
// held normally (plane strain). Analytic: sigma_r = A - B / r^2, sigma_theta = A + B / r^2 with
// A = p a^2 / (b^2 - a^2), B = p a^2 b^2 / (b^2 - a^2). The FE stress is averaged over the
// quadrature points in the band |r - 15| < 1 mm, and compared with the analytic stress averaged
// with the same weights at the same points.
#include "meshing/generators.h"
#include "tests/support/solve.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

using namespace spinefe;
using namespace dealii;

namespace {

constexpr double a = 10, b = 20, length = 5, p = 10;
constexpr double A = p * a * a / (b * b - a * a);
constexpr double B = p * a * a * b * b / (b * b - a * a);

DirichletCondition fixed(const MeshData& mesh, const std::string& surface, unsigned int component) {
  DirichletCondition bc;
  bc.surface = surface;
  bc.boundary = spinefe::testing::boundary_of(mesh, surface);
  bc.components = {{false, false, false}};
  bc.components[component] = true;
  return bc;
}

} // namespace

TEST(LameCylinder, MidWallStressMatchesPlaneStrainSolution) {
  const MeshData mesh = quarter_cylinder(a, b, length, 1.5);
  ProblemDefinition problem;
  problem.materials = {LinearIsotropic("steel", 200000, 0.3)};
  problem.dirichlet = {fixed(mesh, "symmetry_x", 0), fixed(mesh, "symmetry_y", 1),
                       fixed(mesh, "end_bottom", 2), fixed(mesh, "end_top", 2)};
  NeumannCondition pressure;
  pressure.surface = "inner";
  pressure.boundary = spinefe::testing::boundary_of(mesh, "inner");
  pressure.kind = NeumannCondition::Kind::pressure;
  pressure.pressure = p;
  problem.neumann = {pressure};
  const auto s =
      spinefe::testing::solve_mesh(mesh, problem, spinefe::testing::verification_settings(2));

  const FESpace& space = s.solver->space();
  const LinearIsotropic& steel = problem.materials[0];
  FEValues<3> fe_values(space.mapping(), space.fe(), QGaussSimplex<3>(3),
                        update_gradients | update_quadrature_points | update_JxW_values);
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strains(fe_values.n_quadrature_points);
  // Sums of w, w sigma_rr (FE), w sigma_tt (FE), w sigma_rr (exact), w sigma_tt (exact).
  std::vector<double> sums(5, 0.0);
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned())
      continue;
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(s.solver->solution(), strains);
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      const Point<3>& x = fe_values.quadrature_point(q);
      const double r = std::hypot(x[0], x[1]);
      if (std::abs(r - 15.0) >= 1.0)
        continue;
      const Tensor<1, 3> e_r({x[0] / r, x[1] / r, 0.0}), e_t({-x[1] / r, x[0] / r, 0.0});
      const SymmetricTensor<2, 3> sigma = steel.stress(strains[q]);
      const double w = fe_values.JxW(q);
      sums[0] += w;
      sums[1] += w * (e_r * (sigma * e_r));
      sums[2] += w * (e_t * (sigma * e_t));
      sums[3] += w * (A - B / (r * r));
      sums[4] += w * (A + B / (r * r));
    }
  }
  Utilities::MPI::sum(sums, space.comm(), sums);
  ASSERT_GT(sums[0], 0.0) << "no quadrature points in the mid-wall band";
  const double fe_rr = sums[1] / sums[0], fe_tt = sums[2] / sums[0];
  const double exact_rr = sums[3] / sums[0], exact_tt = sums[4] / sums[0];
  std::cout << "mid-wall sigma_rr: FE " << fe_rr << " MPa, Lame " << exact_rr << " MPa (rel. dev. "
            << fe_rr / exact_rr - 1 << ")\n"
            << "mid-wall sigma_tt: FE " << fe_tt << " MPa, Lame " << exact_tt << " MPa (rel. dev. "
            << fe_tt / exact_tt - 1 << ")\n";
  // Target of the validation spec. The deviation is dominated by the faceted inner surface
  // (straight-sided tetrahedra; chord sag ~ h^2 / 8a): it falls roughly as h^2. Measured
  // (sigma_rr / sigma_tt): -0.84/-0.74% at h = 2.5 mm, -0.69/-0.56% at 2, -0.33/-0.27% at 1.5,
  // -0.19/-0.14% at 1, -0.09/-0.06% at 0.7. h = 1.5 mm keeps a safe margin to 1%.
  EXPECT_NEAR(fe_rr / exact_rr, 1.0, 0.01);
  EXPECT_NEAR(fe_tt / exact_tt, 1.0, 0.01);
}
