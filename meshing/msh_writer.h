// Writes MeshData as a gmsh MSH 2.2 ASCII file: physical volumes = regions (tag = index + 1),
// physical surfaces = named surfaces (tag = index + 1), linear tetrahedra and triangles. gmsh,
// ParaView and spinefe's own reader read it back with the same regions and surfaces.
#pragma once

#include "meshing/mesh_data.h"

#include <ostream>

namespace spinefe {

void write_msh(const MeshData& mesh, std::ostream& out);

} // namespace spinefe
