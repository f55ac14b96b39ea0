#include "solver/region_forces.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

namespace spinefe {

using namespace dealii;

std::vector<std::array<double, 3>> region_force_densities(const FESpace& space,
                                                          const ProblemDefinition& problem) {
  const std::size_t n_materials = problem.materials.size();
  std::vector<std::array<double, 3>> density(n_materials, {0.0, 0.0, 0.0});
  if (problem.region_forces.empty())
    return density;
  // Volume of every material id, with the quadrature of assembly, so that the assembled loads
  // add up to F exactly.
  std::vector<double> volume(n_materials, 0.0);
  FEValues<3> fe_values(space.mapping(), space.fe(), QGaussSimplex<3>(space.degree() + 1),
                        update_JxW_values);
  for (const auto& cell : space.dof_handler().active_cell_iterators())
    if (cell->is_locally_owned() && cell->material_id() < n_materials) {
      fe_values.reinit(cell);
      for (const unsigned int q : fe_values.quadrature_point_indices())
        volume[cell->material_id()] += fe_values.JxW(q);
    }
  Utilities::MPI::sum(volume, space.comm(), volume);
  for (const RegionForce& force : problem.region_forces) {
    double v = 0;
    for (const unsigned int r : force.regions)
      v += r < n_materials ? volume[r] : 0.0;
    if (!(v > 0))
      throw InputError(force.name, "the regions this force acts on have no volume");
    for (const unsigned int r : force.regions)
      for (unsigned int d = 0; d < 3; ++d)
        density[r][d] += force.force[d] / v;
  }
  return density;
}

} // namespace spinefe
