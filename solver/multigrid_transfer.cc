#include "solver/multigrid_transfer.h"

#include "solver/petsc_check.h"

#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>

namespace spinefe {

using namespace dealii;

MatNullSpace rigid_body_modes(const FESpace& space) {
  const IndexSet& owned = space.owned();
  const auto n_owned = owned.n_elements();
  AssertThrow(owned.is_contiguous() && n_owned % 3 == 0 && owned.nth_index_in_set(0) % 3 == 0,
              ExcMessage("internal: DoFs are not grouped in nodal triples"));
  std::vector<double> coords(n_owned, 0.0);
  std::vector<bool> seen(n_owned, false);
  const FiniteElement<3>& fe = space.fe();
  const Quadrature<3> support(fe.get_unit_support_points());
  FEValues<3> fe_values(space.mapping(), fe, support, update_quadrature_points);
  std::vector<types::global_dof_index> dofs(fe.n_dofs_per_cell());
  const auto first = owned.nth_index_in_set(0);
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (cell->is_artificial())
      continue;
    fe_values.reinit(cell);
    cell->get_dof_indices(dofs);
    for (unsigned int i = 0; i < dofs.size(); ++i) {
      if (!owned.is_element(dofs[i]))
        continue;
      const unsigned int c = fe.system_to_component_index(i).first;
      const auto local = dofs[i] - first;
      AssertThrow(local % 3 == c, ExcMessage("internal: DoF triple out of component order"));
      coords[local] = fe_values.quadrature_point(i)[c];
      seen[local] = true;
    }
  }
  for (const bool s : seen)
    AssertThrow(s, ExcMessage("internal: an owned DoF has no support point"));
  Vec coordinates;
  SPINEFE_PETSC(VecCreateMPI(space.comm(), n_owned, PETSC_DETERMINE, &coordinates));
  SPINEFE_PETSC(VecSetBlockSize(coordinates, 3));
  PetscScalar* data;
  SPINEFE_PETSC(VecGetArray(coordinates, &data));
  std::copy(coords.begin(), coords.end(), data);
  SPINEFE_PETSC(VecRestoreArray(coordinates, &data));
  MatNullSpace modes;
  SPINEFE_PETSC(MatNullSpaceCreateRigidBody(coordinates, &modes));
  SPINEFE_PETSC(VecDestroy(&coordinates));
  return modes;
}

Mat prolongation_matrix(const FESpace& coarse, const FESpace& fine) {
  const FiniteElement<3>& fe_f = fine.fe();
  const FiniteElement<3>& fe_c = coarse.fe();
  Mat p;
  SPINEFE_PETSC(MatCreateAIJ(fine.comm(), fine.owned().n_elements(), coarse.owned().n_elements(),
                             PETSC_DETERMINE, PETSC_DETERMINE, 4, nullptr, 4, nullptr, &p));
  SPINEFE_PETSC(MatSetOption(p, MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_FALSE));
  // Coarse shape function j evaluated at fine support point i (both on the reference cell).
  const auto& points = fe_f.get_unit_support_points();
  FullMatrix<double> weight(fe_f.n_dofs_per_cell(), fe_c.n_dofs_per_cell());
  for (unsigned int i = 0; i < fe_f.n_dofs_per_cell(); ++i)
    for (unsigned int j = 0; j < fe_c.n_dofs_per_cell(); ++j) {
      const unsigned int ci = fe_f.system_to_component_index(i).first;
      const unsigned int cj = fe_c.system_to_component_index(j).first;
      weight(i, j) = ci == cj ? fe_c.shape_value_component(j, points[i], cj) : 0.0;
    }
  std::vector<types::global_dof_index> dofs_f(fe_f.n_dofs_per_cell()),
      dofs_c(fe_c.n_dofs_per_cell());
  for (const auto& cell : fine.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned())
      continue;
    const typename DoFHandler<3>::active_cell_iterator coarse_cell(
        &cell->get_triangulation(), cell->level(), cell->index(), &coarse.dof_handler());
    cell->get_dof_indices(dofs_f);
    coarse_cell->get_dof_indices(dofs_c);
    for (unsigned int i = 0; i < dofs_f.size(); ++i) {
      if (!fine.owned().is_element(dofs_f[i]) || fine.constraints().is_constrained(dofs_f[i]))
        continue;
      for (unsigned int j = 0; j < dofs_c.size(); ++j)
        if (std::abs(weight(i, j)) > 1e-14 && !coarse.constraints().is_constrained(dofs_c[j])) {
          const PetscInt row = dofs_f[i], col = dofs_c[j];
          const PetscScalar v = weight(i, j);
          SPINEFE_PETSC(MatSetValues(p, 1, &row, 1, &col, &v, INSERT_VALUES));
        }
    }
  }
  SPINEFE_PETSC(MatAssemblyBegin(p, MAT_FINAL_ASSEMBLY));
  SPINEFE_PETSC(MatAssemblyEnd(p, MAT_FINAL_ASSEMBLY));
  return p;
}

} // namespace spinefe
