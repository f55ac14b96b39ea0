#include "solver/elastoplastic_solver.h"

#include "core/input_error.h"
#include "solver/petsc_check.h"
#include "solver/region_forces.h"

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>

#include <algorithm>
#include <cmath>
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
  if (!problem.springs.empty() || !problem.contact.pairs.empty())
    throw InputError("Plasticity", "crushable-foam plasticity is not yet combined with springs "
                                   "(ligaments, facets) or contact; expected a model without them");
  for (const auto& [id, foam] : problem.crushable_foam)
    foam.check();
  AssertThrow(settings.degree == 1 || settings.degree == 2,
              ExcMessage("element degree must be 1 or 2"));
  // The tangent changes at every Newton iteration: an algebraic preconditioner rebuilt on it.
  if (settings_.method == SolverSettings::Method::cg_amg &&
      settings_.preconditioner == SolverSettings::Preconditioner::p_multigrid)
    settings_.preconditioner = SolverSettings::Preconditioner::gamg;
  settings_.reuse_preconditioner = false;
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
  relative = system.force_scale > 0 ? system.residual.l2_norm() / system.force_scale : 0.0;
  return std::isfinite(relative);
}

bool ElastoplasticSolver::try_step(const double target, LoadStepReport& report) {
  PETScWrappers::MPI::Vector u(space_->owned(), space_->comm());
  u = solution_;
  if (load_factor_ != previous_load_factor_) { // secant predictor along the load path
    PETScWrappers::MPI::Vector slope(u);
    slope -= previous_;
    u.add((target - load_factor_) / (load_factor_ - previous_load_factor_), slope);
  }
  apply_prescribed_displacements(u, target);

  PETScWrappers::MPI::Vector du(space_->owned(), space_->comm()), rhs(du), trial(du);
  report.residuals.clear();
  PlasticSystem system;
  double relative = 0;
  if (!assemble_at(u, target, system, relative))
    return false;
  for (unsigned int it = 0;; ++it) {
    report.residuals.push_back(relative);
    if (relative <= stepping_.residual_tolerance) {
      history_ = std::move(system.trial);
      internal_force_ = system.internal_force;
      force_scale_ = system.force_scale;
      previous_ = solution_;
      solution_ = u;
      report.newton_iterations = it;
      report.plastic_points = system.plastic_points;
      return true;
    }
    if (it == stepping_.max_newton_iterations || relative > 1e3 * report.residuals.front())
      return false;
    rhs = system.residual;
    rhs *= -1.0;
    du = 0;
    try {
      report.linear_iterations += linear_solver_->solve(du, rhs).iterations;
    } catch (const std::runtime_error&) {
      return false; // an indefinite or singular tangent far from the solution: cut the step
    }
    homogeneous_.distribute(du);
    // Backtracking: the full Newton step unless it raises the residual (a non-associated
    // tangent can overshoot where points switch between elastic and plastic); then halve it,
    // up to 1/16, before the step is given up and the load step cut.
    double scale = 1.0;
    for (unsigned int halving = 0;; ++halving, scale *= 0.5) {
      trial = u;
      trial.add(scale, du);
      PlasticSystem next;
      double next_relative = 0;
      const bool ok = assemble_at(trial, target, next, next_relative);
      if (ok && next_relative < (1.0 - 1e-4 * scale) * relative) {
        u = trial;
        system = std::move(next);
        relative = next_relative;
        report.line_search_cuts += halving;
        break;
      }
      if (halving == 4)
        return false;
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
      if (report.newton_iterations <= 4)
        step_ = std::min(1.5 * step_, stepping_.maximum_step);
      continue;
    }
    failed = report;
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
