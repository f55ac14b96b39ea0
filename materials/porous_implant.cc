#include "materials/porous_implant.h"

#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace spinefe {

namespace {
void require(const bool admissible, const std::string& parameter, const double value,
             const std::string& unit, const std::string& range,
             const char* function = "gibson_ashby_modulus") {
  if (admissible)
    return;
  std::ostringstream msg;
  msg << function << ": " << parameter << " " << value << unit << " must " << range;
  throw std::invalid_argument(msg.str());
}
} // namespace

// E = C * E_s * (1 - porosity)^n (Gibson & Ashby 1997); admissible ranges in the header.
double gibson_ashby_modulus(const double solid_modulus_mpa, const double porosity, const double C,
                            const double n) {
  require(std::isfinite(solid_modulus_mpa) && solid_modulus_mpa > 0, "solid modulus",
          solid_modulus_mpa, " MPa", "be > 0");
  require(porosity >= 0 && porosity <= 0.95, "porosity", porosity, "", "lie in [0, 0.95]");
  require(std::isfinite(C) && C > 0, "prefactor C", C, "", "be > 0");
  require(std::isfinite(n) && n > 0, "exponent n", n, "", "be > 0");
  return C * solid_modulus_mpa * std::pow(1.0 - porosity, n);
}

double lattice_strut_stress_factor(const double porosity) {
  require(porosity >= 0 && porosity <= 0.95, "porosity", porosity, "", "lie in [0, 0.95]",
          "lattice_strut_stress_factor");
  if (porosity == 0)
    return 1.0;
  return 1.0 / (0.3 * std::pow(1.0 - porosity, 1.5));
}

} // namespace spinefe
