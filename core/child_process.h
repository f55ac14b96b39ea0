// Running work on a user's file in a forked child process. The libraries spinefe reads files with
// (gmsh, VTK, HDF5) are C and C++ without bounds checks: some damaged files make them dereference
// a bad pointer or write past a buffer, and no exception handler catches a segmentation fault.
// A forked child does the work and sends its result back through a pipe; if the child dies, the
// parent reports an InputError naming the file, and its own library state is untouched by
// whatever the damaged file did.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace spinefe {

/// What the child may use; 0 is no limit.
struct ChildLimits {
  /// Bytes of address space beyond what the process already maps: an absurd allocation then
  /// fails at once, as std::bad_alloc, instead of taking the machine's memory.
  std::size_t memory = 0;
  /// Seconds of CPU time (not wall time, so a loaded machine or a slow file system does not
  /// count): a damaged file can make a library loop for ever.
  unsigned int cpu_seconds = 0;
};

/// Runs `work` in a forked child within `limits` and returns the bytes it returned. An
/// InputError in the child is rethrown as it was; any other failure of the child (an exception,
/// a signal, a limit, an exit) becomes an InputError on `file` saying what was `expected`. Where
/// no child can be started, `work` runs in this process.
std::vector<char> run_in_child_process(const std::string& file, const std::string& expected,
                                       const ChildLimits& limits,
                                       const std::function<std::vector<char>()>& work);

} // namespace spinefe
