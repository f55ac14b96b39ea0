// Facet joint orientation per level (meshing/facet_joints.h): the joint normal follows the
// anatomy table's transverse angle and sagittal inclination, exactly (the frame is built from
// them; 1e-12 is round-off). No meshing: the frames only.
#include "meshing/facet_joints.h"
#include "meshing/anatomy_table.h"
#include "meshing/spine_layout.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;

namespace {

constexpr double deg = M_PI / 180;

struct Joints {
  AnatomyTable table = AnatomyTable::read(AnatomyTable::builtin_file());
  SpineLayout layout = lay_out_spine(table);
  std::vector<FacetJoint> joints;
  Joints() {
    std::map<std::string, bool> present;
    for (const auto& level : table.levels())
      present[level.name] = true;
    joints = facet_joints(layout, TissueGeometry(), present);
  }
};

} // namespace

TEST(FacetJoints, NormalFollowsTheTabulatedAnglesAtEveryLevel) {
  const Joints j;
  ASSERT_EQ(j.joints.size(), 10u); // five joints, both sides
  for (const FacetJoint& joint : j.joints) {
    const LevelAnatomy& up = j.table.level(joint.upper);
    const Frame& mid = j.layout.disc_mid[j.layout.index(joint.upper)];
    const Vec3 n = mid.axes.transpose() * joint.frame.axes.col(0); // in the disc's mid frame
    const double a = up.facet_angle * deg, b = up.facet_inclination * deg;
    // Cranial component sin b; transverse direction at angle a to the sagittal plane, facing
    // posteriorly and medially (y is left, so medial is -side).
    EXPECT_NEAR(n.z(), std::sin(b), 1e-12) << joint.name;
    EXPECT_NEAR(n.x(), -std::sin(a) * std::cos(b), 1e-12) << joint.name;
    EXPECT_NEAR(n.y(), -joint.side * std::cos(a) * std::cos(b), 1e-12) << joint.name;
    // The face's in-plane horizontal axis stays horizontal; the frame is orthonormal and
    // right-handed.
    EXPECT_NEAR(mid.axes.col(2).dot(joint.frame.axes.col(1)), 0, 1e-12) << joint.name;
    EXPECT_NEAR(
        (joint.frame.axes.transpose() * joint.frame.axes - Eigen::Matrix3d::Identity()).norm(), 0,
        1e-12)
        << joint.name;
    EXPECT_NEAR(joint.frame.axes.determinant(), 1, 1e-12) << joint.name;
  }
}

TEST(FacetJoints, ExtensionClosesAnInclinedJointAndFlexionOpensIt) {
  // Extension moves the upper vertebra's inferior articular process caudally relative to the
  // process below; with the superior face turned cranially (inclination > 0) the normal closure
  // n . (u_IAP - u_SAP) is then negative (closing), as facets bear load in extension in vitro.
  const Joints j;
  for (const FacetJoint& joint : j.joints) {
    const Frame& mid = j.layout.disc_mid[j.layout.index(joint.upper)];
    const Vec3 caudal = -mid.axes.col(2);
    const double closure = joint.frame.axes.col(0).dot(caudal);
    ASSERT_GT(j.table.level(joint.upper).facet_inclination, 0) << joint.name;
    EXPECT_LT(closure, 0) << joint.name << ": caudal motion of the IAP must close the joint";
    EXPECT_GT(joint.frame.axes.col(0).dot(-caudal), 0) << joint.name;
  }
}
