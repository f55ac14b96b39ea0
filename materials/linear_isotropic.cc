#include "materials/linear_isotropic.h"

#include "core/input_error.h"

#include <cmath>
#include <sstream>

namespace spinefe {

LinearIsotropic::LinearIsotropic(const std::string& name, const double youngs_modulus_mpa,
                                 const double poisson_ratio)
    : name_(name), youngs_modulus_(youngs_modulus_mpa), poisson_ratio_(poisson_ratio) {
  const std::string where = "material '" + name + "'";
  if (!(std::isfinite(youngs_modulus_mpa) && youngs_modulus_mpa > 0)) {
    std::ostringstream msg;
    msg << "Young's modulus " << youngs_modulus_mpa << " MPa must be > 0";
    throw InputError(where, msg.str());
  }
  if (!(std::isfinite(poisson_ratio) && poisson_ratio > -1.0 && poisson_ratio < 0.5)) {
    std::ostringstream msg;
    msg << "Poisson's ratio " << poisson_ratio
        << " must lie in (-1, 0.5); 0.5 is incompressible and needs a mixed formulation";
    throw InputError(where, msg.str());
  }
}

double LinearIsotropic::lambda() const {
  const double nu = poisson_ratio_;
  return youngs_modulus_ * nu / ((1.0 + nu) * (1.0 - 2.0 * nu));
}

double LinearIsotropic::mu() const {
  return youngs_modulus_ / (2.0 * (1.0 + poisson_ratio_));
}

dealii::SymmetricTensor<4, 3> LinearIsotropic::stiffness() const {
  using dealii::SymmetricTensor;
  const SymmetricTensor<2, 3> identity = dealii::unit_symmetric_tensor<3>();
  return lambda() * dealii::outer_product(identity, identity) +
         2.0 * mu() * dealii::identity_tensor<3>();
}

dealii::SymmetricTensor<2, 3>
LinearIsotropic::stress(const dealii::SymmetricTensor<2, 3>& strain) const {
  return lambda() * dealii::trace(strain) * dealii::unit_symmetric_tensor<3>() +
         2.0 * mu() * strain;
}

double LinearIsotropic::energy_density(const dealii::SymmetricTensor<2, 3>& strain) const {
  return 0.5 * (strain * stress(strain));
}

} // namespace spinefe
