#include "materials/crushable_foam.h"

#include "core/input_error.h"

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace spinefe {

using dealii::SymmetricTensor;

void CrushableFoamParameters::check() const {
  const std::string where = "material '" + name + "'";
  auto fail = [&](const std::string& what, double value, const std::string& expected) {
    std::ostringstream msg;
    msg << what << " is " << value << ": expected " << expected;
    throw InputError(where, msg.str());
  };
  if (!(std::isfinite(youngs_modulus) && youngs_modulus > 0))
    fail("Young's modulus [MPa]", youngs_modulus, "a value > 0");
  if (!(poisson_ratio > -1.0 && poisson_ratio < 0.5))
    fail("Poisson's ratio", poisson_ratio, "a value in (-1, 0.5)");
  if (!(yield_stress_ratio >= 0 && yield_stress_ratio < 3.0))
    fail("yield stress ratio k (= sigma_c0/p_c0)", yield_stress_ratio,
         "a value in [0, 3) (3 would make the ellipse a cone open to hydrostatic pressure)");
  if (!(plastic_poisson_ratio > -1.0 && plastic_poisson_ratio <= 0.5))
    fail("plastic Poisson's ratio", plastic_poisson_ratio, "a value in (-1, 0.5]");
}

double CrushableFoamParameters::alpha() const {
  const double k = yield_stress_ratio;
  return 3.0 * k / std::sqrt(9.0 - k * k);
}

double CrushableFoamParameters::beta() const {
  const double nu_p = plastic_poisson_ratio;
  return 3.0 / std::sqrt(2.0) * std::sqrt((1.0 - 2.0 * nu_p) / (1.0 + nu_p));
}

double CrushableFoamParameters::shear_modulus() const {
  return youngs_modulus / (2.0 * (1.0 + poisson_ratio));
}

double CrushableFoamParameters::bulk_modulus() const {
  return youngs_modulus / (3.0 * (1.0 - 2.0 * poisson_ratio));
}

namespace {

double von_mises(const SymmetricTensor<2, 3>& deviator) {
  return std::sqrt(1.5 * (deviator * deviator));
}

/// The return map's state at a trial multiplier dgamma, and the yield function's derivative
/// phi'(dgamma) with its parts A_q, A_p that the consistent tangent reuses:
///   phi = q^2 + alpha^2 p^2 - c sigma_c^2,  c = 1 + alpha^2/9,
///   dphi = A_q dq_tr + A_p dp_tr + A_g ddgamma,  h = 2 c sigma_c H / (sigma_c + d eps_bar H),
///   A_q = 2 q (1 - h dgamma) / a,  A_p = 2 p (alpha^2 - h dgamma beta^2) / b,
///   A_g = -3 mu q A_q - K beta^2 p A_p - h W,  W = q^2 + beta^2 p^2 = sigma : d eps_p / dgamma.
struct ReturnPoint {
  double a, b, q, p, d_eps_bar, sigma_c, phi, a_q, a_p, a_g;
};

struct ReturnInputs {
  double mu, bulk, alpha2, beta2, q_tr, p_tr, eps_bar_n;
  const HardeningCurve* curve;
};

ReturnPoint evaluate(const ReturnInputs& in, const double dgamma) {
  ReturnPoint r{};
  r.a = 1.0 + 3.0 * in.mu * dgamma;
  r.b = 1.0 + in.bulk * in.beta2 * dgamma;
  r.q = in.q_tr / r.a;
  r.p = in.p_tr / r.b;
  const double work_rate = r.q * r.q + in.beta2 * r.p * r.p;
  r.d_eps_bar = in.curve->strain_increment_for_work(in.eps_bar_n, dgamma * work_rate);
  const double eps_bar = in.eps_bar_n + r.d_eps_bar;
  r.sigma_c = in.curve->yield_stress(eps_bar);
  const double slope = in.curve->slope(eps_bar);
  const double c = 1.0 + in.alpha2 / 9.0;
  r.phi = r.q * r.q + in.alpha2 * r.p * r.p - c * r.sigma_c * r.sigma_c;
  const double h = 2.0 * c * r.sigma_c * slope / (r.sigma_c + r.d_eps_bar * slope);
  r.a_q = 2.0 * r.q * (1.0 - h * dgamma) / r.a;
  r.a_p = 2.0 * r.p * (in.alpha2 - h * dgamma * in.beta2) / r.b;
  r.a_g = -3.0 * in.mu * r.q * r.a_q - in.bulk * in.beta2 * r.p * r.a_p - h * work_rate;
  return r;
}

/// Solves phi(dgamma) = 0 for the smallest positive root: Newton from dgamma = 0, kept inside a
/// bracket [lo, hi] (phi(lo) > 0 > phi(hi)) and bisecting when a step leaves it.
ReturnPoint solve_multiplier(const ReturnInputs& in, double& dgamma, unsigned int& iterations) {
  const unsigned int max_iterations = 200;
  const double c = 1.0 + in.alpha2 / 9.0;
  double lo = 0, hi = std::numeric_limits<double>::infinity();
  dgamma = 0;
  ReturnPoint r = evaluate(in, dgamma);
  for (iterations = 1; iterations <= max_iterations; ++iterations) {
    if (std::abs(r.phi) <= 1e-13 * c * r.sigma_c * r.sigma_c)
      return r;
    (r.phi > 0 ? lo : hi) = dgamma;
    double next = r.a_g < 0 ? dgamma - r.phi / r.a_g : std::numeric_limits<double>::quiet_NaN();
    if (!(next > lo && next < hi))
      next = std::isfinite(hi) ? 0.5 * (lo + hi) : 2.0 * std::max(lo, 1e-300) + 1e-12 / in.mu;
    if (next == dgamma)
      return r; // the bracket is down to one floating-point number
    dgamma = next;
    r = evaluate(in, dgamma);
  }
  std::ostringstream msg;
  msg << "crushable-foam return map did not converge in " << max_iterations
      << " iterations (yield function " << r.phi << " MPa^2 at multiplier " << dgamma << ")";
  throw std::runtime_error(msg.str());
}

} // namespace

double crushable_foam_yield_function(const CrushableFoamParameters& m,
                                     const SymmetricTensor<2, 3>& stress, const double eps_bar) {
  const double q = von_mises(dealii::deviator(stress));
  const double p = dealii::trace(stress) / 3.0;
  const double alpha2 = m.alpha() * m.alpha();
  const double sigma_c = m.hardening.yield_stress(eps_bar);
  return q * q + alpha2 * p * p - (1.0 + alpha2 / 9.0) * sigma_c * sigma_c;
}

FoamResponse crushable_foam_update(const CrushableFoamParameters& m,
                                   const SymmetricTensor<2, 3>& strain, const FoamState& previous) {
  const double mu = m.shear_modulus(), bulk = m.bulk_modulus();
  const SymmetricTensor<2, 3> identity = dealii::unit_symmetric_tensor<3>();
  const SymmetricTensor<4, 3> ixi = dealii::outer_product(identity, identity);
  const SymmetricTensor<4, 3> deviatoric = dealii::identity_tensor<3>() - ixi / 3.0;

  const SymmetricTensor<2, 3> elastic_strain = strain - previous.plastic_strain;
  const SymmetricTensor<2, 3> s_tr = 2.0 * mu * dealii::deviator(elastic_strain);
  const ReturnInputs in{mu,
                        bulk,
                        m.alpha() * m.alpha(),
                        m.beta() * m.beta(),
                        von_mises(s_tr),
                        bulk * dealii::trace(elastic_strain),
                        previous.equivalent_plastic_strain,
                        &m.hardening};

  FoamResponse out;
  out.state = previous;
  const double sigma_c = m.hardening.yield_stress(in.eps_bar_n);
  const double c = 1.0 + in.alpha2 / 9.0;
  const double phi_trial =
      in.q_tr * in.q_tr + in.alpha2 * in.p_tr * in.p_tr - c * sigma_c * sigma_c;
  if (phi_trial <= 1e-13 * c * sigma_c * sigma_c) {
    out.stress = s_tr + in.p_tr * identity;
    out.tangent = 2.0 * mu * deviatoric + bulk * ixi;
    return out;
  }

  double dgamma = 0;
  const ReturnPoint r = solve_multiplier(in, dgamma, out.iterations);
  const SymmetricTensor<2, 3> s = s_tr / r.a;
  out.stress = s + r.p * identity;
  out.plastic = true;
  out.multiplier = dgamma;
  out.state.plastic_strain += dgamma * (1.5 * s + in.beta2 / 3.0 * r.p * identity);
  out.state.equivalent_plastic_strain += r.d_eps_bar;

  // Consistent tangent: d dgamma = Gamma : d eps from dphi = 0, with dq_tr = 3 mu n : d eps
  // (n = s_tr / q_tr) and dp_tr = K tr(d eps); then
  //   d sigma = (2 mu / a) dev(d eps) + (K / b) tr(d eps) I - [(3 mu / a) s + (K beta^2 p / b) I] d
  //   dgamma.
  const SymmetricTensor<2, 3> n = in.q_tr > 0 ? s_tr / in.q_tr : SymmetricTensor<2, 3>();
  const SymmetricTensor<2, 3> gamma = -(3.0 * mu * r.a_q * n + bulk * r.a_p * identity) / r.a_g;
  const SymmetricTensor<2, 3> flow = 3.0 * mu / r.a * s + bulk * in.beta2 * r.p / r.b * identity;
  out.tangent = 2.0 * mu / r.a * deviatoric + bulk / r.b * ixi - dealii::outer_product(flow, gamma);
  return out;
}

} // namespace spinefe
