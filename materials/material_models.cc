#include "materials/material_models.h"

namespace spinefe {

// One line per model. Nonlinear models are known so that tables that list them stay valid; the
// linear solver refuses to assign them to a region.
const std::vector<MaterialModelInfo>& registered_material_models() {
  static const std::vector<MaterialModelInfo> models = {
      {"linear_isotropic", "small-strain Hooke law from E [MPa] and nu [-]", true},
      {"neo_hookean", "compressible neo-Hookean solid (C10, D1); nonlinear, not yet solved", false},
      {"mooney_rivlin", "two-parameter Mooney-Rivlin solid (C10, C01); nonlinear, not yet solved",
       false},
      {"tension_only_rebar", "fibre reinforcement carrying tension only; not yet solved", false},
  };
  return models;
}

const MaterialModelInfo* find_material_model(const std::string& name) {
  for (const auto& model : registered_material_models())
    if (model.name == name)
      return &model;
  return nullptr;
}

} // namespace spinefe
