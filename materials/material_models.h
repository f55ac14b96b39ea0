// Registry of constitutive model names that may appear in a material table, each with a one-line
// description. The registry validates tables and documents the models (`spinefe info --materials`).
#pragma once

#include <string>
#include <vector>

namespace spinefe {

struct MaterialModelInfo {
  std::string name;
  std::string description;
  bool linear_elastic; ///< usable by the small-strain linear solver
};

const std::vector<MaterialModelInfo>& registered_material_models();
const MaterialModelInfo* find_material_model(const std::string& name);

} // namespace spinefe
