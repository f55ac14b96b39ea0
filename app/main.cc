// spinefe: parallel finite-element simulator for spinal implant biomechanics.
//
//   spinefe run CASE.prm [--output DIR] [--quiet] [PETSc options]   solve a case
//   spinefe mesh CASE.prm [--output DIR]                  build/read and write the mesh only
//   spinefe study STUDY.prm [--output DIR] [--group-size N]  run a design study (all cases)
//   spinefe study STUDY.prm --list | --case K | --array-task [K] | --collect
//                                                         one case per Slurm array task
//   spinefe export RESULTS.h5 --csv OUT.csv               a study's results as one tidy CSV
//   spinefe info --parameters                             every case-file parameter
//   spinefe info --materials                              the built-in material library
//   spinefe --version
//
// Example: mpirun -np 2 spinefe run cases/implant-on-bone-block/case.prm -ksp_monitor
// Options starting with a single '-' go to PETSc. Exit status: 0 success, 1 bad input, failed run
// or a study with failed (or, for --collect, missing) cases, 2 bad command line.
#include "app/case_definition.h"
#include "app/mesh_command.h"
#include "app/run_case.h"
#include "app/study_case_hooks.h"
#include "core/input_error.h"
#include "core/version.h"
#include "materials/material_library.h"
#include "materials/material_models.h"
#include "study/export_csv.h"
#include "study/study_runner.h"

#include <deal.II/base/mpi.h>

#include <hdf5.h>

#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

namespace {

const char* usage =
    "usage: spinefe run CASE.prm [--output DIR] [--quiet] [PETSc options]\n"
    "       spinefe mesh CASE.prm [--output DIR]\n"
    "       spinefe study STUDY.prm [--output DIR] [--group-size N] [PETSc options]\n"
    "            [--list | --case K | --array-task [K] | --collect]\n"
    "       spinefe export RESULTS.h5 --csv OUT.csv\n"
    "       spinefe info --parameters | --materials\n"
    "       spinefe --version\n";

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

void print_materials() {
  const auto library = spinefe::MaterialLibrary::read(spinefe::MaterialLibrary::builtin_file());
  std::cout << "Material library " << library.file() << "\n";
  for (const auto& name : library.names()) {
    const auto& r = library.record(name);
    std::cout << "  " << r.name << "  (" << r.model << ")";
    if (r.has_elastic_constants)
      std::cout << "  E = " << r.youngs_modulus << " MPa, nu = " << r.poisson_ratio;
    std::cout << "\n      source: " << r.source << "\n";
  }
  std::cout << "Models:\n";
  for (const auto& m : spinefe::registered_material_models())
    std::cout << "  " << m.name << ": " << m.description << "\n";
}

/// What every command takes besides its own options: an unknown "--" option is an error, a "-"
/// option goes to PETSc (already in its database; its value is skipped), anything else is the
/// command's one input file (`kind`: "case", "study").
void take_common_argument(const std::vector<std::string>& args, std::size_t& i, std::string& file,
                          const std::string& kind) {
  if (args[i].rfind("--", 0) == 0)
    throw UsageError("unknown option '" + args[i] + "'");
  if (args[i][0] == '-') {
    i += (i + 1 < args.size() && args[i + 1][0] != '-' &&
          args[i + 1].find(".prm") == std::string::npos);
    return;
  }
  if (!file.empty())
    throw UsageError("more than one " + kind + " file given");
  file = args[i];
}

/// A whole number >= `minimum` for `option`, or a UsageError ("needs a <what> >= ...").
unsigned int whole_number(const std::string& option, const std::string& text,
                          const unsigned int minimum, const std::string& what = "whole number") {
  if (text.empty() || text.size() > 9 ||
      text.find_first_not_of("0123456789") != std::string::npos || std::stoul(text) < minimum)
    throw UsageError(option + " needs a " + what + " >= " + std::to_string(minimum) + ", found '" +
                     text + "'");
  return std::stoul(text);
}

/// The case index of `--array-task` without a value: Slurm's SLURM_ARRAY_TASK_ID.
unsigned int slurm_array_task() {
  const char* id = std::getenv("SLURM_ARRAY_TASK_ID");
  if (!id)
    throw UsageError("--array-task without an index needs SLURM_ARRAY_TASK_ID (set by Slurm in a "
                     "job array); outside Slurm give the index: --case K");
  return whole_number("SLURM_ARRAY_TASK_ID", id, 0);
}

/// `spinefe study STUDY.prm [--output DIR] [--group-size N] [--list | --case K |
/// --array-task [K] | --collect]`. Exit status 1 when a case failed (the others still run) or,
/// for --collect, when a case is missing or failed: a batch script cannot mistake it for success.
int study(const std::vector<std::string>& args, const MPI_Comm comm) {
  enum class Mode { all, list, one_case, collect } mode = Mode::all;
  unsigned int index = 0;
  spinefe::StudyOptions options;
  const auto set_mode = [&](const Mode m, const std::string& option) {
    if (mode != Mode::all)
      throw UsageError(option + " cannot be combined with another of --list, --case, "
                                "--array-task, --collect");
    mode = m;
  };
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--output" && i + 1 < args.size())
      options.output_directory = args[++i];
    else if (args[i] == "--group-size" && i + 1 < args.size())
      options.group_size = whole_number("--group-size", args[++i], 1, "whole number of ranks");
    else if (args[i] == "--list")
      set_mode(Mode::list, args[i]);
    else if (args[i] == "--collect")
      set_mode(Mode::collect, args[i]);
    else if (args[i] == "--case" && i + 1 < args.size()) {
      set_mode(Mode::one_case, args[i]);
      index = whole_number("--case", args[++i], 0);
    } else if (args[i] == "--array-task") {
      set_mode(Mode::one_case, args[i]);
      const bool has_value = i + 1 < args.size() && !args[i + 1].empty() &&
                             args[i + 1].find_first_not_of("0123456789") == std::string::npos;
      index = has_value ? whole_number("--array-task", args[++i], 0) : slurm_array_task();
    } else
      take_common_argument(args, i, options.study_file, "study");
  }
  if (options.study_file.empty())
    throw UsageError("'study' needs a study file");
  const auto hooks = spinefe::study_case_hooks();
  const bool root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
  switch (mode) {
  case Mode::list:
    spinefe::list_study(options, hooks, comm);
    return 0;
  case Mode::one_case:
    return spinefe::run_study_case(options, index, hooks, comm) ? 0 : 1;
  case Mode::collect: {
    const unsigned int n_bad = spinefe::collect_study(options, hooks, comm);
    if (n_bad > 0 && root)
      std::cerr << "spinefe: error: " << n_bad
                << " case(s) of the study are missing or failed; listed above" << std::endl;
    return n_bad > 0 ? 1 : 0;
  }
  case Mode::all:
    break;
  }
  // Failed cases are reported and kept in the database; the others still run.
  const unsigned int n_failed = spinefe::run_study(options, hooks, comm);
  if (n_failed > 0 && root)
    std::cerr << "spinefe: error: " << n_failed
              << " case(s) of the study failed; the summary above lists each with its message"
              << std::endl;
  return n_failed > 0 ? 1 : 0;
}

