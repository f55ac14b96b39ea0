// `spinefe run CASE.prm`: the pipeline, read top to bottom as numbered steps.
#pragma once

#include <mpi.h>

#include <string>

namespace spinefe {

struct RunOptions {
  std::string case_file;
  std::string output_directory; ///< overrides the case file's Output/Directory if not empty
  /// Where solved intact baselines are kept and reused (keyed by a hash of everything that
  /// determines them: anatomy, loads, materials, mesh sizes, solver). Empty: <output>/baseline.
  std::string baseline_cache;
  bool quiet = false; ///< no progress lines (app/run_progress.h)
};

/// Returns normally on success; throws InputError for bad input, std::exception otherwise.
void run_case(const RunOptions& options, MPI_Comm comm);

} // namespace spinefe
