// Checks that the rigid-body fit for ROM recovers a prescribed rigid rotation and translation
// exactly (1e-12, validation.md), that anatomical angles have the documented axis and sign, that
// segment motion is relative to the lower body, and that degenerate input is refused with pinned
// messages. 1 MPI rank.
#include "postprocess/rigid_fit.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

using namespace spinefe;
using Vec3 = Eigen::Vector3d;

namespace {

constexpr double deg = M_PI / 180.0;

Eigen::Matrix3d rotation(const double angle_deg, const Vec3& axis) {
  return Eigen::AngleAxisd(angle_deg * deg, axis.normalized()).toRotationMatrix();
}

/// A seeded cloud the size of a vertebral body (40 x 50 x 25 mm) centred at `centre`.
std::vector<Vec3> point_cloud(const unsigned int n_points, const Vec3& centre,
                              const unsigned int seed = 2024) {
  std::mt19937 generator(seed);
  std::uniform_real_distribution<double> unit(-0.5, 0.5);
  std::vector<Vec3> points;
  for (unsigned int i = 0; i < n_points; ++i)
    points.push_back(centre +
                     Vec3(40 * unit(generator), 50 * unit(generator), 25 * unit(generator)));
  return points;
}

std::vector<Vec3> moved(const std::vector<Vec3>& points, const Eigen::Matrix3d& R, const Vec3& t) {
  std::vector<Vec3> result;
  for (const auto& p : points)
    result.push_back(R * p + t);
  return result;
}

/// The std::invalid_argument text of fitting, or "" if the fit succeeds.
std::string error_of(const std::vector<Vec3>& reference, const std::vector<Vec3>& displaced,
                     const std::vector<double>& weights = {}) {
  try {
    fit_rigid_motion(reference, displaced, weights);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST(RigidFit, RecoversPrescribedRigidMotionExactly) {
  const std::vector<Vec3> reference = point_cloud(60, Vec3(5, -3, 120));
  const Eigen::Matrix3d R = rotation(7.3, Vec3(0.3, 1.0, -0.2));
  const Vec3 t(1.25, -0.5, -2.0); // mm
  const RigidMotion fit = fit_rigid_motion(reference, moved(reference, R, t));
  // Exact to rounding (validation.md: 1e-12): entries of R [-], t [mm], residual [mm].
  EXPECT_LT((fit.rotation - R).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((fit.translation - t).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT(fit.rms_residual, 1e-12);
  EXPECT_NEAR(fit.rotation.determinant(), 1.0, 1e-12);
}

TEST(RigidFit, CoplanarPointsAndLargeRotationGiveProperRotation) {
  // Coplanar points make H rank 2, where the reflection correction decides the sign of det R.
  std::vector<Vec3> reference = point_cloud(20, Vec3::Zero(), 7);
  for (auto& p : reference)
    p.z() = 0;
  const Eigen::Matrix3d R = rotation(150, Vec3(1, -1, 0.5));
  const Vec3 t(10, 20, 30);
  const RigidMotion fit = fit_rigid_motion(reference, moved(reference, R, t));
  EXPECT_LT((fit.rotation - R).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((fit.translation - t).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_NEAR(fit.rotation.determinant(), 1.0, 1e-12);
}

TEST(RigidFit, MirroredDataStillGivesARotation) {
  // The best orthogonal map is the mirror x -> -x; the fit must return det R = +1 and a residual.
  const std::vector<Vec3> reference = point_cloud(30, Vec3::Zero(), 11);
  const RigidMotion fit = fit_rigid_motion(
      reference, moved(reference, Eigen::Matrix3d(Vec3(-1, 1, 1).asDiagonal()), Vec3::Zero()));
  EXPECT_NEAR(fit.rotation.determinant(), 1.0, 1e-12);
  EXPECT_LT((fit.rotation.transpose() * fit.rotation - Eigen::Matrix3d::Identity()).norm(), 1e-12);
  EXPECT_GT(fit.rms_residual, 1.0); // mm: a mirror is far from rigid
}

TEST(RigidFit, ZeroWeightIgnoresAnOutlier) {
  const std::vector<Vec3> reference = point_cloud(25, Vec3(0, 0, 50), 3);
  const Eigen::Matrix3d R = rotation(-4, Vec3::UnitX());
  const Vec3 t(0, 0.3, -1.1);
  std::vector<Vec3> displaced = moved(reference, R, t);
  displaced[4] += Vec3(5, -5, 5); // mm, a badly tracked point
  std::vector<double> weights(reference.size(), 2.5);
  weights[4] = 0;
  const RigidMotion fit = fit_rigid_motion(reference, displaced, weights);
  EXPECT_LT((fit.rotation - R).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((fit.translation - t).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT(fit.rms_residual, 1e-12);
  // With equal weights the outlier shows up in the residual.
  EXPECT_GT(fit_rigid_motion(reference, displaced).rms_residual, 0.5);
}

TEST(RigidFit, PureRotationsGiveAngleAndSignOnTheirAnatomicalComponent) {
  // x anterior, y left, z cranial. Tolerance 1e-12 deg: the decomposition is closed-form.
  struct Case {
    Vec3 axis;
    double angle;
    int component;
  };
  for (const Case& c :
       {Case{Vec3::UnitX(), 4.0, 0}, Case{Vec3::UnitX(), -6.5, 0}, Case{Vec3::UnitY(), 8.0, 1},
        Case{Vec3::UnitY(), -3.0, 1}, Case{Vec3::UnitZ(), 2.5, 2}, Case{Vec3::UnitZ(), -1.75, 2}}) {
    const Vec3 angles = anatomical_angles_deg(rotation(c.angle, c.axis));
    for (int i = 0; i < 3; ++i)
      EXPECT_NEAR(angles[i], i == c.component ? c.angle : 0.0, 1e-12)
          << "axis " << c.axis.transpose() << ", angle " << c.angle << ", component " << i;
  }
  // Flexion (positive about y) tilts the cranial direction anteriorly (+x).
  EXPECT_GT((rotation(5, Vec3::UnitY()) * Vec3::UnitZ()).x(), 0);
  // Positive lateral bending tilts the cranial direction to the right (-y).
  EXPECT_LT((rotation(5, Vec3::UnitX()) * Vec3::UnitZ()).y(), 0);
  // Positive axial rotation turns the anterior face to the left (+y).
  EXPECT_GT((rotation(5, Vec3::UnitZ()) * Vec3::UnitX()).y(), 0);
}

TEST(RigidFit, CardanSequenceIsFlexionThenLateralThenAxial) {
  // R = R_y(flex) R_x(lat) R_z(axial) decomposes back into its three angles (1e-12 deg).
  const double lateral = 3.0, flexion = -7.0, axial = 1.5;
  const Eigen::Matrix3d R = rotation(flexion, Vec3::UnitY()) * rotation(lateral, Vec3::UnitX()) *
                            rotation(axial, Vec3::UnitZ());
  const Vec3 angles = anatomical_angles_deg(R);
  EXPECT_NEAR(angles[0], lateral, 1e-12);
  EXPECT_NEAR(angles[1], flexion, 1e-12);
  EXPECT_NEAR(angles[2], axial, 1e-12);
}

TEST(RigidFit, RelativeMotionOfTwoBodies) {
  // The lower body rotates axially 5 deg and moves; the upper body does the same and flexes
  // 3 deg more about a centre 15 mm above. Relative to the lower body: pure 3 deg flexion.
  const std::vector<Vec3> lower_points = point_cloud(40, Vec3(0, 0, 0), 21);
  const std::vector<Vec3> upper_points = point_cloud(40, Vec3(0, 0, 35), 22);
  const Eigen::Matrix3d R_lower = rotation(5, Vec3::UnitZ());
  const Vec3 t_lower(0.4, -0.2, -0.8);
  const Vec3 centre(0, 0, 15);
  const Eigen::Matrix3d R_flex = rotation(3, Vec3::UnitY());
  const Eigen::Matrix3d R_upper = R_lower * R_flex;
  const Vec3 t_upper = R_lower * (centre - R_flex * centre) + t_lower;

  const RigidMotion lower = fit_rigid_motion(lower_points, moved(lower_points, R_lower, t_lower));
  const RigidMotion upper = fit_rigid_motion(upper_points, moved(upper_points, R_upper, t_upper));
  const RigidMotion segment = relative_motion(upper, lower);
  EXPECT_LT((segment.rotation - R_flex).cwiseAbs().maxCoeff(), 1e-12);
  EXPECT_LT((segment.translation - (centre - R_flex * centre)).cwiseAbs().maxCoeff(), 1e-12);
  const Vec3 angles = anatomical_angles_deg(segment.rotation);
  EXPECT_NEAR(angles[0], 0.0, 1e-10); // deg
  EXPECT_NEAR(angles[1], 3.0, 1e-10);
  EXPECT_NEAR(angles[2], 0.0, 1e-10);
  // The same rigid motion of both bodies is no segment motion at all.
  const RigidMotion none = relative_motion(lower, lower);
  EXPECT_LT((none.rotation - Eigen::Matrix3d::Identity()).cwiseAbs().maxCoeff(), 1e-14);
  EXPECT_LT(none.translation.norm(), 1e-14);
}

TEST(RigidFit, NoisyDataGivesFiniteResidualOfTheNoiseSize) {
  // Isotropic noise sigma per coordinate leaves E|r|^2 = sigma^2 (3 - 6/N) after fitting 6 rigid
  // modes; with N = 200 the RMS has a relative spread of about 3%, so 10% is > 3 sigma.
  const unsigned int n_points = 200;
  const double sigma = 0.05; // mm
  const std::vector<Vec3> reference = point_cloud(n_points, Vec3(0, 0, 80), 5);
  const Eigen::Matrix3d R = rotation(6, Vec3(0.1, 1, 0.2));
  const Vec3 t(0.5, 0.5, -1);
  std::vector<Vec3> displaced = moved(reference, R, t);
  std::mt19937 generator(99);
  std::normal_distribution<double> noise(0.0, sigma);
  for (auto& q : displaced)
    q += Vec3(noise(generator), noise(generator), noise(generator));
  const RigidMotion fit = fit_rigid_motion(reference, displaced);
  ASSERT_TRUE(std::isfinite(fit.rms_residual));
  EXPECT_NEAR(fit.rms_residual, sigma * std::sqrt(3.0 - 6.0 / n_points),
              0.1 * sigma * std::sqrt(3.0));
  // The rotation is still found to within 0.1 deg (its error here is about 0.03 deg).
  const Eigen::AngleAxisd error(fit.rotation.transpose() * R);
  EXPECT_LT(std::abs(error.angle()) / deg, 0.1);
}

TEST(RigidFit, DegenerateInputIsRefusedWithPinnedMessages) {
  const std::vector<Vec3> three = {Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(0, 1, 0)};
  EXPECT_EQ(error_of({Vec3(0, 0, 0), Vec3(1, 0, 0)}, {Vec3(0, 0, 0), Vec3(1, 0, 0)}),
            "fit_rigid_motion: needs at least 3 non-collinear points, got 2");
  EXPECT_EQ(error_of(three, {Vec3(0, 0, 0), Vec3(1, 0, 0)}),
            "fit_rigid_motion: reference has 3 points but displaced has 2; they must correspond "
            "point for point");
  EXPECT_EQ(error_of(three, three, {1, 1}),
            "fit_rigid_motion: 2 weights given for 3 points; give one weight per point, or none");
  EXPECT_EQ(error_of(three, three, {1, -0.5, 1}),
            "fit_rigid_motion: weight -0.5 of point 1 must be finite and >= 0");
  EXPECT_EQ(error_of(three, three, {0, 0, 0}),
            "fit_rigid_motion: the weights sum to zero; at least 3 non-collinear points need a "
            "positive weight");
  EXPECT_EQ(error_of(three, {Vec3(0, 0, 0), Vec3(1, 0, NAN), Vec3(0, 1, 0)}),
            "fit_rigid_motion: point 1 has a non-finite coordinate");
  const std::string collinear =
      "fit_rigid_motion: the 4 reference points (with positive weight) are collinear or "
      "coincident; a rigid motion needs at least 3 non-collinear points";
  const std::vector<Vec3> line = {Vec3(0, 0, 0), Vec3(1, 2, 3), Vec3(2, 4, 6),
                                  Vec3(-0.5, -1, -1.5)};
  EXPECT_EQ(error_of(line, line), collinear);
  const std::vector<Vec3> same(4, Vec3(3, 3, 3));
  EXPECT_EQ(error_of(same, same), collinear);
  // Three non-collinear points with positive weight are enough; two are not.
  const std::vector<Vec3> square = {Vec3(0, 0, 0), Vec3(1, 0, 0), Vec3(0, 1, 0), Vec3(1, 1, 0)};
  EXPECT_EQ(error_of(square, square, {1, 1, 1, 0}), "");
  EXPECT_EQ(error_of(square, square, {1, 1, 0, 0}),
            "fit_rigid_motion: the 4 reference points (with positive weight) are collinear or "
            "coincident; a rigid motion needs at least 3 non-collinear points");
}
