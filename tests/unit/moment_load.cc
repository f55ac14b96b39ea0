// Checks that a 'Total moment' applies a pure moment about the loaded surface's area centroid: the
// support reaction of a fixed column sums to zero force and to minus the moment (about each axis,
// and added to a total force on the same surface), and a clamped prism in pure bending turns its
// end by M L / (E I). 2 MPI ranks, so that the surface integrals are summed over ranks.
// MPI: 2
#include "core/input_error.h"
#include "meshing/generators.h"
#include "solver/reactions.h"
#include "tests/support/solve.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <gtest/gtest.h>

#include <iostream>

using namespace spinefe;
using namespace dealii;
namespace st = spinefe::testing;

namespace {

// 10 (x) x 8 (y) x 20 (z) mm column on [0,10]x[0,8]x[0,20], fixed at z = 0, loaded on z = 20.
constexpr double lx = 10, ly = 8, lz = 20;

const MeshData& column() {
  static const MeshData mesh = layered_box(lx, ly, lz, {12}, {"bone", "implant"}, 2.5);
  return mesh;
}

ProblemDefinition fixed_column(const LinearIsotropic& lower, const LinearIsotropic& upper) {
  ProblemDefinition p;
  p.materials = {lower, upper};
  p.dirichlet.push_back(
      {"bottom", st::boundary_of(column(), "bottom"), {true, true, true}, nullptr});
  return p;
}

NeumannCondition on_top(const NeumannCondition::Kind kind, const std::array<double, 3>& vector) {
  NeumannCondition n;
  n.surface = "top";
  n.boundary = st::boundary_of(column(), "top");
  n.kind = kind;
  n.vector = vector;
  return n;
}

struct Balance {
  Tensor<1, 3> force;  ///< reaction force at the base [N]
  Tensor<1, 3> moment; ///< its moment about the top centroid [N mm]
  SurfaceGeometry top;
};

Balance base_reaction(const ProblemDefinition& p) {
  const auto solved = st::solve_mesh(column(), p, st::verification_settings(2));
  const unsigned int bottom = st::boundary_of(column(), "bottom") - 1;
  const SurfaceGeometry top = solved.solver->surfaces()[st::boundary_of(column(), "top") - 1];
  return {reaction_forces(*solved.solver)[bottom],
          reaction_moments(*solved.solver, top.centroid)[bottom], top};
}

Tensor<1, 3> as_tensor(const std::array<double, 3>& v) {
  Tensor<1, 3> t;
  for (unsigned int d = 0; d < 3; ++d)
    t[d] = v[d];
  return t;
}

bool root() {
  return Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
}

// The reactions are nodal residuals summed over the base; with the 1e-11 solver tolerance they
// balance the load to ~1e-9, so 1e-6 relative is a safe bound. Force is measured against
// |M| / lz (the force scale of the moment over the column's length), the moment against |M|.
constexpr double balance_tolerance = 1e-6;

} // namespace

TEST(MomentLoad, TopSurfaceGeometryIsTheRectangles) {
  ProblemDefinition p = fixed_column({"bone", 100, 0.2}, {"implant", 110000, 0.3});
  p.neumann = {on_top(NeumannCondition::Kind::total_moment, {0, 0, 7500})};
  const SurfaceGeometry top = base_reaction(p).top;
  // A = lx ly; c = (lx/2, ly/2, lz); J = diag(int y^2, int x^2, polar) about c. Flat faces and a
  // degree-3 rule integrate these exactly: 1e-12 relative.
  const double Ix = lx * ly * ly * ly / 12, Iy = ly * lx * lx * lx / 12;
  EXPECT_NEAR(top.area, lx * ly, 1e-12 * lx * ly);
  EXPECT_NEAR(top.centroid.distance(Point<3>(lx / 2, ly / 2, lz)), 0.0, 1e-12 * lz);
  const SymmetricTensor<2, 3> J = top.inertia;
  EXPECT_NEAR(J[0][0], Ix, 1e-12 * (Ix + Iy));
  EXPECT_NEAR(J[1][1], Iy, 1e-12 * (Ix + Iy));
  EXPECT_NEAR(J[2][2], Ix + Iy, 1e-12 * (Ix + Iy));
  EXPECT_NEAR(J[0][1], 0.0, 1e-12 * (Ix + Iy));
  EXPECT_NEAR(J[0][2], 0.0, 1e-12 * (Ix + Iy));
  EXPECT_NEAR(J[1][2], 0.0, 1e-12 * (Ix + Iy));
}

