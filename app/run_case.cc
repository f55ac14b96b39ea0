#include "app/run_case.h"

#include "app/baseline_cache.h"
#include "app/case_definition.h"
#include "app/model_run.h"
#include "app/problem_builder.h"
#include "core/atomic_file.h"
#include "core/input_error.h"
#include "core/stage_log.h"
#include "core/staged_output.h"
#include "core/version.h"
#include "materials/material_choice.h"
#include "postprocess/graft_metrics.h"
#include "postprocess/load_case_table.h"
#include "postprocess/metrics_table.h"
#include "postprocess/spine_metrics.h"
#include "postprocess/summary_writers.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <array>
#include <iostream>
#include <map>
#include <optional>

namespace spinefe {

using namespace dealii;

namespace {

/// What the spine metrics take from case `c`.
SpineMetricsOptions metrics_options(const CaseDefinition& c) {
  SpineMetricsOptions o;
  o.spine_model = c.spine_model;
  o.settings = c.metrics;
  o.bone_quality = c.material_choices.bone_quality;
  return o;
}

/// What the intact twin contributes: its metric rows and, per load case, its bone energy.
Baseline solve_baseline(const CaseDefinition& c, const std::filesystem::path& out_dir,
                        const std::filesystem::path& cache, const MaterialLibrary& library,
                        StageLog& stages, std::ostream& log, RunProgress& progress,
                        const MPI_Comm comm) {
  const CaseDefinition twin = intact_twin(c);
  const SpineMetricGeometry no_implant;
  const SpineMetricsOptions options = metrics_options(twin);
  Baseline baseline;
  ModelHooks hooks;
  hooks.progress = &progress;
  hooks.on_load_case = [&](const std::string& lc, const ElasticitySolver& solver,
                           const RunSummary& summary) {
    const MetricTable rows = load_case_metrics(solver, summary, options, no_implant, "intact", lc);
    baseline.metrics.insert(baseline.metrics.end(), rows.begin(), rows.end());
    baseline.energy[lc] = gather_cell_energy(solver, bone_regions(solver.problem().region_names));
  };
  log << "\nIntact twin (same anatomy, bone, ligaments, facets and loads; no surgery):\n";
  run_model(twin, "intact: ", out_dir / "intact", cache, library, stages, log, comm, hooks);
  return baseline;
}

/// The intact baseline from the cache, or solved (and stored) if the cache has none.
Baseline intact_baseline(const CaseDefinition& c, const std::filesystem::path& cache,
                         const std::filesystem::path& out_dir, const MaterialLibrary& library,
                         StageLog& stages, std::ostream& log, RunProgress& progress,
                         const MPI_Comm comm) {
  const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
  const std::string key = baseline_key(c);
  std::optional<Baseline> cached;
  if (root)
    cached = load_baseline(cache, key);
  if (Utilities::MPI::broadcast(comm, cached.has_value(), 0)) {
    log << "\n  [baseline] intact twin reused from " << (cache / key).string()
        << " (identical anatomy, bone, loads and solver)\n";
    return root ? *cached : Baseline();
  }
  Baseline baseline = solve_baseline(c, out_dir, cache, library, stages, log, progress, comm);
  run_on_root_collectively(comm, [&] {
    ensure_directory(cache);
    store_baseline(cache, key, baseline);
  });
  return baseline;
}

/// The run of `options.case_file`; every output file goes below `staged.path()`.
void run_staged(const RunOptions& options, const CaseDefinition& c, const StagedOutput& staged,
                StageLog& stages, std::ostream& log, const MPI_Comm comm) {
  const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
  const std::filesystem::path& out_dir = staged.target();
  const MaterialLibrary library = MaterialLibrary::read(
      c.material_library.empty() ? MaterialLibrary::builtin_file() : c.material_library);
  const bool instrumented = !(c.spine_model && c.spine.surgery == Surgery::intact);
  const std::string model = instrumented ? "instrumented" : "intact";
  const bool with_baseline = c.spine_model && instrumented && c.metrics.intact_baseline;
  // Meshes and intact baselines are shared by every case that uses the same cache (a study's
  // cases, or the cases written next to each other under one results folder).
  std::filesystem::path results_dir = std::filesystem::absolute(out_dir).lexically_normal();
  if (results_dir.filename().empty()) // "results/case/" names the folder, not an empty file
    results_dir = results_dir.parent_path();
  const std::filesystem::path cache = options.baseline_cache.empty()
                                          ? results_dir.parent_path() / "baseline_cache"
                                          : std::filesystem::path(options.baseline_cache);

  // 2. The case's own model through every load case; the spine metrics are taken on the live
  //    solver, and the bone energy kept for the stress-shielding comparison.
  SpineMetricGeometry geometry;
  SpineMetricsOptions metric_options = metrics_options(c);
  bool strut_factors_known = false;
  MetricTable metrics;
  std::map<std::string, CellEnergyField> energy;
  // The twin's load cases count towards the time left unless its baseline is cached (rank 0
  // looks in the cache; every rank needs the answer).
  bool twin_solved = with_baseline;
  if (root && twin_solved)
    twin_solved = !has_baseline(cache, baseline_key(c));
  twin_solved = Utilities::MPI::broadcast(comm, twin_solved, 0);
  const unsigned int n_load_cases = load_case_names(c).size();
  RunProgress progress(log, !options.quiet, n_load_cases * (twin_solved ? 2 : 1));
  ModelHooks hooks;
  hooks.progress = &progress;
  // The graft (cage lumen or ingrowth core): its bone's energy per load case, and its volume
  // (rank 0) to find the intact L1 bone in the same place.
  std::optional<LinearIsotropic> graft_bone; // chosen once a graft zone is found
  std::optional<GraftZone> graft;
  std::vector<std::array<Point<3>, 4>> graft_volume;
  std::map<std::string, CellEnergyField> graft_energy;
  hooks.on_mesh = [&](const MeshData& mesh) {
    if (!c.spine_model)
      return;
    geometry = spine_metric_geometry(mesh, comm);
    if (root && instrumented)
      if (const auto zone = graft_zone(mesh.region_names))
        graft_volume = graft_tets(mesh, *zone);
  };
  hooks.on_load_case = [&](const std::string& lc, const ElasticitySolver& solver,
                           const RunSummary& summary) {
    // Once: the lattice regions depend on the case and the region names only, which only the
    // solver holds on every rank (the mesh is on rank 0).
    if (!strut_factors_known) {
      metric_options.settings.strut_stress_factor =
          lattice_strut_factors(c, library, solver.problem().region_names);
      strut_factors_known = true;
    }
    const MetricTable rows =
        load_case_metrics(solver, summary, metric_options, geometry, model, lc);
    metrics.insert(metrics.end(), rows.begin(), rows.end());
    const auto& regions = solver.problem().region_names;
    if (with_baseline)
      energy[lc] = gather_cell_energy(solver, bone_regions(regions));
    if (c.spine_model && instrumented && (graft = graft_zone(regions))) {
      const auto id = static_cast<unsigned int>(
          std::find(regions.begin(), regions.end(), graft->region) - regions.begin());
      if (!graft_bone)
        graft_bone = choose_material("graft", c.material_choices, library);
      const CellEnergyField field = gather_cell_energy(solver, {id}, &*graft_bone);
      if (root) {
        const MetricTable rows =
            graft_rows(*graft, field, graft_bone->youngs_modulus(), c.metrics, lc);
        metrics.insert(metrics.end(), rows.begin(), rows.end());
        graft_energy[lc] = field;
      }
    }
    if (root)
      print_summary(summary, log);
  };
  // The twin's mesh is independent of the construct's: with a second rank, mesh both at once
  // (rank 0 the construct inside run_model, rank 1 the twin into the mesh cache). A failure here
  // is only reported where it matters: the twin's own run meshes again and stops with the error.
  // The construct's stage 'mesh (read)' ends when both meshes are done (stages synchronise).
  if (twin_solved && Utilities::MPI::this_mpi_process(comm) == 1) {
    try {
      prebuild_spine_mesh(intact_twin(c), cache);
    } catch (...) {
    }
  }
  const LoadCaseResults results =
      run_model(c, "", staged.path(), cache, library, stages, log, comm, hooks);

  // 3. The intact twin under the same load cases (or its cached results): stress shielding.
  if (with_baseline) {
    const Baseline baseline =
        intact_baseline(c, cache, staged.path(), library, stages, log, progress, comm);
    if (root) {
      metrics.insert(metrics.end(), baseline.metrics.begin(), baseline.metrics.end());
      const auto zones = stress_shielding_zones(geometry, c.metrics);
      for (const auto& [lc, field] : energy) {
        const auto it = baseline.energy.find(lc);
        if (it == baseline.energy.end())
          continue;
        const MetricTable rows = stress_shielding_rows(zones, field, it->second, lc);
        metrics.insert(metrics.end(), rows.begin(), rows.end());
      }
      if (graft && !graft_volume.empty()) {
        const ZoneShape volume = tet_union_shape(graft->name, std::move(graft_volume));
        for (const auto& [lc, field] : graft_energy) {
          const auto it = baseline.energy.find(lc);
          if (it == baseline.energy.end())
            continue;
          const MetricTable rows = graft_shielding_rows(*graft, field, it->second, volume, lc);
          metrics.insert(metrics.end(), rows.begin(), rows.end());
        }
      }
    }
  }

  // 4. The comparison tables (rank 0 writes; a failure stops every rank). run_case then moves
  //    every file of the run into place at once.
  run_on_root_collectively(comm, [&] {
    const std::filesystem::path& dir = staged.path();
    ensure_directory(dir);
    write_metrics_csv(metrics, dir / "metrics.csv");
    write_metrics_json(metrics, dir / "metrics.json");
    write_metrics_hdf5(metrics, dir / "metrics.h5");
    if (!c.load_cases.empty()) {
      write_load_cases_csv(results, dir / "load_cases.csv");
      print_load_case_table(results, log);
    }
    if (c.spine_model)
      print_metrics_table(metrics, log);
  });
}

} // namespace

void run_case(const RunOptions& options, const MPI_Comm comm) {
  const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
  std::ostream silent(nullptr); // ranks other than 0 print nothing
  std::ostream& log = root ? std::cout : silent;
  StageLog stages(comm, log);
  log << "spinefe " << version() << " (" << git_hash() << "), "
      << Utilities::MPI::n_mpi_processes(comm) << " MPI rank(s)\n";

  // Read and check the case file (every rank parses it: it is small and errors agree).
  const CaseDefinition c =
      stages.time("read case", [&] { return read_case_file(options.case_file); });
  const std::filesystem::path out_dir =
      options.output_directory.empty() ? c.output.directory : options.output_directory;
  StagedOutput staged(out_dir, comm);
  try {
    run_staged(options, c, staged, stages, log, comm); // ends collectively: all ranks are done
    staged.commit();
  } catch (...) {
    if (root && staged.has_staged_files())
      std::cerr << "spinefe: the run stopped before its results were complete; nothing of it was "
                   "put into "
                << out_dir.string() << "/, so the results already there are unchanged\n";
    try {
      throw;
    } catch (const InputError& e) {
      throw InputError(staged.in_target_terms(e.where()), staged.in_target_terms(e.message()));
    }
  }
  log << "Total wall time " << stages.total_seconds() << " s. Results in " << out_dir.string()
      << "/\n";
}

} // namespace spinefe
