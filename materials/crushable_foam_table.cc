#include "materials/crushable_foam_table.h"

#include "core/csv.h"
#include "core/input_error.h"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace spinefe {

std::string CrushableFoamTable::builtin_file() {
  if (const char* dir = std::getenv("SPINEFE_DATA_DIR"))
    return std::string(dir) + "/crushable_foam.csv";
  return SPINEFE_MATERIALS_DATA_DIR "/crushable_foam.csv";
}

HardeningCurve parse_hardening_curve(const std::string& where, const std::string& text) {
  std::istringstream in(text);
  std::vector<double> strain, stress;
  std::string pair;
  while (in >> pair) {
    const auto colon = pair.find(':');
    std::size_t used_a = 0, used_b = 0;
    try {
      if (colon == std::string::npos)
        throw std::invalid_argument("no colon");
      strain.push_back(std::stod(pair.substr(0, colon), &used_a));
      stress.push_back(std::stod(pair.substr(colon + 1), &used_b));
    } catch (const std::exception&) {
      used_a = 0;
    }
    if (used_a == 0 || used_a != colon || colon + 1 + used_b != pair.size())
      throw InputError(where, "hardening entry '" + pair +
                                  "': expected plastic strain:yield stress [MPa], e.g. 0.5:2.6");
  }
  return HardeningCurve(where, strain, stress);
}

CrushableFoamTable CrushableFoamTable::read(const std::string& csv_file) {
  const CsvTable table =
      CsvTable::read(csv_file, {"name", "E_MPa", "nu", "k", "nu_p", "hardening", "source"});
  CrushableFoamTable result;
  result.file_ = csv_file;
  for (const auto& row : table.rows) {
    const std::string where = file_line(csv_file, row.line);
    CrushableFoamParameters m;
    m.name = row.field.at("name");
    if (result.contains(m.name))
      throw InputError(where, "material '" + m.name + "' is defined twice");
    m.youngs_modulus = table.number(row, "E_MPa");
    m.poisson_ratio = table.number(row, "nu");
    m.yield_stress_ratio = table.number(row, "k");
    m.plastic_poisson_ratio = table.number(row, "nu_p");
    m.hardening = parse_hardening_curve(where, row.field.at("hardening"));
    try {
      m.check();
    } catch (const InputError& e) {
      throw InputError(where, e.where() + ": " + e.message());
    }
    result.materials_.push_back(std::move(m));
  }
  return result;
}

bool CrushableFoamTable::contains(const std::string& name) const {
  return std::any_of(materials_.begin(), materials_.end(),
                     [&](const CrushableFoamParameters& m) { return m.name == name; });
}

const CrushableFoamParameters& CrushableFoamTable::parameters(const std::string& name) const {
  for (const auto& m : materials_)
    if (m.name == name)
      return m;
  throw InputError(file_, "no crushable-foam material '" + name + "'");
}

std::vector<std::string> CrushableFoamTable::names() const {
  std::vector<std::string> names;
  for (const auto& m : materials_)
    names.push_back(m.name);
  return names;
}

} // namespace spinefe
