// Scalar stress measures derived from the Cauchy stress sigma [MPa]:
//   von Mises  s_vm = sqrt(3/2 dev(sigma) : dev(sigma))
//   principal  s_1 >= s_2 >= s_3, eigenvalues of sigma
//   strain energy density  W = 1/2 sigma : eps  [MPa = mJ/mm^3]
#pragma once

#include <deal.II/base/symmetric_tensor.h>

#include <array>

namespace spinefe {

double von_mises(const dealii::SymmetricTensor<2, 3>& stress);
std::array<double, 3> principal_stresses(const dealii::SymmetricTensor<2, 3>& stress);

/// Volume-weighted percentile: the smallest value v such that the samples <= v hold at least
/// `fraction` of the total weight. `samples` are (value, weight) pairs and get sorted.
double weighted_percentile(std::vector<std::pair<double, double>>& samples, double fraction);

} // namespace spinefe
