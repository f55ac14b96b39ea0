// Checks that the rigid-body motion of a body (ROM) is recovered from a solved displacement
// field: a rigid motion x -> R x + t, imposed as the linear field u = (R - I) x + t on the whole
// boundary, is reproduced exactly by the elements (patch test), and the fit of each body's
// vertices gives back R's anatomical angles to 1e-9 degrees and t to 1e-9 mm, with the sums
// added over 2 MPI ranks; the relative motion of two bodies moving together is zero.
// MPI: 2
#include "postprocess/body_motion.h"
#include "core/input_error.h"
#include "tests/support/solve.h"

#include <deal.II/grid/grid_generator.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;
using namespace dealii;

namespace {

constexpr double pi = 3.14159265358979323846;

/// R = R_y(flexion) R_x(lateral) R_z(axial): 4 deg flexion, -2 deg lateral bending, 1.5 deg axial.
Eigen::Matrix3d prescribed_rotation() {
  const double deg = pi / 180;
  return (Eigen::AngleAxisd(4 * deg, Eigen::Vector3d::UnitY()) *
          Eigen::AngleAxisd(-2 * deg, Eigen::Vector3d::UnitX()) *
          Eigen::AngleAxisd(1.5 * deg, Eigen::Vector3d::UnitZ()))
      .toRotationMatrix();
}
const Eigen::Vector3d prescribed_translation(0.3, -0.2, 0.5);

/// u(x) = (R - I) x + t, so that x + u(x) = R x + t: a finite rigid motion, linear in x.
class RigidField : public Function<3> {
public:
  RigidField() : Function<3>(3) {}
  double value(const Point<3>& x, const unsigned int c) const override {
    const Eigen::Vector3d p(x[0], x[1], x[2]);
    return (prescribed_rotation() * p - p + prescribed_translation)[c];
  }
};

/// Two regions (x below or above 20 mm) of a 40 x 20 x 30 mm block, moved rigidly.
spinefe::testing::Solved solve_block() {
  ProblemDefinition problem;
  // One material in both regions: a finite rotation's linear field has a (second-order)
  // constant strain, which is in equilibrium only if the stiffness does not jump.
  problem.materials = {LinearIsotropic("bone", 12000, 0.3), LinearIsotropic("bone", 12000, 0.3)};
  problem.region_names = {"upper", "lower"};
  problem.surface_names = {"all"};
  problem.dirichlet.push_back({"all", 1, {{true, true, true}}, std::make_shared<RigidField>()});
  auto build = [](Triangulation<3>& tria) {
    GridGenerator::subdivided_hyper_rectangle_with_simplices(tria, {4, 2, 3}, Point<3>(0, 0, 0),
                                                             Point<3>(40, 20, 30));
    for (const auto& cell : tria.active_cell_iterators()) {
      cell->set_material_id(cell->center()[0] < 20 ? 0 : 1);
      for (const auto f : cell->face_indices())
        if (cell->at_boundary(f))
          cell->face(f)->set_boundary_id(1);
    }
  };
  SolverSettings settings = spinefe::testing::verification_settings(1);
  settings.method = SolverSettings::Method::direct; // algebraic error at round-off
  return spinefe::testing::solve_triangulation(build, problem, settings);
}

} // namespace

TEST(BodyMotion, RecoversAPrescribedRigidMotionOfEachBody) {
  const auto solved = solve_block();
  const auto bodies = fit_body_motions(*solved.solver, {{"upper", {0}}, {"lower", {1}}});
  ASSERT_EQ(bodies.size(), 2u);
  for (const BodyMotion& b : bodies) {
    SCOPED_TRACE(b.name);
    // 3 x 3 x 4 vertices in each half (the x = 20 plane belongs to both bodies).
    EXPECT_EQ(b.n_nodes, 36u);
    EXPECT_NEAR(b.angles_deg[0], -2.0, 1e-9);
    EXPECT_NEAR(b.angles_deg[1], 4.0, 1e-9);
    EXPECT_NEAR(b.angles_deg[2], 1.5, 1e-9);
    EXPECT_LT((b.motion.translation - prescribed_translation).norm(), 1e-9);
    EXPECT_LT(b.motion.rms_residual, 1e-9);
  }
  // The translation reported is that of the body's vertex centroid: R c + t - c.
  const Eigen::Vector3d c(10, 10, 15);
  EXPECT_LT((bodies[0].reference_centroid - c).norm(), 1e-9);
  EXPECT_LT(
      (bodies[0].translation - (prescribed_rotation() * c + prescribed_translation - c)).norm(),
      1e-9);
}

TEST(BodyMotion, BodiesMovingTogetherHaveNoRelativeMotion) {
  const auto solved = solve_block();
  // Side by side along x, not a column: the segment's anatomical frame is undefined.
  const auto bodies = fit_body_motions(*solved.solver, {{"upper", {0}}, {"lower", {1}}});
  EXPECT_THROW(segment_motions(bodies), InputError);
  const auto segments = segment_motions(bodies, SegmentFrame::global);
  ASSERT_EQ(segments.size(), 1u); // two bodies: one segment, no separate first-to-last
  EXPECT_EQ(segments[0].upper, "upper");
  EXPECT_EQ(segments[0].lower, "lower");
  EXPECT_LT(segments[0].angles_deg.norm(), 1e-9);
}

TEST(BodyMotion, BodyWithoutVerticesIsAnError) {
  const auto solved = solve_block();
  try {
    fit_body_motions(*solved.solver, {{"empty", {7}}});
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.message(), "body 'empty' has 0 mesh vertices; a rigid fit needs at least 3");
  }
}
