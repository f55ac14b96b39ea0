// Spine-model meshes, built once and reused: building and meshing the T10-L3 construct takes
// 40-60 s, while the cases of a study (implant modulus, bone quality, loads) and the intact
// baseline often share one geometry. A mesh is stored with the products the solver needs
// besides it (the ligament fibres), keyed by everything that determines it: the 'Mesh' and
// 'Spine model' parameters (without Ligaments and Facet joints, which do not change the mesh), the
// surgery, implant and instrumentation actually built, the anatomy table's contents and the
// spinefe version and git hash (FNV-1a 64-bit hash). Entry: <cache>/mesh_<key>.bin, written
// under a temporary name and renamed, so a killed run never leaves a truncated mesh.
#pragma once

#include "app/case_definition.h"
#include "meshing/spine_model.h"

#include <filesystem>
#include <optional>
#include <string>

namespace spinefe {

/// The cache key of the spine mesh of `c`.
std::string spine_mesh_key(const CaseDefinition& c);

/// The file that holds the spine mesh `key` in `cache`.
std::filesystem::path spine_mesh_file(const std::filesystem::path& cache, const std::string& key);

/// The stored mesh and ligament fibres for `key`, if any (other SpineModel fields are empty).
std::optional<SpineModel> load_spine_mesh(const std::filesystem::path& cache,
                                          const std::string& key);

void store_spine_mesh(const std::filesystem::path& cache, const std::string& key,
                      const MeshData& mesh, const std::vector<LigamentFibre>& ligaments);

} // namespace spinefe
