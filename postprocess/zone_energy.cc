#include "postprocess/zone_energy.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <set>
#include <sstream>

namespace spinefe {

using namespace dealii;

bool Cylinder::contains(const Point<3>& x) const {
  const Tensor<1, 3> d = x - axis_point;
  const double s = d * axis;
  if (s < s_min || s > s_max)
    return false;
  return (d - s * axis).norm_square() <= radius * radius;
}

namespace {
Cylinder checked(const Zone& zone, Cylinder c) {
  const double norm = c.axis.norm();
  if (!(norm > 0) || !(c.radius > 0) || !(c.s_min < c.s_max)) {
    std::ostringstream m;
    m << "cylinder of zone '" << zone.name << "' needs a non-zero axis, radius > 0 and s_min < "
      << "s_max (got |axis| " << norm << ", radius " << c.radius << " mm, s " << c.s_min << " to "
      << c.s_max << " mm)";
    throw InputError("stress shielding", m.str());
  }
  c.axis /= norm;
  return c;
}
} // namespace

ZoneEnergy zone_energy(const ElasticitySolver& solver, const Zone& zone) {
  std::optional<Cylinder> cylinder;
  if (zone.cylinder)
    cylinder = checked(zone, *zone.cylinder);
  const FESpace& space = solver.space();
  const ProblemDefinition& problem = solver.problem();
  const std::set<unsigned int> in_regions(zone.regions.begin(), zone.regions.end());
  const QGaussSimplex<3> quadrature(space.degree() + 1);
  FEValues<3> fe_values(space.mapping(), space.fe(), quadrature,
                        update_gradients | update_JxW_values | update_quadrature_points);
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strain(quadrature.size());
  std::vector<double> sums(2, 0.0); // volume, int SED dV
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned() || in_regions.count(cell->material_id()) == 0)
      continue;
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(solver.solution(), strain);
    const LinearIsotropic& material = problem.materials[cell->material_id()];
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      if (cylinder && !cylinder->contains(fe_values.quadrature_point(q)))
        continue;
      const double w = fe_values.JxW(q);
      sums[0] += w;
      sums[1] += 0.5 * (material.stress(strain[q]) * strain[q]) * w;
    }
  }
  Utilities::MPI::sum(sums, space.comm(), sums);
  if (!(sums[0] > 0))
    throw InputError("stress shielding", "zone '" + zone.name + "' contains no bone volume");
  return {zone.name, sums[0], sums[1] / sums[0]};
}

double stress_shielding_index(const double sed_instrumented, const double sed_intact) {
  if (!(sed_intact > 0)) {
    std::ostringstream m;
    m << "the intact mean strain energy density must be > 0 for the stress shielding index (got "
      << sed_intact << " MPa)";
    throw InputError("stress shielding", m.str());
  }
  return 1 - sed_instrumented / sed_intact;
}

} // namespace spinefe
