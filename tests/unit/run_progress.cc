// Checks the progress lines of a run (app/run_progress.h): a line per load case start and end and
// per linear solve, the time left from the mean time of the finished load cases, the duration
// format, and silence when disabled (--quiet). 1 MPI rank.
#include "app/run_progress.h"

#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <sstream>
#include <thread>

using spinefe::ActiveSetReport;
using spinefe::RunProgress;

TEST(RunProgress, DurationFormat) {
  EXPECT_EQ(RunProgress::duration(0.2), "0 s");
  EXPECT_EQ(RunProgress::duration(42.4), "42 s");
  EXPECT_EQ(RunProgress::duration(65), "1 min 05 s");
  EXPECT_EQ(RunProgress::duration(3725), "62 min 05 s");
  EXPECT_EQ(RunProgress::duration(-3), "0 s"); // an estimate never goes negative
}

TEST(RunProgress, LinesAndTimeLeft) {
  std::ostringstream out;
  RunProgress progress(out, true, 4);
  progress.start_load_case("", "standing");
  ActiveSetReport::Step step;
  step.krylov = 88;
  step.springs_changed = 226;
  step.pairs_changed = 36;
  progress.solve_finished(1, step);
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  progress.finish_load_case();
  progress.start_load_case("intact: ", "standing");
  const std::string text = out.str();
  EXPECT_NE(text.find("[progress] load case 1/4 'standing' started; 0 s elapsed, time left "
                      "known after the first load case"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("[progress] 'standing' solve 1: 88 CG iterations, 226 springs and 36 "
                      "contact pairs changed state"),
            std::string::npos)
      << text;
  // One load case took 1.1 s (more on a busy machine), three remain: 3 times that is left.
  const std::smatch done = [&] {
    std::smatch m;
    std::regex_search(
        text, m,
        std::regex(R"(load case 1/4 'standing' done; (\d+) s elapsed, about (\d+) s left)"));
    return m;
  }();
  ASSERT_EQ(done.size(), 3u) << text;
  const int elapsed = std::stoi(done[1]), left = std::stoi(done[2]);
  EXPECT_GE(elapsed, 1);
  EXPECT_GE(left, 3);
  EXPECT_LE(left, 3 * elapsed + 2) << text; // rounding of both figures
  EXPECT_NE(text.find("[progress] load case 2/4 'intact: standing' started"), std::string::npos)
      << text;
}

TEST(RunProgress, QuietPrintsNothing) {
  std::ostringstream out;
  RunProgress progress(out, false, 2);
  progress.start_load_case("", "flexion");
  progress.solve_finished(1, ActiveSetReport::Step());
  progress.finish_load_case();
  EXPECT_TRUE(out.str().empty());
}
