// Checks that a study survives being killed: `spinefe study` on 6 tiny cases is killed with
// SIGKILL once about half of them are committed, then restarted. Every case must end up committed
// exactly once, the cases finished before the kill must not run again (their records and logs
// are untouched), no temporary file may be left in place of a result, and the results must be
// identical to those of an uninterrupted run of the same study. 1 MPI rank (each study runs in a
// child process on 1 rank).
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

namespace fs = std::filesystem;

namespace {

const std::string study = SPINEFE_SOURCE_DIR "/tests/data/study_cube.prm";

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Result {
  int status;
  std::string output;
};

Result run(const std::string& arguments) {
  const std::string command = std::string(SPINEFE_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer;
  while (fgets(buffer.data(), buffer.size(), pipe))
    output += buffer.data();
  const int status = pclose(pipe);
  return {WEXITSTATUS(status), output};
}

/// The committed cases of a study output: id -> record text.
std::map<std::string, std::string> records(const fs::path& output) {
  std::map<std::string, std::string> found;
  if (fs::is_directory(output / "cases"))
    for (const auto& entry : fs::directory_iterator(output / "cases"))
      if (fs::is_regular_file(entry.path() / "record"))
        found[entry.path().filename().string()] = read(entry.path() / "record");
  return found;
}

} // namespace

TEST(StudyResume, KilledStudyResumesWithoutRedoingFinishedCases) {
  const fs::path reference = "study_resume_reference", killed = "study_resume_killed";
  fs::remove_all(reference);
  fs::remove_all(killed);

  // 1. The uninterrupted run.
  const Result full = run("study " + study + " --output " + reference.string());
  ASSERT_EQ(full.status, 0) << full.output;
  ASSERT_EQ(records(reference).size(), 6u) << full.output;
  ASSERT_EQ(run("export " + (reference / "results.h5").string() + " --csv " +
                (reference / "results.csv").string())
                .status,
            0);

  // 2. The same study in a child process (own process group), killed with SIGKILL once three
  //    cases are committed.
  fs::create_directories(killed);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    setpgid(0, 0);
    const std::string log = (killed / "console.txt").string();
    std::freopen(log.c_str(), "w", stdout);
    std::freopen(log.c_str(), "a", stderr);
    const std::string out = killed.string();
    execl(SPINEFE_BINARY, SPINEFE_BINARY, "study", study.c_str(), "--output", out.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  setpgid(child, child);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (records(killed).size() < 3 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  kill(-child, SIGKILL);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the study finished before it was killed:\n"
                                   << read(killed / "console.txt");
  const auto before = records(killed);
  ASSERT_GE(before.size(), 3u);
  ASSERT_LT(before.size(), 6u) << "all cases were committed before the kill";
  std::map<std::string, fs::file_time_type> log_times;
  for (const auto& [id, text] : before)
    log_times[id] = fs::last_write_time(killed / "cases" / id / "log.txt");

  // 3. The restart runs only the unfinished cases.
  const Result resumed = run("study " + study + " --output " + killed.string());
  ASSERT_EQ(resumed.status, 0) << resumed.output;
  EXPECT_NE(resumed.output.find(std::to_string(before.size()) + " already done"), std::string::npos)
      << resumed.output;
  EXPECT_NE(
      resumed.output.find("[study] running " + std::to_string(6 - before.size()) + " case(s)"),
      std::string::npos)
      << resumed.output;
  const auto after = records(killed);
  ASSERT_EQ(after.size(), 6u);
  for (const auto& [id, text] : before) {
    EXPECT_EQ(after.at(id), text) << "case " << id << " was run again";
    EXPECT_EQ(fs::last_write_time(killed / "cases" / id / "log.txt"), log_times[id]) << id;
  }
  for (const auto& [id, text] : after) // each committed once, successfully
    EXPECT_NE(text.find("\nstatus: ok\n"), std::string::npos) << id << "\n" << text;
  // No temporary file ("<name>.tmp.<host>-<pid>") is left beside a committed record or database.
  for (const auto& entry : fs::recursive_directory_iterator(killed))
    for (const char* committed : {"record.tmp", "results.h5.tmp"})
      EXPECT_NE(entry.path().filename().string().rfind(committed, 0), 0u) << entry.path();

  // 4. The same results as the uninterrupted run (the tidy export has no provenance).
  ASSERT_EQ(run("export " + (killed / "results.h5").string() + " --csv " +
                (killed / "results.csv").string())
                .status,
            0);
  const std::string csv = read(killed / "results.csv");
  EXPECT_EQ(csv, read(reference / "results.csv"));
  EXPECT_GE(std::count(csv.begin(), csv.end(), '\n'), 1 + 6 * 2) << csv; // >= 2 metrics a case

  // 5. A third run finds nothing to do.
  const Result again = run("study " + study + " --output " + killed.string());
  EXPECT_NE(again.output.find("6 already done"), std::string::npos) << again.output;
  EXPECT_NE(again.output.find("[study] running 0 case(s)"), std::string::npos) << again.output;
  EXPECT_EQ(records(killed), after);
}
