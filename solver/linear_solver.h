// The PETSc Krylov solve of K u = f. Choices (SolverSettings):
//  * cg_amg + p_multigrid (default): CG preconditioned by a two-level p-multigrid V-cycle,
//    Chebyshev/point-block-Jacobi smoothing on P2 and one GAMG V-cycle, with the rigid-body
//    near-null space, on the P1 operator. GAMG's set-up cost falls with the much sparser P1
//    stencil, while the iteration count stays independent of the mesh size.
//  * cg_amg + gamg: CG with GAMG directly on the (P1 or P2) operator.
//  * cg_amg + boomeramg: CG with hypre BoomerAMG in nodal (systems) mode.
//  * direct: MUMPS LU.
// Every PETSc command-line option (-ksp_monitor, -pc_gamg_threshold ...) is applied last.
#pragma once

#include "solver/fe_space.h"
#include "solver/nodal_block_jacobi.h"
#include "solver/system_matrix.h"

#include <deal.II/lac/petsc_vector.h>

#include <petscksp.h>

#include <memory>
#include <ostream>
#include <string>

namespace spinefe {

struct SolveReport {
  std::string method;
  unsigned int iterations = 0;
  double initial_residual = 0; ///< ||f||, N (the convergence test is relative to it)
  double final_residual = 0;   ///< ||f - K u||, N
  double setup_seconds = 0;    ///< preconditioner set-up
  double solve_seconds = 0;    ///< Krylov iterations
};

class LinearSolver {
public:
  /// `coarse` and `coarse_matrix` are needed for p-multigrid only.
  LinearSolver(const SolverSettings& settings, const FESpace& fine, const SystemMatrix& matrix,
               const FESpace* coarse, const SystemMatrix* coarse_matrix);
  ~LinearSolver();
  LinearSolver(const LinearSolver&) = delete;
  LinearSolver& operator=(const LinearSolver&) = delete;

  /// Solves from the initial guess in `solution`; throws with the iteration count and residual
  /// if the solver does not converge. The preconditioner is built at the first call; later calls
  /// keep it when SolverSettings::reuse_preconditioner is set, even if the operator's values have
  /// changed (springs, a new load case), else they rebuild it.
  SolveReport solve(dealii::PETScWrappers::MPI::Vector& solution,
                    const dealii::PETScWrappers::MPI::Vector& rhs);
  /// The relative tolerance of the next solves (SolverSettings::relative_tolerance at first).
  void set_relative_tolerance(double tolerance);
  /// Builds the preconditioner afresh at the next solve, also when it is otherwise kept
  /// (SolverSettings::reuse_preconditioner): e.g. once per load step of a Newton iteration.
  void rebuild_preconditioner();

private:
  void configure_gamg(PC pc, Mat matrix, const FESpace& space) const;
  void configure_p_multigrid(PC pc, const FESpace& fine, const SystemMatrix& matrix,
                             const FESpace& coarse, Mat coarse_matrix);

  SolverSettings settings_;
  bool set_up_ = false;
  KSP ksp_ = nullptr;
  Mat prolongation_ = nullptr;
  std::unique_ptr<NodalBlockJacobi> block_jacobi_;
  std::string method_;
};

std::ostream& operator<<(std::ostream& out, const SolveReport& report);

} // namespace spinefe
