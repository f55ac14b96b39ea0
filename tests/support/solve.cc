#include "tests/support/solve.h"

#include "core/input_error.h"
#include "meshing/triangulation_builder.h"
#include "solver/distributed_mesh.h"

#include <algorithm>

namespace spinefe::testing {

Solved solve_triangulation(const std::function<void(dealii::Triangulation<3>&)>& build,
                           ProblemDefinition problem, const SolverSettings& settings,
                           MPI_Comm comm) {
  Solved s;
  s.tria = std::make_unique<dealii::parallel::fullydistributed::Triangulation<3>>(comm);
  distribute_mesh(build, *s.tria);
  s.solver = std::make_unique<ElasticitySolver>(*s.tria, problem, settings);
  s.report = s.solver->run();
  return s;
}

Solved solve_mesh(const MeshData& mesh, ProblemDefinition problem, const SolverSettings& settings,
                  MPI_Comm comm) {
  problem.region_names = mesh.region_names;
  problem.surface_names = mesh.surface_names;
  return solve_triangulation([&](dealii::Triangulation<3>& t) { build_triangulation(mesh, t); },
                             problem, settings, comm);
}

dealii::types::boundary_id boundary_of(const MeshData& mesh, const std::string& name) {
  const auto it = std::find(mesh.surface_names.begin(), mesh.surface_names.end(), name);
  if (it == mesh.surface_names.end())
    throw InputError(mesh.source, "test: no surface " + name);
  return surface_boundary_id(static_cast<unsigned int>(it - mesh.surface_names.begin()));
}

SolverSettings verification_settings(const unsigned int degree) {
  SolverSettings s;
  s.degree = degree;
  s.relative_tolerance = 1e-11;
  s.max_iterations = 5000;
  return s;
}

} // namespace spinefe::testing
