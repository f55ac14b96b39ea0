// Checks a study run as a Slurm job array, as a user runs it: `--list` numbers the cases, each
// `--case K` (or `--array-task` with SLURM_ARRAY_TASK_ID) runs and commits one case and no more,
// a committed case is not run again, `--collect` names the missing cases and exits 1 until every
// case is committed, then builds results.h5 and exits 0; bad indices are clear errors.
// 1 MPI rank per process (the 6-case unit-cube study of tests/data).
#include "tests/support/run_spinefe.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace fs = std::filesystem;
using spinefe::test::run_spinefe;

namespace {
const std::string study = SPINEFE_SOURCE_DIR "/tests/data/study_cube.prm";

std::string study_command(const fs::path& out, const std::string& mode) {
  return "study " + study + " --output " + out.string() + " " + mode;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}
} // namespace

TEST(StudyArray, ListCaseAndCollect) {
  const fs::path out = "study_array";
  fs::remove_all(out);
  const auto list = run_spinefe(study_command(out, "--list"));
  ASSERT_EQ(list.status, 0) << list.output;
  EXPECT_TRUE(contains(list.output, "6 cases; as a Slurm job array: #SBATCH --array=0-5"))
      << list.output;
  EXPECT_TRUE(contains(list.output, "5      005     to run")) << list.output;

  const auto first = run_spinefe(study_command(out, "--case 0"));
  ASSERT_EQ(first.status, 0) << first.output;
  EXPECT_TRUE(fs::exists(out / "cases" / "000" / "record"));
  EXPECT_FALSE(fs::exists(out / "cases" / "001" / "record")); // one case per task
  EXPECT_FALSE(fs::exists(out / "results.h5"));               // only --collect writes it
  const auto again = run_spinefe(study_command(out, "--case 0"));
  EXPECT_EQ(again.status, 0) << again.output;
  EXPECT_TRUE(contains(again.output, "case 000 is already committed (ok)")) << again.output;

  const auto partial = run_spinefe(study_command(out, "--collect"));
  EXPECT_EQ(partial.status, 1) << partial.output;
  EXPECT_TRUE(contains(partial.output, "case 003 (index 3) is missing")) << partial.output;
  EXPECT_TRUE(contains(partial.output, "1/6 cases committed")) << partial.output;

  for (int k = 1; k < 6; ++k) {
    // As Slurm starts an array task: the index comes from the environment.
    setenv("SLURM_ARRAY_TASK_ID", std::to_string(k).c_str(), 1);
    const auto task = run_spinefe(study_command(out, "--array-task"));
    unsetenv("SLURM_ARRAY_TASK_ID");
    ASSERT_EQ(task.status, 0) << task.output;
  }
  const auto complete = run_spinefe(study_command(out, "--collect"));
  EXPECT_EQ(complete.status, 0) << complete.output;
  EXPECT_TRUE(contains(complete.output, "6/6 cases committed")) << complete.output;
  EXPECT_TRUE(fs::exists(out / "results.h5"));
}

TEST(StudyArray, BadIndicesAreClearErrors) {
  const fs::path out = "study_array_errors";
  const auto outside = run_spinefe(study_command(out, "--case 6"));
  EXPECT_EQ(outside.status, 1) << outside.output;
  EXPECT_TRUE(contains(outside.output, "--case: case index 6 is outside 0..5 (the study has 6 "
                                       "cases; spinefe study --list numbers them)"))
      << outside.output;
  unsetenv("SLURM_ARRAY_TASK_ID");
  const auto no_slurm = run_spinefe(study_command(out, "--array-task"));
  EXPECT_EQ(no_slurm.status, 2) << no_slurm.output;
  EXPECT_TRUE(contains(no_slurm.output, "--array-task without an index needs SLURM_ARRAY_TASK_ID"))
      << no_slurm.output;
  const auto both = run_spinefe(study_command(out, "--list --collect"));
  EXPECT_EQ(both.status, 2) << both.output;
  EXPECT_TRUE(contains(both.output, "--collect cannot be combined")) << both.output;
  const auto not_a_number = run_spinefe(study_command(out, "--case x"));
  EXPECT_EQ(not_a_number.status, 2) << not_a_number.output;
  EXPECT_TRUE(contains(not_a_number.output, "--case needs a whole number >= 0, found 'x'"))
      << not_a_number.output;
}
