// VTU/PVTU/PVD output of the displacement [mm], stress tensor [MPa], von Mises and principal
// stresses [MPa], strain energy density [MPa = mJ/mm^3], region id and MPI rank. Files are
// written under a temporary directory and moved into place when every rank has finished.
#pragma once

#include "solver/elasticity_solver.h"

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace spinefe {

/// Writes `<dir>/<base>.pvd`, `<dir>/<base>.pvtu` and one `<dir>/<base>_<rank>.vtu` per rank.
/// Returns the PVD path.
std::filesystem::path write_fields(const ElasticitySolver& solver, const std::filesystem::path& dir,
                                   const std::string& base);

/// A named per-cell field (indexed by active_cell_index; owned cells filled).
using CellField = std::pair<std::string, dealii::Vector<float>>;

/// The same files for any displacement field: the displacement [mm], the linear elastic stress
/// measures if `elastic_problem` is given (else none: a plastic solution's stress is not C : eps),
/// the region id and MPI rank, and `cell_fields`.
std::filesystem::path write_displacement_fields(const FESpace& space,
                                                const dealii::PETScWrappers::MPI::Vector& u,
                                                const ProblemDefinition* elastic_problem,
                                                const std::vector<CellField>& cell_fields,
                                                const std::filesystem::path& dir,
                                                const std::string& base);

} // namespace spinefe
