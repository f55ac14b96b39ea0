// Writes a mesh for viewing in ParaView or VTK: the tetrahedra with their region and quality, and
// the named surface triangles, as serial VTK XML UnstructuredGrid files (.vtu, ASCII), each with
// a CSV that maps the integer ids stored in the .vtu to the region and surface names (VTK cell
// data cannot carry strings conveniently). All files are written atomically.
#pragma once

#include "meshing/mesh_data.h"

#include <filesystem>

namespace spinefe {

/// Writes the tetrahedra (VTK_TETRA) with cell data Int32 `region_id` (index into region_names)
/// and Float64 `sicn` (see mesh_quality.h) to `file`, and `<stem>_regions.csv` next to it with
/// the columns region_id, region_name, n_tets, volume_mm3.
void write_mesh_vtu(const MeshData& mesh, const std::filesystem::path& file);

/// Writes the named surface triangles (VTK_TRIANGLE) with cell data Int32 `surface_id` (index
/// into surface_names) to `file`, and `<stem>_surfaces.csv` next to it with the columns
/// surface_id, surface_name, n_triangles, area_mm2. Only the nodes of the triangles are written.
void write_surfaces_vtu(const MeshData& mesh, const std::filesystem::path& file);

} // namespace spinefe
