#include "core/staged_output.h"

#include "core/atomic_file.h"
#include "core/input_error.h"

#include <deal.II/base/mpi.h>

#include <signal.h>

#include <cerrno>
#include <string>
#include <system_error>
#include <vector>

namespace spinefe {

namespace fs = std::filesystem;

namespace {
/// Staging folders in `target` left by runs on this host that were killed (their process is gone):
/// a killed run cannot clean up after itself, so the next run that finishes there does.
void remove_orphaned_staging(const fs::path& target) {
  const std::string own = temporary_path(fs::path()).string(); // ".tmp.<host>-<pid>"
  const std::string host_prefix = ".staging" + own.substr(0, own.rfind('-') + 1);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(target, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(host_prefix, 0) != 0)
      continue;
    const std::string pid = name.substr(host_prefix.size());
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos)
      continue;
    if (::kill(static_cast<pid_t>(std::stol(pid)), 0) != 0 && errno == ESRCH)
      fs::remove_all(entry.path(), ec);
  }
}

} // namespace

StagedOutput::StagedOutput(const fs::path& target, const MPI_Comm comm) : target_(target) {
  root_ = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
  // "<target>/.staging.tmp.<host>-<pid>": unique per writing process (core/atomic_file.h), and
  // the leading dot keeps it out of the way of scripts that glob the results.
  const std::string name = root_ ? ".staging" + temporary_path(fs::path()).string() : "";
  staging_ = target_ / dealii::Utilities::MPI::broadcast(comm, name, 0);
}

StagedOutput::~StagedOutput() {
  if (root_ && !committed_) {
    std::error_code ignored; // best effort: an error is already on its way to the user
    fs::remove_all(staging_, ignored);
  }
}

bool StagedOutput::has_staged_files() const {
  std::error_code ec;
  return fs::exists(staging_, ec);
}

void StagedOutput::commit() {
  committed_ = true;
  if (!root_ || !fs::exists(staging_))
    return;
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(staging_))
    if (entry.is_regular_file())
      files.push_back(fs::relative(entry.path(), staging_));
  for (const fs::path& file : files) {
    const fs::path destination = target_ / file;
    ensure_directory(destination.parent_path());
    std::error_code ec;
    fs::rename(staging_ / file, destination, ec);
    if (ec)
      throw InputError(destination.string(),
                       "cannot move the finished result into place: " + ec.message());
  }
  fs::remove_all(staging_);
  remove_orphaned_staging(target_);
}

std::string StagedOutput::in_target_terms(std::string text) const {
  const std::string from = staging_.string(), to = target_.string();
  for (auto at = text.find(from); !from.empty() && at != std::string::npos;
       at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

} // namespace spinefe
