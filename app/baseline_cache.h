// The intact baseline of a spine case, solved once and reused: a case with a corpectomy compares
// its stress-shielding zones and ROM with its intact twin under the same loads. Every case of a
// study that shares the anatomy, tissues, bone quality, ligaments, facets, loads, mesh sizes and
// solver shares one baseline, whatever its implant, instrumentation or output settings.
//
// Key: FNV-1a 64-bit hash of the case's canonical parameters without the sections that do not
// change the intact model (Spine model/Surgery, Implant, Instrumentation; Output; Metrics; the
// implant and rod materials), plus the contents of the anatomy, ligament and material tables and
// the spinefe version and git hash (a code change invalidates every baseline). Entry:
// <cache>/<key>/baseline.h5 (per load case, the bone cells' energy field) and metrics.csv (the
// intact model's metric rows), written into a folder of the writing process's own that is renamed
// into place complete, so a killed run never leaves a half-written baseline; when several
// processes solve the same baseline at once, the first rename wins and the others keep it.
#pragma once

#include "app/case_definition.h"
#include "postprocess/cell_energy_field.h"
#include "postprocess/metrics_table.h"

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace spinefe {

struct Baseline {
  MetricTable metrics;                           ///< model = intact
  std::map<std::string, CellEnergyField> energy; ///< by load case
};

/// The cache key of the intact baseline of `c` (16 hex digits).
std::string baseline_key(const CaseDefinition& c);

/// Whether `cache` holds a complete entry for `key`.
bool has_baseline(const std::filesystem::path& cache, const std::string& key);

/// The entry for `key` in `cache`, if one was stored.
std::optional<Baseline> load_baseline(const std::filesystem::path& cache, const std::string& key);

/// Stores `baseline` under `key` atomically (call on one rank).
void store_baseline(const std::filesystem::path& cache, const std::string& key,
                    const Baseline& baseline);

} // namespace spinefe
