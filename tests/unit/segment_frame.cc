// Checks the anatomical frame of a motion segment (postprocess/body_motion.h, SegmentFrame): for
// a segment tilted 20 deg in the sagittal plane, as the vertebrae of a kyphotic column are, a
// rotation about the segment's own long axis is pure axial rotation in the anatomical frame (to
// 1e-9 deg, round-off), while about global axes 5 deg of it appear as 5 sin 20 = 1.71 deg of
// lateral bending; flexion about the lateral axis is the same in both frames; the frame is right
// handed with its anterior axis in the sagittal plane; a degenerate segment is a clear error.
#include "core/input_error.h"
#include "postprocess/body_motion.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;

namespace {

constexpr double deg = 3.14159265358979323846 / 180;
constexpr double tilt = 20 * deg; // the upper body sits anterior-cranial of the lower one

BodyMotion body(const std::string& name, const Eigen::Vector3d& centroid,
                const Eigen::Matrix3d& rotation) {
  BodyMotion b;
  b.name = name;
  b.reference_centroid = centroid;
  b.motion.rotation = rotation;
  return b;
}

/// The lower body fixed at the origin; the upper one 30 mm up the tilted long axis, rotated by
/// `rotation` (about the origin: the relative rotation does not depend on the centre).
std::vector<BodyMotion> tilted_segment(const Eigen::Matrix3d& rotation) {
  const Eigen::Vector3d long_axis(std::sin(tilt), 0, std::cos(tilt));
  return {body("upper", 30 * long_axis, rotation),
          body("lower", Eigen::Vector3d::Zero(), Eigen::Matrix3d::Identity())};
}

Eigen::Matrix3d about(const Eigen::Vector3d& axis, const double angle) {
  return Eigen::AngleAxisd(angle, axis.normalized()).toRotationMatrix();
}

} // namespace

TEST(SegmentFrame, AxialRotationOfATiltedSegmentStaysAxial) {
  const Eigen::Vector3d long_axis(std::sin(tilt), 0, std::cos(tilt));
  const auto bodies = tilted_segment(about(long_axis, 5 * deg));
  const auto anatomical = segment_motions(bodies, SegmentFrame::anatomical);
  ASSERT_EQ(anatomical.size(), 1u);
  EXPECT_NEAR(anatomical[0].angles_deg[0], 0, 1e-9); // lateral bending
  EXPECT_NEAR(anatomical[0].angles_deg[1], 0, 1e-9); // flexion-extension
  EXPECT_NEAR(anatomical[0].angles_deg[2], 5, 1e-9); // axial rotation
  // About global axes the same motion leaks into lateral bending by the tilt, to first order
  // 5 sin(20 deg) = 1.71 deg, and loses 5 (1 - cos 20) = 0.30 deg of axial rotation.
  const auto global = segment_motions(bodies, SegmentFrame::global);
  EXPECT_NEAR(global[0].angles_deg[0], 5 * std::sin(tilt), 0.01);
  EXPECT_NEAR(global[0].angles_deg[2], 5 * std::cos(tilt), 0.01);
}

TEST(SegmentFrame, FlexionIsTheSameInBothFrames) {
  const auto bodies = tilted_segment(about(Eigen::Vector3d::UnitY(), 7 * deg));
  for (const SegmentFrame frame : {SegmentFrame::anatomical, SegmentFrame::global}) {
    const auto s = segment_motions(bodies, frame);
    EXPECT_NEAR(s[0].angles_deg[0], 0, 1e-9);
    EXPECT_NEAR(s[0].angles_deg[1], 7, 1e-9);
    EXPECT_NEAR(s[0].angles_deg[2], 0, 1e-9);
  }
}

TEST(SegmentFrame, FrameIsRightHandedWithTheAnteriorAxisInTheSagittalPlane) {
  const auto bodies = tilted_segment(Eigen::Matrix3d::Identity());
  const Eigen::Matrix3d q = anatomical_segment_frame(bodies[0], bodies[1]);
  EXPECT_LT((q.transpose() * q - Eigen::Matrix3d::Identity()).norm(), 1e-12);
  EXPECT_NEAR(q.determinant(), 1, 1e-12);
  EXPECT_LT((q.col(2) - Eigen::Vector3d(std::sin(tilt), 0, std::cos(tilt))).norm(), 1e-12);
  EXPECT_LT((q.col(0) - Eigen::Vector3d(std::cos(tilt), 0, -std::sin(tilt))).norm(), 1e-12);
  EXPECT_LT((q.col(1) - Eigen::Vector3d::UnitY()).norm(), 1e-12);
}

TEST(SegmentFrame, BodiesThatAreNotAColumnAreAnError) {
  const std::vector<BodyMotion> side_by_side = {
      body("front", Eigen::Vector3d(30, 0, 0), Eigen::Matrix3d::Identity()),
      body("back", Eigen::Vector3d::Zero(), Eigen::Matrix3d::Identity())};
  try {
    segment_motions(side_by_side);
    FAIL() << "expected an error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.where(), "Output/Segment frame");
    EXPECT_NE(e.message().find("bodies 'front' and 'back' are not stacked cranio-caudally"),
              std::string::npos)
        << e.message();
    EXPECT_NE(e.message().find("set 'Segment frame = global'"), std::string::npos);
  }
}
