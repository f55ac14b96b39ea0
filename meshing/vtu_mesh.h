// Meshes as VTK XML unstructured grids (.vtu), the format of many segmentation and meshing tools
// (3D Slicer, ParaView, meshio), read and written with the VTK library (any encoding VTK writes:
// ascii, binary, appended, compressed).
//
// Content: tetrahedra (VTK_TETRA, or VTK_QUADRATIC_TETRA, read as their four corners with the
// mid-side nodes checked as for .msh) make the regions; triangles (VTK_TRIANGLE or
// VTK_QUADRATIC_TRIANGLE) are the named surfaces. Names come from either
//   * an integer cell-data array `region_id`: for a tetrahedron an index into the field-data
//     string array `region_names`, for a triangle an index into `surface_names`; or
//   * a string cell-data array `region`: the region (tetrahedra) or surface (triangles) name.
// Other cell types are an error naming the type. `spinefe mesh` writes `mesh.vtu` in the first
// form, so a mesh can go out to a tool and come back.
#pragma once

#include "meshing/mesh_data.h"

#include <filesystem>
#include <string>

namespace spinefe {

/// Throws InputError (naming the file and what was expected) for unreadable or incomplete input.
MeshData read_vtu_mesh(const std::string& file);

/// Writes tetrahedra and named triangles with `region_id`, `region_names` and `surface_names`,
/// atomically (temporary name, then rename).
void write_vtu_mesh(const MeshData& mesh, const std::filesystem::path& file);

} // namespace spinefe
