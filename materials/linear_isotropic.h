// Linear isotropic elasticity, the constitutive law of every region in the linear solver.
//
//   sigma = lambda tr(eps) I + 2 mu eps,   W = 1/2 eps : sigma
//   lambda = E nu / ((1 + nu)(1 - 2 nu)),  mu = E / (2 (1 + nu))
//
// Valid for small strains; admissible when E > 0 and -1 < nu < 0.5 (positive-definite stiffness).
// Units: E in MPa, stresses in MPa, energy density in MPa = mJ/mm^3.
#pragma once

#include <deal.II/base/symmetric_tensor.h>

#include <string>

namespace spinefe {

class LinearIsotropic {
public:
  /// Checks admissibility and throws an InputError naming the material and the violated bound.
  LinearIsotropic(const std::string& name, double youngs_modulus_mpa, double poisson_ratio);

  const std::string& name() const { return name_; }
  double youngs_modulus() const { return youngs_modulus_; }
  double poisson_ratio() const { return poisson_ratio_; }
  double lambda() const;
  double mu() const;

  dealii::SymmetricTensor<4, 3> stiffness() const;
  dealii::SymmetricTensor<2, 3> stress(const dealii::SymmetricTensor<2, 3>& strain) const;
  double energy_density(const dealii::SymmetricTensor<2, 3>& strain) const;

private:
  std::string name_;
  double youngs_modulus_;
  double poisson_ratio_;
};

} // namespace spinefe
