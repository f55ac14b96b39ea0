// Checks the study results path without solving: the metrics.csv contract reader (and the
// summary.csv / load_cases.csv fallbacks) on fixture files, a bad metrics value reported at its
// file:line, case records that round-trip exactly (also messages with newlines and values with
// commas), the HDF5 database round trip, and `spinefe export` giving the tidy CSV with the
// parameter columns first. 1 MPI rank.
#include "core/atomic_file.h"
#include "core/input_error.h"
#include "postprocess/results_database.h"
#include "study/export_csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

using namespace spinefe;
namespace fs = std::filesystem;

namespace {

const std::string fixtures = SPINEFE_SOURCE_DIR "/tests/data/study_metrics";

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

CaseRecord sample_record(const std::string& id, const double scale) {
  CaseRecord r;
  r.id = id;
  r.parameters = {{"Spine model/Implant/Endcap area", std::to_string(200 * scale)},
                  {"Boundary conditions/Total force", "top: 0, 0, -10"}};
  r.metrics = read_case_metrics(fixtures + "/contract").rows;
  for (auto& m : r.metrics)
    m.value *= scale;
  r.metrics_source = "metrics.csv";
  r.case_file = "/study/cases/" + id + "/case.prm";
  r.case_hash = "0123456789abcdef";
  r.mesh_hash = "generated (spine model)";
  r.spinefe_version = "0.1.0";
  r.git_hash = "abc1234";
  r.started = "2024-01-01T00:00:00.000001Z";
  r.n_ranks = 2;
  r.wall_time = 12.25;
  return r;
}

void expect_equal(const CaseRecord& a, const CaseRecord& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.status, b.status);
  EXPECT_EQ(a.error, b.error);
  EXPECT_EQ(a.parameters, b.parameters);
  ASSERT_EQ(a.metrics.size(), b.metrics.size());
  for (std::size_t i = 0; i < a.metrics.size(); ++i) {
    EXPECT_EQ(a.metrics[i].model, b.metrics[i].model);
    EXPECT_EQ(a.metrics[i].load_case, b.metrics[i].load_case);
    EXPECT_EQ(a.metrics[i].name, b.metrics[i].name);
    EXPECT_EQ(a.metrics[i].quantity, b.metrics[i].quantity);
    EXPECT_EQ(a.metrics[i].unit, b.metrics[i].unit);
    EXPECT_EQ(a.metrics[i].value, b.metrics[i].value); // exact: 17 digits
  }
  EXPECT_EQ(a.metrics_source, b.metrics_source);
  EXPECT_EQ(a.case_file, b.case_file);
  EXPECT_EQ(a.case_hash, b.case_hash);
  EXPECT_EQ(a.mesh_hash, b.mesh_hash);
  EXPECT_EQ(a.started, b.started);
  EXPECT_EQ(a.n_ranks, b.n_ranks);
  EXPECT_EQ(a.wall_time, b.wall_time);
}

} // namespace

TEST(StudyResults, MetricsContractIsRead) {
  const CaseMetrics m = read_case_metrics(fixtures + "/contract");
  EXPECT_EQ(m.source, "metrics.csv");
  ASSERT_EQ(m.rows.size(), 6u);
  EXPECT_EQ(m.rows[1].model, "intact");
  EXPECT_EQ(m.rows[1].name, "T12-L2");
  EXPECT_EQ(m.rows[1].value, 4.5);
  EXPECT_EQ(m.rows[4].name, "T12/body");
  EXPECT_EQ(m.rows[5].unit, "MPa");
  EXPECT_EQ(m.rows[5].quantity, "von_mises_p99");
}

TEST(StudyResults, BadMetricsValueNamesFileAndLine) {
  try {
    read_case_metrics(fixtures + "/bad");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              fixtures + "/bad/metrics.csv:3: column 'value' must be a number, found 'seventy'");
  }
  EXPECT_THROW(read_case_metrics(fixtures), InputError); // no metrics at all
}

TEST(StudyResults, SummaryFallbacksWithoutStageTimes) {
  const CaseMetrics single = read_case_metrics(fixtures + "/summary_only");
  EXPECT_EQ(single.source, "summary.csv");
  ASSERT_EQ(single.rows.size(), 2u); // the stage wall time is dropped
  EXPECT_EQ(single.rows[0].model, "instrumented");
  EXPECT_EQ(single.rows[0].load_case, "default");
  EXPECT_EQ(single.rows[0].quantity, "max_displacement");
  const CaseMetrics load_cases = read_case_metrics(fixtures + "/load_cases");
  EXPECT_EQ(load_cases.source, "compression/summary.csv torsion/summary.csv");
  ASSERT_EQ(load_cases.rows.size(), 3u);
  EXPECT_EQ(load_cases.rows[0].load_case, "compression");
  EXPECT_EQ(load_cases.rows[2].load_case, "torsion");
  EXPECT_EQ(load_cases.rows[2].quantity, "area");
}

