#include "materials/material_choice.h"

#include "core/input_error.h"
#include "materials/porous_implant.h"

#include <algorithm>
#include <stdexcept>

namespace spinefe {

bool is_role_material(const std::string& name) {
  const auto& tissues = bone_tissues();
  return name == "implant" || name == "rod" || name == "graft" ||
         std::find(tissues.begin(), tissues.end(), name) != tissues.end();
}

double implant_modulus(const MaterialChoices& choices, const MaterialLibrary& library) {
  if (choices.implant_modulus > 0)
    return choices.implant_modulus;
  if (choices.implant_porosity > 0) {
    const double solid = library.linear_isotropic(choices.implant_solid).youngs_modulus();
    try {
      return gibson_ashby_modulus(solid, choices.implant_porosity);
    } catch (const std::invalid_argument& e) {
      throw InputError("Materials/Implant porosity", e.what());
    }
  }
  return library.linear_isotropic(choices.implant_material).youngs_modulus();
}

double implant_porosity(const MaterialChoices& choices, const MaterialLibrary& library) {
  if (choices.implant_porosity > 0)
    return choices.implant_porosity;
  const double solid = library.linear_isotropic(choices.implant_solid).youngs_modulus();
  return lattice_porosity(implant_modulus(choices, library), solid);
}

LinearIsotropic ingrown_implant(const MaterialChoices& choices, const MaterialLibrary& library) {
  const LinearIsotropic lattice = choose_material("implant", choices, library);
  if (choices.ingrowth_fraction == 0)
    return lattice;
  const double bone_fraction = choices.ingrowth_fraction * implant_porosity(choices, library);
  return ingrown_lattice(lattice, choose_material("graft", choices, library), bone_fraction);
}

LinearIsotropic choose_material(const std::string& name, const MaterialChoices& choices,
                                const MaterialLibrary& library) {
  if (name == "rod")
    return library.linear_isotropic(choices.rod_material);
  if (name == "implant") {
    const bool porous = choices.implant_modulus > 0 || choices.implant_porosity > 0;
    const LinearIsotropic base =
        library.linear_isotropic(porous ? choices.implant_solid : choices.implant_material);
    if (!porous)
      return base;
    return LinearIsotropic("implant", implant_modulus(choices, library), base.poisson_ratio());
  }
  if (name == "graft")
    return library.linear_isotropic(graft_library_entry(choices.graft_stage));
  if (is_role_material(name))
    return bone_material(library, name, choices.bone_quality);
  return library.linear_isotropic(name);
}

} // namespace spinefe
