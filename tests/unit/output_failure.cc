// Checks that a run which fails while writing its output (a file-size limit, as a full disk or a
// batch quota would cause) exits 1 with a message that names the file and says the earlier
// results are unchanged, and that it leaves those results byte for byte as they were, with no
// temporary or staging file beside them: on 1 rank, and on 2 ranks where only a collective
// failure keeps the ranks from waiting for each other. A finished run removes the staging
// folders that killed runs on the same host left behind, and only those.
#include "tests/support/run_spinefe.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace fs = std::filesystem;
using spinefe::test::read_text;
using spinefe::test::run_spinefe_mpi;

namespace {

const std::string cube_case = SPINEFE_SOURCE_DIR "/tests/data/unit_cube_load_cases.prm";

/// Every file below `dir`, relative path -> content.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file())
      files[fs::relative(entry.path(), dir).string()] = read_text(entry.path());
  return files;
}

void expect_failed_write_keeps_results(const unsigned int ranks) {
  const fs::path out = fs::absolute("output_failure_" + std::to_string(ranks));
  fs::remove_all(out);
  const auto first = run_spinefe_mpi(ranks, "run " + cube_case + " --output " + out.string());
  ASSERT_EQ(first.status, 0) << first.output;
  const auto before = snapshot(out);
  ASSERT_TRUE(before.count("metrics.csv")) << "the first run wrote no metrics";

  // The failing run has another load, so that any file of it that reached the output differs.
  const fs::path heavier = fs::absolute("output_failure_heavier.prm");
  std::ofstream(heavier) << "include " << cube_case << "\n"
                         << "subsection Boundary conditions\n  set Total force = top: 0, 0, -20\n"
                         << "end\n";
  // 16 blocks (8 kB: dash counts 512-byte blocks) hold the CSV and JSON tables, not the HDF5
  // ones, so the run fails after it has written part of its output. The limit also binds MPI's
  // own shared-memory files, so MPI talks over TCP and PMIx keeps its data in a hash table.
  const auto failed =
      run_spinefe_mpi(ranks, "run " + heavier.string() + " --output " + out.string(),
                      "ulimit -f 16", "OMPI_MCA_btl=self,tcp PMIX_MCA_gds=hash");
  EXPECT_EQ(failed.status, 1) << failed.output;
  EXPECT_NE(failed.output.find("writing failed (disk full or file-size limit?)"), std::string::npos)
      << failed.output;
  EXPECT_NE(failed.output.find("error: " + out.string() + "/"), std::string::npos)
      << "the message names the file:\n"
      << failed.output;
  EXPECT_EQ(failed.output.find(".staging.tmp"), std::string::npos)
      << "the message names the file the user asked for, not the hidden staging folder:\n"
      << failed.output;
  EXPECT_NE(failed.output.find("the results already there are unchanged"), std::string::npos)
      << failed.output;
  EXPECT_EQ(failed.output.find("Signal"), std::string::npos) << failed.output;

  const auto after = snapshot(out);
  EXPECT_EQ(after.size(), before.size()) << "files appeared or disappeared";
  for (const auto& [file, content] : before) {
    ASSERT_TRUE(after.count(file)) << file << " was removed";
    EXPECT_TRUE(after.at(file) == content) << file << " was changed";
  }
  for (const auto& entry : fs::recursive_directory_iterator(out))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos)
        << "left behind: " << entry.path();
  fs::remove_all(out);
}

} // namespace

TEST(OutputFailure, OneRankKeepsEarlierResults) {
  expect_failed_write_keeps_results(1);
}

TEST(OutputFailure, TwoRanksStopTogetherAndKeepEarlierResults) {
  expect_failed_write_keeps_results(2);
}

TEST(OutputFailure, FinishedRunRemovesStagingFoldersOfKilledRuns) {
  const fs::path out = fs::absolute("output_failure_orphans");
  fs::remove_all(out);
  char host[256] = {0};
  gethostname(host, sizeof(host) - 1);
  const pid_t dead = fork(); // a process that is gone by the time the run finishes
  if (dead == 0)
    _exit(0);
  waitpid(dead, nullptr, 0);
  const auto staging = [&](const long pid) {
    return out / (".staging.tmp." + std::string(host) + "-" + std::to_string(pid));
  };
  fs::create_directories(staging(dead) / "flexion");
  std::ofstream(staging(dead) / "flexion" / "summary.csv") << "left by a killed run\n";
  fs::create_directories(staging(getpid())); // a live writer's folder must stay
  const auto result = run_spinefe_mpi(1, "run " + cube_case + " --output " + out.string());
  ASSERT_EQ(result.status, 0) << result.output;
  EXPECT_FALSE(fs::exists(staging(dead)));
  EXPECT_TRUE(fs::exists(staging(getpid())));
  EXPECT_TRUE(fs::exists(out / "metrics.csv"));
  fs::remove_all(out);
}
