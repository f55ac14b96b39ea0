#include "core/child_process.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

namespace spinefe {

namespace {

/// What the child sends: a kind byte, then the result or the packed (where, message).
enum class Reply : char { result = 'R', input_error = 'E', other_error = 'X' };

void write_all(const int fd, const Reply kind, const std::vector<char>& payload) {
  std::vector<char> bytes(1, static_cast<char>(kind));
  bytes.insert(bytes.end(), payload.begin(), payload.end());
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0)
      _exit(3);
    done += n;
  }
}

/// Bytes of address space the process maps now (/proc/self/statm), 0 if unknown.
std::size_t mapped_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  statm >> pages;
  return pages * static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
}

std::vector<char> pack_error(const std::string& where, const std::string& message) {
  return dealii::Utilities::pack(std::make_pair(where, message), false);
}

[[noreturn]] void run_child(const int fd, const ChildLimits& limits,
                            const std::function<std::vector<char>()>& work) {
  // Die with the parent: a child left behind (the run was killed, or timed out) would go on
  // working for nobody.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  const std::size_t mapped = mapped_bytes();
  if (limits.memory > 0 && mapped > 0) {
    const rlimit memory = {mapped + limits.memory, mapped + limits.memory};
    ::setrlimit(RLIMIT_AS, &memory);
  }
  if (limits.cpu_seconds > 0) { // SIGXCPU at the soft limit, SIGKILL a second later
    const rlimit cpu = {limits.cpu_seconds, limits.cpu_seconds + 1};
    ::setrlimit(RLIMIT_CPU, &cpu);
  }
  try {
    write_all(fd, Reply::result, work());
  } catch (const InputError& e) {
    write_all(fd, Reply::input_error, pack_error(e.where(), e.message()));
  } catch (...) {
    write_all(fd, Reply::other_error, pack_error(std::string(), current_exception_message()));
  }
  ::close(fd);
  _exit(0); // no atexit handlers: MPI, PETSc and the libraries' caches belong to the parent
}

std::vector<char> read_all(const int fd) {
  std::vector<char> bytes;
  char buffer[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n > 0)
      bytes.insert(bytes.end(), buffer, buffer + n);
    else if (n == 0 || errno != EINTR)
      return bytes;
  }
}

std::string how_it_died(const int status, const ChildLimits& limits) {
  const int signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
  if (limits.cpu_seconds > 0 && (signal == SIGXCPU || signal == SIGKILL))
    return "the reader did not finish within " + std::to_string(limits.cpu_seconds) +
           " s of CPU time (a damaged file can make the library loop)";
  if (WIFSIGNALED(status)) {
    const char* name = sigabbrev_np(WTERMSIG(status));
    return std::string("the reader failed inside the library (SIG") + (name ? name : "?") +
           ") instead of reporting an error";
  }
  return "the reader stopped (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
}

} // namespace

std::vector<char> run_in_child_process(const std::string& file, const std::string& expected,
                                       const ChildLimits& limits,
                                       const std::function<std::vector<char>()>& work) {
  int fds[2];
  if (::pipe(fds) != 0)
    return work(); // no pipe: work in this process rather than not at all
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return work();
  }
  if (child == 0) {
    ::close(fds[0]);
    run_child(fds[1], limits, work);
  }
  ::close(fds[1]);
  const std::vector<char> bytes = read_all(fds[0]);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  const bool complete = WIFEXITED(status) && WEXITSTATUS(status) == 0 && !bytes.empty();
  if (!complete)
    throw InputError(file, how_it_died(status, limits) + "; expected " + expected);
  std::vector<char> payload(bytes.begin() + 1, bytes.end());
  if (bytes[0] == static_cast<char>(Reply::result))
    return payload;
  const auto [where, message] =
      dealii::Utilities::unpack<std::pair<std::string, std::string>>(payload, false);
  if (bytes[0] == static_cast<char>(Reply::input_error))
    throw InputError(where, message);
  throw InputError(file, message + "; expected " + expected);
}

} // namespace spinefe
