// Checks the endplate interface stress and subsidence risk (postprocess/interface_stress.h): under
// a uniform pressure p on a bone layer below an implant layer (nu = 0: uniaxial stress), sigma_n on
// the interior interface equals p to 1e-8 relative, the loaded area is the full area and P95 = mean
// = max; in tension the loaded area is 0; with the rim-versus-centre strength map the risk figures
// match the analytic ellipse; missing surfaces and interfaces away from the bone are errors. 1 MPI
// rank.
#include "postprocess/interface_stress.h"
#include "core/input_error.h"
#include "meshing/generators.h"
#include "tests/support/layered_column.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

// 10 x 8 mm cross-section, bone z in [0, 6], implant z in [6, 12].
constexpr double lx = 10, ly = 8, z_cut = 6;

const MeshData& column() {
  static const MeshData mesh = layered_box(lx, ly, 12, {z_cut}, {"bone", "implant"}, 2.5);
  return mesh;
}

st::Solved solve_column(const double pressure) {
  ProblemDefinition p = st::roller_box(
      column(), {LinearIsotropic("bone", 100, 0.0), LinearIsotropic("implant", 110000, 0.0)});
  p.neumann = {st::pressure_on(column(), "top", pressure)};
  return st::solve_mesh(column(), p, st::exact_settings());
}

const InterfaceFacets& cut() {
  static const InterfaceFacets facets = st::layer_cut_facets(column(), z_cut, "interface/cut");
  return facets;
}

std::vector<unsigned int> bone() {
  return {st::region_of(column(), "bone")};
}

// The exact solution is linear, so sigma is p up to round-off of the direct solve amplified by
// the stress recovery (E = 1.1e5 MPa next to 100 MPa): 1e-8 relative is a wide margin.
constexpr double stress_tolerance = 1e-8;
// Areas are sums of exact triangle areas: round-off only.
constexpr double area_tolerance = 1e-12;

} // namespace

TEST(InterfaceStress, UniformCompressionGivesThePressureEverywhere) {
  const double p = 2.0; // MPa on the 80 mm^2 top
  const auto s = solve_column(p);
  const InterfaceStress r = interface_stress(*s.solver, cut(), bone(), nullptr);
  EXPECT_EQ(r.surface, "interface/cut");
  EXPECT_NEAR(r.area / (lx * ly), 1.0, area_tolerance);
  EXPECT_NEAR(r.loaded_area / r.area, 1.0, area_tolerance);
  EXPECT_NEAR(r.mean / p, 1.0, stress_tolerance) << r.mean;
  EXPECT_NEAR(r.p95 / p, 1.0, stress_tolerance) << r.p95;
  EXPECT_NEAR(r.max / p, 1.0, stress_tolerance) << r.max;
  EXPECT_FALSE(r.has_risk);
  std::cout << "sigma_n mean/p - 1 = " << r.mean / p - 1 << ", max/p - 1 = " << r.max / p - 1
            << ", area " << r.area << " mm^2\n";
}

TEST(InterfaceStress, TensionLoadsNoArea) {
  const double p = -2.0; // pulling on the top
  const auto s = solve_column(p);
  const InterfaceStress r = interface_stress(*s.solver, cut(), bone(), nullptr);
  EXPECT_EQ(r.loaded_area, 0.0);
  EXPECT_NEAR(r.mean / p, 1.0, stress_tolerance);
  EXPECT_NEAR(r.max / p, 1.0, stress_tolerance);
}

TEST(InterfaceStress, RiskRatioFollowsTheRimMap) {
  // Uniform sigma_n = 1.5 S_c against S = S_c (1 + 1.4 t), t = (rho_hat - 0.5)/0.5: r > 1 inside
  // rho_hat < 0.5 + 0.5 (0.5/1.4) = 0.67857, an ellipse of area pi a b rho*^2 with the bone
  // layer's semi-axes a = 10/sqrt(3), b = 8/sqrt(3): 38.58 mm^2 of 80, a fraction of 0.4823.
  const EndplateStrengthParameters parameters;
  const double centre =
      parameters.yield_strain * 4730 * std::pow(parameters.apparent_density, 1.56);
  const double p = 1.5 * centre;
  const auto s = solve_column(p);
  const EquivalentEllipse ellipse =
      equivalent_ellipse(s.solver->space(), bone(), dealii::Tensor<1, 3>({0, 0, 1}));
  const EndplateStrength strength(parameters, ellipse);
  const InterfaceStress r = interface_stress(*s.solver, cut(), bone(), &strength);
  ASSERT_TRUE(r.has_risk);
  // The centre (rho_hat <= 0.5, 26% of the area) has r = 1.5: that is the max, and also the P95,
  // since more than 5% of the area carries it.
  EXPECT_NEAR(r.risk_max, 1.5, 1.5 * stress_tolerance);
  EXPECT_NEAR(r.risk_p95, 1.5, 1.5 * stress_tolerance);
  const double rho_star = 0.5 + 0.5 * 0.5 / 1.4;
  const double expected =
      M_PI * (lx / std::sqrt(3.0)) * (ly / std::sqrt(3.0)) * rho_star * rho_star / (lx * ly);
  // The fraction is counted at face quadrature points (faces ~2.5 mm): the ellipse boundary is
  // resolved to about a point's share of area, so 0.03 absolute (6%) is the bound.
  EXPECT_NEAR(r.area_fraction_at_risk, expected, 0.03);
  std::cout << "area fraction at risk " << r.area_fraction_at_risk << " (ellipse " << expected
            << ")\n";
}

TEST(InterfaceStress, FacetGeometryOfTheCut) {
  // The cut z = 6 of the 10 x 8 box: area 80, centroid (5, 4, 6), normal +-z. Sums of exact
  // triangle areas and centroids: round-off only.
  const FacetGeometry g = facet_geometry(cut());
  EXPECT_NEAR(g.area / 80, 1.0, area_tolerance);
  EXPECT_NEAR(g.centroid[0], 5, 1e-12 * 10);
  EXPECT_NEAR(g.centroid[1], 4, 1e-12 * 10);
  EXPECT_NEAR(g.centroid[2], 6, 1e-12 * 10);
  EXPECT_NEAR(std::abs(g.normal[2]), 1.0, 1e-12);
}

TEST(InterfaceStress, MissingSurfaceIsAnError) {
  try {
    interface_facets(column(), "interface/T12_inferior");
    FAIL() << "layered_box has no interface/T12_inferior";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no surface 'interface/T12_inferior' in the mesh"),
              std::string::npos)
        << e.what();
  }
}

TEST(InterfaceStress, SurfaceAwayFromTheBoneIsAnError) {
  const auto s = solve_column(1.0);
  const InterfaceFacets top = interface_facets(column(), "top"); // on the implant only
  try {
    interface_stress(*s.solver, top, bone(), nullptr);
    FAIL() << "the top surface does not touch the bone layer";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no face of interface 'top' borders the bone regions"),
              std::string::npos)
        << e.what();
  }
}
