// Two-node axial springs between mesh vertices (law: solver/spring_law.h).
//
// Small-displacement kinematics: with the unit direction n = (x_b - x_a) / |x_b - x_a| of the
// reference configuration (or the spring's explicit SpringDefinition::direction, e.g. a joint
// normal), delta = n . (u_b - u_a). A spring in the linear or stiff state adds
// the stiffness k n(x)n, k = k1 or k2, to its two ends,
//
//   [K_aa K_ab; K_ba K_bb] = k [nn -nn; -nn nn],
//
// and in the stiff state also the constant part c = (k1 - k2) delta_t of F = k2 delta + c, which
// moves to the right-hand side as +c n at end a and -c n at end b.
//
// Attachment rule (solver/vertex_pairs.h): each end attaches to the nearest mesh vertex of its
// regions. A point farther than the tolerance from every vertex, or both ends on the same vertex,
// is an InputError naming the spring.
#pragma once

#include "solver/spring_law.h"

#include "solver/fe_space.h"
#include "solver/system_matrix.h"
#include "solver/vertex_pairs.h"

#include <deal.II/base/tensor.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/petsc_vector.h>

#include <array>
#include <string>
#include <vector>

namespace spinefe {

/// The springs of one problem on one FE space: the DoFs of each spring's two end vertices, their
/// reference geometry, and copies of the constraints on those DoFs, so that any rank can add a
/// spring even where its ends are not locally relevant. Building it is collective.
class SpringDofs {
public:
  /// `tolerance` [mm]: largest allowed distance from an attachment point to its vertex.
  SpringDofs(const FESpace& space, const std::vector<SpringDefinition>& springs, double tolerance);

  /// Adds the terms of every spring that is not slack in `states` to `matrix` (and the stiff
  /// branch's constant force to `rhs`, if given), through the constraints, then compresses both.
  /// New matrix entries are allowed (MAT_NEW_NONZERO_ALLOCATION_ERR off): spring ends need not
  /// share a cell. Collective.
  void add(const std::vector<SpringState>& states, SystemMatrix& matrix,
           dealii::PETScWrappers::MPI::Vector* rhs) const;

  /// Reserves the matrix entries of every spring (VertexPairDofs::reserve_entries). Collective.
  void reserve_entries(SystemMatrix& matrix) const { pairs_.reserve_entries(matrix); }

  /// Adds the spring forces' share of the internal force vector, -F n at end a and +F n at end
  /// b, to `residual` as it is (no constraints) and, if given, to `condensed` through the
  /// homogeneous part of the constraints (a Newton residual). Not compressed: the caller
  /// compresses with VectorOperation::add.
  void add_internal_forces(const std::vector<double>& forces,
                           dealii::PETScWrappers::MPI::Vector& residual,
                           dealii::PETScWrappers::MPI::Vector* condensed = nullptr) const;

  /// delta = n . (u_b - u_a) [mm] of every spring, from a displacement whose constraints are
  /// distributed (ghosted or not). Collective; every rank gets all values.
  std::vector<double> elongations(const dealii::PETScWrappers::MPI::Vector& u) const;

  /// Reference length |x_b - x_a| [mm] between the attachment vertices.
  double length(unsigned int spring) const { return lengths_[spring]; }
  std::size_t size() const { return springs_.size(); }

private:
  std::vector<SpringDefinition> springs_;
  VertexPairDofs pairs_;
  std::vector<dealii::Tensor<1, 3>> directions_;
  std::vector<double> lengths_;
};

} // namespace spinefe
