// Checks that two-node axial springs (ligaments) carry the load of the free-body diagram exactly:
// a block hanging on a tension-only spring from another block gives spring force F and elongation
// F/k (1e-8 relative; its loaded top moves F/k plus 2e-4 of block compliance), a pushed block
// slackens it to exactly 0 N while a compression-capable spring in parallel carries F, the
// bilinear law gives delta_t + (F - k1 delta_t)/k2 beyond its transition, a lax spring stretches
// by its slack before it carries load (delta_s + F/k1, delta_s + delta_t + (F - k1 delta_t)/k2
// beyond the transition), a compression-only
// spring with an explicit direction (a facet gap element) carries the pushing load along that
// direction and goes slack when pulled, misplaced attachment points and an unsettled active set
// are errors with pinned messages, and the answer does not depend on the number of MPI ranks
// (1e-8). 2 MPI ranks, so that spring ends lie on either rank.
// MPI: 2
#include "core/input_error.h"
#include "solver/reactions.h"
#include "tests/support/solve.h"

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

using namespace spinefe;
using namespace dealii;
namespace st = spinefe::testing;

namespace {

// Two 10 mm titanium cubes: the lower on [0,10]^2 x [0,10], the upper on [0,10]^2 x [12,22],
// 2 mm apart and joined only by springs. The lower base is fixed; the upper block's top and
// bottom faces are held in x and y only (which removes its rigid motions except the z
// translation), so in z the upper block is held by the springs alone: sum of spring forces = F.
constexpr double side = 10, gap = 2, top = 2 * side + gap;
enum Surface : types::boundary_id { none = 0, lower_base = 1, upper_top = 2, upper_bottom = 3 };

void two_blocks(Triangulation<3>& tria) {
  std::vector<Point<3>> vertices;
  std::vector<CellData<3>> cells;
  for (const double z0 : {0.0, side + gap}) {
    Triangulation<3> block;
    // 4 subdivisions: vertices every 2.5 mm, so (5,5) and (2.5,2.5) are vertices of the faces.
    GridGenerator::subdivided_hyper_rectangle_with_simplices(block, {4, 4, 4}, Point<3>(0, 0, z0),
                                                             Point<3>(side, side, z0 + side));
    const unsigned int offset = vertices.size();
    vertices.insert(vertices.end(), block.get_vertices().begin(), block.get_vertices().end());
    for (const auto& cell : block.active_cell_iterators()) {
      CellData<3> data(cell->n_vertices());
      for (const unsigned int v : cell->vertex_indices())
        data.vertices[v] = offset + cell->vertex_index(v);
      data.material_id = z0 > 0 ? 1 : 0; // region 0: lower block, 1: upper block
      cells.push_back(data);
    }
  }
  tria.create_triangulation(vertices, cells, SubCellData());
  for (const auto& cell : tria.active_cell_iterators())
    for (const auto f : cell->face_indices())
      if (cell->at_boundary(f)) {
        const double z = cell->face(f)->center()[2];
        const auto id = std::abs(z) < 1e-9                ? lower_base
                        : std::abs(z - top) < 1e-9        ? upper_top
                        : std::abs(z - side - gap) < 1e-9 ? upper_bottom
                                                          : none;
        cell->face(f)->set_boundary_id(id);
      }
}

SpringDefinition spring(const std::string& name, const double x, const double k1, const double k2,
                        const double transition,
                        const SpringResponse response = SpringResponse::tension_only) {
  SpringDefinition s;
  s.name = name;
  s.a = Point<3>(x, x, side);
  s.b = Point<3>(x, x, side + gap);
  s.stiffness_small = k1;
  s.stiffness_large = k2;
  s.transition_elongation = transition;
  s.response = response;
  return s;
}

/// The two blocks with `force_z` [N] on the upper top and the given springs.
ProblemDefinition hanging_block(const double force_z,
                                const std::vector<SpringDefinition>& springs) {
  ProblemDefinition p;
  p.materials = {LinearIsotropic("titanium", 110000, 0.3),
                 LinearIsotropic("titanium", 110000, 0.3)};
  p.region_names = {"lower", "upper"};
  p.surface_names = {"lower_base", "upper_top", "upper_bottom"};
  p.dirichlet.push_back({"lower_base", lower_base, {true, true, true}, nullptr});
  p.dirichlet.push_back({"upper_top", upper_top, {true, true, false}, nullptr});
  p.dirichlet.push_back({"upper_bottom", upper_bottom, {true, true, false}, nullptr});
  NeumannCondition load;
  load.surface = "upper_top";
  load.boundary = upper_top;
  load.kind = NeumannCondition::Kind::total_force;
  load.vector = {0, 0, force_z};
  p.neumann = {load};
  p.springs = springs;
  return p;
}

struct SpringResult {
  std::vector<double> forces, elongations;
  std::vector<SpringState> states;
  ActiveSetReport report;
  double top_displacement = 0; ///< u_z [mm] at the centre (5, 5, 22) of the upper top
  double base_reaction = 0;    ///< z reaction [N] of the lower base
};

double top_centre_displacement(const ElasticitySolver& s, const MPI_Comm comm) {
  const Point<3> centre(side / 2, side / 2, top);
  double u = 0;
  bool found = false;
  for (const auto& cell : s.space().dof_handler().active_cell_iterators())
    if (cell->is_locally_owned() && !found)
      for (const unsigned int v : cell->vertex_indices())
        if (cell->vertex(v).distance(centre) < 1e-9) {
          const auto dof = cell->vertex_dof_index(v, 2);
          if (s.space().owned().is_element(dof)) {
            u = s.solution()[dof];
            found = true;
          }
          break;
        }
  return Utilities::MPI::sum(u, comm);
}

SpringResult solve(const ProblemDefinition& p, const SolverSettings& settings,
                   const MPI_Comm comm = MPI_COMM_WORLD) {
  const auto solved = st::solve_triangulation(two_blocks, p, settings, comm);
  const ElasticitySolver& s = *solved.solver;
  if (Utilities::MPI::this_mpi_process(comm) == 0)
    std::cout << s.spring_report();
  return {
      s.spring_forces(), s.springs()->elongations(),       s.springs()->states(),
      s.spring_report(), top_centre_displacement(s, comm), reaction_forces(s)[lower_base - 1][2]};
}

bool root() {
  return Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
}

std::string error_of(const ProblemDefinition& p, const SolverSettings& settings) {
  try {
    solve(p, settings);
  } catch (const std::exception& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST(SpringLaw, IsBilinearContinuousAndSlackInCompression) {
  const SpringDefinition s = spring("s", 5, 10, 40, 0.5);
  EXPECT_EQ(s.force(-0.1), 0.0);
  EXPECT_EQ(s.state(-0.1), SpringState::slack);
  EXPECT_DOUBLE_EQ(s.force(0.3), 3.0);
  EXPECT_DOUBLE_EQ(s.force(0.5), 5.0);
  EXPECT_DOUBLE_EQ(s.force(0.875), 20.0);
  EXPECT_EQ(s.state(0.875), SpringState::stiff);
  const SpringDefinition strut = spring("strut", 5, 10, 40, 0.5, SpringResponse::both);
  EXPECT_DOUBLE_EQ(strut.force(-0.1), -1.0);
  EXPECT_EQ(strut.state(-0.1), SpringState::linear);
}

// A lax ligament (slack delta_s = 0.4 mm) carries nothing until stretched by delta_s, then
// follows the bilinear law shifted by delta_s; F = k delta + c on each branch reproduces force().
TEST(SpringLaw, SlackShiftsTheLawByTheSlackElongation) {
  SpringDefinition s = spring("ISL", 5, 10, 40, 0.5);
  s.slack_elongation = 0.4;
  EXPECT_EQ(s.force(0.3), 0.0);
  EXPECT_EQ(s.state(0.3), SpringState::slack);
  EXPECT_EQ(s.state(0.4), SpringState::linear);
  EXPECT_DOUBLE_EQ(s.force(0.7), 3.0);
  EXPECT_DOUBLE_EQ(s.force(0.9), 5.0);
  EXPECT_DOUBLE_EQ(s.force(1.275), 20.0);
  EXPECT_EQ(s.state(1.275), SpringState::stiff);
  for (const double delta : {-0.2, 0.5, 0.9, 2.0})
    EXPECT_DOUBLE_EQ(s.branch_stiffness(s.state(delta)) * delta + s.branch_offset(s.state(delta)),
                     s.force(delta));
  EXPECT_NO_THROW(s.check());
  s.slack_elongation = -0.1;
  EXPECT_THROW(s.check(), InputError);
  SpringDefinition gap = spring("facet", 5, 70, 70, 0, SpringResponse::compression_only);
  gap.slack_elongation = 0.1;
  try {
    gap.check();
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "springs: spring 'facet': only a tension-only spring may "
                                     "have a slack, but this one is compression-only");
  }
}

// A compression-only spring (facet gap element) is the mirror image: slack when it opens
// (delta > 0), k1 when it closes, and never stiff; the response names are those of the reports.
TEST(SpringLaw, CompressionOnlyIsSlackWhenOpening) {
  const SpringDefinition gap = spring("facet", 5, 70, 70, 0, SpringResponse::compression_only);
  EXPECT_EQ(gap.force(0.1), 0.0);
  EXPECT_EQ(gap.state(0.1), SpringState::slack);
  EXPECT_DOUBLE_EQ(gap.force(-0.2), -14.0);
  EXPECT_EQ(gap.state(-0.2), SpringState::linear);
  EXPECT_EQ(gap.state(0.0), SpringState::linear);
  EXPECT_STREQ(to_string(SpringResponse::compression_only), "compression-only");
  EXPECT_STREQ(to_string(SpringResponse::tension_only), "tension-only");
}

TEST(SpringLaw, ExplicitDirectionMustBeAUnitVector) {
  SpringDefinition s = spring("facet", 5, 70, 70, 0, SpringResponse::compression_only);
  s.direction = Tensor<1, 3>({0.0, 0.0, 1.0});
  EXPECT_NO_THROW(s.check());
  s.direction = Tensor<1, 3>({0.0, 0.0, 2.0});
  try {
    s.check();
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              "springs: spring 'facet': its direction must be a unit vector, but has length "
              "2.000000");
  }
}

// Free body of the upper block in z: spring force = F (1e-8; the solver tolerance is 1e-11), so
// its elongation is F/k = 1 mm to the same accuracy. The loaded top moves by F/k plus the
// compliance of the blocks: F L / (E A) = 10 * 10 / (110000 * 100) ~ 1e-5 mm for each block, plus
// the local indentation under the spring's point force at each end, ~ F / (pi E r) with r a
// fraction of the element size h = 2.5 mm (a point force has no finite displacement in the
// continuum; on the mesh it grows as 1/h). Measured: 2.0e-4 mm; bound 1e-3 relative.
TEST(Springs, TensionSpringCarriesTheHangingLoad) {
  const double force = 10, k = 10;
  const auto r =
      solve(hanging_block(force, {spring("ALL", 5, k, k, 100)}), st::verification_settings(2));
  ASSERT_EQ(r.forces.size(), 1u);
  if (root())
    std::cout << "spring force " << r.forces[0] << " N, elongation " << r.elongations[0]
              << " mm; relative errors " << std::abs(r.forces[0] - force) / force << ", "
              << std::abs(r.elongations[0] - force / k) / (force / k) << "; base reaction "
              << r.base_reaction << " N\n";
  EXPECT_NEAR(r.forces[0], force, 1e-8 * force);
  EXPECT_NEAR(r.elongations[0], force / k, 1e-8 * force / k);
  if (root())
    std::cout << "top displacement " << r.top_displacement << " mm, relative excess over F/k "
              << (r.top_displacement - force / k) / (force / k) << "\n";
  EXPECT_GT(r.top_displacement, force / k);
  // The reactions include the spring forces: the base holds -F (1e-6: a sum of nodal residuals).
  EXPECT_NEAR(r.base_reaction, -force, 1e-6 * force);
  EXPECT_NEAR(r.top_displacement, force / k, 1e-3 * force / k);
  EXPECT_EQ(r.states[0], SpringState::linear);
  // One solve settles the states (loose, 1e-5), one more confirms them at the tolerance.
  EXPECT_EQ(r.report.iterations, 2u);
  EXPECT_EQ(r.report.n_taut, 1u);
  EXPECT_EQ(r.report.n_slack, 0u);
}

// Pushed down, the tension-only spring at the centre slackens (exactly 0 N) and a
// compression-capable spring at (2.5, 2.5) carries all of F; the first solve with both active
// compresses both, the second settles.
TEST(Springs, PushedTensionSpringGoesSlack) {
  const double force = -5; // the strut shortens by 1 mm, half the gap
  const auto r =
      solve(hanging_block(force, {spring("ALL", 5, 10, 10, 100),
                                  spring("strut", 2.5, 5, 5, 100, SpringResponse::both)}),
            st::verification_settings(2));
  ASSERT_EQ(r.forces.size(), 2u);
  if (root())
    std::cout << "slack spring elongation " << r.elongations[0] << " mm, strut force "
              << r.forces[1] << " N\n";
  EXPECT_EQ(r.states[0], SpringState::slack);
  EXPECT_EQ(r.forces[0], 0.0);
  EXPECT_LT(r.elongations[0], 0.0);
  EXPECT_NEAR(r.forces[1], force, 1e-8 * std::abs(force));
  EXPECT_EQ(r.report.iterations, 3u); // 2 loose solves (one state change), 1 confirming
  EXPECT_EQ(r.report.n_slack, 1u);
  EXPECT_EQ(r.report.n_taut, 1u);
}

// k1 = 10, k2 = 40 N/mm, delta_t = 0.5 mm, F = 20 N > k1 delta_t = 5 N:
// delta = delta_t + (F - k1 delta_t) / k2 = 0.5 + 15/40 = 0.875 mm (1e-8: equilibrium, as above),
// with the p-multigrid (SBAIJ) and the direct (AIJ, MUMPS) solvers.
TEST(Springs, BilinearLawBeyondTheTransition) {
  const double force = 20, k1 = 10, k2 = 40, dt = 0.5;
  SolverSettings direct = st::verification_settings(2);
  direct.method = SolverSettings::Method::direct;
  for (const SolverSettings& settings : {st::verification_settings(2), direct}) {
    const auto r = solve(hanging_block(force, {spring("PLL", 5, k1, k2, dt)}), settings);
    const double expected = dt + (force - k1 * dt) / k2;
    if (root())
      std::cout << "bilinear elongation " << r.elongations[0] << " mm (expected " << expected
                << "), relative error " << std::abs(r.elongations[0] - expected) / expected << "\n";
    EXPECT_EQ(r.states[0], SpringState::stiff);
    EXPECT_NEAR(r.forces[0], force, 1e-8 * force);
    EXPECT_NEAR(r.elongations[0], expected, 1e-8 * expected);
    // One state change; iterative solvers add one confirming solve at the tolerance.
    EXPECT_EQ(r.report.iterations, settings.method == SolverSettings::Method::direct ? 2u : 3u);
  }
}

// The bilinear test with a slack of delta_s = 0.3 mm: the spring first straightens, so
// delta = delta_s + F/k1 below the transition (F = 2 N) and delta_s + delta_t + (F - k1 delta_t)/k2
// beyond it (F = 20 N), both to 1e-8 (equilibrium, as above).
TEST(Springs, LaxSpringCarriesLoadOnlyBeyondItsSlack) {
  const double k1 = 10, k2 = 40, dt = 0.5, slack = 0.3;
  for (const double force : {2.0, 20.0}) {
    SpringDefinition lax = spring("SSL", 5, k1, k2, dt);
    lax.slack_elongation = slack;
    const auto r = solve(hanging_block(force, {lax}), st::verification_settings(2));
    const double expected =
        force <= k1 * dt ? slack + force / k1 : slack + dt + (force - k1 * dt) / k2;
    if (root())
      std::cout << "lax spring at " << force << " N: elongation " << r.elongations[0]
                << " mm (expected " << expected << ")\n";
    EXPECT_EQ(r.states[0], force <= k1 * dt ? SpringState::linear : SpringState::stiff);
    EXPECT_NEAR(r.forces[0], force, 1e-8 * force);
    EXPECT_NEAR(r.elongations[0], expected, 1e-8 * expected);
  }
}

// A spring whose end a is on the lower base, which is moved down by 0.5 mm (an inhomogeneous
// Dirichlet constraint on the spring's DoFs): the spring still carries F, stretches by F/k, and
// the end a follows the support, so the upper block's bottom centre moves by F/k - 0.5 mm. Were the
// constraint's inhomogeneity dropped from the spring terms, the spring would stretch by 1.5 mm.
TEST(Springs, EndOnAPrescribedSupport) {
  const double force = 10, k = 10, support = -0.5;
  SpringDefinition anchored = spring("ALL", 5, k, k, 100);
  anchored.a = Point<3>(5, 5, 0);
  ProblemDefinition p = hanging_block(force, {anchored});
  p.dirichlet[0].displacement =
      std::make_shared<Functions::ConstantFunction<3>>(std::vector<double>{0, 0, support});
  const auto r = solve(p, st::verification_settings(2));
  if (root())
    std::cout << "anchored spring force " << r.forces[0] << " N, elongation " << r.elongations[0]
              << " mm, base reaction " << r.base_reaction << " N\n";
  EXPECT_NEAR(r.forces[0], force, 1e-8 * force);
  EXPECT_NEAR(r.elongations[0], force / k, 1e-8 * force / k);
  EXPECT_NEAR(r.top_displacement, support + force / k, 1e-3 * force / k);
  // Here the spring ends on the support: without its force the base reaction would be ~0.
  EXPECT_NEAR(r.base_reaction, -force, 1e-6 * force);
}

TEST(Springs, PointFarFromTheMeshIsAnError) {
  SpringDefinition far = spring("ISL", 5, 10, 10, 1);
  far.b = Point<3>(5, 5, top + 5); // 5 mm above the upper top's centre vertex
  EXPECT_EQ(error_of(hanging_block(10, {far}), st::verification_settings(1)),
            "springs: spring 'ISL': end b at (5, 5, 27) is 5 mm from the nearest mesh vertex, "
            "more than the tolerance of 2 mm; its ends attach to mesh vertices, so the point must "
            "lie on the mesh");
}

TEST(Springs, BothEndsOnOneVertexIsAnError) {
  SpringDefinition short_spring = spring("SSL", 5, 10, 10, 1);
  short_spring.b = Point<3>(5, 5, side + 0.5);
  EXPECT_EQ(error_of(hanging_block(10, {short_spring}), st::verification_settings(1)),
            "springs: spring 'SSL': both ends attach to the same mesh vertex (5, 5, 10); the "
            "points must be farther apart");
}

TEST(Springs, UnsettledActiveSetIsAnError) {
  SolverSettings settings = st::verification_settings(1);
  settings.max_spring_iterations = 1;
  EXPECT_EQ(error_of(hanging_block(-10, {spring("ALL", 5, 10, 10, 100),
                                         spring("strut", 2.5, 5, 5, 100, SpringResponse::both)}),
                     settings),
            "the springs (tension-only ligaments, compression-only facets) did not settle after 1 "
            "iterations: 1 springs still change state");
}

// The spring forces on 2 ranks equal those on 1 rank (rank 0 alone) to 1e-8 relative, for both
// the p-multigrid (P2) and the GAMG (P1) paths.
TEST(Springs, ResultDoesNotDependOnTheRankCount) {
  const MPI_Comm world = MPI_COMM_WORLD;
  const auto problem = hanging_block(
      20, {spring("ALL", 5, 10, 40, 0.5), spring("strut", 2.5, 5, 5, 100, SpringResponse::both)});
  for (const unsigned int degree : {1u, 2u}) {
    SolverSettings settings = st::verification_settings(degree);
    settings.relative_tolerance = 1e-12;
    const auto parallel = solve(problem, settings, world);
    const bool root = Utilities::MPI::this_mpi_process(world) == 0;
    MPI_Comm self;
    MPI_Comm_split(world, root ? 0 : MPI_UNDEFINED, 0, &self);
    if (!root)
      continue;
    const auto serial = solve(problem, settings, self);
    MPI_Comm_free(&self);
    for (unsigned int s = 0; s < 2; ++s) {
      std::cout << "P" << degree << " spring " << s << ": " << serial.forces[s] << " N on 1 rank, "
                << parallel.forces[s] << " N on " << Utilities::MPI::n_mpi_processes(world)
                << " rank(s); relative difference "
                << std::abs(serial.forces[s] - parallel.forces[s]) / std::abs(serial.forces[s])
                << "\n";
      EXPECT_NEAR(parallel.forces[s], serial.forces[s], 1e-8 * std::abs(serial.forces[s]));
      EXPECT_EQ(parallel.states[s], serial.states[s]);
    }
  }
}

TEST(Springs, EndsRestrictedToRegionsAttachToThoseRegionsOnly) {
  // End b lies 0.5 mm above the lower block's top vertex (5, 5, 10): unrestricted it would
  // attach there (the previous test); restricted to the upper block it attaches to that block's
  // bottom vertex (5, 5, 12), 1.5 mm away, and carries the hanging load.
  SpringDefinition s = spring("CL", 5, 10, 10, 100);
  s.b = Point<3>(5, 5, side + 0.5);
  s.regions_a = {0};
  s.regions_b = {1};
  const SpringResult r = solve(hanging_block(10, {s}), st::verification_settings(1));
  ASSERT_EQ(r.forces.size(), 1u);
  EXPECT_NEAR(r.forces[0], 10.0, 1e-6);
  EXPECT_NEAR(r.elongations[0], 1.0, 1e-6); // F / k = 10 N / 10 N/mm
}

// A compression-only spring from (5, 5, 10) to the tangentially offset vertex (7.5, 5, 12) with
// the explicit direction n = z measures the normal closure: pushed with F, it carries F (1e-8,
// equilibrium in z as above) and closes by F/k. Without the explicit direction its axis would
// lean 51 degrees from z and it would carry F/cos(51 deg) = 1.6 F, its x part taken by the holds.
TEST(Springs, ExplicitDirectionMeasuresTheNormalClosure) {
  const double force = -5, k = 10;
  SpringDefinition s = spring("facet", 5, k, k, 0, SpringResponse::compression_only);
  s.b = Point<3>(7.5, 5, side + gap);
  s.direction = Tensor<1, 3>({0.0, 0.0, 1.0});
  SpringDefinition pull = spring("ALL", 2.5, 10, 10, 100); // tension-only, slack here
  const SpringResult r = solve(hanging_block(force, {s, pull}), st::verification_settings(1));
  if (root())
    std::cout << "normal gap element force " << r.forces[0] << " N, closure " << r.elongations[0]
              << " mm\n";
  EXPECT_NEAR(r.forces[0], force, 1e-8 * std::abs(force));
  EXPECT_NEAR(r.elongations[0], force / k, 1e-8 * std::abs(force / k));
  EXPECT_EQ(r.states[1], SpringState::slack);
  // Pulled, the gap element opens and goes slack while the tension-only spring carries F.
  const SpringResult pulled = solve(hanging_block(-force, {s, pull}), st::verification_settings(1));
  EXPECT_EQ(pulled.states[0], SpringState::slack);
  EXPECT_EQ(pulled.forces[0], 0.0);
  EXPECT_GT(pulled.elongations[0], 0.0);
  EXPECT_NEAR(pulled.forces[1], -force, 1e-8 * std::abs(force));
}
