// A hardening curve: the uniaxial yield stress sigma_c [MPa] as a function of the equivalent
// plastic strain eps_bar [-], piecewise linear through a table and constant past its last point
// (the convention of Abaqus' tabulated hardening, so a curve read from a foam or bone test means
// the same here as in the published models that used it).
//
// The curve must not soften (sigma_c non-decreasing): softening localises the plastic strain in
// one element layer, and the subsidence depth then depends on the mesh instead of converging.
#pragma once

#include <string>
#include <vector>

namespace spinefe {

class HardeningCurve {
public:
  HardeningCurve() = default;
  /// Checks the table and throws an InputError naming `where` if the first strain is not 0, the
  /// strains do not increase, or a stress is not positive or falls.
  HardeningCurve(const std::string& where, std::vector<double> plastic_strain,
                 std::vector<double> yield_stress);

  double yield_stress(double plastic_strain) const;
  /// d sigma_c / d eps_bar [MPa]: the slope of the segment that holds eps_bar (the right-hand one
  /// at a table point), 0 past the last point.
  double slope(double plastic_strain) const;
  /// The positive root x of x * sigma_c(eps0 + x) = work [MPa]: the equivalent plastic strain
  /// increment that a plastic work `work` done from eps0 gives. Exact (one quadratic per segment).
  double strain_increment_for_work(double eps0, double work) const;

  const std::vector<double>& plastic_strains() const { return strain_; }
  const std::vector<double>& yield_stresses() const { return stress_; }

private:
  /// Index of the segment [strain_[i], strain_[i+1]) that holds e (the last point for e beyond).
  std::size_t segment(double e) const;

  std::vector<double> strain_{0.0};
  std::vector<double> stress_{1.0};
};

} // namespace spinefe
