// The named material library: a CSV table (name, model, E_MPa, nu, extra, confidence, source)
// shipped in materials/data/materials.csv and seeded from the published values listed there.
// A case file may point to its own table with the same columns.
#pragma once

#include "materials/linear_isotropic.h"

#include <string>
#include <vector>

namespace spinefe {

struct MaterialRecord {
  std::string name;
  std::string model; ///< a name registered in material_models.cc
  double youngs_modulus = 0;
  double poisson_ratio = 0;
  std::string source;
  std::string location; ///< "file:line" of the row, for error messages
  bool has_elastic_constants = false;
};

class MaterialLibrary {
public:
  /// Reads and checks a table. Rows of linear models must carry E and nu.
  static MaterialLibrary read(const std::string& csv_file);
  /// The table shipped with spinefe ($SPINEFE_DATA_DIR/materials.csv overrides it).
  static std::string builtin_file();

  const std::string& file() const { return file_; }
  std::vector<std::string> names() const;
  bool contains(const std::string& name) const;
  const MaterialRecord& record(const std::string& name) const;
  /// The linear elastic law of `name`; an error if the model is not linear isotropic.
  LinearIsotropic linear_isotropic(const std::string& name) const;

private:
  std::string file_;
  std::vector<MaterialRecord> records_;
};

} // namespace spinefe
