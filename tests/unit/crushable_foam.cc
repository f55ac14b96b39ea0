// Checks the crushable-foam return map (materials/crushable_foam.h) at one material point:
// uniaxial compression reproduces the input hardening curve, hydrostatic compression yields at
// p_c = sigma_c / k, the plastic Poisson's ratio is the lateral-to-axial plastic strain ratio, the
// consistent tangent matches central finite differences, and bad parameters give pinned messages.
// 1 MPI rank.
#include "materials/crushable_foam.h"
#include "core/input_error.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

using namespace spinefe;
using dealii::SymmetricTensor;

namespace {

/// Plateau then densification, the shape of a foam's or cancellous bone's compression curve.
HardeningCurve foam_curve() {
  return HardeningCurve("test foam", {0.0, 0.02, 0.05, 0.3}, {2.0, 2.5, 2.6, 8.0});
}

CrushableFoamParameters foam(const double k, const double nu_p) {
  CrushableFoamParameters m;
  m.name = "test foam";
  m.youngs_modulus = 100;
  m.poisson_ratio = 0.3;
  m.yield_stress_ratio = k;
  m.plastic_poisson_ratio = nu_p;
  m.hardening = foam_curve();
  return m;
}

/// Strain-driven uniaxial stress: sigma_33 follows from eps_33, the lateral strains e (= eps_11 =
/// eps_22, by symmetry) are found so that sigma_11 = 0, by Newton on the consistent tangent.
FoamResponse uniaxial_step(const CrushableFoamParameters& m, const double axial, double& lateral,
                           const FoamState& state) {
  FoamResponse r;
  for (int it = 0; it < 50; ++it) {
    SymmetricTensor<2, 3> eps;
    eps[0][0] = eps[1][1] = lateral;
    eps[2][2] = axial;
    r = crushable_foam_update(m, eps, state);
    if (std::abs(r.stress[0][0]) < 1e-13 * m.youngs_modulus)
      break;
    lateral -= r.stress[0][0] / (r.tangent[0][0][0][0] + r.tangent[0][0][1][1]);
  }
  return r;
}

std::string parameter_error(const CrushableFoamParameters& m) {
  try {
    m.check();
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

std::string curve_error(const std::vector<double>& strain, const std::vector<double>& stress) {
  try {
    HardeningCurve("foam 'x'", strain, stress);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

} // namespace

// Exact: the return map makes the axial stress of a uniaxial test the curve's sigma_c at the
// equivalent plastic strain, which equals the axial plastic strain (1e-8 relative, the spec's).
TEST(CrushableFoam, UniaxialCompressionReproducesTheHardeningCurve) {
  for (const double nu_p : {0.0, 0.2}) {
    const CrushableFoamParameters m = foam(1.0, nu_p);
    FoamState state;
    double lateral = 0;
    unsigned int plastic_steps = 0;
    for (int step = 1; step <= 200; ++step) {
      const double axial = -0.002 * step; // to 40% strain: through every segment
      const FoamResponse r = uniaxial_step(m, axial, lateral, state);
      state = r.state;
      if (!r.plastic)
        continue;
      ++plastic_steps;
      const double eps_bar = state.equivalent_plastic_strain;
      EXPECT_NEAR(-r.stress[2][2] / m.hardening.yield_stress(eps_bar), 1.0, 1e-8) << step;
      EXPECT_NEAR(eps_bar, -state.plastic_strain[2][2], 1e-10 * eps_bar) << step;
      // nu_p is the lateral-to-axial plastic strain ratio, by the flow potential's beta.
      EXPECT_NEAR(-state.plastic_strain[0][0] / state.plastic_strain[2][2], nu_p, 1e-8) << step;
    }
    EXPECT_GT(plastic_steps, 180u);
    EXPECT_GT(state.equivalent_plastic_strain, 0.25); // into the densification segment
  }
}

// Hydrostatic compression yields at p_c = sigma_c / k (Deshpande & Fleck's ellipse through the
// uniaxial point), and hardens along the same curve: |p| = sigma_c(eps_bar) / k after each step.
TEST(CrushableFoam, HydrostaticCompressionYieldsAtSigmaCOverK) {
  for (const double k : {0.5, 1.0, 2.0}) {
    const CrushableFoamParameters m = foam(k, 0.0);
    const double p_c0 = 2.0 / k, bulk = m.bulk_modulus();
    FoamState state;
    // Just below the elastic limit: elastic; just above: plastic, on the surface.
    const double e_limit = p_c0 / (3.0 * bulk);
    SymmetricTensor<2, 3> eps = -0.999 * e_limit * dealii::unit_symmetric_tensor<3>();
    EXPECT_FALSE(crushable_foam_update(m, eps, state).plastic) << k;
    for (const double factor : {1.001, 2.0, 10.0, 40.0}) {
      eps = -factor * e_limit * dealii::unit_symmetric_tensor<3>();
      const FoamResponse r = crushable_foam_update(m, eps, state);
      state = r.state;
      const double p = -dealii::trace(r.stress) / 3.0;
      EXPECT_TRUE(r.plastic) << k;
      EXPECT_NEAR(p / (m.hardening.yield_stress(state.equivalent_plastic_strain) / k), 1.0, 1e-8)
          << "k " << k << " factor " << factor;
      EXPECT_NEAR(dealii::deviator(r.stress).norm(), 0.0, 1e-12); // stays hydrostatic
    }
  }
}

// Central differences of the stress against the consistent tangent, for associated (k = 1,
// nu_p = 1/3: beta = alpha) and non-associated flow, from a virgin and from a hardened state, in
// compression-shear, near-hydrostatic and tension-shear states (relative 1e-6 of |C|).
TEST(CrushableFoam, ConsistentTangentMatchesFiniteDifferences) {
  SymmetricTensor<2, 3> compression_shear, hydrostatic, tension_shear;
  compression_shear[2][2] = -0.05;
  compression_shear[0][2] = 0.02;
  compression_shear[0][0] = 0.004;
  hydrostatic = -0.04 * dealii::unit_symmetric_tensor<3>();
  hydrostatic[0][1] = 0.001;
  tension_shear[1][1] = 0.03;
  tension_shear[1][2] = -0.025;
  FoamState hardened;
  hardened.plastic_strain[2][2] = -0.01;
  hardened.plastic_strain[0][2] = 0.004;
  hardened.equivalent_plastic_strain = 0.012;

  for (const double nu_p : {1.0 / 3.0, 0.0, 0.3}) {
    const CrushableFoamParameters m = foam(1.0, nu_p);
    if (nu_p == 1.0 / 3.0) {
      EXPECT_NEAR(m.alpha(), m.beta(), 1e-14); // the associated case
    }
    for (const FoamState& state : {FoamState(), hardened}) {
      for (const auto& eps : {compression_shear, hydrostatic, tension_shear}) {
        const FoamResponse r = crushable_foam_update(m, eps, state);
        ASSERT_TRUE(r.plastic);
        const double h = 1e-7;
        double worst = 0;
        for (unsigned int k = 0; k < 3; ++k)
          for (unsigned int l = k; l < 3; ++l) {
            SymmetricTensor<2, 3> d;
            d[k][l] = h; // a symmetric perturbation: eps_kl = eps_lk = h
            const SymmetricTensor<2, 3> fd = (crushable_foam_update(m, eps + d, state).stress -
                                              crushable_foam_update(m, eps - d, state).stress) /
                                             (2 * h);
            worst = std::max(worst, (fd - r.tangent * d / h).norm());
          }
        EXPECT_LT(worst / r.tangent.norm(), 1e-6) << "nu_p " << nu_p;
      }
    }
  }
}

// Below the surface the answer is linear elastic, with the elastic tangent.
TEST(CrushableFoam, InsideTheSurfaceIsLinearElastic) {
  const CrushableFoamParameters m = foam(1.0, 0.0);
  SymmetricTensor<2, 3> eps;
  eps[2][2] = -0.01; // sigma 1 MPa < 2 MPa
  const FoamResponse r = crushable_foam_update(m, eps, FoamState());
  EXPECT_FALSE(r.plastic);
  const double lambda = m.bulk_modulus() - 2.0 / 3.0 * m.shear_modulus();
  EXPECT_NEAR(r.stress[2][2], (lambda + 2 * m.shear_modulus()) * -0.01, 1e-12);
  EXPECT_NEAR(r.tangent[0][0][1][1], lambda, 1e-10);
  EXPECT_LT(crushable_foam_yield_function(m, r.stress, 0.0), 0.0);
}

// After a plastic step the stress is on the hardened surface (|F| / sigma_c^2 < 1e-12).
TEST(CrushableFoam, PlasticStressLiesOnTheHardenedSurface) {
  const CrushableFoamParameters m = foam(1.5, 0.1);
  SymmetricTensor<2, 3> eps;
  eps[2][2] = -0.2;
  eps[0][1] = 0.05;
  const FoamResponse r = crushable_foam_update(m, eps, FoamState());
  ASSERT_TRUE(r.plastic);
  const double sigma_c = m.hardening.yield_stress(r.state.equivalent_plastic_strain);
  EXPECT_LT(std::abs(crushable_foam_yield_function(m, r.stress, r.state.equivalent_plastic_strain)),
            1e-12 * sigma_c * sigma_c);
  EXPECT_LE(r.iterations, 30u);
}

TEST(HardeningCurve, InterpolatesAndHoldsItsLastValue) {
  const HardeningCurve c = foam_curve();
  EXPECT_DOUBLE_EQ(c.yield_stress(0.01), 2.25);
  EXPECT_DOUBLE_EQ(c.slope(0.01), 25.0);
  EXPECT_DOUBLE_EQ(c.yield_stress(1.0), 8.0);
  EXPECT_DOUBLE_EQ(c.slope(1.0), 0.0);
  // x sigma_c(eps0 + x) = work, across a segment boundary and past the last point.
  for (const double eps0 : {0.0, 0.015, 0.2})
    for (const double work : {1e-4, 0.05, 0.5, 4.0}) {
      const double x = c.strain_increment_for_work(eps0, work);
      EXPECT_NEAR(x * c.yield_stress(eps0 + x), work, 1e-12 * work) << eps0 << " " << work;
    }
}

TEST(CrushableFoam, BadParametersArePinned) {
  CrushableFoamParameters m = foam(3.0, 0.0);
  EXPECT_EQ(
      parameter_error(m),
      "material 'test foam': yield stress ratio k (= sigma_c0/p_c0) is 3: expected a value in "
      "[0, 3) (3 would make the ellipse a cone open to hydrostatic pressure)");
  m = foam(1.0, 0.6);
  EXPECT_EQ(parameter_error(m),
            "material 'test foam': plastic Poisson's ratio is 0.6: expected a value in (-1, 0.5]");
  EXPECT_EQ(curve_error({0.0, 0.1}, {3.0, 2.0}),
            "foam 'x': hardening point 2 (plastic strain 0.1, yield stress 2 MPa): expected a "
            "yield stress that does not fall (softening makes subsidence mesh-dependent)");
  EXPECT_EQ(curve_error({0.01}, {3.0}),
            "foam 'x': hardening point 1 (plastic strain 0.01, yield stress 3 MPa): expected the "
            "first point at plastic strain 0 (the initial yield stress)");
  EXPECT_EQ(curve_error({0.0, 0.0}, {3.0, 4.0}),
            "foam 'x': hardening point 2 (plastic strain 0, yield stress 4 MPa): expected plastic "
            "strains that increase");
}
