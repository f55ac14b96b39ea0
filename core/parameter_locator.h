// Maps a parameter path ("Boundary conditions/Fixed") back to the line of the case file that set
// it. deal.II's ParameterHandler reports lines for syntax and pattern errors; checks that need the
// mesh or the material library run later and use this to point at the offending line.
#pragma once

#include <map>
#include <string>

namespace spinefe {

class ParameterLocator {
public:
  ParameterLocator() = default;
  /// Scans `file` for `subsection`/`end`/`set` lines. A missing file gives an empty locator.
  explicit ParameterLocator(const std::string& file);

  /// "case.prm:12" where the parameter was set, or "case.prm, parameter 'A/B' (default value)"
  /// when the file does not set it.
  std::string where(const std::string& path) const;

  const std::string& file() const { return file_; }

private:
  std::string file_;
  std::map<std::string, unsigned int> line_of_;
};

} // namespace spinefe
