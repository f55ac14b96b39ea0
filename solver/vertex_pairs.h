// Pairs of mesh vertices that carry a two-node element (a spring, a contact pair), located from
// points and attached to the distributed FE space.
//
// Attachment rule: each end attaches to the mesh vertex nearest to its point, among the vertices
// of cells whose material id is in the end's region list (any cell if the list is empty). Every
// rank searches the vertices of its locally owned cells (every vertex belongs to some rank's owned
// cell, and the winning rank then knows the exact constraints of the vertex's DoFs); the global
// nearest wins (MPI min-loc on the distance, an exact tie goes to the lower rank). The winners
// publish the vertex DoFs and the constraints on them, so that any rank can add the element of
// any pair, also where its two ends lie on different ranks.
#pragma once

#include "solver/fe_space.h"
#include "solver/system_matrix.h"

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/petsc_vector.h>
#include <deal.II/lac/vector.h>

#include <array>
#include <string>
#include <vector>

namespace spinefe {

/// Where one pair's two ends should attach.
struct VertexPairRequest {
  std::string name; ///< for messages ("spring 'ALL T10-T11'")
  dealii::Point<3> a, b;
  std::vector<unsigned int> regions_a, regions_b; ///< material ids; empty: any
};

class VertexPairDofs {
public:
  /// `tolerance` [mm]: largest distance from a point to its vertex; farther is an InputError
  /// (section `error_section`) naming the pair. Both ends on the same vertex is an error too.
  /// Collective.
  VertexPairDofs(const FESpace& space, const std::vector<VertexPairRequest>& pairs,
                 double tolerance, const std::string& error_section);

  std::size_t size() const { return dofs_.size(); }
  /// The three DoFs of end a, then of end b.
  const std::array<dealii::types::global_dof_index, 6>& dofs(std::size_t pair) const {
    return dofs_[pair];
  }
  const dealii::Point<3>& vertex_a(std::size_t pair) const { return vertices_[pair][0]; }
  const dealii::Point<3>& vertex_b(std::size_t pair) const { return vertices_[pair][1]; }
  /// Whether this rank adds the terms of `pair` (pairs are dealt round the ranks).
  bool adds(std::size_t pair) const { return pair % n_ranks_ == rank_; }

  /// Adds the 6x6 matrix `k` (and the 6-vector `f` to `rhs`, if given) of `pair` through the
  /// constraints. Not compressed; call on the pairs this rank adds().
  void distribute(std::size_t pair, const dealii::FullMatrix<double>& k,
                  const dealii::Vector<double>& f, SystemMatrix& matrix,
                  dealii::PETScWrappers::MPI::Vector* rhs) const;

  /// Adds the 6-vector `f` of `pair` to `condensed` through the homogeneous part of the
  /// constraints (a constrained DoF passes its share to its masters; prescribed values play no
  /// part: a Newton residual) and to `raw` as it is; either may be null. Not compressed.
  void add_vector(std::size_t pair, const dealii::Vector<double>& f,
                  dealii::PETScWrappers::MPI::Vector* condensed,
                  dealii::PETScWrappers::MPI::Vector* raw) const;

  /// Inserts explicit zeros at every matrix entry that distribute() can write for the pairs this
  /// rank adds (the couplings of both ends, resolved through the constraints), then compresses.
  /// After it the matrix's nonzero pattern no longer changes when pairs are added, so a copy of
  /// the continuum can be restored with a plain value copy. Collective.
  void reserve_entries(SystemMatrix& matrix) const;

  /// {u_a, u_b} [mm] of every pair, from a displacement whose constraints are distributed (ghost
  /// entries are not needed: each value comes from the rank that owns it). Collective; every rank
  /// gets all values.
  std::vector<std::array<dealii::Tensor<1, 3>, 2>>
  end_displacements(const dealii::PETScWrappers::MPI::Vector& u) const;
  /// u_b - u_a [mm] of every pair, from end_displacements(). Collective; every rank gets all
  /// values.
  std::vector<dealii::Tensor<1, 3>>
  relative_displacements(const dealii::PETScWrappers::MPI::Vector& u) const;

  MPI_Comm comm() const { return comm_; }

private:
  MPI_Comm comm_;
  unsigned int rank_, n_ranks_;
  std::vector<std::array<dealii::types::global_dof_index, 6>> dofs_;
  std::vector<std::array<dealii::Point<3>, 2>> vertices_;
  dealii::AffineConstraints<double> end_constraints_;
};

/// The two ends of a pair need not share a cell, so their couplings are outside the cell sparsity
/// pattern: lets PETSc allocate them on first insertion (a few entries per pair). Call on every
/// rank before adding pairs, since rows owned elsewhere arrive at compress().
void allow_pair_entries(SystemMatrix& matrix);

/// The 6x6 stiffness [k M, -k M; -k M, k M] of a two-node element that resists the relative
/// displacement u_b - u_a through the 3x3 matrix M (n(x)n for an axial spring, I - n(x)n for a
/// tangential one).
dealii::FullMatrix<double> two_node_stiffness(const dealii::Tensor<2, 3>& m, double k);

} // namespace spinefe
