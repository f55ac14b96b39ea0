// Checks that `spinefe study` fails loudly (issue 14): with one case of two failing, the other
// case still runs and is committed, the exit status is 1, and the summary names the failed case
// with its message. 1 MPI rank.
#include "tests/support/run_spinefe.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace fs = std::filesystem;

TEST(StudyFailures, ExitStatusAndSummaryNameTheFailedCase) {
  const fs::path out = "study_failures";
  fs::remove_all(out);
  const auto r = spinefe::test::run_spinefe(
      "study " SPINEFE_SOURCE_DIR "/tests/data/study_cube_failing.prm --output " + out.string());
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("2/2 cases committed, 1 failed"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("[study]   case 001 failed: "), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("corrupt_cube.inp:5: expected a number, found 'zero'"), std::string::npos)
      << r.output;
  EXPECT_NE(r.output.find("spinefe: error: 1 case(s) of the study failed"), std::string::npos)
      << r.output;
  // The good case finished and was committed despite the failure of the other.
  EXPECT_TRUE(fs::exists(out / "cases" / "000" / "record"));
  EXPECT_TRUE(fs::exists(out / "results.h5"));
}
