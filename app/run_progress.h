// Progress of one `spinefe run`: a line when a load case starts and after every linear solve of
// its active-set (springs, facets, contact) iteration, with the elapsed time and an estimate of
// the time left. The estimate is the mean wall time of the load cases already finished times the
// load cases still to solve (the construct's and, when it is not cached, the intact twin's), less
// the time already spent on the current one; there is none before the first load case ends.
// Printed on rank 0 only, and not at all with `spinefe run --quiet`.
#pragma once

#include "solver/active_set.h"

#include <chrono>
#include <ostream>
#include <string>

namespace spinefe {

class RunProgress {
public:
  /// `total_load_cases`: every load case the run will solve (construct and twin).
  RunProgress(std::ostream& out, bool enabled, unsigned int total_load_cases);

  void start_load_case(const std::string& label, const std::string& name);
  void solve_finished(unsigned int solve, const ActiveSetReport::Step& step);
  void finish_load_case();

  /// "1 min 05 s", "42 s": the format of the progress lines.
  static std::string duration(double seconds);

private:
  double seconds_since(std::chrono::steady_clock::time_point t) const;
  std::string eta() const;

  std::ostream& out_;
  bool enabled_;
  unsigned int total_, done_ = 0;
  std::string current_;
  std::chrono::steady_clock::time_point start_, case_start_;
  double finished_seconds_ = 0; ///< summed wall time of the finished load cases
};

} // namespace spinefe
