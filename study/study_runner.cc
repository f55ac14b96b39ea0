#include "study/study_runner.h"

#include "core/atomic_file.h"
#include "core/hashing.h"
#include "core/input_error.h"
#include "core/version.h"
#include "postprocess/results_database.h"
#include "study/study_definition.h"

#include <deal.II/base/mpi.h>

#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

namespace spinefe {

namespace fs = std::filesystem;

std::string case_file_hash(const std::string& case_file, const StudyCaseHooks& cases) {
  std::istringstream in(cases.expanded_text(case_file));
  std::string line, text;
  while (std::getline(in, line)) {
    line = line.substr(0, line.find('#'));
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos)
      continue;
    text += line.substr(first, line.find_last_not_of(" \t\r") + 1 - first) + "\n";
  }
  return fnv1a_hex(text);
}

namespace {

/// What rank 0 decides and every rank needs: the cases, their hashes and values, and which are
/// still to run.
struct Plan {
  std::string output, study_file, base_case;
  std::vector<std::string> parameters;
  std::vector<std::string> ids, hashes;
  std::vector<std::vector<std::string>> values; ///< per case, one per parameter
  std::vector<unsigned int> pending;            ///< indices of the cases to run
  unsigned int group_size = 1;

  template <class Archive>
  void serialize(Archive& ar, const unsigned int) {
    ar& output& study_file& base_case& parameters& ids& hashes& values& pending& group_size;
  }

  fs::path case_dir(const unsigned int i) const { return fs::path(output) / "cases" / ids[i]; }
};

/// The committed record of case `i` if it is current (its case file's hash matches).
bool read_current_record(const Plan& plan, const unsigned int i, CaseRecord& record) {
  const fs::path file = plan.case_dir(i) / "record";
  if (!fs::is_regular_file(file))
    return false;
  try {
    record = read_case_record(file);
  } catch (...) {
    return false; // unreadable, whatever the reason (a damaged number too): run the case again
  }
  return record.case_hash == plan.hashes[i];
}

Plan make_plan(const StudyOptions& options, const StudyCaseHooks& cases, std::ostream& log) {
  const StudyDefinition study = read_study_file(options.study_file, cases);
  Plan plan;
  std::string out =
      options.output_directory.empty() ? study.output_directory : options.output_directory;
  if (out.empty())
    out = (fs::path("results") / fs::path(options.study_file).stem()).string();
  plan.output = fs::absolute(out).lexically_normal().string();
  plan.study_file = fs::absolute(options.study_file).lexically_normal().string();
  plan.base_case = study.base_case;
  plan.group_size = options.group_size ? options.group_size : study.group_size;
  for (const auto& axis : study.axes)
    plan.parameters.push_back(axis.parameter);
  ensure_directory(fs::path(plan.output) / "cases");
  write_and_check_cases(study, (fs::path(plan.output) / "cases").string(), cases);
  unsigned int n_done = 0, n_stale = 0;
  for (unsigned int i = 0; i < study.cases.size(); ++i) {
    const auto& c = study.cases[i];
    plan.ids.push_back(c.id);
    plan.hashes.push_back(case_file_hash((plan.case_dir(i) / "case.prm").string(), cases));
    std::vector<std::string> values;
    for (const auto& [parameter, value] : c.overrides)
      values.push_back(value);
    plan.values.push_back(values);
    CaseRecord record;
    if (read_current_record(plan, i, record))
      ++n_done;
    else {
      n_stale += fs::exists(plan.case_dir(i) / "record");
      plan.pending.push_back(i);
    }
  }
  log << "[study] " << options.study_file << ": " << study.cases.size() << " cases ("
      << study.axes.size() << " parameter(s), " << (study.cartesian ? "cartesian" : "list")
      << "), all checked; " << n_done << " already done";
  if (n_stale)
    log << ", " << n_stale << " to run again (their case file changed)";
  log << "; output " << plan.output << "/" << std::endl;
  return plan;
}

/// Waits for `request` without spinning: polls, sleeping up to 20 ms in between.
void wait_politely(MPI_Request& request) {
  int done = 0;
  auto pause = std::chrono::microseconds(20);
  while (true) {
    MPI_Test(&request, &done, MPI_STATUS_IGNORE);
    if (done)
      return;
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::microseconds(20000));
  }
}

