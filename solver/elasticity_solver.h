// Linear elastostatics on a distributed tetrahedral mesh: set up the P1/P2 space, assemble,
// solve. The mesh must carry material_id = index into ProblemDefinition::materials and
// boundary_id = named surface index + 1.
#pragma once

#include "core/stage_log.h"
#include "solver/active_set.h"
#include "solver/fe_space.h"
#include "solver/linear_solver.h"
#include "solver/surface_geometry.h"
#include "solver/system_matrix.h"

#include <deal.II/lac/petsc_vector.h>

#include <memory>

namespace spinefe {

class ElasticitySolver {
public:
  ElasticitySolver(const dealii::Triangulation<3>& tria, const ProblemDefinition& problem,
                   const SolverSettings& settings);

  /// Runs set-up, assembly and solve, timing each as a stage of `log` when given.
  SolveReport run(StageLog* log = nullptr);
  /// Assembly and solve only, timed as stages of `log` when given: for another load case on a
  /// set-up solver (see set_surface_loads).
  SolveReport assemble_and_solve(StageLog* log = nullptr);
  /// Replaces the surface loads, keeping the mesh, DoFs, sparsity, surface geometry and spring
  /// attachments (and the springs' last states, a warm start for the active set). Call
  /// assemble_and_solve() next.
  void set_surface_loads(std::vector<NeumannCondition> loads);

  void setup();
  /// Assembles the operator at the first call after setup(), and the load vector every call.
  void assemble();
  /// With springs, runs the active-set iteration (solver/active_set.h) on the system that
  /// assemble() left, so every solve() needs an assemble() before it.
  SolveReport solve();

  const FESpace& space() const { return *space_; }
  const ProblemDefinition& problem() const { return problem_; }
  const SolverSettings& settings() const { return settings_; }
  /// Displacement [mm], with ghost entries for evaluation on locally owned cells.
  const dealii::PETScWrappers::MPI::Vector& solution() const { return solution_; }
  /// Area, centroid and area inertia of each named surface (index = boundary_id - 1).
  const std::vector<SurfaceGeometry>& surfaces() const { return surfaces_; }
  dealii::types::global_dof_index n_dofs() const;

  /// With springs: their states after the last solve, forces F [N] (tension positive) and the
  /// active-set report; null/empty without springs.
  const SpringActiveSet* springs() const { return springs_.get(); }
  std::vector<double> spring_forces() const;
  const ActiveSetReport& spring_report() const { return spring_report_; }
  /// Told after each linear solve of the active-set iteration (none without springs/contact).
  void set_solve_observer(SolveObserver observer) { observer_ = std::move(observer); }

private:
  const dealii::Triangulation<3>& tria_;
  ProblemDefinition problem_;
  SolverSettings settings_;
  std::unique_ptr<FESpace> space_, coarse_space_;
  SystemMatrix matrix_, coarse_matrix_;
  dealii::PETScWrappers::MPI::Vector rhs_, solution_;
  std::vector<SurfaceGeometry> surfaces_;
  std::unique_ptr<SpringActiveSet> springs_;
  std::unique_ptr<LinearSolver> linear_solver_; ///< built at the first solve, then kept
  ActiveSetReport spring_report_;
  SolveObserver observer_;
  bool operator_assembled_ = false;
};

} // namespace spinefe
