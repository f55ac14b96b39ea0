#include "solver/active_set.h"

#include <algorithm>

#include "solver/petsc_check.h"

#include <deal.II/base/mpi.h>

#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace spinefe {

using namespace dealii;

/// The continuum operator (no springs, no contact) that every solve of the active set starts
/// from. Taken once, after the pairs' entries were reserved, so restoring it is a value copy.
class ContinuumCopy {
public:
  explicit ContinuumCopy(const SystemMatrix& matrix) {
    SPINEFE_PETSC(MatDuplicate(matrix.petsc_matrix(), MAT_COPY_VALUES, &mat_));
  }
  ~ContinuumCopy() { MatDestroy(&mat_); }
  ContinuumCopy(const ContinuumCopy&) = delete;
  ContinuumCopy& operator=(const ContinuumCopy&) = delete;
  void restore(SystemMatrix& matrix) const {
    SPINEFE_PETSC(MatCopy(mat_, matrix.petsc_matrix(), SAME_NONZERO_PATTERN));
  }

private:
  Mat mat_ = nullptr;
};

SpringActiveSet::SpringActiveSet(const ProblemDefinition& problem, const FESpace& fine,
                                 const FESpace* coarse)
    : springs_(problem.springs), fine_(fine), coarse_(coarse),
      fine_dofs_(fine, problem.springs, problem.spring_attachment_tolerance) {
  if (coarse)
    coarse_dofs_ =
        std::make_unique<SpringDofs>(*coarse, problem.springs, problem.spring_attachment_tolerance);
  if (!problem.contact.pairs.empty())
    contact_ = std::make_unique<ContactSet>(problem, fine);
}

SpringActiveSet::~SpringActiveSet() = default;

void SpringActiveSet::keep_or_restore_continuum(SystemMatrix& matrix, SystemMatrix* coarse_matrix) {
  const bool with_coarse = coarse_dofs_ && coarse_matrix;
  if (continuum_) {
    continuum_->restore(matrix);
    if (with_coarse)
      coarse_continuum_->restore(*coarse_matrix);
    return;
  }
  // Reserve every entry a spring or pair can write, so that the pattern stays fixed from here on:
  // restoring is then a value copy and the operator keeps its communication set-up.
  fine_dofs_.reserve_entries(matrix);
  if (contact_)
    contact_->reserve_entries(matrix);
  continuum_ = std::make_unique<ContinuumCopy>(matrix);
  if (with_coarse) {
    coarse_dofs_->reserve_entries(*coarse_matrix);
    coarse_continuum_ = std::make_unique<ContinuumCopy>(*coarse_matrix);
  }
}

ActiveSetReport SpringActiveSet::solve(const SolverSettings& settings, LinearSolver& solver,
                                       SystemMatrix& matrix, SystemMatrix* coarse_matrix,
                                       PETScWrappers::MPI::Vector& rhs,
                                       PETScWrappers::MPI::Vector& solution) {
  if (states_.empty())
    states_.assign(springs_.size(), SpringState::linear);
  const PETScWrappers::MPI::Vector external(rhs);

  ActiveSetReport report;
  report.has_contact = contact_ != nullptr;
  unsigned int n_changed = 0;
  ContactUpdate contact_update;
  const double contact_tolerance = contact_ ? contact_->definition().settings.tolerance : 0;
  const unsigned int max_iterations =
      contact_
          ? std::max(settings.max_spring_iterations, contact_->definition().settings.max_iterations)
          : settings.max_spring_iterations;
  // Inexact iterations: while the states still change, a loose solve tells the branches apart;
  // once they settle, solves to the requested tolerance (warm-started) confirm them and carry
  // the contact augmentation to convergence.
  const double loose = std::max(settings.relative_tolerance, settings.spring_iteration_tolerance);
  bool tight = loose == settings.relative_tolerance ||
               settings.method == SolverSettings::Method::direct; // a direct solve is exact
  for (unsigned int it = 1; it <= max_iterations; ++it) {
    keep_or_restore_continuum(matrix, coarse_matrix);
    if (it > 1)
      rhs = external;
    fine_dofs_.add(states_, matrix, &rhs);
    if (contact_)
      contact_->add(matrix, rhs);
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
    if (contact_)
      contact_update = contact_->update(solution);
    report.history.push_back({report.last_solve.iterations, n_changed, contact_update.changed,
                              contact_update.multiplier_change});
    if (observer_)
      observer_(it, report.history.back());
    if (std::getenv("SPINEFE_TRACE") && Utilities::MPI::this_mpi_process(fine_.comm()) == 0)
      std::cerr << "[trace] solve " << it << (tight ? " tight" : " loose") << ": "
                << report.last_solve.iterations << " CG, springs changed " << n_changed
                << ", pairs changed " << contact_update.changed << ", force change "
                << contact_update.multiplier_change << ", stick/slip/open "
                << (contact_ ? contact_->count(ContactState::stick) : 0) << "/"
                << (contact_ ? contact_->count(ContactState::slip) : 0) << "/"
                << (contact_ ? contact_->count(ContactState::open) : 0) << std::endl;
    const bool states_settled = n_changed == 0 && contact_update.changed == 0;
    if (states_settled && tight && contact_update.converged(contact_tolerance)) {
      for (const auto state : states_)
        (state == SpringState::slack ? report.n_slack : report.n_taut) += 1;
      if (contact_)
        report.contact = contact_report(*contact_, contact_update);
      return report;
    }
    // Loose solves only while the states move a lot: a few pairs at the edge of contact could
    // otherwise keep flipping on the loose solution's noise.
    if (states_settled || it >= 10)
      tight = true;
  }
  std::ostringstream msg;
  if (contact_ && !contact_update.converged(contact_tolerance)) {
    msg << "the contact iteration did not converge after " << max_iterations
        << " linear solves: " << contact_update.changed << " contact pairs (of " << contact_->size()
        << ") still change state and the contact forces changed by "
        << contact_update.multiplier_change << " of their norm in the last solve (tolerance "
        << contact_tolerance << "); " << n_changed << " springs changed state";
    throw std::runtime_error(msg.str());
  }
  msg << "the springs (tension-only ligaments, compression-only facets) did not settle after "
      << max_iterations << " iterations: " << n_changed << " springs still change state";
  throw std::runtime_error(msg.str());
}

std::ostream& operator<<(std::ostream& out, const ActiveSetReport& r) {
  out << "  [springs] active set settled after " << r.iterations << " solves ("
      << r.krylov_iterations << " Krylov iterations): " << r.n_taut << " taut, " << r.n_slack
      << " slack\n";
  if (r.has_contact) {
    out << r.contact
        << "  [contact] solves (Krylov iterations / springs changed / pairs changed / "
           "force change):";
    for (const auto& step : r.history)
      out << " " << step.krylov << "/" << step.springs_changed << "/" << step.pairs_changed << "/"
          << std::setprecision(2) << step.multiplier_change;
    out << std::setprecision(6) << "\n";
  }
  return out;
}

} // namespace spinefe
