// Checks that P2 tetrahedra do not lock for the nearly incompressible nucleus (nu = 0.49, the
// nucleus_linear value of materials/data/materials.csv, and nu = 0.4999) while P1 on the same mesh
// does: the evidence for solving the disc with P2 when disc stresses or intradiscal pressure
// matter. 1 MPI rank.
//
// Lame's thick-walled cylinder in plane strain, as in lame_cylinder.cc: quarter cylinder, inner
// radius a = 10 mm, outer b = 20 mm, length 5 mm, E = 1 MPa (nucleus); p = 0.1 MPa on the inner
// surface; symmetry planes x = 0 and y = 0 and both end faces held normally. Analytic, with
// A = p a^2 / (b^2 - a^2), B = p a^2 b^2 / (b^2 - a^2):
//   sigma_r = A - B / r^2,  sigma_theta = A + B / r^2,
//   u_r(r) = (1 + nu) / E ((1 - 2 nu) A r + B / r)    (plane strain).
// As nu -> 1/2 the volumetric part (1 - 2 nu) A r vanishes and u_r -> (3/2) B / (E r): a finite,
// isochoric motion that a locking element cannot represent. Measured: u_r(a) = the mean radial
// displacement of the inner-surface vertices; stresses averaged over the quadrature points in
// the mid-wall band |r - 15| < 1 mm and compared with the analytic stress at the same points.
// The direct solver (MUMPS) is used because the conditioning grows as 1 / (1 - 2 nu).
#include "meshing/generators.h"
#include "tests/support/solve.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>

using namespace spinefe;
using namespace dealii;

namespace {

constexpr double a = 10, b = 20, length = 5, p = 0.1, E = 1.0;
constexpr double A = p * a * a / (b * b - a * a);
constexpr double B = p * a * a * b * b / (b * b - a * a);

double exact_inner_displacement(const double nu) {
  return (1 + nu) / E * ((1 - 2 * nu) * A * a + B / a);
}

DirichletCondition fixed(const MeshData& mesh, const std::string& surface, unsigned int component) {
  DirichletCondition bc;
  bc.surface = surface;
  bc.boundary = spinefe::testing::boundary_of(mesh, surface);
  bc.components = {{false, false, false}};
  bc.components[component] = true;
  return bc;
}

/// Relative deviations from Lame of u_r(a), mid-wall sigma_rr and sigma_tt.
struct Deviation {
  double u = 0, rr = 0, tt = 0;
};

Deviation solve(const MeshData& mesh, const double nu, const unsigned int degree) {
  ProblemDefinition problem;
  problem.materials = {LinearIsotropic("nucleus", E, nu)};
  problem.dirichlet = {fixed(mesh, "symmetry_x", 0), fixed(mesh, "symmetry_y", 1),
                       fixed(mesh, "end_bottom", 2), fixed(mesh, "end_top", 2)};
  NeumannCondition pressure;
  pressure.surface = "inner";
  pressure.boundary = spinefe::testing::boundary_of(mesh, "inner");
  pressure.kind = NeumannCondition::Kind::pressure;
  pressure.pressure = p;
  problem.neumann = {pressure};
  SolverSettings settings = spinefe::testing::verification_settings(degree);
  settings.method = SolverSettings::Method::direct;
  const auto s = spinefe::testing::solve_mesh(mesh, problem, settings);
  const FESpace& space = s.solver->space();
  const auto& u = s.solver->solution();

  // 1. Inner radial displacement: mean over the vertices on r = a (each once).
  std::map<unsigned int, double> inner;
  for (const auto& cell : space.dof_handler().active_cell_iterators())
    for (const unsigned int v : cell->vertex_indices()) {
      const Point<3>& x = cell->vertex(v);
      const double r = std::hypot(x[0], x[1]);
      if (std::abs(r - a) < 1e-6)
        inner[cell->vertex_index(v)] =
            (x[0] * u[cell->vertex_dof_index(v, 0)] + x[1] * u[cell->vertex_dof_index(v, 1)]) / r;
    }
  double u_inner = 0;
  for (const auto& [vertex, value] : inner)
    u_inner += value / inner.size();

  // 2. Mid-wall stresses, as in lame_cylinder.cc.
  const LinearIsotropic& material = problem.materials[0];
  FEValues<3> fe_values(space.mapping(), space.fe(), QGaussSimplex<3>(degree + 1),
                        update_gradients | update_quadrature_points | update_JxW_values);
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strains(fe_values.n_quadrature_points);
  double w = 0, fe_rr = 0, fe_tt = 0, ex_rr = 0, ex_tt = 0;
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(u, strains);
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      const Point<3>& x = fe_values.quadrature_point(q);
      const double r = std::hypot(x[0], x[1]);
      if (std::abs(r - 15.0) >= 1.0)
        continue;
      const Tensor<1, 3> e_r({x[0] / r, x[1] / r, 0.0}), e_t({-x[1] / r, x[0] / r, 0.0});
      const SymmetricTensor<2, 3> sigma = material.stress(strains[q]);
      const double jxw = fe_values.JxW(q);
      w += jxw;
      fe_rr += jxw * (e_r * (sigma * e_r));
      fe_tt += jxw * (e_t * (sigma * e_t));
      ex_rr += jxw * (A - B / (r * r));
      ex_tt += jxw * (A + B / (r * r));
    }
  }
  const double exact_u = exact_inner_displacement(nu);
  const Deviation d{u_inner / exact_u - 1, fe_rr / ex_rr - 1, fe_tt / ex_tt - 1};
  std::cout << "P" << degree << ", nu = " << nu << ": u_r(a) FE " << u_inner << " mm, Lame "
            << exact_u << " mm (rel. dev. " << d.u << "); mid-wall sigma_rr " << fe_rr / w << " vs "
            << ex_rr / w << " MPa (" << d.rr << "), sigma_tt " << fe_tt / w << " vs " << ex_tt / w
            << " MPa (" << d.tt << ")\n";
  return d;
}

} // namespace