/// Sends the process's standard output to `file` for its lifetime (the case's own console
/// output, including that of libraries such as gmsh that print with printf).
class StdoutToFile {
public:
  explicit StdoutToFile(const fs::path& file) {
    std::cout.flush();
    std::fflush(stdout);
    saved_ = ::dup(STDOUT_FILENO);
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, STDOUT_FILENO);
      ::close(fd);
    }
  }
  ~StdoutToFile() {
    std::cout.flush();
    std::fflush(stdout);
    if (saved_ >= 0) {
      ::dup2(saved_, STDOUT_FILENO);
      ::close(saved_);
    }
  }
  StdoutToFile(const StdoutToFile&) = delete;
  StdoutToFile& operator=(const StdoutToFile&) = delete;

private:
  int saved_ = -1;
};

std::string utc_now() {
  const auto now = std::chrono::system_clock::now();
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  const auto us =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count() %
      1000000;
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::ostringstream out;
  out << std::put_time(&tm, "%Y-%m-%dT%H:%M:%S") << "." << std::setw(6) << std::setfill('0') << us
      << "Z";
  return out.str();
}

std::string duration(const double seconds) {
  const long s = std::lround(seconds);
  std::ostringstream out;
  out << std::setfill('0') << s / 3600 << ":" << std::setw(2) << (s / 60) % 60 << ":"
      << std::setw(2) << s % 60;
  return out.str();
}

std::string mesh_hash(const std::string& case_file, const StudyCaseHooks& cases) {
  try {
    return cases.mesh_hash(case_file);
  } catch (const std::exception&) {
    return "";
  }
}

/// Solves case `i` on `group` and returns its record (valid on the group's rank 0).
CaseRecord run_one(const Plan& plan, const unsigned int i, const StudyCaseHooks& cases,
                   const MPI_Comm group) {
  const bool leader = dealii::Utilities::MPI::this_mpi_process(group) == 0;
  const fs::path dir = plan.case_dir(i);
  CaseRecord r;
  r.id = plan.ids[i];
  for (std::size_t p = 0; p < plan.parameters.size(); ++p)
    r.parameters.emplace_back(plan.parameters[p], plan.values[i][p]);
  r.case_file = (dir / "case.prm").string();
  r.case_hash = plan.hashes[i];
  r.spinefe_version = version();
  r.git_hash = git_hash();
  r.started = utc_now();
  r.n_ranks = dealii::Utilities::MPI::n_mpi_processes(group);

  // A fresh communicator per case: messages left over by a failed case cannot reach the next.
  MPI_Comm comm;
  MPI_Comm_dup(group, &comm);
  const double start = MPI_Wtime();
  std::string error;
  {
    std::unique_ptr<StdoutToFile> redirect;
    if (leader)
      redirect = std::make_unique<StdoutToFile>(dir / "log.txt");
    try {
      cases.run(r.case_file, dir.string() + "/",
                (fs::path(plan.output) / "baseline_cache").string(), comm);
    } catch (const std::exception& e) {
      error = e.what()[0] ? e.what() : "unknown error";
    } catch (...) {
      error = "unknown error";
    }
    // Every rank agrees on the outcome (the lowest failing rank's message).
    try {
      throw_if_any_rank_failed(comm, error, "");
    } catch (const InputError& e) {
      error = e.what();
    }
    if (leader && !error.empty())
      std::cout << "spinefe: run failed: " << error << std::endl;
  }
  r.wall_time = MPI_Wtime() - start;
  MPI_Comm_free(&comm);
  if (!leader)
    return r;
  if (error.empty()) {
    try {
      CaseMetrics metrics = read_case_metrics(dir);
      r.metrics = std::move(metrics.rows);
      r.metrics_source = metrics.source;
    } catch (const std::exception& e) {
      error = e.what();
    }
  }
  if (!error.empty()) {
    r.status = "failed";
    r.error = error;
  }
  r.mesh_hash = mesh_hash(r.case_file, cases);
  return r;
}

/// The database of every current committed record.
ResultsDatabase collect(const Plan& plan) {
  ResultsDatabase db;
  db.study_file = plan.study_file;
  db.base_case = plan.base_case;
  db.parameters = plan.parameters;
  db.n_cases = plan.ids.size();
  for (unsigned int i = 0; i < plan.ids.size(); ++i) {
    CaseRecord record;
    if (read_current_record(plan, i, record))
      db.cases.push_back(std::move(record));
  }
  return db;
}

/// MPI window on world rank 0 holding two counters: the next pending case to hand out, and the
/// number of cases committed in this run.
class SharedCounters {
public:
  explicit SharedCounters(const MPI_Comm world) {
    const bool root = dealii::Utilities::MPI::this_mpi_process(world) == 0;
    MPI_Win_allocate(root ? 2 * sizeof(long) : 0, sizeof(long), MPI_INFO_NULL, world, &memory_,
                     &window_);
    if (root) {
      MPI_Win_lock(MPI_LOCK_EXCLUSIVE, 0, 0, window_);
      memory_[0] = memory_[1] = 0;
      MPI_Win_unlock(0, window_);
    }
    MPI_Barrier(world);
  }
  ~SharedCounters() { MPI_Win_free(&window_); }
  SharedCounters(const SharedCounters&) = delete;
  SharedCounters& operator=(const SharedCounters&) = delete;

