// Test helpers: build a distributed mesh from a generator and solve on it.
#pragma once

#include "meshing/mesh_data.h"
#include "solver/elasticity_solver.h"

#include <deal.II/distributed/fully_distributed_tria.h>

#include <functional>
#include <memory>

namespace spinefe::testing {

struct Solved {
  std::unique_ptr<dealii::parallel::fullydistributed::Triangulation<3>> tria;
  std::unique_ptr<ElasticitySolver> solver;
  SolveReport report;
};

/// Builds the triangulation from `mesh` (material_id = region index, boundary_id = surface
/// index + 1), fills problem.region_names/surface_names from it, and solves.
Solved solve_mesh(const MeshData& mesh, ProblemDefinition problem, const SolverSettings& settings,
                  MPI_Comm comm = MPI_COMM_WORLD);

/// Same, from any serial triangulation builder (e.g. deal.II's structured simplex grids).
Solved solve_triangulation(const std::function<void(dealii::Triangulation<3>&)>& build,
                           ProblemDefinition problem, const SolverSettings& settings,
                           MPI_Comm comm = MPI_COMM_WORLD);

/// boundary_id of the named surface `name` of `mesh` (test fails via exception if absent).
dealii::types::boundary_id boundary_of(const MeshData& mesh, const std::string& name);

/// Quiet settings with a tight tolerance, for verification.
SolverSettings verification_settings(unsigned int degree);

} // namespace spinefe::testing
