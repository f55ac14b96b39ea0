// The spine metrics of a run, one row per model, load case, entity and quantity (tidy), written
// as metrics.csv, metrics.json and metrics.h5 and summarised in a compact console table. The
// quantities and their definitions are listed once in the README ("Spine metrics").
//
//   model      instrumented | intact
//   load_case  the 'Load cases' name (or "default")
//   kind       segment | load_share | interface | ssi | implant_stress | facet | disc | run
//   name       the entity: "T12-L2", "implant", "T12_inferior", "T12/endplate_zone", "rods", ...
//   quantity   e.g. flexion_extension [deg], share [-], subsidence_risk_index [-], ssi [-]
#pragma once

#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

namespace spinefe {

struct MetricRow {
  std::string model, load_case, kind, name, quantity, unit;
  double value = 0;
};

using MetricTable = std::vector<MetricRow>;

/// The value of the first row that matches; NaN if there is none.
double find_metric(const MetricTable& table, const std::string& model, const std::string& load_case,
                   const std::string& kind, const std::string& name, const std::string& quantity);

void write_metrics_csv(const MetricTable& table, const std::filesystem::path& file);
void write_metrics_json(const MetricTable& table, const std::filesystem::path& file);
void write_metrics_hdf5(const MetricTable& table, const std::filesystem::path& file);
/// Reads a metrics.csv written by write_metrics_csv.
MetricTable read_metrics_csv(const std::filesystem::path& file);

/// One line per load case with the headline figures (see the README's annotated output).
void print_metrics_table(const MetricTable& table, std::ostream& out);

} // namespace spinefe
