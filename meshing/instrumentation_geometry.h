// Posterior instrumentation: a pedicle screw on each side of every instrumented level (T10,
// T11, T12, L2, L3), a tulip head on each, and a rod per side contoured through the heads.
// Each screw follows its pedicle axis (vertebra_geometry.h) from the entry point on the lateral
// mass into the body. A screw whose shaft leaves the bone is an InputError with the breach volume.
#pragma once

#include "meshing/spine_layout.h"
#include "meshing/spine_model_spec.h"
#include "meshing/vertebra_geometry.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace spinefe {

struct ScrewReport {
  std::string name; ///< "screw_T10_left"
  double diameter = 0, length = 0;
  double outside_volume = 0; ///< shaft volume outside the vertebra's bone, mm^3
  double shaft_volume = 0;
};

struct InstrumentationSolids {
  std::vector<std::pair<std::string, int>> parts; ///< region name, OCC volume
  std::vector<ScrewReport> screws;
  /// Solids that the PMMA pots must keep clear of (heads and rods, grown by the clearance),
  /// by the level whose pot they may reach.
  std::map<std::string, std::vector<int>> pot_clearance;
};

/// The levels that carry screws: every present level except the resected one.
std::vector<std::string> instrumented_levels(const SpineLayout& layout,
                                             const std::string& resected);

InstrumentationSolids build_instrumentation(const SpineModelSpec& spec, const SpineLayout& layout,
                                            const std::map<std::string, VertebraSolids>& vertebrae);

} // namespace spinefe
