#include "postprocess/von_mises_stats.h"

#include "core/input_error.h"
#include "postprocess/stress_measures.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <algorithm>
#include <set>

namespace spinefe {

using namespace dealii;

VonMisesStats von_mises_stats(const ElasticitySolver& solver,
                              const std::vector<unsigned int>& regions,
                              const std::vector<double>& factor) {
  const FESpace& space = solver.space();
  const ProblemDefinition& problem = solver.problem();
  const MPI_Comm comm = space.comm();
  const std::set<unsigned int> in_regions(regions.begin(), regions.end());
  const QGaussSimplex<3> quadrature(space.degree() + 1);
  FEValues<3> fe_values(space.mapping(), space.fe(), quadrature,
                        update_gradients | update_JxW_values);
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strain(quadrature.size());
  std::vector<double> sums(2, 0.0); // volume, int s_vm dV
  double largest = 0;
  std::vector<std::pair<double, double>> samples;
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned() || in_regions.count(cell->material_id()) == 0)
      continue;
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(solver.solution(), strain);
    const LinearIsotropic& material = problem.materials[cell->material_id()];
    const double scale = factor.empty() ? 1.0 : factor.at(cell->material_id());
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      const double s = scale * von_mises(material.stress(strain[q])), w = fe_values.JxW(q);
      sums[0] += w;
      sums[1] += s * w;
      largest = std::max(largest, s);
      samples.emplace_back(s, w);
    }
  }
  Utilities::MPI::sum(sums, comm, sums);
  if (!(sums[0] > 0))
    throw InputError("von Mises statistics", "the regions have no volume");
  VonMisesStats stats;
  stats.volume = sums[0];
  stats.mean = sums[1] / sums[0];
  stats.max = Utilities::MPI::max(largest, comm);
  // Both percentiles from one gather on rank 0 (one pair per quadrature point).
  std::vector<std::pair<double, double>> merged;
  for (const auto& part : Utilities::MPI::gather(comm, samples, 0))
    merged.insert(merged.end(), part.begin(), part.end());
  std::pair<double, double> p = {0, 0};
  if (!merged.empty()) {
    p.first = weighted_percentile(merged, 0.95);
    p.second = weighted_percentile(merged, 0.99);
  }
  p = Utilities::MPI::broadcast(comm, p, 0);
  stats.p95 = p.first;
  stats.p99 = p.second;
  return stats;
}

} // namespace spinefe
