// Ligament properties for the tension-only springs of the spine model: a bilinear law per
// ligament type (ALL, PLL, LF, ISL, SSL, ITL, CL) from materials/data/ligaments.csv, seeded from
// the project's specification (BMC Musculoskelet Disord 11:151 (2010), Tab. 3; CL from
// PMC5592017 with its area from BMC Musculoskelet Disord 14:281).
//
// Columns: name, E_small_MPa (modulus up to the transition strain), transition_strain,
// E_large_MPa (beyond it), area_mm2 (cross-section of the whole ligament at one level),
// failure_N (may be empty), confidence, source, and optionally slack_strain (default 0): the
// ligament's laxity at the neutral posture, as a strain of the attachment distance L0. A ligament
// split into n fibres becomes n springs (mechanics/ligament_springs.h), each with
//   k1 = E_small A / (n L),  k2 = E_large A / (n L),  delta_t = transition_strain L,
//   delta_s = L - L0 = slack_strain L0,  L = (1 + slack_strain) L0 its zero-force length.
#pragma once

#include <string>
#include <vector>

namespace spinefe {

struct LigamentProperties {
  std::string name;
  double modulus_small = 0, transition_strain = 0, modulus_large = 0, area = 0;
  double slack_strain = 0; ///< laxity at the neutral posture, [0, 0.5)
  std::string source;
};

class LigamentTable {
public:
  /// Reads and checks the table: every modulus and area > 0, the transition strain in (0, 1),
  /// names unique; errors name file:line.
  static LigamentTable read(const std::string& csv_file);
  /// materials/data/ligaments.csv (or $SPINEFE_DATA_DIR/ligaments.csv).
  static std::string builtin_file();

  /// The ligament `name`; an InputError listing the table's ligaments otherwise.
  const LigamentProperties& get(const std::string& name) const;
  const std::string& file() const { return file_; }

private:
  std::string file_;
  std::vector<LigamentProperties> rows_;
};

} // namespace spinefe
