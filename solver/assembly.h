// Assembly of the small-strain elastic stiffness matrix and load vector:
//
//   K_ij = int_Omega eps(phi_i) : C : eps(phi_j) dV,
//   f_i  = int_Omega phi_i . b dV + int_Gamma_N phi_i . t dA,
//
// with C the isotropic stiffness of each cell's material. Dirichlet constraints are condensed
// during assembly (deal.II AffineConstraints), which keeps K symmetric positive definite.
#pragma once

#include "solver/fe_space.h"
#include "solver/surface_geometry.h"
#include "solver/system_matrix.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/lac/petsc_vector.h>

#include <vector>

namespace spinefe {

/// Assembles K (and f, if `rhs` is not null). `surfaces` comes from surface_geometry().
void assemble_elasticity(const FESpace& space, const ProblemDefinition& problem,
                         const std::vector<SurfaceGeometry>& surfaces, SystemMatrix& matrix,
                         dealii::PETScWrappers::MPI::Vector* rhs);

/// Assembles f alone, for a new load case on an operator that is already assembled (the cell
/// stiffness is integrated only where inhomogeneous constraints need it).
void assemble_loads(const FESpace& space, const ProblemDefinition& problem,
                    const std::vector<SurfaceGeometry>& surfaces,
                    dealii::PETScWrappers::MPI::Vector& rhs);

/// Cell and face integration for `space` with Gauss-simplex rules of order degree + 1, shared by
/// assembly and the residual so that both integrate exactly the same way.
struct CellIntegrators {
  explicit CellIntegrators(const FESpace& space);
  dealii::QGaussSimplex<3> quadrature;
  dealii::QGaussSimplex<2> face_quadrature;
  dealii::FEValues<3> cell;
  dealii::FEFaceValues<3> face;
};

/// Adds the external load of one cell to `f`: int phi_i . b dV plus the Neumann loads on its
/// boundary faces. `integrators.cell` must be reinitialised on `cell`.
void add_cell_loads(const typename dealii::DoFHandler<3>::active_cell_iterator& cell,
                    CellIntegrators& integrators, const ProblemDefinition& problem,
                    const std::vector<SurfaceGeometry>& surfaces, dealii::Vector<double>& f);

/// The traction [MPa] that a Neumann condition applies at point x with outward normal n of its
/// surface, whose geometry is `surface`.
dealii::Tensor<1, 3> neumann_traction(const NeumannCondition& bc, const dealii::Point<3>& x,
                                      const dealii::Tensor<1, 3>& normal,
                                      const SurfaceGeometry& surface);

} // namespace spinefe