TEST(StudyResults, CaseRecordRoundTripsExactly) {
  fs::create_directories("study_results");
  CaseRecord r = sample_record("007", 1.0 / 3.0);
  write_case_record(r, "study_results/record");
  expect_equal(read_case_record("study_results/record"), r);
  CaseRecord failed = sample_record("008", 1);
  failed.status = "failed";
  failed.error = "case.prm:3: two\nlines, and a \\ backslash";
  failed.metrics.clear();
  write_case_record(failed, "study_results/record_failed");
  expect_equal(read_case_record("study_results/record_failed"), failed);
  EXPECT_FALSE(fs::exists(temporary_path("study_results/record")));
  // A truncated record (a crash mid-write would leave only the .tmp; this checks the reader).
  const std::string text = read("study_results/record");
  std::ofstream("study_results/truncated") << text.substr(0, text.size() / 2);
  EXPECT_THROW(read_case_record("study_results/truncated"), InputError);
}

TEST(StudyResults, DatabaseRoundTripAndTidyExport) {
  fs::create_directories("study_results");
  ResultsDatabase db;
  db.study_file = "/study/study.prm";
  db.base_case = "/study/base.prm";
  db.parameters = {"Spine model/Implant/Endcap area", "Boundary conditions/Total force"};
  db.n_cases = 3;
  db.cases = {sample_record("000", 1), sample_record("001", 2)};
  db.cases[1].status = "failed";
  db.cases[1].error = "mesh failed";
  db.cases[1].metrics.clear();
  write_results_database(db, "study_results/results.h5");
  EXPECT_FALSE(fs::exists(temporary_path("study_results/results.h5")));
  const ResultsDatabase back = read_results_database("study_results/results.h5");
  EXPECT_EQ(back.study_file, db.study_file);
  EXPECT_EQ(back.parameters, db.parameters);
  EXPECT_EQ(back.n_cases, 3u);
  ASSERT_EQ(back.cases.size(), 2u);
  expect_equal(back.cases[0], db.cases[0]);
  expect_equal(back.cases[1], db.cases[1]);

  export_results_csv("study_results/results.h5", "study_results/results.csv");
  const std::string csv = read("study_results/results.csv");
  std::istringstream lines(csv);
  std::string header, first;
  std::getline(lines, header);
  std::getline(lines, first);
  EXPECT_EQ(header, "case,status,Spine model/Implant/Endcap area,Boundary conditions/Total force,"
                    "model,load_case,kind,name,quantity,unit,value");
  EXPECT_EQ(first, "000,ok,200.000000,\"top: 0, 0, -10\",instrumented,flexion,segment,T12-L2,"
                   "flexion_extension,deg,1.2");
  EXPECT_NE(csv.find("\n001,failed,400.000000,\"top: 0, 0, -10\",,,,,,,\n"), std::string::npos)
      << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 1 + 6 + 1);
  EXPECT_THROW(read_results_database("study_results/none.h5"), InputError);
}

// A damaged database given to `spinefe export` (truncated by a full disk, or with bytes changed)
// is an InputError that names the file and says what was expected, never a crash or an HDF5
// stack trace. The fuzz sweep (tests/fuzz, reader results_database) covers many more damages.
TEST(StudyResults, DamagedDatabaseIsAClearError) {
  fs::create_directories("study_results");
  ResultsDatabase db;
  db.study_file = "/study/study.prm";
  db.base_case = "/study/base.prm";
  db.parameters = {"Spine model/Implant/Endcap area"};
  db.n_cases = 1;
  db.cases = {sample_record("000", 1)};
  write_results_database(db, "study_results/intact.h5");
  const std::string bytes = read("study_results/intact.h5");
  std::string flipped = bytes;
  for (std::size_t i = 0; i < 64 && i < flipped.size(); ++i) // the superblock
    flipped[i] = static_cast<char>(~flipped[i]);
  const std::map<std::string, std::string> damaged = {
      {"study_results/truncated.h5", bytes.substr(0, bytes.size() / 2)},
      {"study_results/flipped.h5", flipped},
      {"study_results/empty.h5", ""}};
  for (const auto& [file, content] : damaged) {
    SCOPED_TRACE(file);
    std::ofstream(file, std::ios::binary) << content;
    try {
      export_results_csv(file, "study_results/damaged.csv");
      ADD_FAILURE() << "a damaged database was read";
    } catch (const InputError& e) {
      EXPECT_EQ(e.where(), file);
      EXPECT_NE(std::string(e.what()).find("expected a results.h5 written by 'spinefe study'"),
                std::string::npos)
          << e.what();
    }
    EXPECT_FALSE(fs::exists("study_results/damaged.csv"));
  }
}

// The tidy export carries every digit of a metric (the shortest text that reads back exactly), so
// an analysis of the CSV sees the same numbers as one of results.h5.
TEST(StudyResults, ExportKeepsEveryDigit) {
  fs::create_directories("study_results");
  ResultsDatabase db;
  db.study_file = "/study/study.prm";
  db.base_case = "/study/base.prm";
  db.n_cases = 1;
  db.cases = {sample_record("000", 1)};
  db.cases[0].metrics.resize(1);
  db.cases[0].metrics[0].value = 1.0 / 3;
  write_results_database(db, "study_results/digits.h5");
  export_results_csv("study_results/digits.h5", "study_results/digits.csv");
  const std::string csv = read("study_results/digits.csv");
  const auto last_comma = csv.rfind(',');
  ASSERT_NE(last_comma, std::string::npos) << csv;
  EXPECT_EQ(std::stod(csv.substr(last_comma + 1)), 1.0 / 3) << csv;
}
