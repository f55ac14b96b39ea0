// The per-level anatomy of the parametric T10-L3 spine model: body, endplate, pedicle, canal,
// disc, facet and process dimensions, read from a CSV table (meshing/data/anatomy_t10_l3.csv,
// documented in meshing/data/README.md) so that the geometry carries no numbers in code and a
// patient-specific table can replace the representative one. Reading checks every value against
// broad adult ranges and simple anatomical relations, so a typo fails with file:line instead of
// producing a self-intersecting geometry later.
#pragma once

#include <string>
#include <vector>

namespace spinefe {

/// Dimensions of one vertebral level and the disc below it. Lengths in mm, angles in degrees.
struct LevelAnatomy {
  std::string name;       ///< "T10" ... "L3"
  unsigned int line = 0;  ///< line in the table, for messages
  double body_height = 0; ///< mid-body height
  double endplate_width_sup = 0, endplate_depth_sup = 0;
  double endplate_width_inf = 0, endplate_depth_inf = 0;
  double pedicle_width = 0, pedicle_height = 0;
  double pedicle_transverse_angle = 0; ///< medial convergence, degrees
  double canal_width = 0, canal_depth = 0;
  double body_wedge = 0;        ///< degrees, positive = anterior shorter (kyphotic)
  double disc_below_height = 0; ///< mid-disc height of the disc below
  double disc_below_wedge = 0;  ///< degrees, positive = kyphotic
  /// Facet joint plane to the sagittal plane, transverse view (0 sagittal, 90 coronal).
  double facet_angle = 0;
  /// Facet joint plane to the vertical, sagittal view: positive turns the superior articular
  /// face cranially, so that the inferior process rests on it from above and behind.
  double facet_inclination = 0;
  double spinous_length = 0, transverse_process_length = 0;
  double spinous_inclination = 0; ///< caudal slope of the spinous process, degrees
};

class AnatomyTable {
public:
  /// Reads and checks a table; throws InputError("file:line", ...) on any problem.
  static AnatomyTable read(const std::string& file);
  /// The built-in table meshing/data/anatomy_t10_l3.csv (SPINEFE_DATA_DIR overrides the folder,
  /// as for materials).
  static std::string builtin_file();

  const std::string& file() const { return file_; }
  const std::vector<LevelAnatomy>& levels() const { return levels_; } ///< cranial to caudal
  const LevelAnatomy& level(const std::string& name) const; ///< throws InputError for unknown names

private:
  std::string file_;
  std::vector<LevelAnatomy> levels_;
};

/// The levels the model needs, cranial to caudal.
const std::vector<std::string>& spine_level_names(); // {"T10","T11","T12","L1","L2","L3"}

} // namespace spinefe
