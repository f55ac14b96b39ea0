// VTU/PVTU/PVD output of the displacement [mm], stress tensor [MPa], von Mises and principal
// stresses [MPa], strain energy density [MPa = mJ/mm^3], region id and MPI rank. Files are
// written under a temporary directory and moved into place when every rank has finished.
#pragma once

#include "solver/elasticity_solver.h"

#include <filesystem>
#include <string>

namespace spinefe {

/// Writes `<dir>/<base>.pvd`, `<dir>/<base>.pvtu` and one `<dir>/<base>_<rank>.vtu` per rank.
/// Returns the PVD path.
std::filesystem::path write_fields(const ElasticitySolver& solver, const std::filesystem::path& dir,
                                   const std::string& base);

} // namespace spinefe
