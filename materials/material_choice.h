// The materials a case names by role rather than by library entry, so that a study can vary bone
// quality, implant stiffness and rod material with one parameter each (case-file section
// "Materials"):
//
//   cancellous_bone, cortical_bone,   the bone tissue at the case's 'Bone quality'
//   bony_endplate, posterior_elements (materials/bone_quality.h: normal, osteopenic,
//                                      osteoporotic; Polikeit et al. 2003 reductions)
//   implant                           the implant: 'Implant modulus' [MPa] if > 0, else the
//                                     Gibson-Ashby modulus of 'Implant porosity' on the solid
//                                     'Implant solid material' if the porosity is > 0, else the
//                                     library entry 'Implant material'; Poisson's ratio of the
//                                     solid (porous) or library material
//   rod                               the library entry 'Rod material' (ti6al4v, cocr, peek ...)
//   graft                             the bone graft at 'Graft stage' (materials/bone_graft.h)
//
// Any other name is a library entry, used as tabulated.
#pragma once

#include "materials/bone_graft.h"
#include "materials/bone_quality.h"
#include "materials/linear_isotropic.h"
#include "materials/material_library.h"

#include <string>

namespace spinefe {

struct MaterialChoices {
  BoneQuality bone_quality = BoneQuality::normal;
  double implant_modulus = 0;  ///< MPa; 0: not given
  double implant_porosity = 0; ///< -; 0: not given
  std::string implant_solid = "ti6al4v";
  std::string implant_material = "porous_ti_3d_printed";
  std::string rod_material = "ti6al4v";
  GraftStage graft_stage = GraftStage::fresh;
  double ingrowth_fraction = 0; ///< -, share of the implant's pores filled with bone
};

/// Role names that resolve through MaterialChoices (the table above).
bool is_role_material(const std::string& name);

/// The law of material `name` (a role or a library entry). Errors name the material.
LinearIsotropic choose_material(const std::string& name, const MaterialChoices& choices,
                                const MaterialLibrary& library);

/// The implant's Young's modulus [MPa] under `choices` (for reports).
double implant_modulus(const MaterialChoices& choices, const MaterialLibrary& library);

/// The implant lattice's porosity [-]: 'Implant porosity' if given, else the Gibson-Ashby
/// porosity of its modulus on 'Implant solid material' (materials/bone_graft.h).
double implant_porosity(const MaterialChoices& choices, const MaterialLibrary& library);

/// The role 'implant' with bone at 'Graft stage' grown into 'Ingrowth fraction' of its pores:
/// the Voigt mixture of materials/bone_graft.h; the implant itself at fraction 0. It is the
/// material of the printed body's porous core (region implant/core) when that region is given
/// the role 'implant'.
LinearIsotropic ingrown_implant(const MaterialChoices& choices, const MaterialLibrary& library);

} // namespace spinefe
