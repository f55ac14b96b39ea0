// Checks the metric functions the pipeline calls on non-uniform fields with analytic answers, so
// that a wrong percentile, weighting or integral cannot pass (on a uniform field every percentile
// equals the mean):
//  - weighted_percentile: values 1..100 weighted by their value: P50 = 71, P95 = 98;
//  - von_mises_stats: three parallel layers (volume fractions 0.90, 0.06, 0.04) stretched
//    together carry E_i eps each: mean 1140 eps, P95 = 2000 eps, P99 = max = 3000 eps;
//  - section_force: compression plus bending, sigma_zz = -E (eps0 + kappa x) (linear), over the
//    10 x 8 mm section: T_z = -E b (eps0 a + kappa a^2/2), no shear;
//  - interface_stress on the same linear pressure p = E (eps0 + kappa x): mean p(a/2) exactly,
//    P95 near p(0.95 a), SRI = P95 / S for a uniform strength S, area fraction above 1;
//  - patch_metrics (the contact-pressure metrics) on a grid of pairs with a linear pressure:
//    mean, P95, SRI, area fraction above 1, centre of pressure, averaging radius;
//  - load_case_metrics on the linear field: nucleus pressure p(a/2)/3, implant von Mises P95/P99.
// 1 MPI rank.
#include "meshing/generators.h"
#include "postprocess/contact_pressure.h"
#include "postprocess/interface_stress.h"
#include "postprocess/section_force.h"
#include "postprocess/spine_metrics.h"
#include "postprocess/stress_measures.h"
#include "postprocess/von_mises_stats.h"
#include "tests/support/layered_column.h"

#include <deal.II/base/function.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

using namespace spinefe;
namespace st = spinefe::testing;
using dealii::Point;
using dealii::Tensor;

namespace {

/// A uniform strength S [MPa] everywhere (rim ratio 1): the risk ratio is p / S.
EndplateStrength uniform_strength(const double s) {
  EquivalentEllipse e;
  e.normal = Tensor<1, 3>({0, 0, 1});
  e.axes = {Tensor<1, 3>({1, 0, 0}), Tensor<1, 3>({0, 1, 0})};
  e.semi_axes = {20, 15};
  EndplateStrengthParameters p;
  p.rim_to_centre_ratio = 1;
  p.yield_strain = 0.008;
  p.apparent_density = std::pow(s / (p.yield_strain * 4730), 1 / 1.56); // S = eps_y 4730 rho^1.56
  return EndplateStrength(p, e);
}

// --- compression plus bending of a 10 x 8 x 12 mm column (a nucleus z < 6, an implant z > 6, one
// material; the lower layer stands for the bone in the interface test): sigma_zz = -E (eps0 + kappa
// x), every other stress component zero. The exact displacement is quadratic, so P2 reproduces it
// to round-off.
constexpr double a = 10, b = 8, length = 12, e_mod = 100, nu = 0.3, eps0 = 0.01, kappa = 0.002;
constexpr double h = 1.25; // mesh size, mm

class BendingDisplacement : public dealii::Function<3> {
public:
  BendingDisplacement() : dealii::Function<3>(3) {}
  double value(const Point<3>& p, const unsigned int c) const override {
    const double x = p[0], y = p[1], z = p[2];
    if (c == 0)
      return nu * eps0 * x + kappa / 2 * (z * z + nu * (x * x - y * y));
    if (c == 1)
      return nu * eps0 * y + kappa * nu * x * y;
    return -eps0 * z - kappa * x * z;
  }
};

const MeshData& column() {
  static const MeshData mesh =
      layered_box(a, b, length, {6}, {"disc_T12_L2/nucleus", "implant/body"}, h);
  return mesh;
}

double pressure_at(const double x) {
  return e_mod * (eps0 + kappa * x);
}

} // namespace

/// The bent column, solved once for the tests that read it, and released before MPI finalises
/// (a static solver would outlive MPI_Finalize).
class BentColumn : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    ProblemDefinition p;
    p.materials = {LinearIsotropic("nucleus", e_mod, nu), LinearIsotropic("implant", e_mod, nu)};
    const auto exact = std::make_shared<BendingDisplacement>();
    for (const char* s : {"bottom", "top"})
      p.dirichlet.push_back({s, st::boundary_of(column(), s), {{true, true, true}}, exact});
    solved_ = std::make_unique<st::Solved>(st::solve_mesh(column(), p, st::exact_settings(2)));
  }
  static void TearDownTestSuite() { solved_.reset(); }
  static const ElasticitySolver& solver() { return *solved_->solver; }

