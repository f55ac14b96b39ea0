// The anterior-column implants that bridge an L1 corpectomy, from the T12 inferior endplate to
// the L2 superior endplate:
//  - titanium mesh cage: a tube of given outer diameter and wall thickness, its ends cut flush
//    with both endplate planes, on the axis joining the endplate centroids;
//  - 3D-printed artificial vertebral body: two endcaps of the requested area (a circle, or the
//    endplate outline scaled to that area) and thickness, each flush with its endplate, joined by
//    a core whose cross-section is a fraction of the endcap area.
// Impossible geometry (an endcap or cage outside the endplate, a gap too short) is an InputError
// naming the parameter.
#pragma once

#include "meshing/spine_layout.h"
#include "meshing/spine_model_spec.h"

#include <string>
#include <utility>
#include <vector>

namespace spinefe {

struct ImplantSolids {
  std::vector<std::pair<std::string, int>> parts;              ///< region name, OCC volume
  double superior_contact_area = 0, inferior_contact_area = 0; ///< from the CAD faces, mm^2
  double gap_height = 0; ///< distance between the endplate centroids, mm
};

/// Names of the endplates the implant sits on, and of their contact surfaces.
inline const char* superior_interface_name = "interface/T12_inferior";
inline const char* inferior_interface_name = "interface/L2_superior";

ImplantSolids build_implant(const SpineModelSpec& spec, const SpineLayout& layout);

} // namespace spinefe
