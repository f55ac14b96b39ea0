// Runs the spinefe binary as a user would, for tests of the command line: exit status and the
// combined standard output and error.
#pragma once

#include <filesystem>
#include <string>

namespace spinefe::test {

struct CommandResult {
  int status = -1;    ///< exit status, or -1 if the process did not exit normally (a signal)
  std::string output; ///< stdout and stderr, interleaved
};

/// Runs `SPINEFE_BINARY <arguments>` through the shell.
CommandResult run_spinefe(const std::string& arguments);

/// Runs `mpirun -np <ranks> SPINEFE_BINARY <arguments>` in a clean environment: the test process
/// is itself an MPI singleton, and its OMPI_/PMIX_ variables would make the nested mpirun attach
/// to it. `shell_first` (e.g. "ulimit -f 8") runs first in the same shell, so that it applies to
/// mpirun and the ranks; `environment` ("NAME=value ...") is added to the clean environment.
CommandResult run_spinefe_mpi(unsigned int ranks, const std::string& arguments,
                              const std::string& shell_first = "",
                              const std::string& environment = "");

/// `spinefe run <case_file> --output <out>` on `ranks` ranks, `out` removed first.
CommandResult run_case_mpi(unsigned int ranks, const std::string& case_file,
                           const std::filesystem::path& out);

/// The whole text of `file` (empty if it cannot be read).
std::string read_text(const std::filesystem::path& file);

} // namespace spinefe::test