// Tolerances: the P2 error on this mesh is dominated by the faceted inner surface (straight-sided
// tetrahedra; -0.3% in the stresses at nu = 0.3 and h = 1.5 mm in lame_cylinder.cc, falling as
// h^2); 1% on the displacement leaves room for that and is far below the locking error. The
// stresses get 2%: near nu = 1/2 they are dominated by the pressure lambda tr(eps), lambda / mu =
// 2 nu / (1 - 2 nu) = 49 and 5000, so the small volumetric error of the displacement is
// amplified in the stress; averaging over the mid-wall band filters the element-level pressure
// oscillation. P1 locks: its displacement error at nu = 0.4999 must exceed 5 times P2's.
// Measured at h = 1 mm (relative deviations of u_r(a), sigma_rr, sigma_tt):
//   P2 nu = 0.49   -0.17%  -0.21%  -0.13%     P1 nu = 0.49   -4.2%  -5.4%  -4.0%
//   P2 nu = 0.4999 -0.19%  -0.33%  -0.12%     P1 nu = 0.4999 -68%   -29%   -80%
// i.e. P1's displacement error is 355 times P2's. At h = 1.5 mm P2 at nu = 0.4999 gave -0.42%,
// +2.0%, -1.0%: the pressure is the most mesh-sensitive quantity, so h = 1 mm (10 s) is used.
TEST(NearlyIncompressible, P2DoesNotLockAndP1Does) {
  const MeshData mesh = quarter_cylinder(a, b, length, 1.0);
  Deviation p2_limit;
  for (const double nu : {0.49, 0.4999}) {
    const Deviation d = solve(mesh, nu, 2);
    EXPECT_LT(std::abs(d.u), 0.01) << "nu = " << nu;
    EXPECT_LT(std::abs(d.rr), 0.02) << "nu = " << nu;
    EXPECT_LT(std::abs(d.tt), 0.02) << "nu = " << nu;
    p2_limit = d;
  }
  const Deviation p1_moderate = solve(mesh, 0.49, 1);
  (void)p1_moderate; // printed for the record
  const Deviation p1_limit = solve(mesh, 0.4999, 1);
  std::cout << "locking: |P1 error| / |P2 error| of u_r(a) at nu = 0.4999: "
            << std::abs(p1_limit.u) / std::abs(p2_limit.u) << "\n";
  EXPECT_GT(std::abs(p1_limit.u), 5 * std::abs(p2_limit.u));
  EXPECT_LT(p1_limit.u, 0.0); // locking makes the element too stiff
}
