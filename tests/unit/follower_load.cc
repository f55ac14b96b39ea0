// Checks the follower load and the region forces it is made of: a resultant force on a group of
// regions is carried exactly by the supports (free-body balance, relative 1e-8); the follower
// pairs between adjacent bodies point along the line joining their volume centroids, add up to
// zero (self-equilibrated: no reaction at the supports) and compress the column between the
// bodies. Centroids are checked against an analytic value. 2 MPI ranks.
// MPI: 2
#include "mechanics/follower_load.h"
#include "core/input_error.h"
#include "solver/reactions.h"
#include "tests/support/solve.h"

#include <deal.II/grid/grid_generator.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;
using namespace dealii;

namespace {

/// A 20 x 20 x 30 mm column: region 0 below z = 15, region 1 above; surface 1 = the base z = 0.
void build_column(Triangulation<3>& tria) {
  GridGenerator::subdivided_hyper_rectangle_with_simplices(tria, {2, 2, 6}, Point<3>(0, 0, 0),
                                                           Point<3>(20, 20, 30));
  for (const auto& cell : tria.active_cell_iterators()) {
    cell->set_material_id(cell->center()[2] < 15 ? 0 : 1);
    for (const auto f : cell->face_indices())
      if (cell->at_boundary(f) && std::abs(cell->face(f)->center()[2]) < 1e-9)
        cell->face(f)->set_boundary_id(1);
  }
}

ProblemDefinition column_problem(std::vector<RegionForce> forces) {
  ProblemDefinition problem;
  problem.materials = {LinearIsotropic("bone", 12000, 0.3), LinearIsotropic("bone", 12000, 0.3)};
  problem.region_names = {"lower", "upper"};
  problem.surface_names = {"base"};
  problem.dirichlet.push_back({"base", 1, {{true, true, true}}, nullptr});
  problem.region_forces = std::move(forces);
  return problem;
}

/// Average z displacement of the vertices at height z (a horizontal cut of the column).
double mean_uz_at(const ElasticitySolver& solver, const double z) {
  const auto& u = solver.solution();
  double sum = 0, n = 0;
  for (const auto& cell : solver.space().dof_handler().active_cell_iterators())
    if (cell->is_locally_owned())
      for (const unsigned int v : cell->vertex_indices())
        if (std::abs(cell->vertex(v)[2] - z) < 1e-9) {
          sum += u[cell->vertex_dof_index(v, 2)];
          n += 1;
        }
  return Utilities::MPI::sum(sum, MPI_COMM_WORLD) / Utilities::MPI::sum(n, MPI_COMM_WORLD);
}

} // namespace

TEST(FollowerLoad, ARegionForceIsCarriedByTheSupports) {
  const std::array<double, 3> force = {30, -20, -500};
  const auto solved =
      spinefe::testing::solve_triangulation(build_column, column_problem({{"push", {1}, force}}),
                                            spinefe::testing::verification_settings(2));
  const auto reactions = reaction_forces(*solved.solver);
  for (unsigned int d = 0; d < 3; ++d)
    EXPECT_NEAR(reactions[0][d], -force[d], 1e-8 * 500) << d;
}

TEST(FollowerLoad, PairsFollowTheCentroidsAndBalance) {
  MeshData mesh; // two unit-edge tetrahedra, one per body, the upper 10 mm above and 3 mm ahead
  mesh.nodes = {{0, 0, 0},  {1, 0, 0},  {0, 1, 0},  {0, 0, 1},
                {3, 0, 10}, {4, 0, 10}, {3, 1, 10}, {3, 0, 11}};
  mesh.tets = {{0, 1, 2, 3}, {4, 5, 6, 7}};
  mesh.tet_region = {0, 1};
  mesh.region_names = {"L1", "T12"};
  const std::vector<RigidBodyDefinition> path = {{"T12", {1}}, {"L1", {0}}};
  const auto centroids = group_centroids(mesh, path);
  EXPECT_NEAR(centroids[0][0], 3.25, 1e-12); // a tetrahedron's centroid: its vertex mean
  EXPECT_NEAR(centroids[0][2], 10.25, 1e-12);
  EXPECT_NEAR(centroids[1][1], 0.25, 1e-12);
  const auto forces = follower_forces(400, path, centroids);
  ASSERT_EQ(forces.size(), 2u);
  const double length = std::sqrt(3.0 * 3.0 + 10.0 * 10.0);
  // T12 is pulled down and back towards L1, L1 up and forward towards T12.
  EXPECT_NEAR(forces[0].force[0], -400 * 3 / length, 1e-9);
  EXPECT_NEAR(forces[0].force[2], -400 * 10 / length, 1e-9);
  for (unsigned int d = 0; d < 3; ++d)
    EXPECT_NEAR(forces[0].force[d] + forces[1].force[d], 0.0, 1e-12);
  EXPECT_EQ(forces[0].name, "follower load T12-L1 (T12)");
  EXPECT_EQ(forces[1].regions, std::vector<unsigned int>{0});
}

TEST(FollowerLoad, CompressesTheColumnWithoutLoadingTheSupports) {
  // Centroids of the two halves of the column: (10, 10, 7.5) and (10, 10, 22.5).
  const std::vector<RigidBodyDefinition> path = {{"upper", {1}}, {"lower", {0}}};
  const auto forces = follower_forces(400, path, {{10, 10, 22.5}, {10, 10, 7.5}});
  const auto solved = spinefe::testing::solve_triangulation(
      build_column, column_problem(forces), spinefe::testing::verification_settings(2));
  const auto reactions = reaction_forces(*solved.solver);
  for (unsigned int d = 0; d < 3; ++d)
    EXPECT_NEAR(reactions[0][d], 0.0, 1e-8 * 400) << d;
  // The top moves down relative to the middle: the column between the bodies is shortened.
  // Estimate: 400 N over 400 mm^2 on 15 mm of 12 GPa bone is 1.25e-3 mm; the uniform spreading
  // makes it about half of that, so only the sign and the order of magnitude are asserted.
  const double shortening = mean_uz_at(*solved.solver, 30) - mean_uz_at(*solved.solver, 15);
  EXPECT_LT(shortening, -1e-4);
  EXPECT_GT(shortening, -2e-3);
}

TEST(FollowerLoad, BodiesWithOneCentroidHaveNoDirection) {
  const std::vector<RigidBodyDefinition> path = {{"a", {0}}, {"b", {1}}};
  try {
    follower_forces(400, path, {{1, 2, 3}, {1, 2, 3}});
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.message(), "bodies a-b have the same centroid; the load has no direction");
  }
}
