// Checks that P1 and P2 elements pass the patch test: a linear displacement u = A x + b imposed
// on the whole boundary of a distorted tetrahedral mesh of one homogeneous material, without body
// force, is reproduced exactly (nodal error / max |u| < 1e-10), and the stress is the constant
// C : sym(A) in every quadrature point (relative 1e-8). 1 MPI rank.
//
// The mesh is the unit cube cut into 4 x 4 x 4 hexahedra, each split into tetrahedra, with the
// interior vertices moved randomly (fixed seed) by up to 25% of the shortest adjacent edge, so
// that no element is similar to another.
#include "tests/support/solve.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>

using namespace spinefe;
using namespace dealii;

namespace {

/// A general (non-symmetric, full) gradient A and offset b: u = A x + b, in mm.
const double A[3][3] = {
    {1.2e-3, -0.7e-3, 0.4e-3}, {0.9e-3, -0.5e-3, 1.1e-3}, {-0.3e-3, 0.8e-3, 0.6e-3}};
const double b[3] = {0.02, -0.01, 0.03};

class LinearField : public Function<3> {
public:
  LinearField() : Function<3>(3) {}
  double value(const Point<3>& x, const unsigned int c) const override {
    return A[c][0] * x[0] + A[c][1] * x[1] + A[c][2] * x[2] + b[c];
  }
};

const LinearIsotropic material("steel", 200000, 0.3);

spinefe::testing::Solved solve_patch(const unsigned int degree) {
  ProblemDefinition problem;
  problem.materials = {material};
  problem.region_names = {"cube"};
  problem.surface_names = {"all"};
  problem.dirichlet.push_back({"all", 1, {{true, true, true}}, std::make_shared<LinearField>()});
  auto build = [](Triangulation<3>& tria) {
    GridGenerator::subdivided_hyper_rectangle_with_simplices(tria, {4, 4, 4}, Point<3>(0, 0, 0),
                                                             Point<3>(1, 1, 1));
    GridTools::distort_random(0.25, tria, /*keep_boundary=*/true, /*seed=*/42);
    for (const auto& cell : tria.active_cell_iterators())
      for (const auto f : cell->face_indices())
        if (cell->at_boundary(f))
          cell->face(f)->set_boundary_id(1);
  };
  SolverSettings settings = spinefe::testing::verification_settings(degree);
  // The patch test checks the discretisation, not the Krylov solver: a direct solve keeps the
  // algebraic error at round-off so that 1e-10 measures consistency of the element alone.
  settings.method = SolverSettings::Method::direct;
  return spinefe::testing::solve_triangulation(build, problem, settings);
}

void check_patch(const unsigned int degree) {
  const spinefe::testing::Solved s = solve_patch(degree);
  const FESpace& space = s.solver->space();
  const auto& u = s.solver->solution();
  const LinearField exact;

  // Nodal values: evaluate FEValues at the unit support points to know where each DoF sits.
  const Quadrature<3> nodes(space.fe().get_unit_support_points());
  FEValues<3> at_nodes(space.mapping(), space.fe(), nodes, update_quadrature_points);
  FEValues<3> fe_values(space.mapping(), space.fe(), QGaussSimplex<3>(degree + 1),
                        update_gradients);
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strains(fe_values.n_quadrature_points);
  std::vector<types::global_dof_index> dofs(space.fe().n_dofs_per_cell());

  SymmetricTensor<2, 3> exact_strain;
  for (unsigned int i = 0; i < 3; ++i)
    for (unsigned int j = i; j < 3; ++j)
      exact_strain[i][j] = 0.5 * (A[i][j] + A[j][i]);
  const SymmetricTensor<2, 3> exact_stress = material.stress(exact_strain);

  double max_error = 0, max_u = 0, max_stress_error = 0;
  unsigned int n_nodes_checked = 0;
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned())
      continue;
    at_nodes.reinit(cell);
    cell->get_dof_indices(dofs);
    for (unsigned int i = 0; i < dofs.size(); ++i) {
      const unsigned int c = space.fe().system_to_component_index(i).first;
      const double expected = exact.value(at_nodes.quadrature_point(i), c);
      max_error = std::max(max_error, std::abs(u[dofs[i]] - expected));
      max_u = std::max(max_u, std::abs(expected));
      ++n_nodes_checked;
    }
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(u, strains);
    for (const auto& strain : strains)
      max_stress_error =
          std::max(max_stress_error, (material.stress(strain) - exact_stress).norm());
  }
  const MPI_Comm comm = space.comm();
  max_error = Utilities::MPI::max(max_error, comm);
  max_u = Utilities::MPI::max(max_u, comm);
  max_stress_error = Utilities::MPI::max(max_stress_error, comm);
  ASSERT_GT(Utilities::MPI::sum(n_nodes_checked, comm), 0u);

  // Linear fields lie in the P1 and P2 spaces, so the Galerkin solution is exact; what remains is
  // round-off of the direct solve (~1e-14 relative), hence 1e-10 with a wide margin.
  EXPECT_LT(max_error / max_u, 1e-10)
      << "P" << degree << ": max nodal error " << max_error << " mm, max |u| " << max_u << " mm";
  // Stress is a derivative of the nodal values (amplified by 1/h, and by E = 2e5 MPa through C):
  // 1e-8 relative to |sigma| leaves room for that amplification of round-off.
  EXPECT_LT(max_stress_error / exact_stress.norm(), 1e-8)
      << "P" << degree << ": max |sigma_h - C:eps| " << max_stress_error << " MPa, |sigma| "
      << exact_stress.norm() << " MPa";
  std::cout << "P" << degree << " patch: nodal error / max|u| = " << max_error / max_u
            << ", stress error / |sigma| = " << max_stress_error / exact_stress.norm() << "\n";
}

} // namespace

TEST(PatchTest, LinearFieldExactForP1) {
  check_patch(1);
}

TEST(PatchTest, LinearFieldExactForP2) {
  check_patch(2);
}
