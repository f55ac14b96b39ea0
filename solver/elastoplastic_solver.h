// Quasi-static elastoplasticity by incremental loading and Newton's method (the crushable-foam
// regions of ProblemDefinition::crushable_foam; every other region linear elastic).
//
// The loads and prescribed displacements of the problem are scaled by a load factor lambda
// (lambda = 1 is the problem as defined; > 1 ramps beyond it, a return towards 0 unloads).
// advance_to(target) moves lambda to `target` in steps:
//   * each step starts from the secant extrapolation of the last two converged states (from the
//     last one where the path turns round), with the prescribed displacements at the new lambda;
//   * Newton on the consistent tangent: K(u) du = -(f_int(u) - lambda f_ext), until
//     ||r|| <= residual_tolerance * max(||f_int||, |lambda| ||f_ext||, the same of every earlier
//     converged state) (f_int includes the reactions, so the scale is the largest force the body
//     carries or has carried: unloaded to zero, the current force alone is no scale);
//   * the algebraic preconditioner (GAMG) is built on the step's first tangent and kept for its
//     later Newton iterations (their tangents differ by the points that yield meanwhile); it is
//     rebuilt if a solve with it fails;
//   * each linear solve is inexact, to a relative tolerance min(1e-2, r) for the relative
//     residual r (not below SolverSettings::relative_tolerance);
//   * each Newton update is shortened by halving (up to 1/16) while it does not lower the
//     residual (backtracking line search);
//   * a step that does not converge in max_newton_iterations, whose residual grows 1e3-fold or
//     cannot be lowered, or whose return map fails anywhere, is cut in half and retried; a step
//     converged in at most 4 iterations lets the next grow by 1.5 (up to maximum_step);
//   * a step below minimum_step is an error naming the load factors and the counts.
// Springs (ligaments, facets) and contact pairs take part in the same Newton iteration
// (solver/interface_terms.h): the springs' law is evaluated at every iterate, and the pairs take
// one Uzawa update after every Newton iteration; a step has converged when the residual before
// the update is below the tolerance and the update changed no pair state and moved the pair
// forces by less than ContactSettings::tolerance. Steps grow after at most 4 Newton iterations
// (8 with contact, whose updates take iterations of their own).
// Small strain and small displacement.
#pragma once

#include "core/stage_log.h"
#include "solver/interface_terms.h"
#include "solver/linear_solver.h"
#include "solver/plastic_assembly.h"

#include <functional>
#include <memory>
#include <vector>

namespace spinefe {

struct LoadSteppingSettings {
  double initial_step = 0.25; ///< first increment of the load factor
  double maximum_step = 0.25;
  double minimum_step = 1e-4;
  unsigned int max_newton_iterations = 25;
  double residual_tolerance = 1e-8;
};

/// One converged load step.
struct LoadStepReport {
  double load_factor = 0; ///< lambda at the end of the step
  unsigned int newton_iterations = 0;
  unsigned int cuts = 0;         ///< failed attempts before this step converged
  std::vector<double> residuals; ///< relative residual before each Newton solve, and at the end
  unsigned int linear_iterations = 0;
  unsigned int line_search_cuts = 0; ///< Newton steps shortened by backtracking (halvings)
  unsigned int plastic_points = 0;
  unsigned int contact_updates = 0; ///< Uzawa updates of the contact pairs in the step
  unsigned int preconditioner_builds = 0;
  double preconditioner_seconds = 0, krylov_seconds = 0; ///< summed over the step's solves
  /// Observed orders log(r_k+1 / r_k) / log(r_k / r_k-1) of the last Newton iterations
  /// (about 2 for the consistent tangent near the solution).
  std::vector<double> convergence_orders() const;
};

class ElastoplasticSolver {
public:
  using StepObserver = std::function<void(const LoadStepReport&)>;

  ElastoplasticSolver(const dealii::Triangulation<3>& tria, const ProblemDefinition& problem,
                      const SolverSettings& settings, const LoadSteppingSettings& stepping);

  void setup();
  /// Moves the load factor to `target`; calls `observer` after every converged step. Throws
  /// std::runtime_error if a step cannot converge.
  std::vector<LoadStepReport> advance_to(double target, const StepObserver& observer = {});

  double load_factor() const { return load_factor_; }
  const FESpace& space() const { return *space_; }
  const ProblemDefinition& problem() const { return problem_; }
  /// Displacement [mm], with ghost entries.
  const dealii::PETScWrappers::MPI::Vector& solution() const { return solution_; }
  /// The committed quadrature-point history (after the last converged step).
  const MaterialHistory& history() const { return history_; }
  /// Force [N] that the supports exert on the body over the named surface (boundary_id), from
  /// the internal force at the last converged state: sum over its DoFs of f_int - lambda f_ext.
  dealii::Tensor<1, 3> reaction_force(dealii::types::boundary_id boundary) const;
  /// The springs and contact pairs; null without them.
  const InterfaceTerms* interfaces() const { return interfaces_.get(); }

private:
  bool try_step(double target, LoadStepReport& report);
  /// The system at `u` and its relative residual; false if a return map failed or the residual
  /// is not finite.
  bool assemble_at(const dealii::PETScWrappers::MPI::Vector& u, double target,
                   PlasticSystem& system, double& relative);
  /// Adds the springs' and pairs' forces at `u` to the continuum's share in `system` and
  /// measures the residual.
  void add_interface_forces(const dealii::PETScWrappers::MPI::Vector& u, PlasticSystem& system,
                            double& relative);
  /// One Newton iteration from `u`: tangent, linear solve, backtracking. False if it failed.
  bool newton_iteration(double target, dealii::PETScWrappers::MPI::Vector& u, PlasticSystem& system,
                        double& relative, LoadStepReport& report);
  void apply_prescribed_displacements(dealii::PETScWrappers::MPI::Vector& u, double lambda) const;

  const dealii::Triangulation<3>& tria_;
  ProblemDefinition problem_;
  SolverSettings settings_;
  LoadSteppingSettings stepping_;
  std::unique_ptr<FESpace> space_;
  dealii::AffineConstraints<double> homogeneous_;
  SystemMatrix matrix_;
  std::unique_ptr<LinearSolver> linear_solver_;
  std::unique_ptr<InterfaceTerms> interfaces_;
  dealii::PETScWrappers::MPI::Vector external_condensed_, external_raw_, prescribed_;
  dealii::PETScWrappers::MPI::Vector solution_, previous_, internal_force_;
  MaterialHistory history_;
  double load_factor_ = 0, previous_load_factor_ = 0, step_ = 0;
  double force_scale_ = 0; ///< largest force norm of a converged state [N]
  bool fresh_ = true;      ///< the next linear solve builds the preconditioner
};

} // namespace spinefe