private:
  static std::unique_ptr<st::Solved> solved_;
};
std::unique_ptr<st::Solved> BentColumn::solved_;

TEST(MetricsNonUniform, WeightedPercentileOfALinearSequence) {
  std::vector<std::pair<double, double>> samples;
  for (int v = 1; v <= 100; ++v)
    samples.emplace_back(v, v); // weight = value: cumulative weight v (v + 1) / 2 of 5050
  std::shuffle(samples.begin(), samples.end(), std::mt19937(7));
  auto copy = samples;
  // P50: smallest v with v (v + 1) / 2 >= 2525 is 71 (70: 2485); P95: >= 4797.5 at 98 (97: 4753).
  EXPECT_EQ(weighted_percentile(copy, 0.50), 71);
  copy = samples;
  EXPECT_EQ(weighted_percentile(copy, 0.95), 98);
}

TEST(MetricsNonUniform, VonMisesPercentilesOfThreeParallelLayers) {
  // z-layers 9, 0.6 and 0.4 mm thick of a 10 mm cube, stretched together along x by eps: uniform
  // uniaxial sigma_xx = E_i eps in each (one Poisson ratio, so the lateral strains agree).
  const MeshData mesh = layered_box(10, 10, 10, {9, 9.6}, {"a", "b", "c"}, 2);
  constexpr double eps = 1e-3;
  ProblemDefinition p =
      st::roller_box(mesh, {LinearIsotropic("a", 1000, 0.3), LinearIsotropic("b", 2000, 0.3),
                            LinearIsotropic("c", 3000, 0.3)});
  p.dirichlet.push_back({"xmax",
                         st::boundary_of(mesh, "xmax"),
                         {{true, false, false}},
                         std::make_shared<dealii::Functions::ConstantFunction<3>>(
                             std::vector<double>{10 * eps, 0, 0})});
  const auto s = st::solve_mesh(mesh, p, st::exact_settings(1));
  const VonMisesStats v = von_mises_stats(*s.solver, {0, 1, 2});
  // Exact linear field, direct solve: round-off only, 1e-8 relative is a wide margin. The
  // cumulative volume fractions are 0.90 (1 eps), 0.96 (2 eps), 1 (3 eps).
  constexpr double tolerance = 1e-8;
  EXPECT_NEAR(v.volume / 1000, 1.0, 1e-12);
  EXPECT_NEAR(v.mean / (0.90 * 1 + 0.06 * 2 + 0.04 * 3), 1.0, tolerance);
  EXPECT_NEAR(v.p95 / 2.0, 1.0, tolerance);
  EXPECT_NEAR(v.p99 / 3.0, 1.0, tolerance);
  EXPECT_NEAR(v.max / 3.0, 1.0, tolerance);
}

TEST_F(BentColumn, SectionForceOfALinearStressField) {
  const SectionForce f =
      section_force(solver(), {Point<3>(0, 0, 9.1), Tensor<1, 3>({0, 0, 1})}, {0, 1});
  // T = int sigma n dA over the section, n = +z: T_z = -E b (eps0 a + kappa a^2 / 2) = -160 N.
  const double expected = -e_mod * b * (eps0 * a + kappa * a * a / 2);
  // Exact quadratic displacement, direct solve, exact quadrature of the virtual-step sum:
  // round-off only; 1e-8 relative is a wide margin.
  EXPECT_NEAR(f.force[2] / expected, 1.0, 1e-8) << f.force;
  EXPECT_NEAR(f.axial_compression / -expected, 1.0, 1e-8);
  EXPECT_NEAR(f.force[0], 0, 1e-8 * std::abs(expected));
  EXPECT_NEAR(f.force[1], 0, 1e-8 * std::abs(expected));
}

