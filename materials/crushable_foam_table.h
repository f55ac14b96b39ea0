// The crushable-foam material table (materials/data/crushable_foam.csv): cancellous bone of each
// quality and the polyurethane bone analogues of ASTM F1839, with their sources. Columns:
//   name, E_MPa, nu, k (= sigma_c0 / p_c0), nu_p (plastic Poisson's ratio),
//   hardening ("strain:stress" pairs [-:MPa], separated by spaces, from strain 0), confidence,
//   source.
// A case assigns one to a region by name, like a linear material (Materials/Region materials);
// that region is then solved as plastic (solver/elastoplastic_solver.h).
#pragma once

#include "materials/crushable_foam.h"

#include <string>
#include <vector>

namespace spinefe {

class CrushableFoamTable {
public:
  /// Reads and checks a table; an error names the file and line.
  static CrushableFoamTable read(const std::string& csv_file);
  /// The table shipped with spinefe ($SPINEFE_DATA_DIR/crushable_foam.csv overrides it).
  static std::string builtin_file();

  const std::string& file() const { return file_; }
  bool contains(const std::string& name) const;
  /// An error naming the table if `name` is not in it.
  const CrushableFoamParameters& parameters(const std::string& name) const;
  std::vector<std::string> names() const;

private:
  std::string file_;
  std::vector<CrushableFoamParameters> materials_;
};

/// Parses "0:2.1 0.5:2.6" into a hardening curve; an error names `where`.
HardeningCurve parse_hardening_curve(const std::string& where, const std::string& text);

} // namespace spinefe
