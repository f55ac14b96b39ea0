#include "materials/material_library.h"

#include "core/csv.h"
#include "core/input_error.h"
#include "materials/material_models.h"

#include <algorithm>
#include <cstdlib>

namespace spinefe {

std::string MaterialLibrary::builtin_file() {
  if (const char* dir = std::getenv("SPINEFE_DATA_DIR"))
    return std::string(dir) + "/materials.csv";
  return SPINEFE_MATERIALS_DATA_DIR "/materials.csv";
}

namespace {
MaterialRecord parse_row(const CsvTable& table, const CsvRow& row) {
  MaterialRecord record;
  record.name = row.field.at("name");
  record.model = row.field.at("model");
  record.source = row.field.at("source");
  record.location = file_line(table.file, row.line);
  const MaterialModelInfo* model = find_material_model(record.model);
  if (model == nullptr) {
    std::string known;
    for (const auto& m : registered_material_models())
      known += (known.empty() ? "" : ", ") + m.name;
    throw InputError(record.location,
                     "unknown material model '" + record.model + "'; known models: " + known);
  }
  record.has_elastic_constants = model->linear_elastic;
  if (model->linear_elastic) {
    record.youngs_modulus = table.number(row, "E_MPa");
    record.poisson_ratio = table.number(row, "nu");
    LinearIsotropic(record.name, record.youngs_modulus, record.poisson_ratio); // admissibility
  }
  return record;
}
} // namespace

MaterialLibrary MaterialLibrary::read(const std::string& csv_file) {
  const CsvTable table = CsvTable::read(csv_file, {"name", "model", "E_MPa", "nu", "source"});
  MaterialLibrary library;
  library.file_ = csv_file;
  for (const auto& row : table.rows) {
    try {
      MaterialRecord record = parse_row(table, row);
      if (library.contains(record.name))
        throw InputError(record.location, "material '" + record.name + "' is defined twice");
      library.records_.push_back(std::move(record));
    } catch (const InputError& e) {
      // Admissibility errors name the material; add the table row so the user can fix it.
      if (e.where().rfind(csv_file, 0) == 0)
        throw;
      throw InputError(file_line(csv_file, row.line), e.where() + ": " + e.message());
    }
  }
  return library;
}

std::vector<std::string> MaterialLibrary::names() const {
  std::vector<std::string> names;
  for (const auto& r : records_)
    names.push_back(r.name);
  return names;
}

bool MaterialLibrary::contains(const std::string& name) const {
  return std::any_of(records_.begin(), records_.end(),
                     [&](const MaterialRecord& r) { return r.name == name; });
}

const MaterialRecord& MaterialLibrary::record(const std::string& name) const {
  for (const auto& r : records_)
    if (r.name == name)
      return r;
  std::string known;
  for (const auto& r : records_)
    known += (known.empty() ? "" : ", ") + r.name;
  throw InputError(file_, "no material named '" + name + "'; the library defines: " + known);
}

LinearIsotropic MaterialLibrary::linear_isotropic(const std::string& name) const {
  const MaterialRecord& r = record(name);
  if (!r.has_elastic_constants)
    throw InputError(r.location, "material '" + name + "' uses model '" + r.model +
                                     "', which the linear elastic solver cannot use");
  return LinearIsotropic(r.name, r.youngs_modulus, r.poisson_ratio);
}

} // namespace spinefe
