// Atomic output: every result file is written under a temporary name in its final directory and
// renamed into place only when complete, so a failed or killed run never leaves a truncated file
// and never damages the results of an earlier run (rename(2) is atomic within one file system).
#pragma once

#include <filesystem>
#include <functional>
#include <ostream>

namespace spinefe {

/// The temporary name used while `target` is being written: "<target>.tmp.<host>-<pid>", one per
/// writing process, so that processes writing the same target at once (array tasks sharing a
/// cache) never write into one file; each renames a complete file, and the last rename wins.
std::filesystem::path temporary_path(const std::filesystem::path& target);

/// Renames the finished temporary file onto `target`, replacing any earlier version.
void commit_temporary(const std::filesystem::path& target);

/// Writes a text file atomically; `write` fills the stream. Throws if the file cannot be written.
void write_text_atomically(const std::filesystem::path& target,
                           const std::function<void(std::ostream&)>& write);

/// Creates `dir` (and parents) or throws an error that names it.
void ensure_directory(const std::filesystem::path& dir);

} // namespace spinefe
