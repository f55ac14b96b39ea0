// Crushable-foam plasticity for cancellous bone and its polyurethane analogues: the self-similar
// (isotropic-hardening) ellipse of Deshpande & Fleck (2000) J Mech Phys Solids 48:1253, in the
// form of Abaqus' *CRUSHABLE FOAM, HARDENING=ISOTROPIC, which the bone and foam subsidence
// literature calibrates (Kelly & McGarry 2012 J Mech Behav Biomed Mater 9:184). Small strain.
//
// Invariants: mean stress p = tr(sigma)/3, von Mises stress q = sqrt(3/2 s:s), s = dev(sigma).
//   Yield:      F = q^2 + alpha^2 p^2 - (1 + alpha^2/9) sigma_c(eps_bar)^2 = 0,
//               alpha = 3k / sqrt(9 - k^2),  k = sigma_c0 / p_c0 in [0, 3):
//               uniaxial compression yields at sigma_c, hydrostatic pressure at p_c = sigma_c / k.
//               The ellipse is centred on p = 0 (as Abaqus' isotropic model): hydrostatic tension
//               yields at the same |p| as compression.
//   Flow:       d eps_p = d gamma (3/2 s + beta^2/3 p I), the gradient of G^2/2 with
//               G = sqrt(q^2 + beta^2 p^2), beta = 3/sqrt(2) sqrt((1 - 2 nu_p)/(1 + nu_p)):
//               in uniaxial compression the lateral plastic strain is -nu_p times the axial one.
//               The flow is associated (symmetric tangent) when beta = alpha.
//   Hardening:  d eps_bar = sigma : d eps_p / sigma_c (plastic work per unit uniaxial yield
//               stress), so eps_bar is the axial plastic strain in uniaxial compression and
//               sigma_c(eps_bar) is the uniaxial test's curve (materials/hardening_curve.h).
// Integration: backward Euler. With isotropic elasticity (mu, K) the return is closed-form in the
// multiplier: s = s_tr / (1 + 3 mu dgamma), p = p_tr / (1 + K beta^2 dgamma); the yield condition
// is then one monotone scalar equation in dgamma, solved by safeguarded Newton, and the plastic
// work equation gives d eps_bar exactly. The tangent is the consistent (algorithmic) one.
#pragma once

#include "materials/hardening_curve.h"

#include <deal.II/base/symmetric_tensor.h>

#include <string>

namespace spinefe {

struct CrushableFoamParameters {
  std::string name;
  double youngs_modulus = 0;        ///< E [MPa]
  double poisson_ratio = 0;         ///< nu [-], elastic
  double yield_stress_ratio = 1;    ///< k = sigma_c0 / p_c0 [-], in [0, 3)
  double plastic_poisson_ratio = 0; ///< nu_p [-], in (-1, 0.5]
  HardeningCurve hardening;         ///< sigma_c(eps_bar) [MPa]

  /// Throws an InputError naming the material and the parameter out of range.
  void check() const;
  double alpha() const; ///< yield ellipse's shape factor
  double beta() const;  ///< flow potential's shape factor
  double shear_modulus() const;
  double bulk_modulus() const;
};

/// The history of one material point: plastic strain and equivalent plastic strain.
struct FoamState {
  dealii::SymmetricTensor<2, 3> plastic_strain;
  double equivalent_plastic_strain = 0;
};

struct FoamResponse {
  dealii::SymmetricTensor<2, 3> stress;  ///< MPa
  dealii::SymmetricTensor<4, 3> tangent; ///< d sigma / d eps [MPa]; minor symmetries only
  FoamState state;                       ///< after the step
  bool plastic = false;                  ///< the step yielded
  double multiplier = 0;                 ///< d gamma [1/MPa]
  unsigned int iterations = 0;           ///< of the return map's scalar Newton
};

/// The stress, consistent tangent and new state for total strain `strain` from the state at the
/// start of the step. Throws std::runtime_error (with the counts) if the return map does not
/// converge, which a valid parameter set never makes it do.
FoamResponse crushable_foam_update(const CrushableFoamParameters& material,
                                   const dealii::SymmetricTensor<2, 3>& strain,
                                   const FoamState& previous);

/// The yield function F [MPa^2] at `stress` for equivalent plastic strain `eps_bar` (< 0 inside).
double crushable_foam_yield_function(const CrushableFoamParameters& material,
                                     const dealii::SymmetricTensor<2, 3>& stress, double eps_bar);

} // namespace spinefe
