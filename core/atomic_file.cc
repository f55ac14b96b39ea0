#include "core/atomic_file.h"

#include "core/input_error.h"

#include <unistd.h>

#include <fstream>
#include <string>
#include <system_error>

namespace spinefe {

namespace fs = std::filesystem;

namespace {
/// "<host>-<pid>": unique among the processes that may write one shared folder at once (array
/// tasks of a study on several nodes, concurrent runs filling one cache).
std::string writer_id() {
  char host[256] = {0};
  if (gethostname(host, sizeof(host) - 1) != 0)
    host[0] = '\0';
  return std::string(host) + "-" + std::to_string(getpid());
}
} // namespace

fs::path temporary_path(const fs::path& target) {
  // Not cached: a forked child must not share its parent's names.
  fs::path tmp = target;
  tmp += ".tmp." + writer_id();
  return tmp;
}

void commit_temporary(const fs::path& target) {
  std::error_code ec;
  fs::rename(temporary_path(target), target, ec);
  if (ec)
    throw InputError(target.string(), "cannot move the finished file into place: " + ec.message());
}

void write_text_atomically(const fs::path& target,
                           const std::function<void(std::ostream&)>& write) {
  {
    std::ofstream out(temporary_path(target));
    if (!out)
      throw InputError(target.string(), "cannot open the file for writing");
    out.precision(10);
    write(out);
    out.flush();
    if (!out) {
      out.close();
      std::error_code ignored; // no truncated temporary is left behind
      fs::remove(temporary_path(target), ignored);
      throw InputError(target.string(), "writing failed (disk full or file-size limit?)");
    }
  }
  commit_temporary(target);
}

void ensure_directory(const fs::path& dir) {
  if (dir.empty())
    return;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec || !fs::is_directory(dir))
    throw InputError(dir.string(), "cannot create the output directory: " + ec.message());
}

} // namespace spinefe
