// Building blocks of the preconditioner:
//  * the rigid-body near-null space (3 translations, 3 rotations) that smoothed-aggregation AMG
//    needs to coarsen elasticity well (Vanek, Mandel & Brezina 1996);
//  * the P1 -> P2 prolongation of p-multigrid. P1 is a subspace of P2 on the same mesh, so the
//    Galerkin coarse operator P^T K2 P equals the P1 stiffness matrix, which is assembled directly.
#pragma once

#include "solver/fe_space.h"

#include <petscmat.h>

namespace spinefe {

/// Rigid-body modes of `space` as a PETSc null space (caller destroys). Checks that each node's
/// x, y, z DoFs are consecutive and owned by one rank, which block-size-3 AMG relies on.
MatNullSpace rigid_body_modes(const FESpace& space);

/// Interpolation matrix from `coarse` (P1) to `fine` (P2) DoF vectors; rows of constrained fine
/// DoFs and columns of constrained coarse DoFs are left empty. Caller destroys.
Mat prolongation_matrix(const FESpace& coarse, const FESpace& fine);

} // namespace spinefe