TEST(MomentLoad, MomentAboutEachAxisIsBalancedByTheSupport) {
  // 7.5 Nm, the spine load cases' moment, on the bone/implant column.
  constexpr double m = 7500;
  for (unsigned int axis = 0; axis < 3; ++axis) {
    std::array<double, 3> moment = {0, 0, 0};
    moment[axis] = m;
    ProblemDefinition p = fixed_column({"bone", 100, 0.2}, {"implant", 110000, 0.3});
    p.neumann = {on_top(NeumannCondition::Kind::total_moment, moment)};
    const Balance b = base_reaction(p);
    Tensor<1, 3> expected;
    expected[axis] = -m;
    if (root())
      std::cout << "moment about axis " << axis
                << ": |R| / (|M| / L) = " << b.force.norm() / (m / lz)
                << ", |M_R + M| / |M| = " << (b.moment - expected).norm() / m << "\n";
    for (unsigned int d = 0; d < 3; ++d) {
      EXPECT_NEAR(b.force[d], 0.0, balance_tolerance * m / lz) << "axis " << axis << ", F" << d;
      EXPECT_NEAR(b.moment[d], expected[d], balance_tolerance * m) << "axis " << axis << ", M" << d;
    }
  }
}

TEST(MomentLoad, AddsToATotalForceOnTheSameSurface) {
  const std::array<double, 3> force = {30, -20, -500}, moment = {1000, -2000, 7500};
  ProblemDefinition p = fixed_column({"bone", 100, 0.2}, {"implant", 110000, 0.3});
  p.neumann = {on_top(NeumannCondition::Kind::total_force, force),
               on_top(NeumannCondition::Kind::total_moment, moment)};
  const Balance b = base_reaction(p);
  // The uniform traction F / A has no moment about the centroid, so the two loads separate.
  if (root())
    std::cout << "force + moment: |R + F| / |F| = " << (b.force + as_tensor(force)).norm() / 500
              << ", |M_R + M| / |M| = " << (b.moment + as_tensor(moment)).norm() / 7500 << "\n";
  for (unsigned int d = 0; d < 3; ++d) {
    EXPECT_NEAR(b.force[d], -force[d], balance_tolerance * 500) << d;
    EXPECT_NEAR(b.moment[d], -moment[d], balance_tolerance * 7500) << d;
  }
}

// Pure bending: with nu = 0 the exact solution u_x = k z^2 / 2, u_y = 0, u_z = -k (x - c_x) z,
// k = M / (E I), satisfies the clamp at z = 0 and has sigma_zz = -E k (x - c_x), which is exactly
// the traction omega x r of the moment M e_y. It is quadratic, so P2 reproduces it and the end
// rotation theta = -int (x - c_x) u_z dA / int (x - c_x)^2 dA equals M L / (E I) up to the solver
// tolerance; 1e-6 relative is a safe bound.
TEST(MomentLoad, PureBendingRotatesTheEndByMLOverEI) {
  constexpr double E = 1000, m = 100;
  const LinearIsotropic material("steel_like", E, 0.0);
  ProblemDefinition p = fixed_column(material, material);
  p.neumann = {on_top(NeumannCondition::Kind::total_moment, {0, m, 0})};
  const auto solved = st::solve_mesh(column(), p, st::verification_settings(2));
  const ElasticitySolver& solver = *solved.solver;
  const types::boundary_id top_id = st::boundary_of(column(), "top");
  const SurfaceGeometry& top = solver.surfaces()[top_id - 1];

  FEFaceValues<3> fe_face(solver.space().mapping(), solver.space().fe(), QGaussSimplex<2>(3),
                          update_values | update_quadrature_points | update_JxW_values);
  std::vector<Vector<double>> u(fe_face.n_quadrature_points, Vector<double>(3));
  double xu_z = 0, x2 = 0;
  for (const auto& cell : solver.space().dof_handler().active_cell_iterators())
    if (cell->is_locally_owned())
      for (const auto f : cell->face_indices())
        if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == top_id) {
          fe_face.reinit(cell, f);
          fe_face.get_function_values(solver.solution(), u);
          for (const unsigned int q : fe_face.quadrature_point_indices()) {
            const double x = fe_face.quadrature_point(q)[0] - top.centroid[0];
            xu_z += x * u[q][2] * fe_face.JxW(q);
            x2 += x * x * fe_face.JxW(q);
          }
        }
  const double theta =
      -Utilities::MPI::sum(xu_z, MPI_COMM_WORLD) / Utilities::MPI::sum(x2, MPI_COMM_WORLD);
  const double I = ly * lx * lx * lx / 12;
  const double reference = m * lz / (E * I);
  if (root())
    std::cout << "pure bending: theta = " << theta << ", M L / (E I) = " << reference
              << ", rel. dev. " << theta / reference - 1 << "\n";
  EXPECT_NEAR(theta / reference, 1.0, 1e-6);
}

TEST(MomentLoad, SingularAreaInertiaIsAnErrorNamingTheSurface) {
  ProblemDefinition p;
  NeumannCondition n;
  n.surface = "rod_axis";
  n.boundary = 1;
  n.kind = NeumannCondition::Kind::total_moment;
  n.vector = {0, 0, 7500};
  p.neumann = {n};
  SurfaceGeometry line; // a segment along z: no inertia about its own axis
  line.area = 1e-3;
  line.inertia[0][0] = line.inertia[1][1] = 1.0;
  try {
    check_resultant_loads(p, {line});
    FAIL() << "a line-like surface cannot carry a moment";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("surface 'rod_axis'"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("is invertible"), std::string::npos) << e.what();
  }
}
