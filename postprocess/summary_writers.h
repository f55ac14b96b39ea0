// Writes a RunSummary as CSV (tidy: one row per entity and quantity), JSON and HDF5. Each file is
// written atomically (temporary name, then rename). Call on one rank only.
#pragma once

#include "postprocess/run_summary.h"

#include <filesystem>

namespace spinefe {

void write_summary_csv(const RunSummary& summary, const std::filesystem::path& file);
void write_summary_json(const RunSummary& summary, const std::filesystem::path& file);
void write_summary_hdf5(const RunSummary& summary, const std::filesystem::path& file);

/// The console report: regions, surfaces, solver and timing, with units.
void print_summary(const RunSummary& summary, std::ostream& out);

} // namespace spinefe
