// `spinefe run` for a case with crushable-foam regions: the load path of 'Plasticity' on the
// elastoplastic solver, the load-displacement curve with its stiffness and offset yield load, the
// plastic zone, and the fields (displacement, equivalent plastic strain, stresses) of the end
// state.
#pragma once

#include "app/case_definition.h"
#include "core/stage_log.h"
#include "postprocess/run_summary.h"

#include <deal.II/grid/tria.h>

#include <filesystem>
#include <ostream>
#include <string>

namespace spinefe {

/// Runs the load path and writes load_displacement.csv, plasticity.csv and the fields into
/// `dir` (each atomically). Collective. Springs, contact and load cases are not yet combined with
/// plasticity: an InputError says so.
RunSummary run_plastic_model(const CaseDefinition& c, const ProblemDefinition& problem,
                             const dealii::Triangulation<3>& tria, const std::filesystem::path& dir,
                             StageLog& stages, const std::string& label, std::ostream& log,
                             MPI_Comm comm);

} // namespace spinefe
