// Checks that the P2 tip deflection of a slender clamped cantilever under an end load matches
// Timoshenko beam theory within 1%. 1 MPI rank.
//
// Beam 10 x 10 mm square section, L = 200 mm along z (L/h = 20), steel E = 200 GPa, nu = 0.3.
// The end z = 0 is clamped (all components); a total transverse force P = 100 N in x is spread
// uniformly over the end z = L. Reference: delta = P L^3 / (3 E I) + P L / (kappa G A), with
// I = b h^3 / 12 and Cowper's shear coefficient kappa = 10 (1 + nu) / (12 + 11 nu) for a
// rectangle. The FE deflection is the area-weighted mean of ux over the loaded end face.
#include "meshing/generators.h"
#include "tests/support/solve.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <gtest/gtest.h>

#include <iostream>

using namespace spinefe;
using namespace dealii;

namespace {

constexpr double side = 10, length = 200, force = 100, E = 200000, nu = 0.3;

/// Area-weighted mean of displacement component `c` over boundary `id`.
double mean_displacement(const ElasticitySolver& solver, const types::boundary_id id,
                         const unsigned int c) {
  const FESpace& space = solver.space();
  FEFaceValues<3> fe_face(space.mapping(), space.fe(), QGaussSimplex<2>(3),
                          update_values | update_JxW_values);
  std::vector<Vector<double>> u(fe_face.n_quadrature_points, Vector<double>(3));
  double integral = 0, area = 0;
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned() || !cell->at_boundary())
      continue;
    for (const auto f : cell->face_indices()) {
      if (!cell->face(f)->at_boundary() || cell->face(f)->boundary_id() != id)
        continue;
      fe_face.reinit(cell, f);
      fe_face.get_function_values(solver.solution(), u);
      for (const unsigned int q : fe_face.quadrature_point_indices()) {
        integral += u[q][c] * fe_face.JxW(q);
        area += fe_face.JxW(q);
      }
    }
  }
  return Utilities::MPI::sum(integral, space.comm()) / Utilities::MPI::sum(area, space.comm());
}

} // namespace

TEST(Cantilever, TipDeflectionMatchesTimoshenko) {
  // Two layers of the same steel, cut at mid-length: the cut is a conforming internal face and
  // changes nothing, but layered_box without cuts currently throws (gmsh's fragment of a single
  // volume fails in meshing/generators.cc).
  const MeshData mesh =
      layered_box(side, side, length, {length / 2}, {"beam_clamped", "beam_loaded"}, 2.5);
  ProblemDefinition problem;
  problem.materials = {LinearIsotropic("steel", E, nu), LinearIsotropic("steel", E, nu)};
  problem.dirichlet = {
      {"bottom", spinefe::testing::boundary_of(mesh, "bottom"), {{true, true, true}}, nullptr}};
  NeumannCondition tip;
  tip.surface = "top";
  tip.boundary = spinefe::testing::boundary_of(mesh, "top");
  tip.kind = NeumannCondition::Kind::total_force;
  tip.vector = {{force, 0, 0}};
  problem.neumann = {tip};
  const auto s =
      spinefe::testing::solve_mesh(mesh, problem, spinefe::testing::verification_settings(2));

  const double I = side * side * side * side / 12, A = side * side;
  const double G = E / (2 * (1 + nu)), kappa = 10 * (1 + nu) / (12 + 11 * nu);
  const double bending = force * length * length * length / (3 * E * I);
  const double shear = force * length / (kappa * G * A);
  const double reference = bending + shear;
  const double deflection = mean_displacement(*s.solver, tip.boundary, 0);
  std::cout << "cantilever: " << s.tria->n_global_active_cells() << " cells, " << s.solver->n_dofs()
            << " DoFs; tip ux = " << deflection << " mm, Timoshenko = " << reference
            << " mm (bending " << bending << ", shear " << shear << "), rel. dev. "
            << deflection / reference - 1 << "\n";
  // Target of the validation spec. Beam theory ignores the 3D clamp (Poisson contraction held at
  // z = 0) and the uniform instead of parabolic shear traction at the tip, local end effects of
  // relative size ~ (h / L)^2. Measured: -0.46% (h = 5 mm), -0.39% (2.5), -0.36% (1.25), i.e. the
  // discretisation error at h = 2.5 mm is < 0.05% and the rest is the end effect; 1% is ample.
  EXPECT_NEAR(deflection / reference, 1.0, 0.01);
}
