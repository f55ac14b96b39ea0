// The global stiffness matrix as a PETSc Mat that spinefe owns, so that its storage can follow the
// solver: symmetric block storage (MATSBAIJ, 3x3 nodal blocks, upper triangle only) for the
// p-multigrid fine level, which needs only products and diagonals, and MATAIJ with block size 3
// where an algebraic preconditioner or factorisation needs the full matrix. SBAIJ stores about a
// third of AIJ's bytes per nonzero pair and its products stream less memory.
#pragma once

#include "solver/fe_space.h"

#include <deal.II/lac/petsc_vector.h>

#include <petscmat.h>

namespace spinefe {

class SystemMatrix {
public:
  enum class Storage { aij, sbaij };
  using value_type = double;
  using size_type = dealii::types::global_dof_index;

  SystemMatrix() = default;
  virtual ~SystemMatrix(); // virtual: AffineConstraints dynamic_casts its matrix argument
  SystemMatrix(const SystemMatrix&) = delete;
  SystemMatrix& operator=(const SystemMatrix&) = delete;

  /// Creates and preallocates the matrix for `space` (distributed sparsity pattern). With
  /// `fixed_pattern`, every entry of the pattern is stored from the start (as an explicit zero):
  /// for operators reassembled with new values, where an entry that happened to be exactly zero
  /// at the first assembly (and so was never inserted) would be a new nonzero later.
  void reinit(const FESpace& space, Storage storage, bool fixed_pattern = false);
  /// Finishes assembly (communicates off-rank contributions).
  void compress();
  Mat petsc_matrix() const { return mat_; }
  Storage storage() const { return storage_; }

  // The interface deal.II's AffineConstraints::distribute_local_to_global writes through.
  size_type m() const { return n_; }
  size_type n() const { return n_; }
  void add(size_type row, size_type n_cols, const size_type* cols, const double* values, bool,
           bool);
  void add(size_type row, size_type col, double value);

private:
  Mat mat_ = nullptr;
  Storage storage_ = Storage::aij;
  size_type n_ = 0;
  std::vector<PetscInt> columns_;
};

} // namespace spinefe