int dispatch(const std::vector<std::string>& args, const MPI_Comm comm) {
  const bool root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
  if (args.empty())
    throw UsageError("no command given");
  if (args[0] == "--version") {
    if (root)
      std::cout << "spinefe " << spinefe::version() << " (git " << spinefe::git_hash() << ")\n";
    return 0;
  }
  if (args[0] == "info") {
    if (args.size() == 2 && args[1] == "--parameters") {
      if (root)
        spinefe::print_parameter_reference(std::cout);
      return 0;
    }
    if (args.size() == 2 && args[1] == "--materials") {
      if (root)
        print_materials();
      return 0;
    }
    throw UsageError("'info' needs --parameters or --materials");
  }
  if (args[0] == "mesh") {
    if (args.size() == 2)
      spinefe::mesh_case(args[1], "", comm);
    else if (args.size() == 4 && args[2] == "--output")
      spinefe::mesh_case(args[1], args[3], comm);
    else
      throw UsageError("'mesh' needs a case file and optionally --output DIR");
    return 0;
  }
  if (args[0] == "run") {
    spinefe::RunOptions options;
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--output" && i + 1 < args.size())
        options.output_directory = args[++i];
      else if (args[i] == "--quiet")
        options.quiet = true;
      else
        take_common_argument(args, i, options.case_file, "case");
    }
    if (options.case_file.empty())
      throw UsageError("'run' needs a case file");
    spinefe::run_case(options, comm);
    return 0;
  }
  if (args[0] == "study")
    return study(args, comm);
  if (args[0] == "export") {
    if (args.size() != 4 || args[2] != "--csv")
      throw UsageError("'export' needs a results database and --csv OUT.csv");
    if (root)
      spinefe::export_results_csv(args[1], args[3]);
    return 0;
  }
  throw UsageError("unknown command '" + args[0] + "'");
}

} // namespace

int main(int argc, char** argv) {
  // A file-size limit (`ulimit -f`, a batch system's quota) must end as a clear write error, like
  // a full disk, not kill the process: ignored, SIGXFSZ turns into EFBIG from write(2).
  std::signal(SIGXFSZ, SIG_IGN);
  // HDF5 would print its own error stack for every failed call; spinefe turns each failure into
  // one error that names the file (postprocess/hdf5_tools.h), so the stack is noise to a user.
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  // Initialises MPI and PETSc; PETSc reads its options (-ksp_monitor ...) from argv here.
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm comm = MPI_COMM_WORLD;
  const bool root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
  try {
    return dispatch(std::vector<std::string>(argv + 1, argv + argc), comm);
  } catch (const UsageError& e) {
    if (root)
      std::cerr << "spinefe: " << e.what() << "\n" << usage;
    return 2;
  } catch (const spinefe::InputError& e) {
    if (root)
      std::cerr << "spinefe: error: " << e.what() << std::endl;
    return 1;
  } catch (...) {
    // Anything else, of any type (a library may throw a std::string): a clear message and
    // exit 1, never std::terminate.
    if (root)
      std::cerr << "spinefe: run failed: " << spinefe::current_exception_message() << std::endl;
    return 1;
  }
}