TEST_F(BentColumn, InterfaceStressOfALinearPressure) {
  const InterfaceFacets cut = st::layer_cut_facets(column(), 6, "interface/cut");
  // S = p(a/2) = 2 MPa: the risk ratio p/S exceeds 1 on the half x > a/2.
  const EndplateStrength strength = uniform_strength(pressure_at(a / 2));
  const InterfaceStress s = interface_stress(solver(), cut, {0}, &strength);
  EXPECT_NEAR(s.area / (a * b), 1.0, 1e-12);
  // The mean of a linear field over the rectangle is its value at the centre line, and the face
  // quadrature integrates it exactly: round-off only.
  EXPECT_NEAR(s.mean / pressure_at(a / 2), 1.0, 1e-8);
  EXPECT_NEAR(s.loaded_area / (a * b), 1.0, 1e-12); // p >= 1 MPa everywhere
  // P95: each sample is p at a point of its face (the mean of the bone value at the quadrature
  // point and the implant face's average), and the quadrature points sample x in [0, a] with
  // gaps below the face size h: so P95 lies within E kappa h of p(0.95 a), and max within that of
  // p(a). The mean (2 MPa) or a median would miss P95 (2.9 MPa) by far more than that.
  const double bound = e_mod * kappa * h; // 0.25 MPa
  EXPECT_NEAR(s.p95, pressure_at(0.95 * a), bound) << "P95 " << s.p95;
  EXPECT_NEAR(s.max, pressure_at(a), bound);
  std::cout << "interface mean " << s.mean << " MPa (exact " << pressure_at(a / 2) << "), P95 "
            << s.p95 << " (continuum " << pressure_at(0.95 * a) << "), max " << s.max << "\n";
  // The risk is the same percentile of p / S, S uniform: exact ratios.
  EXPECT_NEAR(s.risk_p95, s.p95 / strength.centre_strength(), 1e-12);
  EXPECT_NEAR(s.risk_max, s.max / strength.centre_strength(), 1e-12);
  // Half the area has p > S, up to the samples near x = a/2 (within h of it: h / a).
  EXPECT_NEAR(s.area_fraction_at_risk, 0.5, h / a);
}

TEST(MetricsNonUniform, ContactPatchMetricsOfALinearPressure) {
  // 20 x 20 pairs at the centres of 1 mm squares of [0, 20]^2 (z = 0), each of area 1 mm^2,
  // pressure p(x) = p0 + g x: every column of 20 pairs carries 5% of the area.
  constexpr unsigned int n = 20;
  constexpr double p0 = 1, g = 0.1;
  std::vector<ContactPairDefinition> pairs;
  std::vector<ContactPairResponse> responses;
  for (unsigned int i = 0; i < n; ++i)
    for (unsigned int j = 0; j < n; ++j) {
      ContactPairDefinition d;
      d.x = Point<3>(i + 0.5, j + 0.5, 0);
      d.normal = Tensor<1, 3>({0, 0, 1});
      d.area = 1;
      pairs.push_back(d);
      ContactPairResponse r;
      r.normal_force = (p0 + g * d.x[0]) * d.area;
      r.state = i == 0 ? ContactState::open : ContactState::stick; // pretend column 0 lifted off
      responses.push_back(r);
    }
  const EndplateStrength strength = uniform_strength(p0 + g * 15); // p > S for x > 15: 5 columns
  const ContactPatchMetrics m = patch_metrics("interface/test", pairs, responses, &strength, 0);
  constexpr double exact = 1e-12; // sums of a few hundred terms: round-off only
  EXPECT_NEAR(m.area, 400, exact);
  EXPECT_NEAR(m.mean_pressure, p0 + g * 10, exact); // p at the mean x = 10
  // P95: the cumulative area reaches 95% with column 18 (x = 18.5); P95 = 1 + 1.85.
  EXPECT_NEAR(m.p95_pressure, p0 + g * 18.5, exact);
  EXPECT_NEAR(m.max_pressure, p0 + g * 19.5, exact);
  EXPECT_NEAR(m.risk_p95, (p0 + g * 18.5) / strength.centre_strength(), exact);
  EXPECT_NEAR(m.area_fraction_at_risk, 5.0 / n, exact); // columns x = 15.5 ... 19.5
  EXPECT_NEAR(m.lift_off_fraction, 1.0 / n, exact);
  EXPECT_NEAR(m.normal_force, 400 * (p0 + g * 10), 1e-10);
  // Centre of pressure: sum p x / sum p over the column centres x_i = i + 0.5, i.e.
  // (p0 S1 + g S2) / (p0 n + g S1) with S1 = sum x_i = 200 and S2 = sum x_i^2 = 2665 (n = 20).
  const double s1 = 200, s2 = 2665;
  EXPECT_NEAR(m.cop_offset[0], (p0 * s1 + g * s2) / (p0 * n + g * s1) - 10, exact);
  EXPECT_NEAR(m.cop_offset[1], 0, exact);
  // Averaging over a radius of 1 mm takes the 4 neighbours: on a linear field their mean is the
  // pair's own value, so every inner column keeps its pressure and P95 (column 18) is unchanged;
  // the edge column x = 19.5 averages 3 columns' worth (19.5, 18.5 and two at 19.5): lower.
  const ContactPatchMetrics r1 = patch_metrics("interface/test", pairs, responses, nullptr, 1.0);
  EXPECT_NEAR(r1.p95_pressure, p0 + g * 18.5, exact);
  EXPECT_NEAR(r1.mean_pressure, m.mean_pressure, exact); // the total force over area
  EXPECT_LT(r1.max_pressure, m.max_pressure);
  EXPECT_FALSE(r1.has_risk);
}

