// `include` in case files, resolved by spinefe rather than by deal.II: deal.II opens an included
// file relative to the working directory, so a case that includes a base case that includes
// another breaks unless it is run from the right folder. Here every `include PATH` is resolved
// relative to the file that names it, at any depth, and the files are joined into one text. The
// origin of every joined line is kept, so that deal.II's messages ("Line <N> of file <F>") can be
// turned back into the real file and line.
#pragma once

#include "core/parameter_locator.h"

#include <string>
#include <utility>
#include <vector>

namespace spinefe {

struct ExpandedCase {
  std::string text;
  std::vector<std::pair<std::string, unsigned int>> origin; ///< file and line of each text line
};

/// `file` with its includes inlined, recursively. Throws InputError naming the including file and
/// line for an include that cannot be opened, and for includes nested deeper than 16 (a cycle).
ExpandedCase expand_includes(const std::string& file);

/// `path` made relative to the folder of `including_file` (absolute and empty paths unchanged).
std::string resolve(const std::string& path, const std::string& including_file);

/// The file named by path parameter `key` (value `value`), resolved against the case file that
/// sets it; an InputError at that line if no such file exists ("<what> '<path>' not found").
std::string existing_case_path(const ParameterLocator& locator, const std::string& key,
                               const std::string& value, const std::string& what);

/// `message` with every "Line <N> of file <...>" (N a line of the joined text) replaced by the
/// real "Line <n> of file <file>".
std::string with_original_lines(const std::string& message, const ExpandedCase& expanded);

} // namespace spinefe
