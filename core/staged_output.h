// A whole run's output, staged: every file of a run is written into a hidden folder inside the
// output directory and moved into place only when the run has finished. A run that fails half-way
// (a full disk, a file-size quota, a solver error in the last load case) then leaves the results
// of an earlier run in that directory complete and consistent, instead of a mix of old and new
// files. Each file is still written atomically (core/atomic_file.h) inside the staging folder.
#pragma once

#include <mpi.h>

#include <filesystem>
#include <string>

namespace spinefe {

class StagedOutput {
public:
  /// Rank 0 names the staging folder "<target>/.staging.tmp.<host>-<pid>" and every rank of `comm`
  /// learns the name; nothing is created until the run writes its first file.
  StagedOutput(const std::filesystem::path& target, MPI_Comm comm);
  /// Removes the staging folder if the run did not commit (rank 0).
  ~StagedOutput();
  StagedOutput(const StagedOutput&) = delete;
  StagedOutput& operator=(const StagedOutput&) = delete;

  /// Where the run writes its files.
  const std::filesystem::path& path() const { return staging_; }
  /// The directory the results end up in.
  const std::filesystem::path& target() const { return target_; }
  /// Rank 0 moves every staged file to the same relative path under the target, replacing the
  /// earlier version, and removes the staging folder (and those of killed runs on this host).
  /// Throws an error naming the file that could not be moved.
  void commit();
  /// `text` with the staging folder's path replaced by the target's: an error about a staged file
  /// names the file the user asked for ("out/flexion/summary.h5"), not the hidden folder, which
  /// is gone by the time the message is read.
  std::string in_target_terms(std::string text) const;
  /// True once the run has written anything (rank 0's view): only then can a failure have cost
  /// the user output, and only then is it worth saying that the earlier results are unchanged.
  bool has_staged_files() const;

private:
  std::filesystem::path target_;
  std::filesystem::path staging_;
  bool root_ = false;
  bool committed_ = false;
};

} // namespace spinefe
