// What a design study needs of single cases, supplied by its caller: study/ generates, checks,
// hashes and runs case files only through these hooks, so that it does not depend on the
// case-file parser or the pipeline. app/study_case_hooks.h gives spinefe's own.
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <mpi.h>

#include <functional>
#include <string>

namespace spinefe {

struct StudyCaseHooks {
  /// Declares every case parameter (each axis of a study must name one).
  std::function<void(dealii::ParameterHandler& prm)> declare_parameters;
  /// Reads and checks a case file; throws InputError at the case-file line for a bad value.
  std::function<void(const std::string& case_file)> check;
  /// The text of a case file with its includes inlined.
  std::function<std::string(const std::string& case_file)> expanded_text;
  /// Hash of the mesh file of a case, or "generated (spine model)"; may throw.
  std::function<std::string(const std::string& case_file)> mesh_hash;
  /// Solves a case on `comm` (collective), output in `output_directory`, intact baselines shared
  /// through `baseline_cache`.
  std::function<void(const std::string& case_file, const std::string& output_directory,
                     const std::string& baseline_cache, MPI_Comm comm)>
      run;
};

} // namespace spinefe
