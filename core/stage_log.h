// Wall-clock time of each pipeline stage (mesh, assemble, solve, output ...), printed as the run
// goes and kept for the summary files. Ranks synchronise at stage ends so the figure is the time
// of the slowest rank, which is what a user waits for.
#pragma once

#include <mpi.h>

#include <ostream>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace spinefe {

class StageLog {
public:
  StageLog(MPI_Comm comm, std::ostream& out);

  /// Times `work()` as stage `name`, prints "  [time] name ... 1.234 s" on rank 0.
  template <typename Work>
  auto time(const std::string& name, Work&& work) {
    const double start = now();
    if constexpr (std::is_void_v<decltype(work())>) {
      work();
      finish(name, start);
    } else {
      auto result = work();
      finish(name, start);
      return result;
    }
  }

  const std::vector<std::pair<std::string, double>>& stages() const { return stages_; }
  double total_seconds() const;

private:
  double now() const;
  void finish(const std::string& name, double start);

  MPI_Comm comm_;
  std::ostream& out_;
  bool is_root_;
  std::vector<std::pair<std::string, double>> stages_;
};

/// Peak resident memory (VmHWM) in MiB: the largest rank's value and the sum over ranks.
struct PeakMemory {
  double max_rank_mib = 0;
  double total_mib = 0;
};
PeakMemory peak_memory(MPI_Comm comm);

} // namespace spinefe
