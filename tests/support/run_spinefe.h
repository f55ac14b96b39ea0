// Runs the spinefe binary as a user would, for tests of the command line: exit status and the
// combined standard output and error.
#pragma once

#include <string>

namespace spinefe::test {

struct CommandResult {
  int status = -1;    ///< exit status, or -1 if the process did not exit normally (a signal)
  std::string output; ///< stdout and stderr, interleaved
};

/// Runs `SPINEFE_BINARY <arguments>` through the shell.
CommandResult run_spinefe(const std::string& arguments);

} // namespace spinefe::test
