#include "meshing/mesh_reader.h"

#include "core/input_error.h"
#include "meshing/abaqus_reader.h"
#include "meshing/gmsh_reader.h"
#include "meshing/vtu_mesh.h"

#include <filesystem>

namespace spinefe {

MeshData read_mesh_file(const std::string& file, const double geo_mesh_size) {
  if (!std::filesystem::is_regular_file(file))
    throw InputError(file, "mesh file not found");
  const std::string ext = std::filesystem::path(file).extension().string();
  if (ext == ".msh" || ext == ".geo")
    return read_gmsh_file(file, geo_mesh_size);
  if (ext == ".inp")
    return read_abaqus_file(file);
  if (ext == ".vtu")
    return read_vtu_mesh(file);
  throw InputError(file, "unknown mesh format '" + ext + "'; expected .msh, .geo, .inp or .vtu");
}

} // namespace spinefe
