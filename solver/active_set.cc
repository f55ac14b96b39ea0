#include "solver/active_set.h"

#include <algorithm>

#include "solver/petsc_check.h"

#include <sstream>
#include <stdexcept>

namespace spinefe {

using namespace dealii;

namespace {

/// A copy of a PETSc matrix that is destroyed with its scope.
struct MatCopyHolder {
  explicit MatCopyHolder(const SystemMatrix* matrix) {
    if (matrix)
      SPINEFE_PETSC(MatDuplicate(matrix->petsc_matrix(), MAT_COPY_VALUES, &mat));
  }
  ~MatCopyHolder() {
    if (mat)
      MatDestroy(&mat);
  }
  MatCopyHolder(const MatCopyHolder&) = delete;
  MatCopyHolder& operator=(const MatCopyHolder&) = delete;
  /// Restores `matrix` to the copy; `matrix` may hold more nonzeros (the spring couplings).
  void restore(SystemMatrix& matrix) const {
    SPINEFE_PETSC(MatCopy(mat, matrix.petsc_matrix(), DIFFERENT_NONZERO_PATTERN));
  }
  Mat mat = nullptr;
};

} // namespace

SpringActiveSet::SpringActiveSet(const std::vector<SpringDefinition>& springs,
                                 const double tolerance, const FESpace& fine, const FESpace* coarse)
    : springs_(springs), fine_(fine), coarse_(coarse), fine_dofs_(fine, springs, tolerance) {
  if (coarse)
    coarse_dofs_ = std::make_unique<SpringDofs>(*coarse, springs, tolerance);
}

ActiveSetReport SpringActiveSet::solve(const SolverSettings& settings, LinearSolver& solver,
                                       SystemMatrix& matrix, SystemMatrix* coarse_matrix,
                                       PETScWrappers::MPI::Vector& rhs,
                                       PETScWrappers::MPI::Vector& solution) {
  if (states_.empty())
    states_.assign(springs_.size(), SpringState::linear);
  const MatCopyHolder continuum(&matrix);
  const MatCopyHolder coarse_continuum(coarse_dofs_ ? coarse_matrix : nullptr);
  const PETScWrappers::MPI::Vector external(rhs);

  ActiveSetReport report;
  unsigned int n_changed = 0;
  // Inexact iterations: while the states still change, a loose solve tells the branches apart;
  // once they settle, one solve to the requested tolerance (warm-started) confirms them.
  const double loose = std::max(settings.relative_tolerance, settings.spring_iteration_tolerance);
  bool tight = loose == settings.relative_tolerance ||
               settings.method == SolverSettings::Method::direct; // a direct solve is exact
  for (unsigned int it = 1; it <= settings.max_spring_iterations; ++it) {
    if (it > 1) {
      continuum.restore(matrix);
      rhs = external;
      if (coarse_continuum.mat)
        coarse_continuum.restore(*coarse_matrix);
    }
    fine_dofs_.add(states_, matrix, &rhs);
    if (coarse_dofs_ && coarse_matrix)
      coarse_dofs_->add(states_, *coarse_matrix, nullptr);

    // The previous iterate is the initial guess: a change of spring states moves it little.
    solver.set_relative_tolerance(tight ? settings.relative_tolerance : loose);
    report.last_solve = solver.solve(solution, rhs);
    fine_.constraints().distribute(solution);
    report.iterations = it;
    report.krylov_iterations += report.last_solve.iterations;

    elongations_ = fine_dofs_.elongations(solution);
    n_changed = 0;
    for (std::size_t s = 0; s < springs_.size(); ++s) {
      const SpringState next = springs_[s].state(elongations_[s]);
      n_changed += next != states_[s];
      states_[s] = next;
    }
    if (n_changed == 0 && tight) {
      for (const auto state : states_)
        (state == SpringState::slack ? report.n_slack : report.n_taut) += 1;
      return report;
    }
    if (n_changed == 0)
      tight = true;
  }
  std::ostringstream msg;
  msg << "the springs (tension-only ligaments, compression-only facets) did not settle after "
      << settings.max_spring_iterations << " iterations: " << n_changed
      << " springs still change state";
  throw std::runtime_error(msg.str());
}

std::ostream& operator<<(std::ostream& out, const ActiveSetReport& r) {
  return out << "  [springs] active set settled after " << r.iterations << " solves ("
             << r.krylov_iterations << " Krylov iterations): " << r.n_taut << " taut, " << r.n_slack
             << " slack\n";
}

} // namespace spinefe
