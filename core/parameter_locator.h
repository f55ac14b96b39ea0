// Maps a parameter path ("Boundary conditions/Fixed") back to the line of the case file that set
// it. deal.II's ParameterHandler reports lines for syntax and pattern errors; checks that need the
// mesh or the material library run later and use this to point at the offending line.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace spinefe {

class ParameterLocator {
public:
  ParameterLocator() = default;
  /// Scans `file` (and the files it includes) for `subsection`/`end`/`set` lines. A missing
  /// file gives an empty locator.
  explicit ParameterLocator(const std::string& file);

  /// "case.prm:12" where the parameter was set, or "case.prm, parameter 'A/B' (default value)"
  /// when the file does not set it.
  std::string where(const std::string& path) const;

  const std::string& file() const { return file_; }

  /// The file that set `path` (an included file, say), or the top file if none did. Relative
  /// paths given as values are relative to this file.
  std::string file_of(const std::string& path) const;

private:
  void scan(const std::string& file, std::vector<std::string> sections, int depth);

  std::string file_;
  std::map<std::string, std::pair<std::string, unsigned int>> set_at_;
};

} // namespace spinefe
