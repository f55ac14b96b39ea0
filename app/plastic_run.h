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

/// Runs the load path and writes into `dir` (each atomically) plasticity.csv, the fields, and
/// the curves: load_displacement.csv for a displacement-driven bench test (a curve surface), and
/// load_subsidence.csv with subsidence.csv for a spine model whose endcaps are in contact, under
/// the follower load times the load factor (`bodies`: the vertebral bodies, whose rigid motion the
/// subsidence depth is measured against). Collective. Load cases are not yet combined with
/// plasticity: an InputError says so.
RunSummary run_plastic_model(const CaseDefinition& c, const ProblemDefinition& problem,
                             const dealii::Triangulation<3>& tria,
                             const std::vector<RigidBodyDefinition>& bodies,
                             const std::filesystem::path& dir, StageLog& stages,
                             const std::string& label, std::ostream& log, MPI_Comm comm);

} // namespace spinefe
