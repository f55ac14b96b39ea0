// Checks the geometry the spine metrics take from the mesh (spine_metric_geometry: the interface's
// area, centroid and normal into the bone; a screw's axis, length and radius from its volume
// moments) on a box of known moments, and the stress-shielding zone builders and rows
// (postprocess/spine_metrics.h) on a hand-made geometry: a mesh cage's annular interface
// (inner radius 9, outer 11 mm) and one screw. The endplate zone is the bone under the annulus,
// 0 to the zone depth into the bone (not the hollow, not beyond the depth); every zone leaves out
// the screw hole; the SSI rows of two known SED fields are 1 - SED_instrumented / SED_intact, and
// an empty zone is an error naming it. 1 MPI rank.
#include "core/input_error.h"
#include "meshing/generators.h"
#include "postprocess/spine_metrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

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

TEST(SpineZones, GeometryFromTheMesh) {
  // A 20 x 16 x 12 mm box: bone T12 below z = 6, a box-shaped "screw" above (its moments are
  // those of a 20 x 16 x 6 box), and the cut z = 6 named as the T12 inferior interface.
  MeshData mesh = layered_box(20, 16, 12, {6}, {"T12/cancellous", "screw_T12_left"}, 2.5);
  mesh.surface_names.push_back("interface/T12_inferior");
  static constexpr unsigned int faces[4][3] = {{0, 1, 2}, {0, 1, 3}, {0, 2, 3}, {1, 2, 3}};
  std::set<std::array<unsigned int, 3>> seen;
  for (const auto& tet : mesh.tets)
    for (const auto& f : faces) {
      std::array<unsigned int, 3> ids = {tet[f[0]], tet[f[1]], tet[f[2]]};
      std::sort(ids.begin(), ids.end());
      if (std::all_of(ids.begin(), ids.end(),
                      [&](unsigned int i) { return std::abs(mesh.nodes[i][2] - 6) < 1e-9; }) &&
          seen.insert(ids).second) {
        mesh.triangles.push_back(ids);
        mesh.triangle_surface.push_back(mesh.surface_names.size() - 1);
      }
    }
  const SpineMetricGeometry g = spine_metric_geometry(mesh, MPI_COMM_WORLD);
  ASSERT_EQ(g.interfaces.size(), 1u);
  const InterfaceGeometry& i = g.interfaces[0];
  EXPECT_EQ(i.level, "T12");
  EXPECT_EQ(i.side, "inferior");
  // Sums of exact triangle areas and moments: round-off only.
  EXPECT_NEAR(i.area, 320, 1e-9);
  EXPECT_NEAR(i.centroid[0], 10, 1e-9);
  EXPECT_NEAR(i.centroid[1], 8, 1e-9);
  EXPECT_NEAR(i.centroid[2], 6, 1e-9);
  EXPECT_NEAR(i.normal[2], -1, 1e-12); // into the bone below
  ASSERT_EQ(g.screws.size(), 1u);
  const ScrewAxis& s = g.screws[0];
  EXPECT_EQ(s.level, "T12");
  // Variances 20^2/12, 16^2/12, 6^2/12: the axis is x, length sqrt(12 var_x) = 20, radius
  // sqrt(2 (var_y + var_z)) = sqrt(292 / 6) (exact tetrahedron moments: round-off only).
  EXPECT_NEAR(std::abs(s.axis[0]), 1, 1e-9);
  EXPECT_NEAR(s.length, 20, 1e-9);
  EXPECT_NEAR(s.radius, std::sqrt(292.0 / 6), 1e-9);
  EXPECT_NEAR(s.centre[2], 9, 1e-9);
}
