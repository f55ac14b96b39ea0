#include "postprocess/stress_measures.h"

#include <algorithm>
#include <cmath>

namespace spinefe {

double von_mises(const dealii::SymmetricTensor<2, 3>& stress) {
  const dealii::SymmetricTensor<2, 3> s = dealii::deviator(stress);
  return std::sqrt(1.5 * (s * s));
}

std::array<double, 3> principal_stresses(const dealii::SymmetricTensor<2, 3>& stress) {
  const auto values = dealii::eigenvalues(stress); // descending order
  return {values[0], values[1], values[2]};
}

double weighted_percentile(std::vector<std::pair<double, double>>& samples, const double fraction) {
  if (samples.empty())
    return 0.0;
  std::sort(samples.begin(), samples.end());
  double total = 0;
  for (const auto& s : samples)
    total += s.second;
  double cumulative = 0;
  for (const auto& s : samples) {
    cumulative += s.second;
    if (cumulative >= fraction * total)
      return s.first;
  }
  return samples.back().first;
}

} // namespace spinefe
