#include "materials/hardening_curve.h"

#include "core/input_error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace spinefe {

HardeningCurve::HardeningCurve(const std::string& where, std::vector<double> plastic_strain,
                               std::vector<double> yield_stress)
    : strain_(std::move(plastic_strain)), stress_(std::move(yield_stress)) {
  auto fail = [&](std::size_t i, const std::string& expected) {
    std::ostringstream msg;
    msg << "hardening point " << i + 1 << " (plastic strain " << strain_[i] << ", yield stress "
        << stress_[i] << " MPa): " << expected;
    throw InputError(where, msg.str());
  };
  if (strain_.empty() || strain_.size() != stress_.size())
    throw InputError(where, "the hardening curve needs as many plastic strains as yield stresses, "
                            "and at least one point");
  for (std::size_t i = 0; i < strain_.size(); ++i) {
    if (!(std::isfinite(strain_[i]) && std::isfinite(stress_[i]) && stress_[i] > 0))
      fail(i, "expected a finite strain and a yield stress > 0");
    if (i == 0 && strain_[i] != 0)
      fail(i, "expected the first point at plastic strain 0 (the initial yield stress)");
    if (i > 0 && !(strain_[i] > strain_[i - 1]))
      fail(i, "expected plastic strains that increase");
    if (i > 0 && stress_[i] < stress_[i - 1])
      fail(i, "expected a yield stress that does not fall (softening makes subsidence "
              "mesh-dependent)");
  }
}

std::size_t HardeningCurve::segment(const double e) const {
  const auto above = std::upper_bound(strain_.begin(), strain_.end(), e);
  return above == strain_.begin() ? 0 : static_cast<std::size_t>(above - strain_.begin()) - 1;
}

double HardeningCurve::slope(const double e) const {
  const std::size_t i = segment(e);
  if (i + 1 >= strain_.size())
    return 0.0;
  return (stress_[i + 1] - stress_[i]) / (strain_[i + 1] - strain_[i]);
}

double HardeningCurve::yield_stress(const double e) const {
  const std::size_t i = segment(e);
  return stress_[i] + slope(e) * (std::max(e, 0.0) - strain_[i]);
}

double HardeningCurve::strain_increment_for_work(const double eps0, const double work) const {
  if (work <= 0)
    return 0.0;
  // g(x) = x sigma_c(eps0 + x) increases with x (sigma_c > 0 and does not fall): walk the
  // segments to the one where g reaches `work`, then solve H x^2 + sigma_0 x - work = 0 there,
  // with sigma_0 = the segment's line evaluated at eps0 (stable form of the positive root).
  std::size_t i = segment(eps0);
  while (i + 1 < strain_.size()) {
    const double x_end = strain_[i + 1] - eps0;
    if (x_end * stress_[i + 1] >= work)
      break;
    ++i;
  }
  const double h = (i + 1 < strain_.size())
                       ? (stress_[i + 1] - stress_[i]) / (strain_[i + 1] - strain_[i])
                       : 0.0;
  const double sigma0 = stress_[i] + h * (eps0 - strain_[i]);
  const double disc = std::sqrt(sigma0 * sigma0 + 4.0 * h * work);
  return sigma0 >= 0 ? 2.0 * work / (sigma0 + disc) : (disc - sigma0) / (2.0 * h);
}

} // namespace spinefe
