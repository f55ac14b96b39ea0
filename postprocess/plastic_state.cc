#include "postprocess/plastic_state.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <algorithm>
#include <cmath>

namespace spinefe {

using namespace dealii;

namespace {

/// Calls `visit(cell, q, fe_values, strain, state)` at every quadrature point of the owned cells;
/// `state` is null in elastic cells.
template <typename Visit>
void for_each_point(const ElastoplasticSolver& solver, const Visit& visit) {
  const FESpace& space = solver.space();
  FEValues<3> fe_values(space.mapping(), space.fe(), QGaussSimplex<3>(space.degree() + 1),
                        update_gradients | update_JxW_values | update_quadrature_points);
  std::vector<SymmetricTensor<2, 3>> strain(fe_values.n_quadrature_points);
  const FEValuesExtractors::Vector displacement(0);
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned())
      continue;
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(solver.solution(), strain);
    const auto& states = solver.history()[cell->active_cell_index()];
    for (const unsigned int q : fe_values.quadrature_point_indices())
      visit(cell, q, fe_values, strain[q], states.empty() ? nullptr : &states[q]);
  }
}

} // namespace

PlasticStateSummary summarise_plastic_state(const ElastoplasticSolver& solver) {
  PlasticStateSummary s;
  for_each_point(solver, [&](const auto&, unsigned int q, const FEValues<3>& fe_values,
                             const SymmetricTensor<2, 3>&, const FoamState* state) {
    if (!state || state->equivalent_plastic_strain <= 0)
      return;
    s.plastic_volume += fe_values.JxW(q);
    s.max_equivalent_plastic_strain =
        std::max(s.max_equivalent_plastic_strain, state->equivalent_plastic_strain);
  });
  const MPI_Comm comm = solver.space().comm();
  s.plastic_volume = Utilities::MPI::sum(s.plastic_volume, comm);
  s.max_equivalent_plastic_strain = Utilities::MPI::max(s.max_equivalent_plastic_strain, comm);
  return s;
}

namespace {

/// sqrt(q^2 + alpha^2 p^2) / (sqrt(1 + alpha^2/9) sigma_c(eps_bar)) at one point.
double yield_utilisation(const CrushableFoamParameters& foam, const LinearIsotropic& elastic,
                         const SymmetricTensor<2, 3>& strain, const FoamState& state) {
  const SymmetricTensor<2, 3> stress = elastic.stiffness() * (strain - state.plastic_strain);
  const SymmetricTensor<2, 3> s = deviator(stress);
  const double q2 = 1.5 * (s * s), p = trace(stress) / 3.0, a = foam.alpha();
  return std::sqrt((q2 + a * a * p * p) / (1 + a * a / 9)) /
         foam.hardening.yield_stress(state.equivalent_plastic_strain);
}

} // namespace

double max_yield_utilisation(const ElastoplasticSolver& solver) {
  const ProblemDefinition& problem = solver.problem();
  double utilisation = 0;
  for_each_point(solver, [&](const auto& cell, unsigned int, const FEValues<3>&,
                             const SymmetricTensor<2, 3>& strain, const FoamState* state) {
    if (state)
      utilisation =
          std::max(utilisation,
                   yield_utilisation(problem.crushable_foam.at(cell->material_id()),
                                     problem.materials.at(cell->material_id()), strain, *state));
  });
  return Utilities::MPI::max(utilisation, solver.space().comm());
}

ColumnState column_state(const ElastoplasticSolver& solver, const EndcapColumn& column) {
  const ProblemDefinition& problem = solver.problem();
  ColumnState out;
  for_each_point(solver, [&](const auto& cell, unsigned int q, const FEValues<3>& fe_values,
                             const SymmetricTensor<2, 3>& strain, const FoamState* state) {
    if (!state || std::find(column.regions.begin(), column.regions.end(), cell->material_id()) ==
                      column.regions.end())
      return;
    const Tensor<1, 3> r = fe_values.quadrature_point(q) - column.centroid;
    const double depth = -(column.normal * r);
    if (depth < 0 || (r + depth * column.normal).norm() > column.radius)
      return;
    out.max_utilisation =
        std::max(out.max_utilisation,
                 yield_utilisation(problem.crushable_foam.at(cell->material_id()),
                                   problem.materials.at(cell->material_id()), strain, *state));
    if (state->equivalent_plastic_strain <= 0)
      return;
    out.plastic_volume += fe_values.JxW(q);
    out.plastic_depth = std::max(out.plastic_depth, depth);
  });
  const MPI_Comm comm = solver.space().comm();
  out.plastic_volume = Utilities::MPI::sum(out.plastic_volume, comm);
  out.plastic_depth = Utilities::MPI::max(out.plastic_depth, comm);
  out.max_utilisation = Utilities::MPI::max(out.max_utilisation, comm);
  return out;
}

std::vector<CellField> plastic_cell_fields(const ElastoplasticSolver& solver) {
  const std::size_t n_cells = solver.space().dof_handler().get_triangulation().n_active_cells();
  Vector<float> eps_bar(n_cells), von_mises(n_cells), mean_stress(n_cells);
  const auto& materials = solver.problem().materials;
  for_each_point(solver, [&](const auto& cell, unsigned int, const FEValues<3>& fe_values,
                             const SymmetricTensor<2, 3>& strain, const FoamState* state) {
    const double w = 1.0 / fe_values.n_quadrature_points;
    const SymmetricTensor<2, 3> elastic = state ? strain - state->plastic_strain : strain;
    const SymmetricTensor<2, 3> stress = materials.at(cell->material_id()).stiffness() * elastic;
    const SymmetricTensor<2, 3> s = deviator(stress);
    const unsigned int i = cell->active_cell_index();
    eps_bar(i) += w * (state ? state->equivalent_plastic_strain : 0.0);
    von_mises(i) += w * std::sqrt(1.5 * (s * s));
    mean_stress(i) += w * trace(stress) / 3.0;
  });
  return {{"equivalent_plastic_strain", eps_bar},
          {"von_mises_cell_mean", von_mises},
          {"mean_stress_cell_mean", mean_stress}};
}

} // namespace spinefe
