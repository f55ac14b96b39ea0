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
// Contact pairs (solver/contact.h), if the problem has any, iterate in the same loop: each solve
// also holds the contact terms of the current states and multipliers, and the loop ends only when
// the contact has converged too (no state change, multipliers and slips settled to
// ContactSettings::tolerance). While spring or contact states change the solves are loose; the
// augmentation that follows uses tight solves, so the multiplier change it measures is not
// solver noise. Not converging within ContactSettings::max_iterations is an error with the counts.
//
// Cost: the continuum matrices (P2 fine and, for p-multigrid, P1 coarse) are assembled once for
// all load cases and kept as a copy (one extra matrix each in memory). The entries every spring
// and pair can write are reserved (explicit zeros) before the copy is taken, so the nonzero
// pattern never changes afterwards: each iteration restores the values with a flat MatCopy
// (SAME_NONZERO_PATTERN, a memcpy of the value arrays; the row-by-row copy of a differing pattern
// plus the re-assembly it forced took ~10% of a contact run's time) and adds the spring terms. The
// preconditioner is kept from the first solve (SolverSettings::reuse_preconditioner): the springs
// change the operator by a term of low rank, so CG on the new operator with the old (SPD)
// preconditioner converges in a few more iterations and saves the AMG set-up, which costs as much
// as the iterations. Each solve starts from the previous iterate.
#pragma once

#include "solver/contact.h"
#include "solver/linear_solver.h"
#include "solver/springs.h"

#include <functional>
#include <memory>
#include <vector>

namespace spinefe {

struct ActiveSetReport {
  unsigned int iterations = 0;        ///< linear solves
  unsigned int n_slack = 0;           ///< springs slack at the end
  unsigned int n_taut = 0;            ///< springs in the linear or stiff branch at the end
  unsigned int krylov_iterations = 0; ///< summed over all solves
  SolveReport last_solve;
  bool has_contact = false;
  ContactReport contact; ///< with contact pairs: the final state
  /// One entry per solve: its Krylov iterations, the springs and contact pairs that changed state
  /// after it, and the contact multipliers' relative change (0 without contact).
  struct Step {
    unsigned int krylov = 0, springs_changed = 0, pairs_changed = 0;
    double multiplier_change = 0;
  };
  std::vector<Step> history;
};

/// Called on every rank after each linear solve of the iteration (1-based), e.g. for progress.
using SolveObserver = std::function<void(unsigned int solve, const ActiveSetReport::Step& step)>;

class ContinuumCopy;

class SpringActiveSet {
public:
  /// Locates the springs' end vertices in `fine` (and `coarse`, if given), and the problem's
  /// contact pairs in `fine`. Collective.
  SpringActiveSet(const ProblemDefinition& problem, const FESpace& fine, const FESpace* coarse);
  ~SpringActiveSet();

  /// On the first call `matrix` and `coarse_matrix` (may be null) hold the assembled continuum
  /// operator: it is kept (with the spring and pair entries reserved) and every later call
  /// starts from it again, so the operator is assembled once for all load cases. `rhs` holds
  /// the load vector and `solution` the initial guess; on exit the matrices and `rhs` hold the
  /// system of the final states, and `solution` the displacement with its constraints
  /// distributed. `solver` works on
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
  /// The contact pairs' state after the last solve; null without contact.
  const ContactSet* contact() const { return contact_.get(); }

  void set_observer(SolveObserver observer) { observer_ = std::move(observer); }

private:
  /// Copies the continuum operators at the first call (after reserving the spring and pair
  /// entries); restores them at every later call.
  void keep_or_restore_continuum(SystemMatrix& matrix, SystemMatrix* coarse_matrix);

  std::vector<SpringDefinition> springs_;
  const FESpace& fine_;
  const FESpace* coarse_;
  SpringDofs fine_dofs_;
  std::unique_ptr<SpringDofs> coarse_dofs_;
  std::unique_ptr<ContactSet> contact_;
  std::vector<SpringState> states_;
  std::vector<double> elongations_;
  SolveObserver observer_;
  /// The continuum operators, copied at the first solve.
  std::unique_ptr<ContinuumCopy> continuum_, coarse_continuum_;
};

std::ostream& operator<<(std::ostream& out, const ActiveSetReport& report);

} // namespace spinefe
