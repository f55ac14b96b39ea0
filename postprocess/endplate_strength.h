// Local compressive strength S(x) [MPa] of a vertebral endplate, for the subsidence risk
// sigma_n / S (postprocess/interface_stress.h).
//
// Centre strength from a density law: the yield stress is the yield strain times the modulus,
//   S_c = eps_y E(rho),   E(rho) = 4730 rho^1.56 MPa   (rho = apparent density, g/cm^3)
// E(rho): Morgan, Bayraktar & Keaveny, J Biomech 36:897 (2003), vertebral trabecular bone,
// on-axis, fitted over rho = 0.11-0.35 g/cm^3 (shared/spec/data/density_laws.csv).
// eps_y = 0.0080: Kopperdahl & Keaveny, J Biomech 31:601 (1998), compressive yield strain of
// vertebral trabecular bone, 0.0077-0.0084 and nearly independent of density. With the normal
// density 0.19 g/cm^3: E = 355 MPa, S_c = 2.84 MPa.
//
// Rim versus centre: implants that load the rim fail at about 2.4 times the load of centrally
// loading ones (2.9-3.0 kN against 1.1-1.3 kN, Cadman et al.; shared/spec/validation.md). With
// rho_hat(x) the normalised elliptical radius of x in the endplate's equivalent ellipse:
//   S = S_c                                             rho_hat <= rho_0
//   S = S_c (1 + (R - 1)(rho_hat - rho_0)/(1 - rho_0))  rho_0 < rho_hat < 1
//   S = R S_c                                           rho_hat >= 1
// with R = 2.4 and rho_0 = 0.5 by default. The map is a linear surrogate of the measured rim
// strengthening, not a measured field (the posterolateral maximum of Grant 2001 is not modelled).
//
// Equivalent ellipse of a bone region set (e.g. the T12 inferior endplate) in the plane with unit
// normal n: volume centroid c and in-plane second moments M = P (1/V int (x-c)(x-c)^T dV) P,
// P = I - n n^T; the principal axes of M are the ellipse axes, and since a uniform ellipse with
// semi-axis a has variance a^2/4 along it, a_i = 2 sqrt(lambda_i). (A rectangle of side L has
// variance L^2/12, so its equivalent semi-axis is L/sqrt(3).)
#pragma once

#include "solver/fe_space.h"

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>

#include <array>
#include <vector>

namespace spinefe {

/// Morgan et al. (2003) vertebral on-axis modulus [MPa] at apparent density rho [g/cm^3].
double vertebral_modulus(double apparent_density);

/// The apparent density [g/cm^3] whose Morgan modulus is `modulus_factor` times that of
/// `normal_density`: rho = rho_normal f^(1/1.56). For the bone-quality modulus factors of the
/// case file (osteoporotic cancellous bone 0.34 gives 0.19 * 0.34^(1/1.56) = 0.095 g/cm^3).
double apparent_density_for_modulus_factor(double normal_density, double modulus_factor);

struct EndplateStrengthParameters {
  double apparent_density = 0.19;   ///< g/cm^3, normal vertebral trabecular bone; (0, 1.5]
  double yield_strain = 0.0080;     ///< compressive, -; (0, 0.05)
  double rim_to_centre_ratio = 2.4; ///< R, -; [1, 10]
  double rim_start_radius = 0.5;    ///< rho_0, normalised elliptical radius; [0, 1)
};

/// The endplate's equivalent ellipse: centre, unit in-plane axes, semi-axes [mm].
struct EquivalentEllipse {
  dealii::Point<3> centre;
  dealii::Tensor<1, 3> normal;
  std::array<dealii::Tensor<1, 3>, 2> axes; ///< major first
  std::array<double, 2> semi_axes = {0, 0}; ///< a_major >= a_minor
  double volume = 0;                        ///< of the region set, mm^3

  /// rho_hat = sqrt((d.e1/a1)^2 + (d.e2/a2)^2), d = x - centre (its normal part ignored).
  double normalised_radius(const dealii::Point<3>& x) const;
  double area() const; ///< pi a1 a2, mm^2
};

/// Collective: the equivalent ellipse of the cells with material id in `regions`, in the plane
/// with normal `normal` (normalised here). Throws an InputError if the regions have no volume on
/// any rank or are degenerate in the plane.
EquivalentEllipse equivalent_ellipse(const FESpace& space, const std::vector<unsigned int>& regions,
                                     const dealii::Tensor<1, 3>& normal);

class EndplateStrength {
public:
  /// Checks every parameter and throws an InputError naming it and its admissible range.
  EndplateStrength(const EndplateStrengthParameters& parameters, const EquivalentEllipse& ellipse);

  const EndplateStrengthParameters& parameters() const { return parameters_; }
  const EquivalentEllipse& ellipse() const { return ellipse_; }
  double centre_strength() const { return centre_strength_; } ///< S_c, MPa
  double rim_strength() const { return parameters_.rim_to_centre_ratio * centre_strength_; }
  /// S at a normalised elliptical radius, MPa.
  double strength_at_normalised_radius(double rho_hat) const;
  /// S(x), MPa.
  double strength(const dealii::Point<3>& x) const;

private:
  EndplateStrengthParameters parameters_;
  EquivalentEllipse ellipse_;
  double centre_strength_;
};

} // namespace spinefe