  /// Atomically adds 1 to counter `which` and returns its value before.
  long fetch_and_increment(const int which) {
    const long one = 1;
    long before = 0;
    MPI_Win_lock(MPI_LOCK_SHARED, 0, 0, window_);
    MPI_Fetch_and_op(&one, &before, MPI_LONG, 0, which, MPI_SUM, window_);
    MPI_Win_unlock(0, window_);
    return before;
  }

private:
  long* memory_ = nullptr;
  MPI_Win window_;
};

} // namespace

unsigned int run_study(const StudyOptions& options, const StudyCaseHooks& cases,
                       const MPI_Comm world) {
  const unsigned int world_rank = dealii::Utilities::MPI::this_mpi_process(world);
  const unsigned int world_size = dealii::Utilities::MPI::n_mpi_processes(world);
  const bool root = world_rank == 0;

  // 1. Read, generate and check every case; find the unfinished ones.
  Plan plan;
  run_on_root_collectively(world, [&] { plan = make_plan(options, cases, std::cout); });
  plan = dealii::Utilities::MPI::broadcast(world, plan, 0);
  if (plan.group_size > world_size)
    throw InputError(options.group_size ? "--group-size" : plan.study_file,
                     "group size " + std::to_string(plan.group_size) + " is larger than the " +
                         std::to_string(world_size) + " MPI rank(s) of the run");

  // 2. Groups of `group size` consecutive ranks.
  MPI_Comm group;
  MPI_Comm_split(world, world_rank / plan.group_size, world_rank, &group);
  const bool leader = dealii::Utilities::MPI::this_mpi_process(group) == 0;
  const unsigned int n_groups = (world_size + plan.group_size - 1) / plan.group_size;
  const unsigned int n_already = plan.ids.size() - plan.pending.size();
  if (root)
    std::cout << "[study] running " << plan.pending.size() << " case(s) on " << n_groups
              << " group(s) of " << plan.group_size << " rank(s)" << std::endl;

  // 3.-5. Take the next case from the shared counter, solve it, commit it.
  SharedCounters counters(world);
  const double start = MPI_Wtime();
  double last_database_write = -1e300;
  while (true) {
    long next = 0;
    if (leader)
      next = counters.fetch_and_increment(0);
    MPI_Request request;
    MPI_Ibcast(&next, 1, MPI_LONG, 0, group, &request);
    wait_politely(request);
    if (next >= static_cast<long>(plan.pending.size()))
      break;
    const unsigned int i = plan.pending[next];
    const CaseRecord record = run_one(plan, i, cases, group);
    if (!leader)
      continue;
    write_case_record(record, plan.case_dir(i) / "record");
    const long done = counters.fetch_and_increment(1) + 1;
    const double elapsed = MPI_Wtime() - start;
    const long left = static_cast<long>(plan.pending.size()) - done;
    std::ostringstream line;
    line << "[study] " << n_already + done << "/" << plan.ids.size() << " done: case " << record.id
         << " " << (record.status == "ok" ? "ok" : "FAILED") << " in " << std::setprecision(3)
         << record.wall_time << " s on " << record.n_ranks << " rank(s); elapsed "
         << duration(elapsed) << ", about " << duration(elapsed / done * left) << " left";
    if (record.status != "ok")
      line << "\n        " << record.error;
    std::cout << line.str() << std::endl;
    if (MPI_Wtime() - last_database_write > 10) {
      write_results_database(collect(plan), fs::path(plan.output) / "results.h5",
                             "." + std::to_string(world_rank));
      last_database_write = MPI_Wtime();
    }
  }
  MPI_Request request;
  MPI_Ibarrier(world, &request);
  wait_politely(request);
  MPI_Comm_free(&group);

  // The final database, from every committed case of this run and of earlier ones.
  unsigned int n_failed = 0;
  run_on_root_collectively(world, [&] {
    const ResultsDatabase db = collect(plan);
    write_results_database(db, fs::path(plan.output) / "results.h5");
    for (const auto& r : db.cases)
      n_failed += r.status != "ok";
    std::cout << "[study] " << db.cases.size() << "/" << plan.ids.size() << " cases committed, "
              << n_failed << " failed; " << duration(MPI_Wtime() - start)
              << " in this run. Results database " << plan.output << "/results.h5" << std::endl;
    for (const auto& r : db.cases)
      if (r.status != "ok")
        std::cout << "[study]   case " << r.id << " failed: " << r.error << std::endl;
  });
  return dealii::Utilities::MPI::broadcast(world, n_failed, 0);
}

