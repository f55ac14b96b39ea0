// Mesh-size fields for the spine model: a global size, refined near thin shells (cortical
// shells, bony endplates and facet processes), at the implant-endplate interfaces, and on the
// screws, tulips and rods. Each refinement grows linearly to the global size over
// `transition` mm (gmsh Distance + Threshold fields; the smallest requested size wins).
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
