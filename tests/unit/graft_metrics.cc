// Checks the graft metrics (postprocess/graft_metrics.h) and the volume shape they use
// (tet_union_shape in postprocess/zone_energy.h) on hand-built fields with known answers:
//  - the zone is the region 'graft' (cage lumen), else 'implant/core' (printed body);
//  - a unit cube cut into 6 tetrahedra contains exactly the points of the cube, faces included;
//  - cells of known effective strain give the exact volume-weighted mean strain and the volume
//    share inside the formation window;
//  - the intact reference takes only the L1 cells inside the volume, and the SSI follows;
//  - a volume with no intact L1 cell is an error naming the zone. 1 MPI rank.
#include "postprocess/graft_metrics.h"
#include "core/input_error.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;
using dealii::Point;

namespace {

/// The unit cube as the 6 tetrahedra around its diagonal (0,0,0)-(1,1,1) (Kuhn's split).
std::vector<std::array<Point<3>, 4>> unit_cube() {
  const Point<3> o(0, 0, 0), d(1, 1, 1);
  const std::array<Point<3>, 3> axes = {{Point<3>(1, 0, 0), Point<3>(0, 1, 0), Point<3>(0, 0, 1)}};
  std::vector<std::array<Point<3>, 4>> tets;
  for (unsigned int a = 0; a < 3; ++a)
    for (unsigned int b = 0; b < 3; ++b)
      if (a != b) {
        const Point<3> p1 = axes[a], p2 = axes[a] + axes[b];
        tets.push_back({{o, p1, p2, d}});
      }
  return tets;
}

MetricsSettings window() {
  MetricsSettings s;
  s.formation_strain_min = 1000;
  s.formation_strain_max = 3000;
  return s;
}

double row(const MetricTable& t, const std::string& quantity) {
  return find_metric(t, "instrumented", "standing", "graft", "cage_lumen", quantity);
}

} // namespace

TEST(GraftMetrics, ZoneIsTheCageLumenOrTheIngrowthCore) {
  EXPECT_EQ(graft_zone({"L2/cancellous", "graft", "implant/cage"})->name, "cage_lumen");
  EXPECT_EQ(graft_zone({"implant/core", "implant/endcap_superior"})->region, "implant/core");
  EXPECT_FALSE(graft_zone({"L2/cancellous", "implant/cage"}).has_value());
}

TEST(GraftMetrics, TetUnionContainsExactlyTheCube) {
  const ZoneShape cube = tet_union_shape("cube", unit_cube());
  unsigned int checked = 0;
  // A 13^3 lattice over [-0.5, 1.5]^3 with step 1/6: points on the faces, edges and the
  // internal diagonal planes of the split included.
  for (int i = 0; i <= 12; ++i)
    for (int j = 0; j <= 12; ++j)
      for (int k = 0; k <= 12; ++k) {
        const Point<3> x(-0.5 + i / 6.0, -0.5 + j / 6.0, -0.5 + k / 6.0);
        const auto in = [](double v) { return v >= -1e-12 && v <= 1 + 1e-12; };
        EXPECT_EQ(cube(x), in(x[0]) && in(x[1]) && in(x[2])) << x;
        ++checked;
      }
  EXPECT_EQ(checked, 13u * 13u * 13u);
  EXPECT_THROW(tet_union_shape("empty", {}), InputError);
}

TEST(GraftMetrics, StrainAndFormationWindowAreVolumeWeighted) {
  // E = 100 MPa; SED = E eps^2 / 2 for eps = 500, 1500, 2500, 4000 microstrain, volumes 1..4.
  const double E = 100;
  const std::vector<double> microstrain = {500, 1500, 2500, 4000};
  CellEnergyField f;
  f.region_names = {"graft"};
  for (unsigned int c = 0; c < 4; ++c) {
    f.region.push_back(0);
    f.centroid.emplace_back(c, 0, 0);
    f.volume.push_back(c + 1.0);
    f.sed.push_back(0.5 * E * std::pow(microstrain[c] * 1e-6, 2));
  }
  const MetricTable t = graft_rows({"cage_lumen", "graft"}, f, E, window(), "standing");
  EXPECT_DOUBLE_EQ(row(t, "volume"), 10);
  EXPECT_NEAR(row(t, "effective_strain"), (500 + 2 * 1500 + 3 * 2500 + 4 * 4000) / 10.0, 1e-9);
  EXPECT_NEAR(row(t, "formation_fraction"), (2 + 3) / 10.0, 1e-15);
  double sed = 0;
  for (unsigned int c = 0; c < 4; ++c)
    sed += f.volume[c] * f.sed[c];
  EXPECT_NEAR(row(t, "sed") / (sed / 10), 1.0, 1e-14);
}

TEST(GraftMetrics, IntactReferenceIsTheL1BoneInTheSameVolume) {
  CellEnergyField graft;
  graft.region_names = {"graft"};
  graft.region = {0, 0};
  graft.centroid = {Point<3>(0.2, 0.2, 0.2), Point<3>(0.7, 0.7, 0.7)};
  graft.volume = {1, 3};
  graft.sed = {0.001, 0.003}; // mean 0.0025 MPa
  CellEnergyField intact;
  intact.region_names = {"L1/cancellous", "L1/cortical", "T12/cancellous"};
  // Inside the cube: two L1 cells (SED 0.01, 0.02, volumes 1, 1) and a T12 cell (ignored);
  // outside: an L1 cell (ignored).
  intact.region = {0, 1, 2, 0};
  intact.centroid = {Point<3>(0.5, 0.5, 0.1), Point<3>(0.9, 0.1, 0.5), Point<3>(0.5, 0.5, 0.5),
                     Point<3>(2, 2, 2)};
  intact.volume = {1, 1, 5, 5};
  intact.sed = {0.01, 0.02, 1.0, 1.0};
  const ZoneShape cube = tet_union_shape("cage_lumen", unit_cube());
  const GraftZone zone{"cage_lumen", "graft"};
  const MetricTable t = graft_shielding_rows(zone, graft, intact, cube, "standing");
  EXPECT_NEAR(row(t, "sed_intact"), 0.015, 1e-15);
  EXPECT_DOUBLE_EQ(row(t, "intact_volume"), 2);
  EXPECT_NEAR(row(t, "ssi"), 1 - 0.0025 / 0.015, 1e-14);

  intact.centroid[0] = intact.centroid[1] = Point<3>(3, 3, 3); // no L1 cell left inside
  try {
    graft_shielding_rows(zone, graft, intact, cube, "standing");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(
        std::string(e.what()).find("zone 'cage_lumen (intact L1 body)' contains no bone cell"),
        std::string::npos)
        << e.what();
  }
}
