// Mesh-size fields for the spine model: a global size, refined in the thin shells (cortical
// shells and bony endplates), in the posterior elements (1.5 x the shell size), in the implant
// (the interface size) and in the screws, tulips and rods. Sizes hold inside those regions and
// on their boundaries; the 3D mesher grades them to the global size elsewhere.
#pragma once

#include "meshing/spine_model_spec.h"

#include <string>
#include <utility>
#include <vector>

namespace spinefe {

/// `regions` are the region names with their OCC volumes (after the assembly is synchronised).
void set_spine_mesh_sizes(const SpineMeshSizes& sizes,
                          const std::vector<std::pair<std::string, std::vector<int>>>& regions);

} // namespace spinefe
