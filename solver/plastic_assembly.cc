#include "solver/plastic_assembly.h"

#include "solver/petsc_check.h"

#include <deal.II/base/mpi.h>
#include <deal.II/lac/affine_constraints.templates.h>

namespace spinefe {

using namespace dealii;

MaterialHistory initial_history(const FESpace& space, const ProblemDefinition& problem) {
  const unsigned int n_q = QGaussSimplex<3>(space.degree() + 1).size();
  MaterialHistory history(space.dof_handler().get_triangulation().n_active_cells());
  for (const auto& cell : space.dof_handler().active_cell_iterators())
    if (cell->is_locally_owned() && problem.crushable_foam.count(cell->material_id()))
      history[cell->active_cell_index()].assign(n_q, FoamState());
  return history;
}

namespace {

/// Cell residual and tangent from the stresses and tangents at the quadrature points.
void integrate_cell(const FEValues<3>& fe_values, const std::vector<SymmetricTensor<2, 3>>& stress,
                    const std::vector<SymmetricTensor<4, 3>>& tangent, FullMatrix<double>* k,
                    Vector<double>& r) {
  const FEValuesExtractors::Vector displacement(0);
  const unsigned int n = fe_values.get_fe().n_dofs_per_cell();
  std::vector<SymmetricTensor<2, 3>> eps_phi(n);
  for (const unsigned int q : fe_values.quadrature_point_indices()) {
    const double jxw = fe_values.JxW(q);
    for (unsigned int i = 0; i < n; ++i)
      eps_phi[i] = fe_values[displacement].symmetric_gradient(i, q);
    for (unsigned int i = 0; i < n; ++i) {
      r(i) += (eps_phi[i] * stress[q]) * jxw;
      if (!k)
        continue;
      const SymmetricTensor<2, 3> row = eps_phi[i] * tangent[q];
      for (unsigned int j = 0; j < n; ++j)
        (*k)(i, j) += (row * eps_phi[j]) * jxw;
    }
  }
}

} // namespace

bool assemble_plastic_system(const FESpace& space, const ProblemDefinition& problem,
                             const AffineConstraints<double>& homogeneous,
                             const PETScWrappers::MPI::Vector& u, const MaterialHistory& history,
                             const PETScWrappers::MPI::Vector& external_force,
                             const double load_factor, SystemMatrix* matrix, PlasticSystem& out) {
  CellIntegrators integrators(space);
  FEValues<3>& fe_values = integrators.cell;
  const unsigned int n = space.fe().n_dofs_per_cell(), n_q = fe_values.n_quadrature_points;
  FullMatrix<double> cell_matrix(n, n);
  Vector<double> cell_residual(n);
  std::vector<types::global_dof_index> dofs(n);
  std::vector<SymmetricTensor<2, 3>> strain(n_q), stress(n_q);
  std::vector<SymmetricTensor<4, 3>> tangent(n_q);
  const FEValuesExtractors::Vector displacement(0);

  out.residual.reinit(space.owned(), space.comm());
  out.internal_force.reinit(space.owned(), space.comm());
  out.trial = history;
  unsigned int plastic_points = 0, return_map_steps = 0;
  bool failed = false;
  if (matrix)
    SPINEFE_PETSC(MatZeroEntries(matrix->petsc_matrix()));
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned())
      continue;
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(u, strain);
    const auto foam = problem.crushable_foam.find(cell->material_id());
    if (foam == problem.crushable_foam.end()) {
      const SymmetricTensor<4, 3> c = problem.materials.at(cell->material_id()).stiffness();
      for (unsigned int q = 0; q < n_q; ++q) {
        tangent[q] = c;
        stress[q] = c * strain[q];
      }
    } else {
      std::vector<FoamState>& states = out.trial[cell->active_cell_index()];
      const std::vector<FoamState>& start = history[cell->active_cell_index()];
      for (unsigned int q = 0; q < n_q && !failed; ++q) {
        try {
          const FoamResponse r = crushable_foam_update(foam->second, strain[q], start[q]);
          stress[q] = r.stress;
          tangent[q] = r.tangent;
          states[q] = r.state;
          plastic_points += r.plastic;
          return_map_steps = std::max(return_map_steps, r.iterations);
        } catch (const std::runtime_error&) {
          failed = true; // every rank must still reach the collective calls below
        }
      }
    }
    cell_matrix = 0;
    cell_residual = 0;
    integrate_cell(fe_values, stress, tangent, matrix ? &cell_matrix : nullptr, cell_residual);
    cell->get_dof_indices(dofs);
    out.internal_force.add(dofs, cell_residual);
    if (matrix)
      homogeneous.distribute_local_to_global(cell_matrix, cell_residual, dofs, *matrix,
                                             out.residual);
    else
      homogeneous.distribute_local_to_global(cell_residual, dofs, out.residual);
  }
  if (matrix)
    matrix->compress();
  out.residual.compress(VectorOperation::add);
  out.internal_force.compress(VectorOperation::add);
  out.residual.add(-load_factor, external_force);
  out.plastic_points = Utilities::MPI::sum(plastic_points, space.comm());
  out.return_map_steps = Utilities::MPI::max(return_map_steps, space.comm());
  return Utilities::MPI::max(static_cast<int>(failed), space.comm()) == 0;
}

void assemble_external_force(const FESpace& space, const ProblemDefinition& problem,
                             const std::vector<SurfaceGeometry>& surfaces,
                             const AffineConstraints<double>& homogeneous,
                             PETScWrappers::MPI::Vector& condensed,
                             PETScWrappers::MPI::Vector& raw) {
  CellIntegrators integrators(space);
  const unsigned int n = space.fe().n_dofs_per_cell();
  Vector<double> cell_f(n);
  std::vector<types::global_dof_index> dofs(n);
  condensed.reinit(space.owned(), space.comm());
  raw.reinit(space.owned(), space.comm());
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned())
      continue;
    integrators.cell.reinit(cell);
    cell_f = 0;
    add_cell_loads(cell, integrators, problem, surfaces, cell_f);
    cell->get_dof_indices(dofs);
    raw.add(dofs, cell_f);
    homogeneous.distribute_local_to_global(cell_f, dofs, condensed);
  }
  condensed.compress(VectorOperation::add);
  raw.compress(VectorOperation::add);
}

} // namespace spinefe
