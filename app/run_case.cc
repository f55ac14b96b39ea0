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
#include "postprocess/run_summary.h"
#include "postprocess/summary_writers.h"
#include "solver/distributed_mesh.h"
#include "solver/elasticity_solver.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/fully_distributed_tria.h>

#include <iostream>

namespace spinefe {

using namespace dealii;

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
                                                             : c.ligaments.table));
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

  // 5. Assemble and solve.
  ElasticitySolver solver(tria, problem, c.solver);
  const SolveReport report = solver.run(&stages);
  log << report << "\n  [solver] " << solver.n_dofs() << " DoFs (P" << c.solver.degree << ")\n";
  if (solver.springs())
    log << solver.spring_report() << "\n";

  // 6. Post-process and write, each file atomically.
  if (root)
    ensure_directory(out_dir);
  MPI_Barrier(comm);
  RunSummary summary = stages.time("postprocess", [&] {
    RunSummary s = summarise(solver, report);
    s.bodies = fit_body_motions(solver, bodies);
    s.segments = segment_motions(s.bodies);
    return s;
  });
  if (c.output.write_fields)
    stages.time("output (fields)", [&] { write_fields(solver, out_dir, c.output.base_name); });
  summary.case_name = c.file;
  summary.stages = stages.stages();
  summary.memory = peak_memory(comm);
  stages.time("output (summary)", [&] {
    if (root) {
      write_summary_csv(summary, out_dir / "summary.csv");
      write_summary_json(summary, out_dir / "summary.json");
      write_summary_hdf5(summary, out_dir / "summary.h5");
    }
  });
  if (root) {
    print_summary(summary, log);
    log << "Total wall time " << stages.total_seconds() << " s. Results in " << out_dir.string()
        << "/\n";
  }
}

} // namespace spinefe
