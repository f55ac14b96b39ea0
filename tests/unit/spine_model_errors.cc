// Checks that impossible implants and instrumentation are refused with pinned messages that name
// the parameter, before any meshing: an endcap or cage outside its endplate, a cage wall thicker
// than its radius, endcaps that fill the gap, and screws that breach the cortex or do not fit
// their pedicle. 1 MPI rank.
#include "core/input_error.h"
#include "meshing/spine_model.h"
#include "tests/support/spine_mesh_checks.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

/// The InputError text of building `spec`, or "" if it builds.
std::string error_of(const SpineModelSpec& spec) {
  try {
    build_spine_model(spec);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST(SpineModelErrors, EndcapLargerThanTheEndplate) {
  SpineModelSpec spec = st::coarse_spine_spec();
  spec.printed_body.endcap_area = 2000;
  EXPECT_THAT(error_of(spec),
              ::testing::HasSubstr("Spine model/Implant/Endcap area: the superior endcap extends"));
  EXPECT_THAT(error_of(spec), ::testing::HasSubstr("mm beyond the T12 inferior endplate"));
  spec.printed_body.endcap_area = 1000;
  spec.printed_body.endcap_shape = EndcapShape::circle;
  EXPECT_THAT(error_of(spec), ::testing::HasSubstr("beyond the T12 inferior endplate"));
}

TEST(SpineModelErrors, CageOutsideTheEndplateOrWallTooThick) {
  SpineModelSpec spec = st::coarse_spine_spec();
  spec.implant = ImplantType::mesh_cage;
  spec.cage.outer_diameter = 40;
  EXPECT_THAT(error_of(spec), ::testing::HasSubstr("Spine model/Implant/Cage diameter: the cage "
                                                   "extends"));
  spec.cage.outer_diameter = 22;
  spec.cage.wall_thickness = 11;
  EXPECT_THAT(error_of(spec),
              ::testing::HasSubstr("wall thickness 11 mm must be less than the cage radius 11 mm"));
}

TEST(SpineModelErrors, EndcapsThatFillTheGap) {
  SpineModelSpec spec = st::coarse_spine_spec();
  spec.printed_body.endcap_thickness = 30;
  EXPECT_THAT(error_of(spec), ::testing::HasSubstr("two endcaps of 30 mm do not leave a core"));
}

TEST(SpineModelErrors, ScrewThatBreachesTheCortex) {
  SpineModelSpec spec = st::coarse_spine_spec();
  spec.instrumentation.screw_length["T10"] = 70;
  EXPECT_THAT(error_of(spec), ::testing::HasSubstr("Spine model/Instrumentation/Screw lengths: "
                                                   "screw_T10_left (5.0 x 70.0 mm) breaches the "
                                                   "cortex"));
}

TEST(SpineModelErrors, ScrewWiderThanItsPedicle) {
  SpineModelSpec spec = st::coarse_spine_spec();
  spec.instrumentation.screw_diameter["T10"] = 7;
  EXPECT_THAT(error_of(spec), ::testing::HasSubstr("screw_T10_left: diameter 7.0 mm does not fit "
                                                   "the 6.5 mm wide pedicle"));
}
