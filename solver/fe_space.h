// A vector-valued P1 or P2 Lagrange space on the tetrahedral mesh, with its constraints (Dirichlet
// conditions and any extra constraints) and its distributed index sets.
#pragma once

#include "solver/problem_definition.h"

#include <deal.II/base/index_set.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/fe/mapping_fe.h>
#include <deal.II/grid/tria.h>
#include <deal.II/lac/affine_constraints.h>

namespace spinefe {

class FESpace {
public:
  /// `homogeneous` uses zero Dirichlet values (for the coarse space of p-multigrid).
  FESpace(const dealii::Triangulation<3>& tria, unsigned int degree,
          const ProblemDefinition& problem, bool homogeneous);

  unsigned int degree() const { return degree_; }
  const dealii::FESystem<3>& fe() const { return fe_; }
  const dealii::DoFHandler<3>& dof_handler() const { return dof_handler_; }
  const dealii::MappingFE<3>& mapping() const { return mapping_; }
  const dealii::AffineConstraints<double>& constraints() const { return constraints_; }
  const dealii::IndexSet& owned() const { return owned_; }
  const dealii::IndexSet& relevant() const { return relevant_; }
  MPI_Comm comm() const;

private:
  unsigned int degree_;
  dealii::FESystem<3> fe_;
  dealii::MappingFE<3> mapping_;
  dealii::DoFHandler<3> dof_handler_;
  dealii::IndexSet owned_, relevant_;
  dealii::AffineConstraints<double> constraints_;
};

} // namespace spinefe
