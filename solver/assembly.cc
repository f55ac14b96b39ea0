#include "solver/assembly.h"

#include "solver/petsc_check.h"

#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/affine_constraints.templates.h>

namespace spinefe {

using namespace dealii;

Tensor<1, 3> neumann_traction(const NeumannCondition& bc, const Point<3>& x,
                              const Tensor<1, 3>& normal, const SurfaceGeometry& surface) {
  Tensor<1, 3> t;
  switch (bc.kind) {
  case NeumannCondition::Kind::pressure:
    return -bc.pressure * normal;
  case NeumannCondition::Kind::total_force:
    // t = F / A: uniform, so its moment about the centroid is zero.
    for (unsigned int d = 0; d < 3; ++d)
      t[d] = bc.vector[d] / surface.area;
    return t;
  case NeumannCondition::Kind::total_moment:
    // t = omega x (x - c), omega = J^-1 M: resultant 0, moment M about c (surface_geometry.h).
    return cross_product_3d(moment_rotation_rate(surface, bc.vector), x - surface.centroid);
  case NeumannCondition::Kind::traction:
    for (unsigned int d = 0; d < 3; ++d)
      t[d] = bc.traction_function ? bc.traction_function->value(x, d) : bc.vector[d];
    return t;
  }
  return t;
}

namespace {

/// K_ij for primitive shape functions phi_i = N_i e_a, phi_j = N_j e_b (a, b components):
///   lambda dN_i/dx_a dN_j/dx_b + mu (dN_i/dx_b dN_j/dx_a + delta_ab grad N_i . grad N_j)
void add_cell_stiffness(const FEValues<3>& fe_values, const LinearIsotropic& material,
                        FullMatrix<double>& k) {
  const FiniteElement<3>& fe = fe_values.get_fe();
  const unsigned int n = fe.n_dofs_per_cell();
  const double lambda = material.lambda(), mu = material.mu();
  std::vector<unsigned int> comp(n);
  for (unsigned int i = 0; i < n; ++i)
    comp[i] = fe.system_to_component_index(i).first;
  std::vector<Tensor<1, 3>> grad(n);
  for (const unsigned int q : fe_values.quadrature_point_indices()) {
    const double jxw = fe_values.JxW(q);
    for (unsigned int i = 0; i < n; ++i)
      grad[i] = fe_values.shape_grad_component(i, q, comp[i]);
    for (unsigned int i = 0; i < n; ++i) {
      const unsigned int a = comp[i];
      for (unsigned int j = i; j < n; ++j) {
        const unsigned int b = comp[j];
        double v = lambda * grad[i][a] * grad[j][b] + mu * grad[i][b] * grad[j][a];
        if (a == b)
          v += mu * (grad[i] * grad[j]);
        k(i, j) += v * jxw;
      }
    }
  }
  for (unsigned int i = 0; i < n; ++i)
    for (unsigned int j = 0; j < i; ++j)
      k(i, j) = k(j, i);
}

void add_body_force(const FEValues<3>& fe_values, const Function<3>& body_force,
                    Vector<double>& f) {
  const FiniteElement<3>& fe = fe_values.get_fe();
  for (const unsigned int q : fe_values.quadrature_point_indices()) {
    const Point<3>& x = fe_values.quadrature_point(q);
    double b[3];
    for (unsigned int d = 0; d < 3; ++d)
      b[d] = body_force.value(x, d);
    for (unsigned int i = 0; i < fe.n_dofs_per_cell(); ++i) {
      const unsigned int a = fe.system_to_component_index(i).first;
      f(i) += fe_values.shape_value_component(i, q, a) * b[a] * fe_values.JxW(q);
    }
  }
}

/// A constant body force density b [N/mm^3] (skipped when zero).
void add_uniform_body_force(const FEValues<3>& fe_values, const std::array<double, 3>& b,
                            Vector<double>& f) {
  if (b[0] == 0 && b[1] == 0 && b[2] == 0)
    return;
  const FiniteElement<3>& fe = fe_values.get_fe();
  for (const unsigned int q : fe_values.quadrature_point_indices())
    for (unsigned int i = 0; i < fe.n_dofs_per_cell(); ++i) {
      const unsigned int a = fe.system_to_component_index(i).first;
      f(i) += fe_values.shape_value_component(i, q, a) * b[a] * fe_values.JxW(q);
    }
}

void add_boundary_loads(const typename DoFHandler<3>::active_cell_iterator& cell,
                        FEFaceValues<3>& fe_face, const ProblemDefinition& problem,
                        const std::vector<SurfaceGeometry>& surfaces, Vector<double>& f) {
  const FiniteElement<3>& fe = fe_face.get_fe();
  for (const auto face : cell->face_indices()) {
    if (!cell->at_boundary(face))
      continue;
    const types::boundary_id id = cell->face(face)->boundary_id();
    for (const auto& bc : problem.neumann) {
      if (bc.boundary != id)
        continue;
      fe_face.reinit(cell, face);
      for (const unsigned int q : fe_face.quadrature_point_indices()) {
        const Tensor<1, 3> t = neumann_traction(bc, fe_face.quadrature_point(q),
                                                fe_face.normal_vector(q), surfaces[id - 1]);
        for (unsigned int i = 0; i < fe.n_dofs_per_cell(); ++i) {
          const unsigned int a = fe.system_to_component_index(i).first;
          f(i) += fe_face.shape_value_component(i, q, a) * t[a] * fe_face.JxW(q);
        }
      }
    }
  }
}

} // namespace

CellIntegrators::CellIntegrators(const FESpace& space)
    : quadrature(space.degree() + 1), face_quadrature(space.degree() + 1),
      cell(space.mapping(), space.fe(), quadrature,
           update_gradients | update_values | update_quadrature_points | update_JxW_values),
      face(space.mapping(), space.fe(), face_quadrature,
           update_values | update_quadrature_points | update_normal_vectors | update_JxW_values) {}

void add_cell_loads(const typename DoFHandler<3>::active_cell_iterator& cell,
                    CellIntegrators& integrators, const ProblemDefinition& problem,
                    const std::vector<SurfaceGeometry>& surfaces, Vector<double>& f) {
  if (problem.body_force)
    add_body_force(integrators.cell, *problem.body_force, f);
  if (cell->material_id() < problem.region_force_density.size())
    add_uniform_body_force(integrators.cell, problem.region_force_density[cell->material_id()], f);
  if (cell->at_boundary())
    add_boundary_loads(cell, integrators.face, problem, surfaces, f);
}

namespace {
/// The cell loop of assembly: K and f into `matrix` and `rhs` (either may be null; without
/// `matrix` the cell stiffness is still integrated where inhomogeneous constraints need it).
void assemble_cells(const FESpace& space, const ProblemDefinition& problem,
                    const std::vector<SurfaceGeometry>& surfaces, SystemMatrix* matrix,
                    PETScWrappers::MPI::Vector* rhs) {
  CellIntegrators integrators(space);
  const unsigned int n = space.fe().n_dofs_per_cell();
  FullMatrix<double> cell_matrix(n, n);
  Vector<double> cell_rhs(n);
  std::vector<types::global_dof_index> dofs(n);
  const AffineConstraints<double>& constraints = space.constraints();
  const bool need_stiffness = matrix || constraints.has_inhomogeneities();

  if (matrix)
    SPINEFE_PETSC(MatZeroEntries(matrix->petsc_matrix()));
  if (rhs)
    *rhs = 0;
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned())
      continue;
    integrators.cell.reinit(cell);
    cell_matrix = 0;
    cell_rhs = 0;
    if (need_stiffness)
      add_cell_stiffness(integrators.cell, problem.materials.at(cell->material_id()), cell_matrix);
    cell->get_dof_indices(dofs);
    if (rhs)
      add_cell_loads(cell, integrators, problem, surfaces, cell_rhs);
    if (matrix && rhs)
      constraints.distribute_local_to_global(cell_matrix, cell_rhs, dofs, *matrix, *rhs);
    else if (matrix)
      constraints.distribute_local_to_global(cell_matrix, dofs, *matrix);
    else // the cell matrix carries the prescribed displacements into f
      constraints.distribute_local_to_global(cell_rhs, dofs, *rhs, cell_matrix);
  }
  if (matrix)
    matrix->compress();
  if (rhs)
    rhs->compress(VectorOperation::add);
}
} // namespace

void assemble_elasticity(const FESpace& space, const ProblemDefinition& problem,
                         const std::vector<SurfaceGeometry>& surfaces, SystemMatrix& matrix,
                         PETScWrappers::MPI::Vector* rhs) {
  assemble_cells(space, problem, surfaces, &matrix, rhs);
}

void assemble_loads(const FESpace& space, const ProblemDefinition& problem,
                    const std::vector<SurfaceGeometry>& surfaces, PETScWrappers::MPI::Vector& rhs) {
  assemble_cells(space, problem, surfaces, nullptr, &rhs);
}

} // namespace spinefe
