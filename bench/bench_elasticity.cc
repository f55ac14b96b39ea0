// Benchmark of the elasticity pipeline on a multi-material column (bone / endplate / titanium
// implant / endplate / bone, 40 x 40 x 57 mm, 1100:1 modulus contrast), fixed at the bottom with
// 1 MPa on the top. Prints one JSON line per run with the time of every stage, the CG iteration
// count, peak memory and the max displacement; with --ccx it solves the identical C3D10 mesh with
// CalculiX instead. Driven by bench/run_benchmarks.py, which writes bench/results.md.
//
//   mpirun -np 2 build/bench/spinefe_bench --mesh-size 2.0
//   build/bench/spinefe_bench --mesh-size 2.0 --ccx "ITERATIVE CHOLESKY" --threads 2
#include "core/stage_log.h"
#include "meshing/generators.h"
#include "meshing/triangulation_builder.h"
#include "postprocess/field_output.h"
#include "postprocess/run_summary.h"
#include "solver/distributed_mesh.h"
#include "tests/support/calculix.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <iostream>
#include <sstream>

using namespace spinefe;

namespace {

struct Options {
  double mesh_size = 3.0;
  std::string ccx_solver; ///< empty: run spinefe
  unsigned int threads = 2;
  std::string preconditioner = "p-multigrid";
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--mesh-size")
      o.mesh_size = std::stod(value);
    else if (key == "--ccx")
      o.ccx_solver = value;
    else if (key == "--threads")
      o.threads = std::stoi(value);
    else if (key == "--preconditioner")
      o.preconditioner = value;
  }
  return o;
}

MeshData column(const double h) {
  return layered_box(40, 40, 57, {20, 21, 36, 37},
                     {"bone_lower", "endplate_lower", "implant", "endplate_upper", "bone_upper"},
                     h);
}

dealii::types::boundary_id boundary(const std::vector<std::string>& surfaces,
                                    const std::string& name) {
  const auto it = std::find(surfaces.begin(), surfaces.end(), name);
  return surface_boundary_id(static_cast<unsigned int>(it - surfaces.begin()));
}

ProblemDefinition column_problem(const std::vector<std::string>& regions,
                                 const std::vector<std::string>& surfaces) {
  ProblemDefinition p;
  const LinearIsotropic bone("cancellous_bone_normal", 100, 0.2), plate("bony_endplate", 1000, 0.3),
      ti("ti6al4v", 110000, 0.3);
  p.materials = {bone, plate, ti, plate, bone};
  p.region_names = regions;
  p.surface_names = surfaces;
  p.dirichlet.push_back({"bottom", boundary(surfaces, "bottom"), {true, true, true}, nullptr});
  NeumannCondition top;
  top.surface = "top";
  top.boundary = boundary(surfaces, "top");
  top.kind = NeumannCondition::Kind::pressure;
  top.pressure = 1.0;
  p.neumann = {top};
  return p;
}

void run_calculix_case(const Options& o) {
  const double t0 = MPI_Wtime();
  const MeshData mesh = column(o.mesh_size);
  const double mesh_seconds = MPI_Wtime() - t0;
  testing::CalculixJob job;
  job.fixed_surfaces = {"bottom"};
  job.pressures = {{"top", 1.0}};
  job.solver = o.ccx_solver;
  job.print_stresses = false;
  const std::string dir = "ccx_" + std::to_string(o.mesh_size);
  testing::write_calculix_deck(mesh, column_problem(mesh.region_names, mesh.surface_names), job,
                               dir);
  const auto r = testing::run_calculix(dir, o.threads);
  std::cout << "{\"code\": \"ccx\", \"solver\": \"" << o.ccx_solver
            << "\", \"threads\": " << o.threads << ", \"mesh_size\": " << o.mesh_size
            << ", \"n_dofs\": " << 3 * AbaqusMeshWriter(mesh, true).n_nodes()
            << ", \"mesh_s\": " << mesh_seconds << ", \"total_s\": " << r.wall_seconds
            << ", \"peak_MiB\": " << r.peak_memory_mib << ", \"max_u_mm\": " << r.max_displacement
            << ", \"warning\": " << (r.has_warning ? "true" : "false") << "}" << std::endl;
}

void run_spinefe_case(const Options& o) {
  const MPI_Comm comm = MPI_COMM_WORLD;
  const bool root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
  std::ostringstream quiet;
  StageLog stages(comm, quiet);
  MeshData mesh = stages.time("mesh", [&] { return root ? column(o.mesh_size) : MeshData(); });
  const auto names = dealii::Utilities::MPI::broadcast(
      comm, std::make_pair(mesh.region_names, mesh.surface_names), 0);
  dealii::parallel::fullydistributed::Triangulation<3> tria(comm);
  stages.time("partition", [&] {
    distribute_mesh([&](dealii::Triangulation<3>& t) { build_triangulation(mesh, t); }, tria);
  });
  mesh = MeshData();
  SolverSettings settings;
  settings.preconditioner = o.preconditioner == "gamg"
                                ? SolverSettings::Preconditioner::gamg
                                : SolverSettings::Preconditioner::p_multigrid;
  ElasticitySolver solver(tria, column_problem(names.first, names.second), settings);
  stages.time("setup", [&] { solver.setup(); });
  stages.time("assemble", [&] { solver.assemble(); });
  const SolveReport report = stages.time("solve", [&] { return solver.solve(); });
  stages.time("output", [&] { write_fields(solver, "bench_output", "column"); });
  const double max_u = max_displacement(solver);
  const PeakMemory memory = peak_memory(comm);
  if (!root)
    return;
  std::cout << "{\"code\": \"spinefe\", \"preconditioner\": \"" << o.preconditioner
            << "\", \"ranks\": " << dealii::Utilities::MPI::n_mpi_processes(comm)
            << ", \"mesh_size\": " << o.mesh_size << ", \"n_dofs\": " << solver.n_dofs()
            << ", \"n_cells\": " << tria.n_global_active_cells()
            << ", \"iterations\": " << report.iterations
            << ", \"pc_setup_s\": " << report.setup_seconds;
  for (const auto& [name, seconds] : stages.stages())
    std::cout << ", \"" << name << "_s\": " << seconds;
  std::cout << ", \"total_s\": " << stages.total_seconds() << ", \"peak_MiB\": " << memory.total_mib
            << ", \"max_u_mm\": " << max_u << "}" << std::endl;
}

} // namespace

int main(int argc, char** argv) {
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const Options o = parse(argc, argv);
  if (!o.ccx_solver.empty())
    run_calculix_case(o);
  else
    run_spinefe_case(o);
  return 0;
}
