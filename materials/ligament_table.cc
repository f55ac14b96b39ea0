#include "materials/ligament_table.h"

#include "core/csv.h"
#include "core/input_error.h"

#include <algorithm>
#include <cstdlib>

namespace spinefe {

std::string LigamentTable::builtin_file() {
  if (const char* dir = std::getenv("SPINEFE_DATA_DIR"))
    return std::string(dir) + "/ligaments.csv";
  return SPINEFE_MATERIALS_DATA_DIR "/ligaments.csv";
}

LigamentTable LigamentTable::read(const std::string& csv_file) {
  const CsvTable table = CsvTable::read(
      csv_file, {"name", "E_small_MPa", "transition_strain", "E_large_MPa", "area_mm2", "source"});
  // The slack column is optional, so that tables written before it still read (as taut).
  const bool has_slack =
      std::find(table.columns.begin(), table.columns.end(), "slack_strain") != table.columns.end();
  LigamentTable out;
  out.file_ = csv_file;
  for (const CsvRow& row : table.rows) {
    const std::string where = file_line(csv_file, row.line);
    LigamentProperties p;
    p.name = row.field.at("name");
    p.modulus_small = table.number(row, "E_small_MPa");
    p.transition_strain = table.number(row, "transition_strain");
    p.modulus_large = table.number(row, "E_large_MPa");
    p.area = table.number(row, "area_mm2");
    p.source = row.field.at("source");
    if (has_slack)
      p.slack_strain = table.number(row, "slack_strain");
    const auto positive = [&](const double value, const char* column) {
      if (!(value > 0))
        throw InputError(where, std::string(column) + " of ligament '" + p.name +
                                    "' must be > 0, got " + std::to_string(value));
    };
    positive(p.modulus_small, "E_small_MPa");
    positive(p.modulus_large, "E_large_MPa");
    positive(p.area, "area_mm2");
    if (!(p.transition_strain > 0 && p.transition_strain < 1))
      throw InputError(where, "transition_strain of ligament '" + p.name +
                                  "' must lie in (0, 1), got " +
                                  std::to_string(p.transition_strain));
    if (!(p.slack_strain >= 0 && p.slack_strain < 0.5))
      throw InputError(where, "slack_strain of ligament '" + p.name +
                                  "' must lie in [0, 0.5), got " + std::to_string(p.slack_strain));
    for (const auto& other : out.rows_)
      if (other.name == p.name)
        throw InputError(where, "ligament '" + p.name + "' is defined twice");
    out.rows_.push_back(p);
  }
  return out;
}

const LigamentProperties& LigamentTable::get(const std::string& name) const {
  for (const auto& row : rows_)
    if (row.name == name)
      return row;
  std::string names;
  for (const auto& row : rows_)
    names += (names.empty() ? "" : ", ") + row.name;
  throw InputError(file_, "no ligament '" + name + "' in the table; it has: " + names);
}

} // namespace spinefe
