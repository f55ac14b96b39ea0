// Where a case's mesh comes from: a mesh file (Mesh/Source = file) or the parametric T10-L3
// model built in memory (Mesh/Source = spine-model). Runs on one rank.
#pragma once

#include "app/case_definition.h"
#include "meshing/mesh_data.h"
#include "meshing/spine_model.h"

#include <ostream>

namespace spinefe {

/// Reads or builds the mesh and prints a one-line summary to `log`. A spine model also gets its
/// quality table and check (Spine model/Mesh sizes/Minimum quality); its other products
/// (ligaments, screws, landmarks) go to `spine` if given, with an empty mesh.
MeshData case_mesh(const CaseDefinition& c, std::ostream& log, SpineModel* spine = nullptr);

} // namespace spinefe
