// The results of a design study: one record per finished case (its parameters, every metric per
// model and load case, and provenance), and the HDF5 database built from the records.
//
// Metrics contract: a successful `spinefe run` writes <output>/metrics.csv with the header
// model,load_case,kind,name,quantity,unit,value (model = instrumented or intact). Runs that
// predate it are read from their summaries instead: <output>/<load case>/summary.csv for every
// load case of <output>/load_cases.csv, or <output>/summary.csv (load case "default"), as model
// "instrumented", without the stage wall times (kind "stage", which differ from run to run).
//
// Database layout (results.h5; every string is variable-length UTF-8):
//   /                      attributes format ("spinefe study results 1"), study_file, base_case,
//                          n_cases (in the study), n_committed, spinefe_version, git_hash
//   /parameters            the varied parameter paths, in the study's order
//   /cases/<id>/parameters/{name, value}               the case's overrides
//   /cases/<id>/metrics/{model, load_case, kind, name, quantity, unit}, value (double)
//   /cases/<id>/provenance attributes status (ok | failed), error, case_file, case_hash,
//                          mesh_hash, spinefe_version, git_hash, metrics_source, started,
//                          n_ranks (int), wall_time_s (double)
#pragma once

#include "postprocess/metrics_table.h" // MetricRow

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace spinefe {

/// The shortest text that reads back as exactly `value` ("0.3", not "0.29999999999999999").
std::string format_double(double value);

/// A metrics.csv (header model,load_case,kind,name,quantity,unit,value). InputError naming
/// file:line for a missing column, a wrong field count or a value that is not a number.
std::vector<MetricRow> read_metrics_file(const std::string& file);

/// A summary.csv (kind,name,quantity,unit,value) as rows of `model` and `load_case`, without the
/// stage wall times.
std::vector<MetricRow> read_summary_metrics(const std::string& file, const std::string& model,
                                            const std::string& load_case);

struct CaseMetrics {
  std::string source; ///< the file(s) read, relative to the run's output directory
  std::vector<MetricRow> rows;
};

/// The metrics of a finished run in `output` (metrics.csv, else the summaries; see above). An
/// InputError if there are none.
CaseMetrics read_case_metrics(const std::filesystem::path& output);

struct CaseRecord {
  std::string id;
  std::string status = "ok";                                   ///< ok | failed
  std::string error;                                           ///< the failed run's message
  std::vector<std::pair<std::string, std::string>> parameters; ///< path, value
  std::vector<MetricRow> metrics;
  std::string metrics_source;
  std::string case_file, case_hash, mesh_hash;
  std::string spinefe_version, git_hash;
  std::string started; ///< UTC start time, ISO 8601 with microseconds
  unsigned int n_ranks = 1;
  double wall_time = 0; ///< s
};

/// Writes `record` durably and atomically (temporary file, fsync, rename, fsync of the folder):
/// after a crash either the old file or the complete new one exists.
void write_case_record(const CaseRecord& record, const std::filesystem::path& file);

/// Reads a record written by write_case_record; InputError naming the file if it is malformed.
CaseRecord read_case_record(const std::filesystem::path& file);

struct ResultsDatabase {
  std::string study_file, base_case;
  std::vector<std::string> parameters; ///< the varied parameter paths
  unsigned int n_cases = 0;            ///< cases in the study (committed or not)
  std::vector<CaseRecord> cases;       ///< the committed cases, in id order
};

/// Writes the database to `file` atomically: HDF5 into "<file>.tmp<suffix>", then rename. Give
/// each concurrent writer its own suffix.
void write_results_database(const ResultsDatabase& db, const std::filesystem::path& file,
                            const std::string& suffix = "");

ResultsDatabase read_results_database(const std::filesystem::path& file);

} // namespace spinefe
