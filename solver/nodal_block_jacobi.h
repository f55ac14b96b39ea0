// Point-block Jacobi for 3x3 nodal blocks as a PETSc shell preconditioner: y_k = D_k^-1 x_k, with
// D_k the 3x3 diagonal block of node k. PETSc 3.18 cannot invert the diagonal blocks of a
// symmetric block (SBAIJ) matrix itself, and point Jacobi is a much weaker smoother for
// elasticity with stiff/soft interfaces (measured 108 vs 22 CG iterations, and an indefinite
// Chebyshev smoother, on the multi-material benchmark column).
#pragma once

#include <petscksp.h>

#include <vector>

namespace spinefe {

class NodalBlockJacobi {
public:
  /// Reads and inverts the diagonal blocks of `matrix` (block size 3, rows owned contiguously).
  explicit NodalBlockJacobi(Mat matrix);
  /// Makes `pc` a shell that applies this preconditioner; `this` must outlive `pc`.
  void attach(PC pc);

private:
  static PetscErrorCode apply(PC pc, Vec x, Vec y);
  std::vector<double> inverse_blocks_; ///< 9 values per owned node, row-major
};

} // namespace spinefe
