// Checks the study runner on 2 MPI ranks: with groups of 1 rank (two cases at a time, handed out
// by the shared counter) and with one group of 2 ranks, every case of the 6-case study is
// committed once with the group's rank count, and the metrics of both agree to the solver
// tolerance (relative 1e-6 on every value larger than 1e-9 in magnitude, iteration counts
// excepted); a case whose mesh is
// corrupt is committed as failed with its message while the other case succeeds.
// MPI: 2
#include "app/study_case_hooks.h"
#include "postprocess/results_database.h"
#include "study/study_runner.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

using namespace spinefe;
namespace fs = std::filesystem;

namespace {

const std::string data = SPINEFE_SOURCE_DIR "/tests/data";

ResultsDatabase run(const std::string& study, const std::string& output,
                    const unsigned int group_size) {
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    fs::remove_all(output);
  MPI_Barrier(MPI_COMM_WORLD);
  StudyOptions options;
  options.study_file = data + "/" + study;
  options.output_directory = output;
  options.group_size = group_size;
  run_study(options, study_case_hooks(), MPI_COMM_WORLD);
  return read_results_database(fs::path(output) / "results.h5");
}

} // namespace

TEST(StudyGroups, GroupsOfOneAndTwoRanksGiveTheSameResults) {
  const ResultsDatabase ones = run("study_cube.prm", "study_groups_1", 1);
  const ResultsDatabase twos = run("study_cube.prm", "study_groups_2", 2);
  ASSERT_EQ(ones.cases.size(), 6u);
  ASSERT_EQ(twos.cases.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i) {
    const auto &a = ones.cases[i], &b = twos.cases[i];
    EXPECT_EQ(a.status, "ok") << a.error;
    EXPECT_EQ(b.status, "ok") << b.error;
    EXPECT_EQ(a.n_ranks, 1u);
    EXPECT_EQ(b.n_ranks, 2u);
    EXPECT_EQ(a.parameters, b.parameters);
    EXPECT_EQ(a.case_hash, b.case_hash);
    EXPECT_EQ(a.mesh_hash.size(), 16u) << a.mesh_hash;
    ASSERT_EQ(a.metrics.size(), b.metrics.size());
    ASSERT_GE(a.metrics.size(), 1u);
    for (std::size_t m = 0; m < a.metrics.size(); ++m) {
      EXPECT_EQ(a.metrics[m].quantity, b.metrics[m].quantity);
      const double x = a.metrics[m].value, y = b.metrics[m].value;
      if (std::abs(x) > 1e-9 && a.metrics[m].quantity.find("iterations") == std::string::npos)
        EXPECT_NEAR(y, x, 1e-6 * std::abs(x))
            << a.id << " " << a.metrics[m].name << " " << a.metrics[m].quantity;
    }
  }
  // The heavier load gives the larger displacement: the overrides reached the cases.
  const auto max_displacement = [](const CaseRecord& r) {
    for (const auto& m : r.metrics)
      if (m.quantity == "max_displacement")
        return m.value;
    return 0.0;
  };
  EXPECT_NEAR(max_displacement(ones.cases[4]), 3 * max_displacement(ones.cases[0]),
              1e-6 * max_displacement(ones.cases[4]));
}

TEST(StudyGroups, FailedCaseIsRecordedAndTheOthersGoOn) {
  const ResultsDatabase db = run("study_cube_failing.prm", "study_groups_failing", 1);
  ASSERT_EQ(db.cases.size(), 2u);
  EXPECT_EQ(db.cases[0].status, "ok") << db.cases[0].error;
  EXPECT_EQ(db.cases[1].status, "failed");
  EXPECT_NE(db.cases[1].error.find("corrupt_cube.inp:5: expected a number"), std::string::npos)
      << db.cases[1].error;
  EXPECT_TRUE(db.cases[1].metrics.empty());
}
