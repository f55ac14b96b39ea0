// The comparison of several load cases of one run (Boundary conditions/Load cases): a compact
// console table and a tidy CSV, one row per load case and figure.
#pragma once

#include "postprocess/run_summary.h"

#include <filesystem>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace spinefe {

using LoadCaseResults = std::vector<std::pair<std::string, RunSummary>>;

/// load_cases.csv: `load_case,kind,name,quantity,unit,value` with every segment's three angles
/// [deg], the largest displacement [mm], the CG iterations of the last solve, and the taut
/// ligament fibres. Written atomically.
void write_load_cases_csv(const LoadCaseResults& results, const std::filesystem::path& file);

/// One line per load case: the rotation of the first rigid body relative to the last (T10-L3)
/// about the three anatomical axes, the largest displacement and the taut fibres.
void print_load_case_table(const LoadCaseResults& results, std::ostream& out);

} // namespace spinefe
