#include "postprocess/run_summary.h"

#include "postprocess/stress_measures.h"
#include "solver/reactions.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

namespace spinefe {

using namespace dealii;

double max_displacement(const ElasticitySolver& solver) {
  const auto& u = solver.solution();
  const IndexSet& owned = solver.space().owned();
  double largest = 0;
  for (auto i = owned.begin(); i != owned.end(); ++i) {
    const auto dof = *i;
    if (dof % 3 != 0)
      continue;
    const double m2 = u[dof] * u[dof] + u[dof + 1] * u[dof + 1] + u[dof + 2] * u[dof + 2];
    largest = std::max(largest, std::sqrt(m2));
  }
  return Utilities::MPI::max(largest, solver.space().comm());
}

namespace {
std::vector<RegionSummary> summarise_regions(const ElasticitySolver& solver) {
  const FESpace& space = solver.space();
  const ProblemDefinition& problem = solver.problem();
  const std::size_t n_regions = problem.materials.size();
  const QGaussSimplex<3> quadrature(space.degree() + 1);
  FEValues<3> fe_values(space.mapping(), space.fe(), quadrature,
                        update_gradients | update_JxW_values);
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strain(quadrature.size());
  std::vector<double> volume(n_regions), vm(n_regions), sed(n_regions), vm_max(n_regions);
  std::vector<std::vector<std::pair<double, double>>> samples(n_regions);
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned())
      continue;
    const unsigned int r = cell->material_id();
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(solver.solution(), strain);
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      const SymmetricTensor<2, 3> stress = problem.materials[r].stress(strain[q]);
      const double w = fe_values.JxW(q), s_vm = von_mises(stress);
      volume[r] += w;
      vm[r] += s_vm * w;
      sed[r] += 0.5 * (stress * strain[q]) * w;
      vm_max[r] = std::max(vm_max[r], s_vm);
      samples[r].emplace_back(s_vm, w);
    }
  }
  const MPI_Comm comm = space.comm();
  Utilities::MPI::sum(volume, comm, volume);
  Utilities::MPI::sum(vm, comm, vm);
  Utilities::MPI::sum(sed, comm, sed);
  Utilities::MPI::max(vm_max, comm, vm_max);
  std::vector<RegionSummary> regions(n_regions);
  for (std::size_t r = 0; r < n_regions; ++r) {
    // The percentile needs every sample; rank 0 gathers them (one pair per quadrature point).
    auto all = Utilities::MPI::gather(comm, samples[r], 0);
    std::vector<std::pair<double, double>> merged;
    for (auto& part : all)
      merged.insert(merged.end(), part.begin(), part.end());
    double p95 = weighted_percentile(merged, 0.95);
    p95 = Utilities::MPI::broadcast(comm, p95, 0);
    regions[r].name = r < problem.region_names.size() ? problem.region_names[r] : "";
    regions[r].material = problem.materials[r].name();
    regions[r].volume = volume[r];
    regions[r].mean_von_mises = volume[r] > 0 ? vm[r] / volume[r] : 0;
    regions[r].mean_sed = volume[r] > 0 ? sed[r] / volume[r] : 0;
    regions[r].max_von_mises = vm_max[r];
    regions[r].p95_von_mises = p95;
  }
  return regions;
}
} // namespace

RunSummary summarise(const ElasticitySolver& solver, const SolveReport& report) {
  RunSummary summary;
  summary.solve = report;
  const MPI_Comm comm = solver.space().comm();
  summary.n_ranks = Utilities::MPI::n_mpi_processes(comm);
  summary.degree = solver.space().degree();
  summary.n_dofs = solver.n_dofs();
  summary.n_cells = solver.space().dof_handler().get_triangulation().n_global_active_cells();
  summary.max_displacement = max_displacement(solver);
  if (const SpringActiveSet* springs = solver.springs()) {
    const std::vector<double> forces = solver.spring_forces();
    for (std::size_t s = 0; s < forces.size(); ++s)
      summary.springs.push_back({springs->springs()[s].name, forces[s], springs->elongations()[s],
                                 to_string(springs->states()[s])});
  }
  summary.regions = summarise_regions(solver);
  const auto reactions = reaction_forces(solver);
  const ProblemDefinition& problem = solver.problem();
  for (std::size_t s = 0; s < reactions.size(); ++s)
    if (problem.interior_surfaces.count(s))
      summary.interior_surfaces.push_back(problem.surface_names[s]);
    else
      summary.surfaces.push_back(
          {problem.surface_names[s], solver.surfaces()[s].area, reactions[s]});
  return summary;
}

} // namespace spinefe
