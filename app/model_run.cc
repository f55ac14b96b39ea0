#include "app/model_run.h"

#include "app/mesh_cache.h"
#include "app/mesh_source.h"
#include "app/plastic_run.h"
#include "app/problem_builder.h"
#include "core/atomic_file.h"
#include "core/input_error.h"
#include "mechanics/facet_springs.h"
#include "mechanics/follower_load.h"
#include "mechanics/ligament_springs.h"
#include "meshing/triangulation_builder.h"
#include "postprocess/contact_pressure.h"
#include "postprocess/field_output.h"
#include "postprocess/run_summary.h"
#include "postprocess/summary_writers.h"
#include "solver/distributed_mesh.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/fully_distributed_tria.h>

#include <sstream>

namespace spinefe {

using namespace dealii;

namespace {

/// Levels cranial to caudal, to order the vertebrae a spine model holds.
const char* const spine_levels[] = {"C1",  "C2",  "C3",  "C4", "C5", "C6", "C7", "T1",
                                    "T2",  "T3",  "T4",  "T5", "T6", "T7", "T8", "T9",
                                    "T10", "T11", "T12", "L1", "L2", "L3", "L4", "L5"};

/// The vertebral bodies of a spine model (cortical shell, cancellous core, endplates), cranial
/// to caudal: its default rigid bodies and follower path.
RegionGroups vertebral_bodies(const MeshNames& names) {
  RegionGroups bodies;
  for (const char* level : spine_levels) {
    const std::string l(level);
    if (std::find(names.regions.begin(), names.regions.end(), l + "/cortical") !=
        names.regions.end())
      bodies.push_back({l, {l + "/cortical", l + "/cancellous", l + "/endplate_*"}});
  }
  return bodies;
}

/// Solves one load case on the set-up solver, post-processes it and writes its fields and
/// summaries into `dir` (each file atomically). Collective; the summary is valid on every rank.
RunSummary solve_load_case(ElasticitySolver& solver, std::vector<NeumannCondition> loads,
                           const CaseDefinition& c, const std::vector<RigidBodyDefinition>& bodies,
                           const std::filesystem::path& dir, StageLog& stages,
                           const std::string& label, std::ostream& log, const MPI_Comm comm) {
  solver.set_surface_loads(std::move(loads));
  stages.time(label + "assemble", [&] { solver.assemble(); });
  const SolveReport report = stages.time(label + "solve", [&] { return solver.solve(); });
  log << report << "\n  [solver] " << solver.n_dofs() << " DoFs (P" << c.solver.degree << ")\n";
  if (solver.springs())
    log << solver.spring_report() << "\n";
  // Files are written by rank 0 alone; a failure (full disk) must stop every rank, not leave the
  // others waiting in the next load case's solve.
  run_on_root_collectively(comm, [&] { ensure_directory(dir); });
  RunSummary summary = stages.time(label + "postprocess", [&] {
    RunSummary s = summarise(solver, report);
    s.bodies = fit_body_motions(solver, bodies);
    s.segments = segment_motions(s.bodies, c.output.segment_frame);
    return s;
  });
  if (c.output.write_fields)
    stages.time(label + "output (fields)", [&] { write_fields(solver, dir, c.output.base_name); });
  summary.case_name = c.file;
  summary.stages = stages.stages();
  summary.memory = peak_memory(comm);
  stages.time(label + "output (summary)", [&] {
    run_on_root_collectively(comm, [&] {
      write_summary_csv(summary, dir / "summary.csv");
      write_summary_json(summary, dir / "summary.json");
      write_summary_hdf5(summary, dir / "summary.h5");
      if (const ContactSet* contact = solver.springs() ? solver.springs()->contact() : nullptr)
        write_contact_pairs_csv(*contact, dir / "contact_pairs.csv");
    });
  });
  return summary;
}

/// The springs of a spine model: ligament fibres and facet gap elements (rank 0).
std::vector<SpringDefinition> spine_springs(const CaseDefinition& c, const SpineModel& spine,
                                            const MeshData& mesh, const MaterialLibrary& library,
                                            std::ostream& log) {
  std::vector<SpringDefinition> springs;
  if (!c.spine_model)
    return springs;
  if (c.ligaments.enabled)
    springs = ligament_springs(spine.ligaments,
                               LigamentTable::read(c.ligaments.table.empty()
                                                       ? LigamentTable::builtin_file()
                                                       : c.ligaments.table),
                               mesh.region_names);
  if (c.facets.enabled) {
    std::vector<FacetJointSummary> joints;
    const double modulus = library.linear_isotropic(c.facets.cartilage_material).youngs_modulus();
    const auto facets = facet_springs(mesh, mesh.region_names, modulus, &joints);
    springs.insert(springs.end(), facets.begin(), facets.end());
    double area = 0;
    for (const auto& j : joints)
      area += j.contact_area;
    log << "  [facets] " << joints.size() << " facet joints, " << facets.size()
        << " compression-only gap elements over " << area << " mm2 (E_c = " << modulus << " MPa)\n";
  }
  return springs;
}

/// The case's mesh (and, for a spine model, its other products) from the mesh cache, or read or
/// built and then stored there.
SpineModel cached_or_built_mesh(const CaseDefinition& c, const std::filesystem::path& cache,
                                std::ostream& log, MeshData& mesh) {
  SpineModel spine;
  const std::string key = c.spine_model && !cache.empty() ? spine_mesh_key(c) : "";
  if (!key.empty())
    if (auto stored = load_spine_mesh(cache, key)) {
      mesh = std::move(stored->mesh);
      spine = std::move(*stored);
      log << "  [mesh] spine model reused from " << spine_mesh_file(cache, key).string() << ": "
          << mesh.tets.size() << " tetrahedra, " << mesh.nodes.size() << " vertices\n";
      return spine;
    }
  mesh = case_mesh(c, log, &spine);
  if (!key.empty())
    store_spine_mesh(cache, key, mesh, spine.ligaments);
  return spine;
}

} // namespace

void prebuild_spine_mesh(const CaseDefinition& c, const std::filesystem::path& cache) {
  if (!c.spine_model || cache.empty() ||
      std::filesystem::exists(spine_mesh_file(cache, spine_mesh_key(c))))
    return;
  std::ostringstream unused_log; // the model's own run reports the mesh when it reads it
  MeshData mesh;
  cached_or_built_mesh(c, cache, unused_log, mesh);
}

std::vector<std::string> load_case_names(const CaseDefinition& c) {
  std::vector<std::string> names;
  for (const auto& lc : c.load_cases)
    names.push_back(lc.first);
  if (names.empty())
    names.push_back("default");
  return names;
}

CaseDefinition intact_twin(const CaseDefinition& c) {
  CaseDefinition twin = c;
  twin.spine.surgery = Surgery::intact;
  twin.spine.implant = ImplantType::none;
  twin.spine.instrumentation.enabled = false;
  twin.allow_unmatched_materials = true;
  twin.output.rigid_bodies.clear(); // derived from the twin's own vertebrae
  twin.follower_path.clear();
  twin.metrics.intact_baseline = false;
  return twin;
}

LoadCaseResults run_model(const CaseDefinition& c, const std::string& label,
                          const std::filesystem::path& out_dir, const std::filesystem::path& cache,
                          const MaterialLibrary& library, StageLog& stages, std::ostream& log,
                          const MPI_Comm comm, const ModelHooks& hooks) {
  const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
  CaseDefinition model = c;

  // 1. Read (or build) the mesh on rank 0 only, and share the region and surface names.
  MeshData mesh;
  SurfaceTopology topology; // rank 0 only: reused when the triangulation is built
  MeshNames names;
  std::vector<SpringDefinition> springs;   // ligaments and facets, built on rank 0
  ProblemDefinition::ContactPairs contact; // split interfaces, found on rank 0
  stages.time(label + "mesh (read)", [&] {
    run_on_root_collectively(comm, [&] {
      SpineModel spine = cached_or_built_mesh(model, cache, log, mesh);
      springs = spine_springs(model, spine, mesh, library, log);
      if (model.interfaces.any_contact())
        contact = split_contact_interfaces(mesh, model.interfaces, log);
      topology = analyse_surfaces(mesh);
      names = {mesh.source, mesh.region_names, mesh.surface_names, topology.interior_surfaces};
    });
    names = Utilities::MPI::broadcast(comm, names, 0);
    springs = broadcast_springs(comm, springs);
    contact = broadcast_contact(comm, contact);
  });
  if (model.spine_model && model.output.rigid_bodies.empty())
    model.output.rigid_bodies = vertebral_bodies(names);
  if (model.spine_model && model.follower_load > 0 && model.follower_path.empty())
    model.follower_path = vertebral_bodies(names);
  if (hooks.on_mesh)
    hooks.on_mesh(mesh);

  // 2. Map regions to materials and surfaces to boundary conditions; the follower load needs the
  //    path bodies' centroids, which only rank 0 can compute.
  ProblemDefinition problem = build_problem(model, library, names);
  {
    const auto path = follower_path(model, names);
    std::vector<std::array<double, 3>> centroids;
    if (root)
      centroids = group_centroids(mesh, path);
    centroids = Utilities::MPI::broadcast(comm, centroids, 0);
    problem.region_forces = follower_forces(model.follower_load, path, centroids);
  }
  problem.springs = springs;
  problem.contact = std::move(contact);
  problem.spring_attachment_tolerance = model.ligaments.attachment_tolerance;
  const std::vector<RigidBodyDefinition> bodies = rigid_bodies(model, names);

  // 3. Partition: rank 0 builds the serial triangulation and sends each rank its part.
  parallel::fullydistributed::Triangulation<3> tria(comm);
  stages.time(label + "mesh (partition)", [&] {
    distribute_mesh([&](Triangulation<3>& serial) { build_triangulation(mesh, topology, serial); },
                    tria);
  });
  mesh = MeshData(); // rank 0 no longer needs the serial copy
  topology = SurfaceTopology();

  // 4. Set up once; solve every load case on it, post-process and write each. A model with
  //    crushable-foam regions follows its load path instead (app/plastic_run.h).
  if (!problem.crushable_foam.empty()) {
    LoadCaseResults results;
    results.emplace_back("default", run_plastic_model(model, problem, tria, bodies, out_dir, stages,
                                                      label, log, comm));
    return results;
  }
  for (const auto& [name, moment] : model.load_cases) // check the surface before any solve
    load_case_moment(model, names, moment);
  ElasticitySolver solver(tria, problem, model.solver);
  stages.time(label + "setup (DoFs, sparsity)", [&] { solver.setup(); });
  LoadCaseResults results;
  for (const std::string& name : load_case_names(model)) {
    std::vector<NeumannCondition> loads = problem.neumann;
    std::filesystem::path dir = out_dir;
    if (!model.load_cases.empty()) {
      const auto& moment =
          std::find_if(model.load_cases.begin(), model.load_cases.end(), [&](const auto& lc) {
            return lc.first == name;
          })->second;
      log << "\n"
          << (label.empty() ? "" : label) << "Load case '" << name << "': moment [" << moment[0]
          << ", " << moment[1] << ", " << moment[2] << "] N mm on " << model.load_case_surface
          << "\n";
      loads.push_back(load_case_moment(model, names, moment));
      dir /= name;
    }
    if (hooks.progress) {
      hooks.progress->start_load_case(label, name);
      solver.set_solve_observer([&](unsigned int solve, const ActiveSetReport::Step& step) {
        hooks.progress->solve_finished(solve, step);
      });
    }
    results.emplace_back(name, solve_load_case(solver, std::move(loads), model, bodies, dir, stages,
                                               label, log, comm));
    if (hooks.on_load_case)
      hooks.on_load_case(name, solver, results.back().second);
    if (hooks.progress)
      hooks.progress->finish_load_case();
  }
  return results;
}

} // namespace spinefe
