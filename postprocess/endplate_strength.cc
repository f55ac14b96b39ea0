#include "postprocess/endplate_strength.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/symmetric_tensor.h>
#include <deal.II/fe/fe_values.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

namespace spinefe {

using namespace dealii;

namespace {
constexpr double morgan_coefficient = 4730; // MPa
constexpr double morgan_exponent = 1.56;

void check_range(const std::string& name, const double value, const double low, const double high,
                 const bool low_open, const bool high_open) {
  const bool ok =
      (low_open ? value > low : value >= low) && (high_open ? value < high : value <= high);
  if (!ok) {
    std::ostringstream range;
    range << (low_open ? "(" : "[") << low << ", " << high << (high_open ? ")" : "]");
    std::ostringstream v;
    v << value;
    throw InputError("endplate strength", name + " " + v.str() + " must lie in " + range.str());
  }
}
} // namespace

double vertebral_modulus(const double apparent_density) {
  return morgan_coefficient * std::pow(apparent_density, morgan_exponent);
}

double apparent_density_for_modulus_factor(const double normal_density,
                                           const double modulus_factor) {
  check_range("normal apparent density [g/cm^3]", normal_density, 0, 1.5, true, false);
  check_range("modulus factor", modulus_factor, 0, 10, true, false);
  return normal_density * std::pow(modulus_factor, 1 / morgan_exponent);
}

double EquivalentEllipse::normalised_radius(const Point<3>& x) const {
  const Tensor<1, 3> d = x - centre;
  const double u = (d * axes[0]) / semi_axes[0], v = (d * axes[1]) / semi_axes[1];
  return std::sqrt(u * u + v * v);
}

double EquivalentEllipse::area() const {
  return M_PI * semi_axes[0] * semi_axes[1];
}

EquivalentEllipse equivalent_ellipse(const FESpace& space, const std::vector<unsigned int>& regions,
                                     const Tensor<1, 3>& normal) {
  const double n_norm = normal.norm();
  if (!(n_norm > 0))
    throw InputError("endplate strength", "the plane normal of the equivalent ellipse is zero");
  const Tensor<1, 3> n = normal / n_norm;
  const std::set<unsigned int> in_regions(regions.begin(), regions.end());
  const QGaussSimplex<3> quadrature(space.degree() + 1);
  FEValues<3> fe_values(space.mapping(), space.fe(), quadrature,
                        update_quadrature_points | update_JxW_values);
  // Raw moments about the origin: V, int x dV, int x x^T dV; summed over ranks, then centred.
  // Centring after the sum loses digits only if |c| >> the region size (not the case in mm).
  std::vector<double> moments(1 + 3 + 6, 0.0);
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned() || in_regions.count(cell->material_id()) == 0)
      continue;
    fe_values.reinit(cell);
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      const Point<3>& x = fe_values.quadrature_point(q);
      const double w = fe_values.JxW(q);
      moments[0] += w;
      for (unsigned int d = 0; d < 3; ++d)
        moments[1 + d] += w * x[d];
      unsigned int k = 4;
      for (unsigned int i = 0; i < 3; ++i)
        for (unsigned int j = i; j < 3; ++j)
          moments[k++] += w * x[i] * x[j];
    }
  }
  Utilities::MPI::sum(moments, space.comm(), moments);
  const double volume = moments[0];
  if (!(volume > 0))
    throw InputError("endplate strength", "the regions of the equivalent ellipse have no volume");
  EquivalentEllipse e;
  e.volume = volume;
  e.normal = n;
  for (unsigned int d = 0; d < 3; ++d)
    e.centre[d] = moments[1 + d] / volume;
  SymmetricTensor<2, 3> covariance;
  unsigned int k = 4;
  for (unsigned int i = 0; i < 3; ++i)
    for (unsigned int j = i; j < 3; ++j)
      covariance[i][j] = moments[k++] / volume - e.centre[i] * e.centre[j];
  // Project onto the plane: P M P with P = I - n n^T.
  SymmetricTensor<2, 3> projector = unit_symmetric_tensor<3>();
  for (unsigned int i = 0; i < 3; ++i)
    for (unsigned int j = i; j < 3; ++j)
      projector[i][j] -= n[i] * n[j];
  const SymmetricTensor<2, 3> in_plane =
      symmetrize(Tensor<2, 3>(projector) * Tensor<2, 3>(covariance) * Tensor<2, 3>(projector));
  // Eigenpairs sorted descending; the third (~0) is along n.
  const auto pairs = eigenvectors(in_plane);
  for (unsigned int a = 0; a < 2; ++a) {
    if (!(pairs[a].first > 0))
      throw InputError("endplate strength",
                       "the regions of the equivalent ellipse are degenerate in the plane");
    e.semi_axes[a] = 2 * std::sqrt(pairs[a].first);
    e.axes[a] = pairs[a].second / pairs[a].second.norm();
  }
  return e;
}

EndplateStrength::EndplateStrength(const EndplateStrengthParameters& parameters,
                                   const EquivalentEllipse& ellipse)
    : parameters_(parameters), ellipse_(ellipse) {
  check_range("apparent density [g/cm^3]", parameters.apparent_density, 0, 1.5, true, false);
  check_range("yield strain", parameters.yield_strain, 0, 0.05, true, true);
  check_range("rim-to-centre strength ratio", parameters.rim_to_centre_ratio, 1, 10, false, false);
  check_range("rim start radius (normalised)", parameters.rim_start_radius, 0, 1, false, true);
  if (!(ellipse.semi_axes[0] > 0 && ellipse.semi_axes[1] > 0))
    throw InputError("endplate strength", "the equivalent ellipse has a zero semi-axis");
  centre_strength_ = parameters.yield_strain * vertebral_modulus(parameters.apparent_density);
}

double EndplateStrength::strength_at_normalised_radius(const double rho_hat) const {
  const double r0 = parameters_.rim_start_radius, ratio = parameters_.rim_to_centre_ratio;
  const double t = std::clamp((rho_hat - r0) / (1 - r0), 0.0, 1.0);
  return centre_strength_ * (1 + (ratio - 1) * t);
}

double EndplateStrength::strength(const Point<3>& x) const {
  return strength_at_normalised_radius(ellipse_.normalised_radius(x));
}

} // namespace spinefe
