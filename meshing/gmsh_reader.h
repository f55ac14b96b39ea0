// Reads meshes through the gmsh API: .msh (format 2 and 4, ASCII or binary) and .geo scripts,
// which are meshed in 3D on the fly. Physical volumes become regions and physical surfaces become
// named surfaces, by their physical names.
#pragma once

#include "meshing/mesh_data.h"

#include <string>

namespace spinefe {

/// Reads `file` (.msh or .geo); use read_mesh_file, which checks that the file exists first.
/// `mesh_size` > 0 overrides the characteristic length of a .geo.
MeshData read_gmsh_file(const std::string& file, double mesh_size = 0);

/// Extracts the tetrahedra, regions and named surfaces of gmsh's current model (which must be
/// meshed). Volumes without a physical group are not part of the model; a model with no physical
/// volume at all takes each volume entity as region "volume_<tag>".
MeshData mesh_from_gmsh_model(const std::string& source);

} // namespace spinefe