TEST_F(BentColumn, LoadCaseMetricsOfALinearStressField) {
  // The pipeline's rows for one load case: with no interfaces, rods, screws or springs, the
  // nucleus pressure -tr(sigma)/3 and the implant's von Mises statistics. sigma_zz alone, so
  // -tr/3 = p/3 and s_vm = p, p = E (eps0 + kappa x) from 1 to 3 MPa.
  SpineMetricsOptions options;
  options.spine_model = true;
  RunSummary summary;
  summary.max_displacement = 0.25;
  const MetricTable rows =
      load_case_metrics(solver(), summary, options, SpineMetricGeometry(), "intact", "standing");
  const auto value = [&](const std::string& kind, const std::string& name, const std::string& q) {
    return find_metric(rows, "intact", "standing", kind, name, q);
  };
  // The volume mean of a linear field is its value at the centre, integrated exactly: round-off.
  EXPECT_NEAR(value("disc", "disc_T12_L2", "nucleus_pressure") / (pressure_at(a / 2) / 3), 1.0,
              1e-8);
  // P95 and P99 of s_vm over the quadrature points: within E kappa h of p(0.95 a) and p(0.99 a)
  // (the points sample x in [0, a] with gaps below the cell size h).
  const double bound = e_mod * kappa * h;
  EXPECT_NEAR(value("implant_stress", "implant", "von_mises_p95"), pressure_at(0.95 * a), bound);
  EXPECT_NEAR(value("implant_stress", "implant", "von_mises_p99"), pressure_at(0.99 * a), bound);
  EXPECT_NEAR(value("implant_stress", "implant", "fatigue_ratio_p99"),
              value("implant_stress", "implant", "von_mises_p99") / options.settings.fatigue_limit,
              1e-15);
  EXPECT_EQ(value("run", "model", "max_displacement"), 0.25);
  EXPECT_TRUE(std::isnan(value("implant_stress", "rods", "von_mises_p95")));       // no rods
  EXPECT_TRUE(std::isnan(value("implant_stress", "implant", "strut_stress_p99"))); // solid

  // The same body as a lattice whose struts carry 49.6 times the homogenised stress: the strut
  // P99 is the scaled P99 (a uniform factor commutes with the percentile; round-off only) and
  // the fatigue ratio takes it, while the homogenised rows stay as they were.
  options.settings.strut_stress_factor["implant/body"] = 49.6;
  const MetricTable lattice =
      load_case_metrics(solver(), summary, options, SpineMetricGeometry(), "intact", "standing");
  const auto strut = [&](const std::string& q) {
    return find_metric(lattice, "intact", "standing", "implant_stress", "implant", q);
  };
  const double p99 = value("implant_stress", "implant", "von_mises_p99");
  EXPECT_NEAR(strut("strut_stress_p99"), 49.6 * p99, 1e-12 * 49.6 * p99);
  EXPECT_NEAR(strut("fatigue_ratio_p99"), 49.6 * p99 / options.settings.fatigue_limit, 1e-12);
  EXPECT_EQ(strut("von_mises_p99"), p99);
}
