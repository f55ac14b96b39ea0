// Chooses the reader by file extension: .msh and .geo through gmsh, .inp through the Abaqus reader.
#pragma once

#include "meshing/mesh_data.h"

#include <string>

namespace spinefe {

MeshData read_mesh_file(const std::string& file, double geo_mesh_size = 0);

} // namespace spinefe
