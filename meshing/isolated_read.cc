#include "meshing/isolated_read.h"

#include "core/input_error.h"

#include <deal.II/base/utilities.h>

#include <boost/serialization/array.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <fstream>

namespace boost::serialization {
template <class Archive>
void serialize(Archive& ar, spinefe::MeshData& m, const unsigned int) {
  ar& m.source& m.nodes& m.tets& m.tet_region& m.region_names& m.triangles& m.triangle_surface& m
      .surface_names& m.n_curved_edges_dropped;
}
} // namespace boost::serialization

namespace spinefe {

namespace {

/// What the child sends: a kind byte, then the packed mesh or the packed (where, message).
enum class Reply : char { mesh = 'M', input_error = 'E', other_error = 'X' };

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

[[noreturn]] void run_child(const int fd, const std::size_t memory_allowance,
                            const std::function<MeshData()>& read) {
  // Die with the parent: a reader left behind (the run was killed, or timed out) would go on
  // meshing for nobody.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  const std::size_t mapped = mapped_bytes();
  if (memory_allowance > 0 && mapped > 0) {
    const rlimit limit = {mapped + memory_allowance, mapped + memory_allowance};
    ::setrlimit(RLIMIT_AS, &limit);
  }
  try {
    write_all(fd, Reply::mesh, dealii::Utilities::pack(read(), false));
  } catch (const InputError& e) {
    write_all(fd, Reply::input_error,
              dealii::Utilities::pack(std::make_pair(e.where(), e.message()), false));
  } catch (...) {
    write_all(
        fd, Reply::other_error,
        dealii::Utilities::pack(std::make_pair(std::string(), current_exception_message()), false));
  }
  ::close(fd);
  _exit(0); // no atexit handlers: MPI and PETSc belong to the parent
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

std::string how_it_died(const int status) {
  if (WIFSIGNALED(status)) {
    const char* name = sigabbrev_np(WTERMSIG(status));
    return std::string("the reader failed inside the library (SIG") + (name ? name : "?") +
           ") instead of reporting an error";
  }
  return "the reader stopped (exit status " + std::to_string(WEXITSTATUS(status)) + ")";
}

} // namespace

MeshData read_in_child_process(const std::string& file, const std::string& expected,
                               const std::size_t memory_allowance,
                               const std::function<MeshData()>& read) {
  int fds[2];
  if (::pipe(fds) != 0)
    return read(); // no pipe: read in this process rather than not at all
  std::fflush(nullptr);
  const pid_t child = ::fork();
  if (child < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return read();
  }
  if (child == 0) {
    ::close(fds[0]);
    run_child(fds[1], memory_allowance, read);
  }
  ::close(fds[1]);
  const std::vector<char> bytes = read_all(fds[0]);
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  const bool complete = WIFEXITED(status) && WEXITSTATUS(status) == 0 && !bytes.empty();
  if (!complete)
    throw InputError(file, how_it_died(status) + "; expected " + expected);
  const std::vector<char> payload(bytes.begin() + 1, bytes.end());
  if (bytes[0] == static_cast<char>(Reply::mesh))
    return dealii::Utilities::unpack<MeshData>(payload, false);
  const auto [where, message] =
      dealii::Utilities::unpack<std::pair<std::string, std::string>>(payload, false);
  if (bytes[0] == static_cast<char>(Reply::input_error))
    throw InputError(where, message);
  throw InputError(file, message + "; expected " + expected);
}

} // namespace spinefe
