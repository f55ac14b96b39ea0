#include "solver/nodal_block_jacobi.h"

#include "solver/petsc_check.h"

#include <deal.II/base/tensor.h>

namespace spinefe {

NodalBlockJacobi::NodalBlockJacobi(Mat matrix) {
  PetscInt first, last;
  SPINEFE_PETSC(MatGetOwnershipRange(matrix, &first, &last));
  inverse_blocks_.resize(3 * (last - first));
  for (PetscInt row = first; row < last; row += 3) {
    dealii::Tensor<2, 3> block;
    for (PetscInt a = 0; a < 3; ++a) {
      // Symmetric storage keeps the upper triangle only: read it and mirror it.
      const PetscInt r = row + a;
      const PetscInt n = 3 - a;
      PetscInt cols[3];
      PetscScalar values[3];
      for (PetscInt b = 0; b < n; ++b)
        cols[b] = row + a + b;
      SPINEFE_PETSC(MatGetValues(matrix, 1, &r, n, cols, values));
      for (PetscInt b = 0; b < n; ++b)
        block[a][a + b] = block[a + b][a] = values[b];
    }
    const dealii::Tensor<2, 3> inverse = dealii::invert(block);
    for (unsigned int a = 0; a < 3; ++a)
      for (unsigned int b = 0; b < 3; ++b)
        inverse_blocks_[3 * (row - first) + 3 * a + b] = inverse[a][b];
  }
}

void NodalBlockJacobi::attach(PC pc) {
  SPINEFE_PETSC(PCSetType(pc, PCSHELL));
  SPINEFE_PETSC(PCShellSetContext(pc, this));
  SPINEFE_PETSC(PCShellSetApply(pc, &NodalBlockJacobi::apply));
  SPINEFE_PETSC(PCShellSetName(pc, "spinefe nodal 3x3 block Jacobi"));
}

PetscErrorCode NodalBlockJacobi::apply(PC pc, Vec x, Vec y) {
  void* context;
  PetscCall(PCShellGetContext(pc, &context));
  const auto& inverse = static_cast<NodalBlockJacobi*>(context)->inverse_blocks_;
  const PetscScalar* in;
  PetscScalar* out;
  PetscCall(VecGetArrayRead(x, &in));
  PetscCall(VecGetArray(y, &out));
  const std::size_t n = inverse.size() / 3;
  for (std::size_t node = 0; node < n / 3; ++node) {
    const double* m = &inverse[9 * node];
    const double* v = &in[3 * node];
    double* w = &out[3 * node];
    w[0] = m[0] * v[0] + m[1] * v[1] + m[2] * v[2];
    w[1] = m[3] * v[0] + m[4] * v[1] + m[5] * v[2];
    w[2] = m[6] * v[0] + m[7] * v[1] + m[8] * v[2];
  }
  PetscCall(VecRestoreArrayRead(x, &in));
  PetscCall(VecRestoreArray(y, &out));
  return 0;
}

} // namespace spinefe
