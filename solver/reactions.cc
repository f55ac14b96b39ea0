#include "solver/reactions.h"

#include "solver/assembly.h"

#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>

namespace spinefe {

using namespace dealii;

namespace {
PETScWrappers::MPI::Vector nodal_residual(const ElasticitySolver& solver) {
  const FESpace& space = solver.space();
  const ProblemDefinition& problem = solver.problem();
  CellIntegrators integrators(space);
  FEValues<3>& fe_values = integrators.cell;
  const FEValuesExtractors::Vector displacement(0);
  const unsigned int n = space.fe().n_dofs_per_cell();
  std::vector<SymmetricTensor<2, 3>> strain(integrators.quadrature.size());
  std::vector<types::global_dof_index> dofs(n);
  Vector<double> cell_residual(n), cell_load(n);
  PETScWrappers::MPI::Vector residual(space.owned(), space.comm());
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned())
      continue;
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(solver.solution(), strain);
    const LinearIsotropic& material = problem.materials.at(cell->material_id());
    cell_residual = 0;
    cell_load = 0;
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      const SymmetricTensor<2, 3> stress = material.stress(strain[q]);
      for (unsigned int i = 0; i < n; ++i)
        cell_residual(i) +=
            stress * fe_values[displacement].symmetric_gradient(i, q) * fe_values.JxW(q);
    }
    add_cell_loads(cell, integrators, problem, solver.surfaces(), cell_load);
    cell_residual -= cell_load;
    cell->get_dof_indices(dofs);
    residual.add(dofs, cell_residual);
  }
  // Springs pull on their end vertices: their forces are part of f_int (solver/springs.h).
  if (solver.springs())
    solver.springs()->fine_dofs().add_internal_forces(solver.spring_forces(), residual);
  residual.compress(VectorOperation::add);
  return residual;
}

/// Sums `value(dof, nodal force)` over the locally owned DoFs of each surface, then over ranks.
/// The nodal force of a DoF is the residual in its component (DoFs come in x, y, z triples).
template <typename Value>
std::vector<Tensor<1, 3>> sum_over_surfaces(const ElasticitySolver& solver, const Value& value) {
  const FESpace& space = solver.space();
  const PETScWrappers::MPI::Vector residual = nodal_residual(solver);
  const std::size_t n_surfaces = solver.problem().surface_names.size();
  std::vector<double> flat(3 * n_surfaces, 0.0);
  for (std::size_t s = 0; s < n_surfaces; ++s) {
    const IndexSet dofs = DoFTools::extract_boundary_dofs(space.dof_handler(), ComponentMask(),
                                                          {static_cast<types::boundary_id>(s + 1)});
    for (const auto dof : dofs)
      if (space.owned().is_element(dof)) {
        Tensor<1, 3> force;
        force[dof % 3] = residual[dof];
        const Tensor<1, 3> v = value(dof, force);
        for (unsigned int d = 0; d < 3; ++d)
          flat[3 * s + d] += v[d];
      }
  }
  Utilities::MPI::sum(flat, space.comm(), flat);
  std::vector<Tensor<1, 3>> sums(n_surfaces);
  for (std::size_t s = 0; s < n_surfaces; ++s)
    for (unsigned int d = 0; d < 3; ++d)
      sums[s][d] = flat[3 * s + d];
  return sums;
}
} // namespace

std::vector<Tensor<1, 3>> reaction_forces(const ElasticitySolver& solver) {
  return sum_over_surfaces(
      solver, [](types::global_dof_index, const Tensor<1, 3>& force) { return force; });
}

std::vector<Tensor<1, 3>> reaction_moments(const ElasticitySolver& solver, const Point<3>& about) {
  // Support points of the locally relevant DoFs (every owned DoF lies on an owned cell).
  std::map<types::global_dof_index, Point<3>> points;
  DoFTools::map_dofs_to_support_points(solver.space().mapping(), solver.space().dof_handler(),
                                       points);
  return sum_over_surfaces(solver, [&](types::global_dof_index dof, const Tensor<1, 3>& force) {
    return cross_product_3d(points.at(dof) - about, force);
  });
}

} // namespace spinefe
