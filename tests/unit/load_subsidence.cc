// Checks the load-subsidence summary (postprocess/load_subsidence.h) on a hand-made curve: the
// first-yield load extrapolated from the last elastic step, its bracket, the elastic secant
// stiffness, the depth at the largest load and the residual depth after unloading.
#include "postprocess/load_subsidence.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;

namespace {

SubsidencePoint point(double lambda, double load, double mean, double p95, double volume,
                      double utilisation) {
  SubsidencePoint p;
  p.load_factor = lambda;
  p.load = load;
  p.depth_mean = mean;
  p.depth_p95 = p95;
  // In contact the endplate follows the endcap; the last point below has lifted off its crater.
  p.endplate_mean = lambda == 0 ? 2 * mean : mean;
  p.endplate_p95 = lambda == 0 ? 2 * p95 : p95;
  p.plastic_volume = volume;
  p.utilisation = utilisation;
  return p;
}

} // namespace

TEST(LoadSubsidence, SummaryOfARampAndUnloading) {
  // Elastic up to 700 N with the utilisation growing in proportion (0.3 per 350 N): the bone
  // reaches its yield surface at 700 / 0.6 = 1166.7 N, between the 700 N and 1400 N steps.
  const std::vector<SubsidencePoint> curve = {
      point(0.5, 350, 0.01, 0.02, 0, 0.3), point(1.0, 700, 0.02, 0.04, 0, 0.6),
      point(2.0, 1400, 0.08, 0.15, 12.5, 1.0), point(3.0, 2100, 0.2, 0.35, 40, 1.0),
      point(0.0, 0, 0.09, 0.16, 40, 0.2)};
  const SubsidenceSummary s = summarise_subsidence(curve);
  EXPECT_NEAR(s.first_yield_load, 700 / 0.6, 1e-9);
  EXPECT_EQ(s.first_yield_bracket[0], 700);
  EXPECT_EQ(s.first_yield_bracket[1], 1400);
  EXPECT_NEAR(s.stiffness, 350 / 0.01, 1e-6);
  EXPECT_EQ(s.peak_load, 2100);
  EXPECT_EQ(s.depth_mean_at_peak, 0.2);
  EXPECT_EQ(s.depth_p95_at_peak, 0.35);
  // The residual depth is the crater's (the endplate's), not the lifted-off endcap's.
  EXPECT_EQ(s.residual_depth_mean, 0.18);
  EXPECT_EQ(s.residual_depth_p95, 0.32);
  EXPECT_EQ(s.plastic_volume, 40);
}

TEST(LoadSubsidence, YieldInTheFirstStepIsNotExtrapolated) {
  // Without an elastic step there is nothing to extrapolate from: NaN, bracket (NaN, 700].
  const SubsidenceSummary s = summarise_subsidence({point(1.0, 700, 0.05, 0.1, 3, 1.0)});
  EXPECT_TRUE(std::isnan(s.first_yield_load));
  EXPECT_EQ(s.first_yield_bracket[1], 700);
  // The path does not end unloaded: no residual depth.
  EXPECT_TRUE(std::isnan(s.residual_depth_mean));
}

TEST(LoadSubsidence, NoYieldExtrapolatesFromTheLastStep) {
  const SubsidenceSummary s = summarise_subsidence(
      {point(1.0, 700, 0.02, 0.04, 0, 0.25), point(2.0, 1400, 0.04, 0.08, 0, 0.5)});
  EXPECT_NEAR(s.first_yield_load, 2800, 1e-9);
  EXPECT_TRUE(std::isnan(s.first_yield_bracket[1]));
}
