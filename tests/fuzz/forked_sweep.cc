#include "tests/fuzz/forked_sweep.h"

#include "core/input_error.h"
#include "tests/fuzz/mutator.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

namespace spinefe::fuzz {

namespace fs = std::filesystem;

namespace {

/// What a child shares with its parent: the input it is on, and the outcomes so far.
struct SharedState {
  long current = 0;
  bool finished = false;
  SweepCounts counts;
};

/// The input, printable: control bytes as \xNN, cut after `limit` bytes.
std::string excerpt(const std::string& input, const std::size_t limit = 300) {
  std::string out;
  for (std::size_t i = 0; i < input.size() && i < limit; ++i) {
    const unsigned char c = input[i];
    if (c == '\n' || (c >= 32 && c < 127))
      out += static_cast<char>(c);
    else {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", c);
      out += hex;
    }
  }
  return input.size() > limit ? out + "..." : out;
}

/// Saves the input of a finding and prints where, why and how it starts (to `fd`: the child's
/// stderr is silenced while it reads).
void report_finding(const FuzzTarget& target, const SweepOptions& options, const long index,
                    const std::string& kind, const std::string& detail, const std::string& input,
                    const int fd) {
  const fs::path dir = options.findings / target.name;
  fs::create_directories(dir);
  const fs::path file = dir / (kind + "_" + std::to_string(index) + target.extension);
  std::ofstream(file, std::ios::binary) << input;
  std::ostringstream message;
  message << "FINDING " << target.name << " input " << index << " (seed " << options.seed
          << "): " << kind << ": " << detail << "\n  saved as " << file.string()
          << "\n  input begins:\n"
          << excerpt(input) << "\n";
  const std::string text = message.str();
  if (::write(fd, text.data(), text.size()) < 0)
    std::perror("report_finding");
}

/// The child's folder for its input file (removed by the parent if the child dies).
fs::path work_directory(const FuzzTarget& target, const pid_t child) {
  return fs::temp_directory_path() / ("spinefe_fuzz_" + target.name + "_" + std::to_string(child));
}

/// Reads input `index` and classifies the outcome; runs in the child.
void read_one(const FuzzTarget& target, const std::vector<std::string>& seeds,
              const SweepOptions& options, const long index, const fs::path& file,
              SharedState& shared, const int report_fd) {
  const std::string input = sweep_input(target, seeds, options, index);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << input;
  alarm(options.time_limit);
  try {
    target.read(file.string());
    ++shared.counts.accepted;
  } catch (const InputError& e) {
    ++shared.counts.input_errors;
    if (options.show_errors) {
      const std::string line = std::to_string(index) + ": " + e.what() + "\n";
      if (::write(report_fd, line.data(), line.size()) < 0)
        std::perror("show_errors");
    }
  } catch (const std::exception& e) {
    ++shared.counts.unclear;
    report_finding(target, options, index, "unclear",
                   std::string("std::exception '") + e.what() +
                       "' is not an InputError naming the file",
                   input, report_fd);
  } catch (...) {
    ++shared.counts.foreign;
    report_finding(target, options, index, "foreign",
                   "non-std exception: " + current_exception_message(), input, report_fd);
  }
  alarm(0);
}

[[noreturn]] void run_child(const FuzzTarget& target, const std::vector<std::string>& seeds,
                            const SweepOptions& options, const long first, SharedState& shared) {
  // Readers and gmsh may print; keep the sweep's own output readable.
  const int report_fd = ::dup(STDERR_FILENO);
  const int null_fd = ::open("/dev/null", O_WRONLY);
  ::dup2(null_fd, STDOUT_FILENO);
  ::dup2(null_fd, STDERR_FILENO);
  // A huge count must end as std::bad_alloc, not take the machine's memory.
  const rlimit memory = {6ul << 30, 6ul << 30};
  setrlimit(RLIMIT_AS, &memory);
  const fs::path dir = work_directory(target, ::getpid());
  fs::create_directories(dir);
  const fs::path file = dir / ("input" + target.extension);
  for (long i = first; i < options.first + options.n_inputs; ++i) {
    shared.current = i;
    read_one(target, seeds, options, i, file, shared, report_fd);
    if ((i + 1) % 10000 == 0) { // a long run shows that it is alive
      const std::string line = target.name + ": " + std::to_string(i + 1) + " inputs read\n";
      if (::write(report_fd, line.data(), line.size()) < 0)
        std::perror("progress");
    }
  }
  fs::remove_all(dir);
  shared.finished = true;
  std::fflush(nullptr);
  _exit(0);
}

std::string describe_death(const int status, bool& hang) {
  hang = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM;
  if (hang)
    return "no result within the time limit";
  if (WIFSIGNALED(status))
    return std::string("killed by signal ") + std::to_string(WTERMSIG(status)) + " (" +
           strsignal(WTERMSIG(status)) + ")";
  return "the process exited with status " + std::to_string(WEXITSTATUS(status)) +
         " in the middle of reading";
}

} // namespace

std::string sweep_input(const FuzzTarget& target, const std::vector<std::string>& seeds,
                        const SweepOptions& options, const long index) {
  if (index < static_cast<long>(seeds.size())) // the seeds themselves first, as a baseline
    return seeds[index];
  return Mutator(options.seed, target.name, index).mutate(seeds);
}

SweepCounts run_sweep(const FuzzTarget& target, const std::vector<std::string>& seeds,
                      const SweepOptions& options) {
  void* memory =
      mmap(nullptr, sizeof(SharedState), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory == MAP_FAILED)
    throw std::runtime_error("mmap failed");
  SharedState& shared = *new (memory) SharedState();
  long next = options.first;
  while (next < options.first + options.n_inputs) {
    std::cout.flush();
    std::cerr.flush();
    shared.current = next; // also right if the child dies before its first input
    const pid_t child = fork();
    if (child == 0)
      run_child(target, seeds, options, next, shared);
    int status = 0;
    waitpid(child, &status, 0);
    if (shared.finished)
      break;
    std::error_code ignored;
    fs::remove_all(work_directory(target, child), ignored);
    bool hang = false;
    const std::string why = describe_death(status, hang);
    ++(hang ? shared.counts.hangs : shared.counts.crashes);
    report_finding(target, options, shared.current, hang ? "hang" : "crash", why,
                   sweep_input(target, seeds, options, shared.current), STDERR_FILENO);
    next = shared.current + 1;
  }
  const SweepCounts counts = shared.counts;
  munmap(memory, sizeof(SharedState));
  return counts;
}

} // namespace spinefe::fuzz
