#include "app/run_progress.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace spinefe {

RunProgress::RunProgress(std::ostream& out, const bool enabled, const unsigned int total_load_cases)
    : out_(out), enabled_(enabled), total_(total_load_cases),
      start_(std::chrono::steady_clock::now()), case_start_(start_) {}

double RunProgress::seconds_since(const std::chrono::steady_clock::time_point t) const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

std::string RunProgress::duration(const double seconds) {
  const long s = std::lround(std::max(0.0, seconds));
  std::ostringstream text;
  if (s >= 60)
    text << s / 60 << " min " << std::setw(2) << std::setfill('0') << s % 60 << " s";
  else
    text << s << " s";
  return text.str();
}

std::string RunProgress::eta() const {
  const std::string elapsed = duration(seconds_since(start_)) + " elapsed";
  if (done_ == 0)
    return elapsed + ", time left known after the first load case";
  const double per_case = finished_seconds_ / done_;
  const unsigned int remaining = total_ > done_ ? total_ - done_ : 0;
  const double left = std::max(0.0, remaining * per_case - seconds_since(case_start_));
  return elapsed + ", about " + duration(left) + " left";
}

void RunProgress::start_load_case(const std::string& label, const std::string& name) {
  case_start_ = std::chrono::steady_clock::now();
  current_ = label + name;
  if (enabled_)
    out_ << "  [progress] load case " << done_ + 1 << "/" << total_ << " '" << current_
         << "' started; " << eta() << std::endl;
}

void RunProgress::solve_finished(const unsigned int solve, const ActiveSetReport::Step& step) {
  if (enabled_)
    out_ << "  [progress] '" << current_ << "' solve " << solve << ": " << step.krylov
         << " CG iterations, " << step.springs_changed << " springs and " << step.pairs_changed
         << " contact pairs changed state; " << eta() << std::endl;
}

void RunProgress::finish_load_case() {
  finished_seconds_ += seconds_since(case_start_);
  ++done_;
  case_start_ = std::chrono::steady_clock::now(); // no time spent yet on the next one
  if (enabled_)
    out_ << "  [progress] load case " << done_ << "/" << total_ << " '" << current_ << "' done; "
         << eta() << std::endl;
}

} // namespace spinefe
