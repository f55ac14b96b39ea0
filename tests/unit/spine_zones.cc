// Checks the stress-shielding zone builders and rows of the spine metrics
// (postprocess/spine_metrics.h) on a hand-made geometry: a mesh cage's annular interface
// (inner radius 9, outer 11 mm) and one screw. The endplate zone is the bone under the annulus,
// 0 to the zone depth into the bone (not the hollow, not beyond the depth); every zone leaves out
// the screw hole; the SSI rows of two known SED fields are 1 - SED_instrumented / SED_intact, and
// an empty zone is an error naming it. 1 MPI rank.
#include "core/input_error.h"
#include "postprocess/spine_metrics.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;
using dealii::Point;

namespace {

constexpr double inner = 9, outer = 11; // mm, the default cage's hollow and outer radius

/// The annulus inner <= r <= outer in the plane z = 0, as 2 x 64 triangles.
InterfaceFacets annulus() {
  InterfaceFacets f{"interface/T12_inferior", {}};
  constexpr unsigned int n = 64;
  const auto at = [](double r, unsigned int k) {
    const double t = 2 * M_PI * k / n;
    return Point<3>(r * std::cos(t), r * std::sin(t), 0);
  };
  for (unsigned int k = 0; k < n; ++k) {
    f.triangles.push_back({at(inner, k), at(outer, k), at(outer, k + 1)});
    f.triangles.push_back({at(inner, k), at(outer, k + 1), at(inner, k + 1)});
  }
  return f;
}

/// The T12 inferior interface at z = 0 with the bone above it (normal +z), and a screw of radius
/// 3 mm along y through (0, 0, 20), 40 mm long.
SpineMetricGeometry cage_geometry() {
  SpineMetricGeometry g;
  InterfaceGeometry i;
  i.surface = "interface/T12_inferior";
  i.level = "T12";
  i.side = "inferior";
  i.facets = annulus();
  i.area = M_PI * (outer * outer - inner * inner);
  i.normal = {0, 0, 1};
  g.interfaces.push_back(i);
  ScrewAxis s;
  s.name = "screw_T12_left";
  s.level = "T12";
  s.centre = {0, 0, 20};
  s.axis = {0, 1, 0};
  s.length = 40;
  s.radius = 3;
  g.screws.push_back(s);
  return g;
}

const EnergyZone& zone_named(const std::vector<EnergyZone>& zones, const std::string& name) {
  for (const auto& z : zones)
    if (z.name == name)
      return z;
  throw std::runtime_error("test: no zone " + name);
}

} // namespace

TEST(SpineZones, CageEndplateZoneIsTheBoneUnderTheAnnulus) {
  MetricsSettings settings; // endplate zone depth 5 mm, screw margin 2 mm
  const auto zones = stress_shielding_zones(cage_geometry(), settings);
  ASSERT_EQ(zones.size(), 3u); // body, endplate zone, screw bone
  const EnergyZone& z = zone_named(zones, "T12/endplate_zone");
  EXPECT_TRUE(z.shape(Point<3>(10, 0, 2)));         // above the wall
  EXPECT_TRUE(z.shape(Point<3>(0, -10.9, 4.9)));    // above the wall, near the depth
  EXPECT_FALSE(z.shape(Point<3>(6.3, 0, 2)));       // the old equivalent radius: hollow
  EXPECT_FALSE(z.shape(Point<3>(0, 0, 2)));         // centre of the hollow
  EXPECT_FALSE(z.shape(Point<3>(11.5, 0, 2)));      // outside the cage
  EXPECT_FALSE(z.shape(Point<3>(10, 0, 5.5)));      // deeper than 5 mm
  EXPECT_FALSE(z.shape(Point<3>(10, 0, -1)));       // below the interface: the cage
  EXPECT_EQ(z.regions.count("T12/cancellous"), 1u); // the level's body tissues
  EXPECT_EQ(z.regions.count("T12/posterior"), 0u);
  // The body zone and the screw zone leave out the screw hole (radius 3 about the axis).
  const EnergyZone& body = zone_named(zones, "T12/body");
  EXPECT_TRUE(body.shape(Point<3>(0, 0, 24)));
  EXPECT_FALSE(body.shape(Point<3>(0, 5, 21)));
  const EnergyZone& screw = zone_named(zones, "screw_T12_left/bone");
  EXPECT_TRUE(screw.shape(Point<3>(0, 5, 24)));   // 4 mm from the axis, within 3 + 2
  EXPECT_FALSE(screw.shape(Point<3>(0, 5, 22)));  // in the hole
  EXPECT_FALSE(screw.shape(Point<3>(0, 5, 26)));  // 6 mm from the axis
  EXPECT_FALSE(screw.shape(Point<3>(0, 21, 24))); // beyond the screw's end
  EXPECT_EQ(screw.regions.count("T12/posterior"), 1u);
}

TEST(SpineZones, SsiRowsOfKnownFields) {
  const auto zones = stress_shielding_zones(cage_geometry(), MetricsSettings());
  // Two cells per field: one above the cage wall (in the endplate zone), one above the hollow.
  const auto field = [](double sed_wall, double sed_hollow) {
    CellEnergyField f;
    f.region_names = {"T12/cancellous", "L1/cancellous"};
    f.region = {0, 0};
    f.centroid = {Point<3>(10, 0, 2), Point<3>(0, 0, 2)};
    f.volume = {2, 6};
    f.sed = {sed_wall, sed_hollow};
    return f;
  };
  // Instrumented: the wall carries 4x the intact SED, the hollow a quarter of it.
  const MetricTable rows =
      stress_shielding_rows({zone_named(zones, "T12/endplate_zone"), zone_named(zones, "T12/body")},
                            field(0.04, 0.0025), field(0.01, 0.01), "standing");
  const auto value = [&](const std::string& zone, const std::string& quantity) {
    return find_metric(rows, "instrumented", "standing", "ssi", zone, quantity);
  };
  EXPECT_NEAR(value("T12/endplate_zone", "ssi"), 1 - 0.04 / 0.01, 1e-12); // -3
  EXPECT_NEAR(value("T12/endplate_zone", "volume"), 2, 1e-12);
  // Body: (2 0.04 + 6 0.0025) / 8 = 0.011875 against 0.01: SSI = -0.1875.
  EXPECT_NEAR(value("T12/body", "sed_instrumented"), 0.011875, 1e-15);
  EXPECT_NEAR(value("T12/body", "ssi"), -0.1875, 1e-12);
  EXPECT_NEAR(value("T12/body", "intact_volume"), 8, 1e-12);
  // The screw zone holds neither cell: an error that names it, not a NaN.
  try {
    stress_shielding_rows(zones, field(0.04, 0.0025), field(0.01, 0.01), "standing");
    FAIL() << "an empty zone must be an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("zone 'screw_T12_left/bone' contains no bone cell"),
              std::string::npos)
        << e.what();
  }
}
