// The active-set iteration for piecewise-linear springs (solver/springs.h): the tension-only
// (slack) law and the bilinear stiffening make the problem piecewise linear, so it is solved as a
// sequence of linear problems, each with the springs frozen in one branch of their law:
//
//   1. start with every spring in its linear branch (or in the state of the previous solve);
//   2. K = K_continuum + sum of the non-slack springs' k n(x)n, f = f_ext + stiff-branch offsets;
//      solve K u = f;
//   3. evaluate every spring's elongation and its branch (slack if delta < 0 and tension-only,
//      linear up to delta_t, stiff beyond); stop when no spring changes branch, else go to 2.
//
// While branches still change, step 2 is solved only to SolverSettings::spring_iteration_tolerance
// (1e-5 relative): enough to tell the branches apart. When none changes, the system is solved
// again to the requested tolerance from that answer, and the branches checked once more.
//
// The converged u satisfies every spring's law exactly (up to the linear solver tolerance). A
// spring set that still changes after SolverSettings::max_spring_iterations is an error.
//
// Cost: the continuum matrices (P2 fine and, for p-multigrid, P1 coarse) are assembled once and
// kept as a copy (one extra matrix each in memory). Each iteration restores them with MatCopy (a
// row-by-row copy, O(nnz), far cheaper than integrating the cells again) and adds the spring
// terms (a few entries per spring). The preconditioner is kept from the first solve
// (SolverSettings::reuse_preconditioner): the springs change the operator by a term of low rank,
// so CG on the new operator with the old (SPD) preconditioner converges in a few more iterations
// and saves the AMG set-up, which costs as much as the iterations. Each solve starts from the
// previous iterate.
#pragma once

#include "solver/linear_solver.h"
#include "solver/springs.h"

#include <memory>
#include <vector>

namespace spinefe {

struct ActiveSetReport {
  unsigned int iterations = 0;        ///< linear solves
  unsigned int n_slack = 0;           ///< springs slack at the end
  unsigned int n_taut = 0;            ///< springs in the linear or stiff branch at the end
  unsigned int krylov_iterations = 0; ///< summed over all solves
  SolveReport last_solve;
};

class SpringActiveSet {
public:
  /// Locates the springs' end vertices in `fine` (and `coarse`, if given). Collective.
  SpringActiveSet(const std::vector<SpringDefinition>& springs, double tolerance,
                  const FESpace& fine, const FESpace* coarse);

  /// On entry `matrix`, `coarse_matrix` (may be null) and `rhs` hold the assembled continuum
  /// system and `solution` the initial guess; on exit they hold the system of the final spring
  /// states, and `solution` the displacement with its constraints distributed. `solver` works on
  /// `matrix` (and `coarse_matrix`) and may keep its preconditioner from an earlier solve.
  ActiveSetReport solve(const SolverSettings& settings, LinearSolver& solver, SystemMatrix& matrix,
                        SystemMatrix* coarse_matrix, dealii::PETScWrappers::MPI::Vector& rhs,
                        dealii::PETScWrappers::MPI::Vector& solution);

  const std::vector<SpringDefinition>& springs() const { return springs_; }
  const std::vector<SpringState>& states() const { return states_; }
  /// delta [mm] of each spring in the last solve.
  const std::vector<double>& elongations() const { return elongations_; }
  /// The springs' DoFs in the fine space.
  const SpringDofs& fine_dofs() const { return fine_dofs_; }
  /// Reference length [mm] between the attachment vertices of spring `s`.
  double length(unsigned int s) const { return fine_dofs_.length(s); }

private:
  std::vector<SpringDefinition> springs_;
  const FESpace& fine_;
  const FESpace* coarse_;
  SpringDofs fine_dofs_;
  std::unique_ptr<SpringDofs> coarse_dofs_;
  std::vector<SpringState> states_;
  std::vector<double> elongations_;
};

std::ostream& operator<<(std::ostream& out, const ActiveSetReport& report);

} // namespace spinefe
