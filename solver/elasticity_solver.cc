#include "solver/elasticity_solver.h"

#include "solver/assembly.h"
#include "solver/region_forces.h"

#include <deal.II/base/mpi.h>

namespace spinefe {

using namespace dealii;

ElasticitySolver::ElasticitySolver(const Triangulation<3>& tria, const ProblemDefinition& problem,
                                   const SolverSettings& settings)
    : tria_(tria), problem_(problem), settings_(settings) {
  AssertThrow(settings.degree == 1 || settings.degree == 2,
              ExcMessage("element degree must be 1 or 2"));
  AssertThrow(problem.crushable_foam.empty(),
              ExcMessage("crushable-foam regions need the elastoplastic solver"));
}

types::global_dof_index ElasticitySolver::n_dofs() const {
  return space_->dof_handler().n_dofs();
}

namespace {
bool uses_p_multigrid(const SolverSettings& s) {
  return s.method == SolverSettings::Method::cg_amg &&
         s.preconditioner == SolverSettings::Preconditioner::p_multigrid && s.degree == 2;
}
} // namespace

void ElasticitySolver::setup() {
  operator_assembled_ = false;
  space_ = std::make_unique<FESpace>(tria_, settings_.degree, problem_, false);
  rhs_.reinit(space_->owned(), space_->comm());
  if (uses_p_multigrid(settings_)) {
    matrix_.reinit(*space_, SystemMatrix::Storage::sbaij);
    coarse_space_ = std::make_unique<FESpace>(tria_, 1, problem_, true);
    coarse_matrix_.reinit(*coarse_space_, SystemMatrix::Storage::aij);
  } else {
    matrix_.reinit(*space_, SystemMatrix::Storage::aij);
  }
  surfaces_ = surface_geometry(*space_, problem_.surface_names.size());
  check_resultant_loads(problem_, surfaces_);
  problem_.region_force_density = region_force_densities(*space_, problem_);
  if (!problem_.springs.empty() || !problem_.contact.pairs.empty())
    springs_ = std::make_unique<SpringActiveSet>(problem_, *space_, coarse_space_.get());
}

void ElasticitySolver::assemble() {
  // The operator depends on the mesh, materials and constraints only, which setup() fixes; a new
  // load case changes f alone. (The active set keeps its own copy of the continuum operator.)
  if (operator_assembled_) {
    assemble_loads(*space_, problem_, surfaces_, rhs_);
    return;
  }
  assemble_elasticity(*space_, problem_, surfaces_, matrix_, &rhs_);
  if (coarse_space_)
    assemble_elasticity(*coarse_space_, problem_, surfaces_, coarse_matrix_, nullptr);
  operator_assembled_ = true;
}

SolveReport ElasticitySolver::solve() {
  PETScWrappers::MPI::Vector x(space_->owned(), space_->comm());
  if (linear_solver_ && solution_.size() == x.size())
    x = solution_; // the previous load case's answer is a better start than zero
  else
    linear_solver_ = std::make_unique<LinearSolver>(settings_, *space_, matrix_,
                                                    coarse_space_.get(), &coarse_matrix_);
  SolveReport report;
  if (springs_) {
    springs_->set_observer(observer_);
    spring_report_ = springs_->solve(settings_, *linear_solver_, matrix_,
                                     coarse_space_ ? &coarse_matrix_ : nullptr, rhs_, x);
    report = spring_report_.last_solve;
  } else {
    report = linear_solver_->solve(x, rhs_);
    space_->constraints().distribute(x);
  }
  solution_.reinit(space_->owned(), space_->relevant(), space_->comm());
  solution_ = x;
  return report;
}

std::vector<double> ElasticitySolver::spring_forces() const {
  return springs_ ? spinefe::spring_forces(springs_->springs(), springs_->elongations())
                  : std::vector<double>();
}

SolveReport ElasticitySolver::run(StageLog* log) {
  if (!log) {
    setup();
    assemble();
    return solve();
  }
  log->time("setup (DoFs, sparsity)", [&] { setup(); });
  return assemble_and_solve(log);
}

SolveReport ElasticitySolver::assemble_and_solve(StageLog* log) {
  if (!log) {
    assemble();
    return solve();
  }
  log->time("assemble", [&] { assemble(); });
  return log->time("solve", [&] { return solve(); });
}

void ElasticitySolver::set_surface_loads(std::vector<NeumannCondition> loads) {
  problem_.neumann = std::move(loads);
  if (space_)
    check_resultant_loads(problem_, surfaces_);
}

} // namespace spinefe
