#include "solver/elastoplastic_solver.h"

#include "core/input_error.h"
#include "solver/petsc_check.h"
#include "solver/region_forces.h"

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace spinefe {

using namespace dealii;

std::vector<double> LoadStepReport::convergence_orders() const {
  std::vector<double> orders;
  for (std::size_t k = 1; k + 1 < residuals.size(); ++k)
    if (residuals[k + 1] > 0 && residuals[k] < residuals[k - 1])
      orders.push_back(std::log(residuals[k + 1] / residuals[k]) /
                       std::log(residuals[k] / residuals[k - 1]));
  return orders;
}

namespace {

/// The non-symmetric tangent of non-associated flow (beta != alpha) needs GMRES.
bool all_associated(const ProblemDefinition& problem) {
  for (const auto& [id, foam] : problem.crushable_foam)
    if (std::abs(foam.alpha() - foam.beta()) > 1e-12 * std::max(1.0, foam.beta()))
      return false;
  return true;
}

} // namespace

ElastoplasticSolver::ElastoplasticSolver(const Triangulation<3>& tria,
                                         const ProblemDefinition& problem,
                                         const SolverSettings& settings,
                                         const LoadSteppingSettings& stepping)
    : tria_(tria), problem_(problem), settings_(settings), stepping_(stepping) {
  for (const auto& [id, foam] : problem.crushable_foam)
    foam.check();
  AssertThrow(settings.degree == 1 || settings.degree == 2,
              ExcMessage("element degree must be 1 or 2"));
  // The tangent changes at every Newton iteration: an algebraic preconditioner built on it.
  if (settings_.method == SolverSettings::Method::cg_amg &&
      settings_.preconditioner == SolverSettings::Preconditioner::p_multigrid)
    settings_.preconditioner = SolverSettings::Preconditioner::gamg;
  // Kept within a load step, rebuilt at the start of each (ElastoplasticSolver::try_step).
  settings_.reuse_preconditioner = true;
  settings_.symmetric_operator = all_associated(problem);
}

void ElastoplasticSolver::setup() {
  space_ = std::make_unique<FESpace>(tria_, settings_.degree, problem_, false);
  // Newton corrections satisfy the constraints' homogeneous part; the prescribed values g enter
  // through the iterate, scaled by the load factor.
  homogeneous_.reinit(space_->relevant());
  for (const auto& line : space_->constraints().get_lines()) {
    homogeneous_.add_line(line.index);
    homogeneous_.add_entries(line.index, line.entries);
  }
  homogeneous_.close();
  prescribed_.reinit(space_->owned(), space_->comm());
  space_->constraints().distribute(prescribed_); // g at constrained DoFs, 0 elsewhere

  matrix_.reinit(*space_, SystemMatrix::Storage::aij, /*fixed_pattern=*/true);
  interfaces_.reset();
  if (!problem_.springs.empty() || !problem_.contact.pairs.empty()) {
    interfaces_ = std::make_unique<InterfaceTerms>(problem_, *space_);
    interfaces_->reserve_entries(matrix_); // before any assembly: the pattern stays fixed
  }
  SPINEFE_PETSC(MatSetOption(matrix_.petsc_matrix(), MAT_SYMMETRIC,
                             settings_.symmetric_operator ? PETSC_TRUE : PETSC_FALSE));
  const std::vector<SurfaceGeometry> surfaces =
      surface_geometry(*space_, problem_.surface_names.size());
  check_resultant_loads(problem_, surfaces);
  problem_.region_force_density = region_force_densities(*space_, problem_);
  assemble_external_force(*space_, problem_, surfaces, homogeneous_, external_condensed_,
                          external_raw_);
  history_ = initial_history(*space_, problem_);
  solution_.reinit(space_->owned(), space_->relevant(), space_->comm());
  previous_.reinit(space_->owned(), space_->comm());
  internal_force_.reinit(space_->owned(), space_->comm());
  load_factor_ = previous_load_factor_ = force_scale_ = 0;
  step_ = stepping_.initial_step;
  linear_solver_ = std::make_unique<LinearSolver>(settings_, *space_, matrix_, nullptr, nullptr);
}

void ElastoplasticSolver::apply_prescribed_displacements(PETScWrappers::MPI::Vector& u,
                                                         const double lambda) const {
  homogeneous_.distribute(u);
  u.add(lambda, prescribed_);
}

bool ElastoplasticSolver::assemble_at(const PETScWrappers::MPI::Vector& u, const double target,
                                      PlasticSystem& system, double& relative) {
  PETScWrappers::MPI::Vector ghosted(space_->owned(), space_->relevant(), space_->comm());
  ghosted = u;
  if (!assemble_plastic_system(*space_, problem_, homogeneous_, ghosted, history_,
                               external_condensed_, target, &matrix_, system))
    return false;
  // Relative to the largest force the body carries or has carried: after unloading to zero
  // load the current force alone would be no scale at all.
  system.force_scale = std::max(
      {system.internal_force.l2_norm(), std::abs(target) * external_raw_.l2_norm(), force_scale_});
  if (interfaces_) {
    system.continuum_residual = system.residual;
    system.continuum_internal_force = system.internal_force;
  }
  add_interface_forces(u, system, relative);
  return std::isfinite(relative);
}

void ElastoplasticSolver::add_interface_forces(const PETScWrappers::MPI::Vector& u,
                                               PlasticSystem& system, double& relative) {
  if (interfaces_) {
    system.residual = system.continuum_residual;
    system.internal_force = system.continuum_internal_force;
    interfaces_->add_forces(u, system.residual, system.internal_force);
  }
  relative = system.force_scale > 0 ? system.residual.l2_norm() / system.force_scale : 0.0;
}

bool ElastoplasticSolver::newton_iteration(const double target, PETScWrappers::MPI::Vector& u,
                                           PlasticSystem& system, double& relative,
                                           LoadStepReport& report) {
  PETScWrappers::MPI::Vector du(space_->owned(), space_->comm()), rhs(du), trial(du);
  if (interfaces_)
    interfaces_->add_tangent(matrix_); // matrix_ holds the continuum tangent at u
  rhs = system.residual;
  rhs *= -1.0;
  // Inexact Newton (Eisenstat & Walker 1996, SIAM J Sci Comput 17:16): the correction needs no
  // more accuracy than the residual it corrects; forcing term eta = min(1e-2, r), r the relative
  // residual, kept convergence quadratic on the spine but made the ASTM foam test stall past
  // its peak (steps cut below the minimum); eta = min(1e-4, r^2) is the conservative choice.
  linear_solver_->set_relative_tolerance(
      std::clamp(relative * relative, settings_.relative_tolerance, 1e-4));
  // The step's preconditioner first; if the tangent has moved too far from it for the solve to
  // converge, one built on this tangent; if that fails too, the tangent is indefinite or
  // singular (far from the solution): the step is cut.
  for (;;) {
    const bool building = fresh_; // this solve builds the preconditioner
    try {
      const SolveReport solve = linear_solver_->solve(du, rhs);
      report.linear_iterations += solve.iterations;
      report.preconditioner_seconds += solve.setup_seconds;
      report.krylov_seconds += solve.solve_seconds;
      report.preconditioner_builds += building ? 1 : 0;
      break;
    } catch (const std::runtime_error&) {
      if (building)
        return false;
      linear_solver_->rebuild_preconditioner();
      fresh_ = true;
      du = 0;
    }
  }
  fresh_ = false;
  homogeneous_.distribute(du);
  // Backtracking: the full Newton step unless it raises the residual (a non-associated tangent
  // can overshoot where points switch between elastic and plastic, a spring or pair where it
  // changes branch); then halve it, up to 1/16, before the step is given up and the load cut.
  double scale = 1.0;
  for (unsigned int halving = 0; halving <= 4; ++halving, scale *= 0.5) {
    trial = u;
    trial.add(scale, du);
    PlasticSystem next;
    double next_relative = 0;
    if (assemble_at(trial, target, next, next_relative) &&
        next_relative < (1.0 - 1e-4 * scale) * relative) {
      u = trial;
      system = std::move(next);
      relative = next_relative;
      report.line_search_cuts += halving;
      return true;
    }
  }
  return false;
}

bool ElastoplasticSolver::try_step(const double target, LoadStepReport& report) {
  PETScWrappers::MPI::Vector u(space_->owned(), space_->comm());
  u = solution_;
  // Secant predictor along the load path; not where the path turns (unloading after loading):
  // extrapolating the loading increment backwards would undo plastic flow that stays.
  const bool same_direction = (target - load_factor_) * (load_factor_ - previous_load_factor_) > 0;
  if (load_factor_ != previous_load_factor_ && same_direction) {
    PETScWrappers::MPI::Vector slope(u);
    slope -= previous_;
    u.add((target - load_factor_) / (load_factor_ - previous_load_factor_), slope);
  }
  apply_prescribed_displacements(u, target);

  report.residuals.clear();
  linear_solver_->rebuild_preconditioner();
  fresh_ = true;
  PlasticSystem system;
  double relative = 0;
  if (!assemble_at(u, target, system, relative))
    return false;
  const bool contact = interfaces_ && interfaces_->has_contact();
  // With contact the predictor is not yet checked against the contact law: one iteration at
  // least.
  bool converged = !contact && relative <= stepping_.residual_tolerance;
  for (unsigned int it = 0;; ++it) {
    report.residuals.push_back(relative);
    if (converged) {
      history_ = std::move(system.trial);
      internal_force_ = system.internal_force;
      force_scale_ = system.force_scale;
      previous_ = solution_;
      solution_ = u;
      report.newton_iterations = it;
      report.plastic_points = system.plastic_points;
      if (interfaces_)
        interfaces_->commit();
      return true;
    }
    if (it == stepping_.max_newton_iterations || relative > 1e3 * report.residuals.front() ||
        !newton_iteration(target, u, system, relative, report))
      return false;
    converged = relative <= stepping_.residual_tolerance;
    if (contact) {
      // One Uzawa update at the new iterate. Converged: u is in equilibrium with the forces the
      // pairs applied, and the update left them as they were; otherwise the residual takes the
      // new pair forces and Newton goes on.
      ++report.contact_updates;
      const bool settled = interfaces_->update_contact(u);
      if (std::getenv("SPINEFE_TRACE") && Utilities::MPI::this_mpi_process(space_->comm()) == 0)
        std::cerr << "[trace] lambda " << target << " Newton " << it + 1 << ": residual "
                  << relative << ", pairs changed " << interfaces_->last_update().changed
                  << ", force change " << interfaces_->last_update().multiplier_change
                  << ", stick/slip/open " << interfaces_->contact()->count(ContactState::stick)
                  << "/" << interfaces_->contact()->count(ContactState::slip) << "/"
                  << interfaces_->contact()->count(ContactState::open) << std::endl;
      converged = converged && settled;
      if (!converged)
        add_interface_forces(u, system, relative);
    }
  }
}

std::vector<LoadStepReport> ElastoplasticSolver::advance_to(const double target,
                                                            const StepObserver& observer) {
  std::vector<LoadStepReport> reports;
  unsigned int cuts = 0;
  LoadStepReport failed;
  while (std::abs(target - load_factor_) > 1e-12 * std::max(1.0, std::abs(target))) {
    const double remaining = target - load_factor_;
    double next = load_factor_ + std::copysign(std::min(step_, std::abs(remaining)), remaining);
    if (std::abs(target - next) < 1e-3 * step_)
      next = target;
    LoadStepReport report;
    report.cuts = cuts;
    const double start = load_factor_;
    if (try_step(next, report)) {
      previous_load_factor_ = start;
      load_factor_ = report.load_factor = next;
      reports.push_back(report);
      if (observer)
        observer(report);
      cuts = 0;
      const bool contact = interfaces_ && interfaces_->has_contact();
      if (report.newton_iterations <= (contact ? 8u : 4u))
        step_ = std::min(1.5 * step_, stepping_.maximum_step);
      continue;
    }
    failed = report;
    if (interfaces_)
      interfaces_->rollback();
    ++cuts;
    step_ = 0.5 * std::abs(next - start); // half of what failed, not of a step never tried
    if (step_ < stepping_.minimum_step) {
      std::ostringstream msg;
      msg << "load step from load factor " << start << " to " << next << " did not converge after "
          << cuts << " cuts (step now " << step_ << ", minimum " << stepping_.minimum_step
          << "): last attempt " << (failed.residuals.empty() ? 0 : failed.residuals.size() - 1)
          << " Newton iterations, relative residual "
          << (failed.residuals.empty() ? 0.0 : failed.residuals.back()) << " (tolerance "
          << stepping_.residual_tolerance << ")";
      throw std::runtime_error(msg.str());
    }
  }
  return reports;
}

Tensor<1, 3> ElastoplasticSolver::reaction_force(const types::boundary_id boundary) const {
  Tensor<1, 3> force;
  for (unsigned int d = 0; d < 3; ++d) {
    std::vector<bool> component(3, false);
    component[d] = true;
    const IndexSet dofs = DoFTools::extract_boundary_dofs(
        space_->dof_handler(), ComponentMask(component), std::set<types::boundary_id>{boundary});
    double sum = 0;
    for (const auto i : dofs)
      if (space_->owned().is_element(i))
        sum += internal_force_[i] - load_factor_ * external_raw_[i];
    force[d] = Utilities::MPI::sum(sum, space_->comm());
  }
  return force;
}

} // namespace spinefe
