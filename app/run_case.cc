#include "app/run_case.h"

#include "app/case_definition.h"
#include "app/follower_load.h"
#include "app/ligament_springs.h"
#include "app/mesh_source.h"
#include "app/problem_builder.h"
#include "core/atomic_file.h"
#include "core/input_error.h"
#include "core/stage_log.h"
#include "core/version.h"
#include "meshing/triangulation_builder.h"
#include "postprocess/field_output.h"
#include "postprocess/load_case_table.h"
#include "postprocess/run_summary.h"
#include "postprocess/summary_writers.h"
#include "solver/distributed_mesh.h"
#include "solver/elasticity_solver.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/fully_distributed_tria.h>

#include <iostream>

namespace spinefe {

using namespace dealii;

namespace {

/// Solves one load case with `solver` (set up once for all load cases), post-processes it and
/// writes its fields and summaries into `dir` (each file atomically). Collective; the summary is
/// valid on every rank.
RunSummary solve_load_case(ElasticitySolver& solver, std::vector<NeumannCondition> loads,
                           const CaseDefinition& c, const std::vector<RigidBodyDefinition>& bodies,
                           const std::filesystem::path& dir, StageLog& stages, std::ostream& log,
                           const MPI_Comm comm) {
  const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
  solver.set_surface_loads(std::move(loads));
  const SolveReport report = solver.assemble_and_solve(&stages);
  log << report << "\n  [solver] " << solver.n_dofs() << " DoFs (P" << c.solver.degree << ")\n";
  if (solver.springs())
    log << solver.spring_report() << "\n";
  if (root)
    ensure_directory(dir);
  MPI_Barrier(comm);
  RunSummary summary = stages.time("postprocess", [&] {
    RunSummary s = summarise(solver, report);
    s.bodies = fit_body_motions(solver, bodies);
    s.segments = segment_motions(s.bodies);
    return s;
  });
  if (c.output.write_fields)
    stages.time("output (fields)", [&] { write_fields(solver, dir, c.output.base_name); });
  summary.case_name = c.file;
  summary.stages = stages.stages();
  summary.memory = peak_memory(comm);
  stages.time("output (summary)", [&] {
    if (root) {
      write_summary_csv(summary, dir / "summary.csv");
      write_summary_json(summary, dir / "summary.json");
      write_summary_hdf5(summary, dir / "summary.h5");
    }
  });
  return summary;
}

} // namespace

void run_case(const RunOptions& options, const MPI_Comm comm) {
  const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
  std::ostream silent(nullptr); // ranks other than 0 print nothing
  std::ostream& log = root ? std::cout : silent;
  StageLog stages(comm, log);
  log << "spinefe " << version() << " (" << git_hash() << "), "
      << Utilities::MPI::n_mpi_processes(comm) << " MPI rank(s)\n";

  // 1. Read and check the case file (every rank parses it: it is small and errors agree).
  const CaseDefinition c =
      stages.time("read case", [&] { return read_case_file(options.case_file); });
  const std::filesystem::path out_dir =
      options.output_directory.empty() ? c.output.directory : options.output_directory;
  const MaterialLibrary library = MaterialLibrary::read(
      c.material_library.empty() ? MaterialLibrary::builtin_file() : c.material_library);

  // 2. Read (or build) the mesh on rank 0 only, and share the region and surface names.
  MeshData mesh;
  SurfaceTopology topology; // rank 0 only: reused when the triangulation is built
  MeshNames names;
  std::vector<double> path_centroids;      // follower path body centroids, x y z per body
  std::vector<SpringDefinition> ligaments; // built on rank 0 from the spine model
  stages.time("mesh (read)", [&] {
    run_on_root_collectively(comm, [&] {
      SpineModel spine;
      mesh = case_mesh(c, log, &spine);
      if (c.spine_model && c.ligaments.enabled)
        ligaments = ligament_springs(spine.ligaments,
                                     LigamentTable::read(c.ligaments.table.empty()
                                                             ? LigamentTable::builtin_file()
                                                             : c.ligaments.table),
                                     mesh.region_names);
      topology = analyse_surfaces(mesh);
      names = {mesh.source, mesh.region_names, mesh.surface_names, topology.interior_surfaces};
      for (const auto& centroid : group_centroids(mesh, follower_path(c, names)))
        path_centroids.insert(path_centroids.end(), centroid.begin(), centroid.end());
    });
    names = Utilities::MPI::broadcast(comm, names, 0);
    path_centroids = Utilities::MPI::broadcast(comm, path_centroids, 0);
    ligaments = broadcast_springs(comm, ligaments);
  });

  // 3. Map regions to materials and surfaces to boundary conditions.
  ProblemDefinition problem = build_problem(c, library, names);
  {
    std::vector<std::array<double, 3>> centroids;
    for (std::size_t i = 0; i + 2 < path_centroids.size(); i += 3)
      centroids.push_back({path_centroids[i], path_centroids[i + 1], path_centroids[i + 2]});
    problem.region_forces = follower_forces(c.follower_load, follower_path(c, names), centroids);
  }
  problem.springs = ligaments;
  problem.spring_attachment_tolerance = c.ligaments.attachment_tolerance;
  const std::vector<RigidBodyDefinition> bodies = rigid_bodies(c, names);

  // 4. Partition: rank 0 builds the serial triangulation and sends each rank its part.
  parallel::fullydistributed::Triangulation<3> tria(comm);
  stages.time("mesh (partition)", [&] {
    distribute_mesh([&](Triangulation<3>& serial) { build_triangulation(mesh, topology, serial); },
                    tria);
  });
  mesh = MeshData(); // rank 0 no longer needs the serial copy
  topology = SurfaceTopology();

  // 5.-6. Set up once; solve every load case on it, post-process and write each.
  for (const auto& [name, moment] : c.load_cases) // check the surface before any solve
    load_case_moment(c, names, moment);
  ElasticitySolver solver(tria, problem, c.solver);
  stages.time("setup (DoFs, sparsity)", [&] { solver.setup(); });
  if (c.load_cases.empty()) {
    const RunSummary summary =
        solve_load_case(solver, problem.neumann, c, bodies, out_dir, stages, log, comm);
    if (root)
      print_summary(summary, log);
  } else {
    LoadCaseResults results;
    for (const auto& [name, moment] : c.load_cases) {
      log << "\nLoad case '" << name << "': moment [" << moment[0] << ", " << moment[1] << ", "
          << moment[2] << "] N mm on " << c.load_case_surface << "\n";
      std::vector<NeumannCondition> loads = problem.neumann;
      loads.push_back(load_case_moment(c, names, moment));
      results.emplace_back(name, solve_load_case(solver, std::move(loads), c, bodies,
                                                 out_dir / name, stages, log, comm));
      if (root)
        print_summary(results.back().second, log);
    }
    if (root) {
      write_load_cases_csv(results, out_dir / "load_cases.csv");
      print_load_case_table(results, log);
    }
  }
  if (root)
    log << "Total wall time " << stages.total_seconds() << " s. Results in " << out_dir.string()
        << "/\n";
}

} // namespace spinefe
