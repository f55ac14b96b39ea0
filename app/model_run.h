// One model of a run (the case's own model, or the intact twin of a spine case) through every
// load case: read or build the mesh on rank 0, map materials and loads, partition, set the solver
// up once, then solve, post-process and write each load case. The pipeline of app/run_case.cc
// calls it once per model and passes hooks that compute the spine metrics on the live solver.
#pragma once

#include "app/case_definition.h"
#include "app/run_progress.h"
#include "core/stage_log.h"
#include "materials/material_library.h"
#include "meshing/mesh_data.h"
#include "postprocess/load_case_table.h"
#include "solver/elasticity_solver.h"

#include <mpi.h>

#include <filesystem>
#include <functional>
#include <ostream>
#include <string>

namespace spinefe {

struct ModelHooks {
  /// Collective, once the mesh is read: the whole mesh on rank 0, an empty one elsewhere.
  std::function<void(const MeshData& mesh)> on_mesh;
  /// Collective, after each load case is solved and summarised.
  std::function<void(const std::string& load_case, const ElasticitySolver& solver,
                     const RunSummary& summary)>
      on_load_case;
  /// Told when each load case starts and ends and after each of its linear solves; may be null.
  RunProgress* progress = nullptr;
};

/// The load cases of `c` by name: 'Load cases', or one case "default" without a moment.
std::vector<std::string> load_case_names(const CaseDefinition& c);

/// The intact twin of a spine case with a corpectomy: the same anatomy, tissues, bone, ligaments,
/// loads and solver, with L1 and its discs in place and no implant or instrumentation. Bodies
/// and the follower path are those of the twin's own vertebrae.
CaseDefinition intact_twin(const CaseDefinition& c);

/// Builds the spine mesh of `c` into `cache` unless it is there (or `c` is no spine model, or
/// `cache` is empty), on the calling process alone: gmsh meshes serially, so while rank 0 meshes
/// the construct another rank can mesh the intact twin. Throws what the meshing throws.
void prebuild_spine_mesh(const CaseDefinition& c, const std::filesystem::path& cache);

/// Solves every load case of `c`; fields and summaries go to `out_dir` (one folder per load case
/// when there are several). `label` prefixes the stage names ("" for the case's own model). A
/// spine mesh is taken from, or stored in, `cache` (app/mesh_cache.h) unless it is empty.
LoadCaseResults run_model(const CaseDefinition& c, const std::string& label,
                          const std::filesystem::path& out_dir, const std::filesystem::path& cache,
                          const MaterialLibrary& library, StageLog& stages, std::ostream& log,
                          MPI_Comm comm, const ModelHooks& hooks);

} // namespace spinefe
