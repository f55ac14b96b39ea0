#include "solver/system_matrix.h"

#include "solver/petsc_check.h"

#include <deal.II/dofs/dof_tools.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

namespace spinefe {

using namespace dealii;

SystemMatrix::~SystemMatrix() {
  if (mat_)
    MatDestroy(&mat_);
}

namespace {
/// Per-row (AIJ) or per-block-row upper-triangle (SBAIJ) nonzero counts, split into the diagonal
/// (owned columns) and off-diagonal parts, as PETSc's preallocation wants them.
void count_nonzeros(const DynamicSparsityPattern& dsp, const IndexSet& owned, const bool blocked,
                    std::vector<PetscInt>& diagonal, std::vector<PetscInt>& off_diagonal) {
  const auto first = owned.nth_index_in_set(0);
  const auto last = first + owned.n_elements();
  const unsigned int step = blocked ? 3 : 1;
  for (auto row = first; row < last; row += step) {
    PetscInt d = 0, o = 0;
    std::set<types::global_dof_index> blocks;
    if (!blocked) {
      for (auto it = dsp.begin(row); it != dsp.end(row); ++it)
        (it->column() >= first && it->column() < last ? d : o) += 1;
    } else {
      // A node's three rows differ where only some components are constrained (a symmetry
      // plane leaves a constrained row with its diagonal alone), so take the union of all three.
      for (auto r = row; r < row + 3; ++r)
        for (auto it = dsp.begin(r); it != dsp.end(r); ++it)
          if (it->column() / 3 >= row / 3)
            blocks.insert(it->column() / 3);
    }
    for (const auto b : blocks)
      (3 * b >= first && 3 * b < last ? d : o) += 1;
    diagonal.push_back(d);
    off_diagonal.push_back(o);
  }
}
} // namespace

namespace {
/// Inserts an explicit zero at every entry of the pattern in the owned rows.
void insert_pattern(Mat mat, const DynamicSparsityPattern& dsp, const IndexSet& owned) {
  std::vector<PetscInt> columns;
  std::vector<PetscScalar> zeros;
  for (const auto row : owned) {
    columns.clear();
    for (auto it = dsp.begin(row); it != dsp.end(row); ++it)
      columns.push_back(static_cast<PetscInt>(it->column()));
    zeros.assign(columns.size(), 0.0);
    const PetscInt r = static_cast<PetscInt>(row);
    SPINEFE_PETSC(MatSetValues(mat, 1, &r, static_cast<PetscInt>(columns.size()), columns.data(),
                               zeros.data(), INSERT_VALUES));
  }
  SPINEFE_PETSC(MatAssemblyBegin(mat, MAT_FINAL_ASSEMBLY));
  SPINEFE_PETSC(MatAssemblyEnd(mat, MAT_FINAL_ASSEMBLY));
}
} // namespace

void SystemMatrix::reinit(const FESpace& space, const Storage storage, const bool fixed_pattern) {
  if (mat_)
    MatDestroy(&mat_);
  storage_ = storage;
  n_ = space.dof_handler().n_dofs();
  DynamicSparsityPattern dsp(space.relevant());
  DoFTools::make_sparsity_pattern(space.dof_handler(), dsp, space.constraints(), false);
  SparsityTools::distribute_sparsity_pattern(dsp, space.owned(), space.comm(), space.relevant());
  std::vector<PetscInt> d_nnz, o_nnz;
  const bool blocked = storage == Storage::sbaij;
  count_nonzeros(dsp, space.owned(), blocked, d_nnz, o_nnz);
  const PetscInt n_local = space.owned().n_elements();
  SPINEFE_PETSC(MatCreate(space.comm(), &mat_));
  SPINEFE_PETSC(MatSetSizes(mat_, n_local, n_local, PETSC_DETERMINE, PETSC_DETERMINE));
  SPINEFE_PETSC(MatSetBlockSize(mat_, 3));
  if (blocked) {
    SPINEFE_PETSC(MatSetType(mat_, MATSBAIJ));
    SPINEFE_PETSC(MatSeqSBAIJSetPreallocation(mat_, 3, 0, d_nnz.data()));
    SPINEFE_PETSC(MatMPISBAIJSetPreallocation(mat_, 3, 0, d_nnz.data(), 0, o_nnz.data()));
    // Element matrices are symmetric: keep only their upper triangle.
    SPINEFE_PETSC(MatSetOption(mat_, MAT_IGNORE_LOWER_TRIANGULAR, PETSC_TRUE));
  } else {
    SPINEFE_PETSC(MatSetType(mat_, MATAIJ));
    SPINEFE_PETSC(MatSeqAIJSetPreallocation(mat_, 0, d_nnz.data()));
    SPINEFE_PETSC(MatMPIAIJSetPreallocation(mat_, 0, d_nnz.data(), 0, o_nnz.data()));
  }
  SPINEFE_PETSC(MatSetOption(mat_, MAT_SYMMETRIC, PETSC_TRUE));
  SPINEFE_PETSC(MatSetOption(mat_, MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_TRUE));
  if (fixed_pattern)
    insert_pattern(mat_, dsp, space.owned());
}

void SystemMatrix::add(const size_type row, const size_type n_cols, const size_type* cols,
                       const double* values, bool, bool) {
  columns_.assign(cols, cols + n_cols);
  const PetscInt r = row;
  SPINEFE_PETSC(MatSetValues(mat_, 1, &r, static_cast<PetscInt>(n_cols), columns_.data(), values,
                             ADD_VALUES));
}

void SystemMatrix::add(const size_type row, const size_type col, const double value) {
  add(row, 1, &col, &value, false, false);
}

void SystemMatrix::compress() {
  SPINEFE_PETSC(MatAssemblyBegin(mat_, MAT_FINAL_ASSEMBLY));
  SPINEFE_PETSC(MatAssemblyEnd(mat_, MAT_FINAL_ASSEMBLY));
}

} // namespace spinefe