namespace {

/// The plan of the study, made on rank 0 (case files written and checked) and broadcast.
Plan shared_plan(const StudyOptions& options, const StudyCaseHooks& cases, const MPI_Comm world) {
  Plan plan;
  run_on_root_collectively(world, [&] { plan = make_plan(options, cases, std::cout); });
  return dealii::Utilities::MPI::broadcast(world, plan, 0);
}

std::string parameter_text(const Plan& plan, const unsigned int i) {
  std::string text;
  for (std::size_t p = 0; p < plan.parameters.size(); ++p)
    text += (p ? "; " : "") + plan.parameters[p] + " = " + plan.values[i][p];
  return text;
}

} // namespace

void list_study(const StudyOptions& options, const StudyCaseHooks& cases, const MPI_Comm world) {
  const Plan plan = shared_plan(options, cases, world);
  if (dealii::Utilities::MPI::this_mpi_process(world) != 0)
    return;
  std::cout << "index  id      status   parameters\n";
  for (unsigned int i = 0; i < plan.ids.size(); ++i) {
    CaseRecord record;
    const std::string status = read_current_record(plan, i, record) ? record.status : "to run";
    std::cout << std::left << std::setw(7) << i << std::setw(8) << plan.ids[i] << std::setw(9)
              << status << parameter_text(plan, i) << "\n";
  }
  std::cout << plan.ids.size() << " cases; as a Slurm job array: #SBATCH --array=0-"
            << plan.ids.size() - 1 << std::endl;
}

bool run_study_case(const StudyOptions& options, const unsigned int index,
                    const StudyCaseHooks& cases, const MPI_Comm world) {
  const Plan plan = shared_plan(options, cases, world);
  if (index >= plan.ids.size())
    throw InputError("--case", "case index " + std::to_string(index) + " is outside 0.." +
                                   std::to_string(plan.ids.size() - 1) + " (the study has " +
                                   std::to_string(plan.ids.size()) +
                                   " cases; spinefe study --list numbers them)");
  const bool root = dealii::Utilities::MPI::this_mpi_process(world) == 0;
  CaseRecord record;
  bool done = false;
  if (root)
    done = read_current_record(plan, index, record);
  if (dealii::Utilities::MPI::broadcast(world, done, 0)) {
    if (root)
      std::cout << "[study] case " << plan.ids[index] << " is already committed (" << record.status
                << "); delete its record to run it again" << std::endl;
    return dealii::Utilities::MPI::broadcast(world, record.status == "ok", 0);
  }
  record = run_one(plan, index, cases, world);
  if (root) {
    write_case_record(record, plan.case_dir(index) / "record");
    std::cout << "[study] case " << record.id << " (" << parameter_text(plan, index) << ") "
              << (record.status == "ok" ? "ok" : "FAILED") << " in " << std::setprecision(3)
              << record.wall_time << " s on " << record.n_ranks << " rank(s)" << std::endl;
    if (record.status != "ok")
      std::cout << "[study]   " << record.error << std::endl;
  }
  return dealii::Utilities::MPI::broadcast(world, record.status == "ok", 0);
}

unsigned int collect_study(const StudyOptions& options, const StudyCaseHooks& cases,
                           const MPI_Comm world) {
  const Plan plan = shared_plan(options, cases, world);
  unsigned int n_bad = 0;
  run_on_root_collectively(world, [&] {
    const ResultsDatabase db = collect(plan);
    write_results_database(db, fs::path(plan.output) / "results.h5");
    std::vector<bool> committed(plan.ids.size(), false);
    for (const auto& r : db.cases) {
      const auto at = std::find(plan.ids.begin(), plan.ids.end(), r.id) - plan.ids.begin();
      committed[at] = true;
      if (r.status != "ok") {
        ++n_bad;
        std::cout << "[study]   case " << r.id << " (index " << at << ") failed: " << r.error
                  << std::endl;
      }
    }
    for (unsigned int i = 0; i < plan.ids.size(); ++i)
      if (!committed[i]) {
        ++n_bad;
        std::cout << "[study]   case " << plan.ids[i] << " (index " << i
                  << ") is missing: not run, still running, or its case file changed" << std::endl;
      }
    std::cout << "[study] " << db.cases.size() << "/" << plan.ids.size()
              << " cases committed; results database " << plan.output << "/results.h5" << std::endl;
  });
  return dealii::Utilities::MPI::broadcast(world, n_bad, 0);
}

} // namespace spinefe
