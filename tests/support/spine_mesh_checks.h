// Shared set-up and mesh queries for the spine-model tests: a coarse but valid resolution, and
// the face adjacency of a MeshData (which tetrahedra share each triangle).
#pragma once

#include "meshing/mesh_data.h"
#include "meshing/spine_model_spec.h"

#include <array>
#include <map>
#include <string>
#include <vector>

namespace spinefe::testing {

/// The default model at the coarsest resolution that still meshes robustly (about 280k tets).
SpineModelSpec coarse_spine_spec();

using Face = std::array<unsigned int, 3>; ///< sorted node indices

/// Every triangle of every tetrahedron, with the tetrahedra that have it (1 or 2).
std::map<Face, std::vector<unsigned int>> face_adjacency(const MeshData& mesh);

Face sorted_face(const std::array<unsigned int, 3>& nodes);

/// Total area of the named surface's triangles, mm^2.
double surface_area(const MeshData& mesh, const std::string& surface);

/// Volume of a region, mm^3.
double region_volume(const MeshData& mesh, const std::string& region);

/// Sum of the signed tetrahedron volumes [mm^3]: an inverted element lowers it.
double total_volume(const MeshData& mesh);

unsigned int region_index(const MeshData& mesh, const std::string& region);

} // namespace spinefe::testing
