// The readers spinefe applies to user files, each with its seed inputs: the files in tests/data,
// cases/, meshing/data and materials/data that the reader accepts (or rejects) today.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace spinefe::fuzz {

struct FuzzTarget {
  std::string name;                    ///< "gmsh_msh"
  std::string extension;               ///< of the temporary input file: ".msh"
  std::vector<std::string> seed_files; ///< absolute paths
  /// Reads `file` as spinefe does; throws InputError for a bad file.
  std::function<void(const std::string& file)> read;
};

/// Every reader, with its seeds found under `source_dir`.
std::vector<FuzzTarget> fuzz_targets(const std::string& source_dir);

/// The seed texts of `target`. In text formats, relative paths to existing files (an include, a
/// mesh, a base case) are made absolute, so that a mutated copy in a temporary directory still
/// reaches them and the reader gets past the first line.
std::vector<std::string> load_seeds(const FuzzTarget& target);

} // namespace spinefe::fuzz
