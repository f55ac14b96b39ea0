// Checks the offset-yield evaluation of a load-displacement curve (postprocess/load_displacement.h)
// on an analytic bilinear curve: the stiffness is the first slope, the yield point is the exact
// intersection of the second branch with the offset line, a curve that stays above the line has
// no yield, an unloading tail changes nothing, offset 0 gives the stiffness alone; and the curve's
// CSV has a header and one line per point. 1 MPI rank.
#include "postprocess/load_displacement.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

using namespace spinefe;

namespace {

// The bilinear curve F(d) = K d for d <= d_y, K d_y + K2 (d - d_y) beyond (K2 < K).
constexpr double K = 2000;     // N/mm
constexpr double K2 = 500;     // N/mm
constexpr double d_y = 0.3;    // mm
constexpr double offset = 0.1; // mm

double bilinear(const double d) {
  return d <= d_y ? K * d : K * d_y + K2 * (d - d_y);
}

LoadDisplacementPoint point(const double d, const double force) {
  LoadDisplacementPoint p;
  p.load_factor = d; // |g| = 1 mm
  p.displacement = d;
  p.force = force;
  return p;
}

/// n points on (0, d_y] that end exactly at the kink, then points every `h` beyond it up to
/// d_max. The implied origin is not listed.
std::vector<LoadDisplacementPoint> bilinear_curve(const double d_max, const unsigned int n = 30,
                                                  const double h = 0.01) {
  std::vector<LoadDisplacementPoint> curve;
  for (unsigned int i = 1; i <= n; ++i) {
    const double d = i == n ? d_y : d_y * i / n;
    curve.push_back(point(d, bilinear(d)));
  }
  for (unsigned int i = 1; d_y + i * h <= d_max + 1e-12; ++i)
    curve.push_back(point(d_y + i * h, bilinear(d_y + i * h)));
  return curve;
}

// The yield point: the second branch meets the offset line F = K (d - offset) where
//   K d_y + K2 (d - d_y) = K (d - offset)  =>  (K - K2) d = (K - K2) d_y + K offset
//   =>  d* = d_y + K offset / (K - K2),
//       F* = K (d* - offset) = K d_y + K K2 offset / (K - K2).
// Here d* = 0.3 + 2000 x 0.1 / 1500 = 0.4333 mm (beyond the kink, so on the second branch) and
// F* = 600 + 2000 x 500 x 0.1 / 1500 = 666.67 N.
const double d_star = d_y + K * offset / (K - K2);
const double F_star = K * d_y + K * K2 * offset / (K - K2);

} // namespace

TEST(LoadDisplacement, BilinearCurveYieldsWhereTheSecondBranchMeetsTheOffsetLine) {
  const OffsetYield y = offset_yield(bilinear_curve(1.0), offset);
  EXPECT_NEAR(y.stiffness, K, 1e-12 * K);
  ASSERT_TRUE(y.reached);
  EXPECT_NEAR(y.yield_displacement, d_star, 1e-9);
  EXPECT_NEAR(y.yield_load, F_star, 1e-9);
  EXPECT_NEAR(y.yield_load, bilinear(y.yield_displacement), 1e-9); // on the curve
}

TEST(LoadDisplacement, CurveAboveTheOffsetLineHasNoYield) {
  // Stopped at 0.4 mm < d* = 0.433 mm: the curve has not yet crossed the offset line.
  const OffsetYield y = offset_yield(bilinear_curve(0.4), offset);
  EXPECT_NEAR(y.stiffness, K, 1e-12 * K);
  EXPECT_FALSE(y.reached);
  EXPECT_TRUE(std::isnan(y.yield_load));
  EXPECT_TRUE(std::isnan(y.yield_displacement));
}

TEST(LoadDisplacement, UnloadingTailIsIgnored) {
  const OffsetYield loading = offset_yield(bilinear_curve(1.0), offset);
  // Unloading from the peak (1 mm, 950 N) along the initial stiffness, to zero force.
  std::vector<LoadDisplacementPoint> curve = bilinear_curve(1.0);
  const double peak = bilinear(1.0);
  for (unsigned int i = 1; i <= 10; ++i) {
    const double force = peak * (1.0 - i / 10.0);
    curve.push_back(point(1.0 - (peak - force) / K, force));
  }
  const OffsetYield y = offset_yield(curve, offset);
  EXPECT_EQ(y.stiffness, loading.stiffness);
  EXPECT_EQ(y.reached, loading.reached);
  EXPECT_EQ(y.yield_displacement, loading.yield_displacement);
  EXPECT_EQ(y.yield_load, loading.yield_load);

  // A curve that stays above the offset line while loading and then unloads steeply (crossing
  // the line on the way back) has not yielded: the crossing is on the tail.
  std::vector<LoadDisplacementPoint> short_curve = bilinear_curve(0.4);
  short_curve.push_back(point(0.39, 0.0));
  const OffsetYield tail = offset_yield(short_curve, offset);
  EXPECT_NEAR(tail.stiffness, K, 1e-12 * K);
  EXPECT_FALSE(tail.reached);
  EXPECT_TRUE(std::isnan(tail.yield_load));
}

TEST(LoadDisplacement, ZeroOffsetGivesTheStiffnessAlone) {
  const OffsetYield y = offset_yield(bilinear_curve(1.0), 0.0);
  EXPECT_NEAR(y.stiffness, K, 1e-12 * K);
  EXPECT_FALSE(y.reached);
  EXPECT_TRUE(std::isnan(y.yield_load));
  EXPECT_TRUE(std::isnan(y.yield_displacement));
  // An empty curve has neither.
  const OffsetYield empty = offset_yield({}, offset);
  EXPECT_EQ(empty.stiffness, 0.0);
  EXPECT_FALSE(empty.reached);
}

TEST(LoadDisplacement, CsvHasAHeaderAndOneLinePerPoint) {
  std::vector<LoadDisplacementPoint> curve;
  for (unsigned int i = 1; i <= 3; ++i) {
    LoadDisplacementPoint p = point(0.25 * i, 100.0 * i);
    p.newton_iterations = 2 + i;
    p.cuts = i - 1;
    p.plastic_points = 10 * i;
    curve.push_back(p);
  }
  const std::string file = "load_displacement_test.csv";
  write_load_displacement_csv(curve, file);
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "load_factor,displacement_mm,force_N,newton_iterations,cuts,plastic_points");
  EXPECT_EQ(lines[1], "0.25,0.25,100,3,0,10");
  EXPECT_EQ(lines[2], "0.5,0.5,200,4,1,20");
  EXPECT_EQ(lines[3], "0.75,0.75,300,5,2,30");
}
