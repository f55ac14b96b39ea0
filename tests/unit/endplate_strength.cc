// Checks the endplate strength map (postprocess/endplate_strength.h): the centre strength is
// eps_y 4730 rho^1.56 (Morgan 2003, Kopperdahl 1998), the rim R times it, the ramp linear
// (1.7 S_c at rho_hat = 0.75 for R = 2.4, rho_0 = 0.5), the density for a modulus factor gives
// that modulus ratio, the equivalent ellipse of a box region has semi-axes L/sqrt(3), and bad
// parameters are errors naming the parameter and its range. 1 MPI rank.
#include "postprocess/endplate_strength.h"
#include "core/input_error.h"
#include "meshing/generators.h"
#include "tests/support/layered_column.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

// Closed-form values: round-off only.
constexpr double exact = 1e-14;

EquivalentEllipse unit_ellipse() {
  EquivalentEllipse e;
  e.normal = dealii::Tensor<1, 3>({0, 0, 1});
  e.axes = {dealii::Tensor<1, 3>({1, 0, 0}), dealii::Tensor<1, 3>({0, 1, 0})};
  e.semi_axes = {20, 15};
  return e;
}

} // namespace

TEST(EndplateStrength, CentreRimAndRamp) {
  const EndplateStrengthParameters parameters; // 0.19 g/cm^3, 0.0080, R = 2.4, rho_0 = 0.5
  const EndplateStrength s(parameters, unit_ellipse());
  const double centre = 0.0080 * 4730 * std::pow(0.19, 1.56); // 2.837 MPa
  EXPECT_NEAR(s.centre_strength() / centre, 1.0, exact);
  EXPECT_NEAR(s.rim_strength() / centre, 2.4, exact);
  EXPECT_NEAR(s.strength_at_normalised_radius(0.0) / centre, 1.0, exact);
  EXPECT_NEAR(s.strength_at_normalised_radius(0.5) / centre, 1.0, exact);
  EXPECT_NEAR(s.strength_at_normalised_radius(0.75) / centre, 1.7, exact); // 1 + 1.4 * 0.5
  EXPECT_NEAR(s.strength_at_normalised_radius(1.0) / centre, 2.4, exact);
  EXPECT_NEAR(s.strength_at_normalised_radius(1.6) / centre, 2.4, exact);
  // In space: 0.75 of the 20 mm major semi-axis, and the rim on the minor axis.
  EXPECT_NEAR(s.strength(dealii::Point<3>(15, 0, 3)) / centre, 1.7, exact);
  EXPECT_NEAR(s.strength(dealii::Point<3>(0, -15, 0)) / centre, 2.4, exact);
  std::cout << "S_c = " << centre << " MPa\n";
}

TEST(EndplateStrength, DensityForAModulusFactorGivesThatModulusRatio) {
  const double rho = apparent_density_for_modulus_factor(0.19, 0.34);
  EXPECT_NEAR(vertebral_modulus(rho) / vertebral_modulus(0.19), 0.34, exact);
  EXPECT_NEAR(rho, 0.19 * std::pow(0.34, 1 / 1.56), exact);
}

TEST(EndplateStrength, EquivalentEllipseOfABox) {
  // Bone layer [0,10] x [0,8] x [0,6]: centroid (5, 4, 3); a rectangle of side L has variance
  // L^2/12, so the semi-axes are 2 sqrt(L^2/12) = L/sqrt(3): 5.7735 mm along x, 4.6188 mm along y.
  const MeshData mesh = layered_box(10, 8, 12, {6}, {"bone", "implant"}, 3.0);
  ProblemDefinition p = st::roller_box(
      mesh, {LinearIsotropic("bone", 100, 0.3), LinearIsotropic("implant", 1000, 0.3)});
  const auto s = st::solve_mesh(mesh, p, st::exact_settings());
  const EquivalentEllipse e = equivalent_ellipse(s.solver->space(), {st::region_of(mesh, "bone")},
                                                 dealii::Tensor<1, 3>({0, 0, 2}));
  // Order-3 simplex Gauss rules integrate the quadratic moments exactly: round-off only.
  constexpr double tol = 1e-10;
  EXPECT_NEAR(e.volume / 480, 1.0, tol);
  EXPECT_NEAR(e.centre[0], 5, tol * 10);
  EXPECT_NEAR(e.centre[1], 4, tol * 10);
  EXPECT_NEAR(e.centre[2], 3, tol * 10);
  EXPECT_NEAR(e.semi_axes[0], 10 / std::sqrt(3.0), tol * 10);
  EXPECT_NEAR(e.semi_axes[1], 8 / std::sqrt(3.0), tol * 10);
  EXPECT_NEAR(std::abs(e.axes[0][0]), 1.0, tol);
  EXPECT_NEAR(std::abs(e.axes[1][1]), 1.0, tol);
  EXPECT_NEAR(e.normal[2], 1.0, exact);
  EXPECT_NEAR(e.normalised_radius(dealii::Point<3>(5 + 10 / std::sqrt(3.0), 4, 0)), 1.0, tol);
  // Seen along x, the in-plane section is y-z: 8 x 6 mm.
  const EquivalentEllipse side = equivalent_ellipse(
      s.solver->space(), {st::region_of(mesh, "bone")}, dealii::Tensor<1, 3>({1, 0, 0}));
  EXPECT_NEAR(side.semi_axes[0], 8 / std::sqrt(3.0), tol * 10);
  EXPECT_NEAR(side.semi_axes[1], 6 / std::sqrt(3.0), tol * 10);
}

TEST(EndplateStrength, BadParametersAreErrors) {
  const auto message = [](const EndplateStrengthParameters& p) -> std::string {
    try {
      EndplateStrength(p, unit_ellipse());
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  EndplateStrengthParameters p;
  p.yield_strain = 0;
  EXPECT_NE(message(p).find("yield strain 0 must lie in (0, 0.05)"), std::string::npos)
      << message(p);
  p = {};
  p.rim_to_centre_ratio = 0.5;
  EXPECT_NE(message(p).find("rim-to-centre strength ratio 0.5 must lie in [1, 10]"),
            std::string::npos)
      << message(p);
  p = {};
  p.rim_start_radius = 1;
  EXPECT_NE(message(p).find("rim start radius (normalised) 1 must lie in [0, 1)"),
            std::string::npos)
      << message(p);
  p = {};
  p.apparent_density = -0.1;
  EXPECT_NE(message(p).find("apparent density [g/cm^3] -0.1 must lie in (0, 1.5]"),
            std::string::npos)
      << message(p);
}
