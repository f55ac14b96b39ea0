// Bone-quality presets: the material of each bone tissue for normal, osteopenic or osteoporotic
// bone (product.md: "Assign materials, optionally by bone quality").
//
// Rule (Polikeit et al., Eur Spine J 12:413 (2003), as used in materials.csv): osteoporosis lowers
// the Young's modulus of cancellous bone by 66% and of cortical bone by 33%; osteopenia lies
// halfway. Poisson's ratio is unchanged. Factors E(quality) = f * E(normal):
//
//   tissue               type          normal  osteopenic          osteoporotic
//   cancellous_bone      cancellous    1       0.66 (tabulated)    0.34
//   cortical_bone        cortical      1       0.835 = 1 - 0.33/2  0.67
//   bony_endplate        cortical      1       0.835               0.67
//   posterior_elements   cortical      1       0.835               0.67
//
// The cancellous osteopenic factor follows materials.csv (66 MPa, "interpolated"), not the exact
// midpoint 0.67. The bony endplate and the posterior elements are treated as cortical-type tissue
// (dense bone), an assumption of this code rather than a tabulated value.
//
// Library names: the normal material is cancellous_bone_normal for cancellous bone and the tissue
// name itself for the others (cortical_bone, bony_endplate, posterior_elements); the other
// qualities are "<tissue>_osteopenic" and "<tissue>_osteoporotic". A material the library defines
// under that name is used as tabulated; one it lacks (the built-in table has no osteopenic
// cortical bone, nor osteopenic or osteoporotic endplate and posterior elements) is derived from
// the normal material by the factor above and carries the same name.
#pragma once

#include "materials/linear_isotropic.h"
#include "materials/material_library.h"

#include <string>
#include <vector>

namespace spinefe {

enum class BoneQuality { normal, osteopenic, osteoporotic };

/// "normal", "osteopenic" or "osteoporotic".
std::string to_string(BoneQuality quality);

/// The quality named `name`; an InputError listing the valid names otherwise.
BoneQuality parse_bone_quality(const std::string& name);

/// The generic bone tissues that have quality presets, in the order of the table above.
const std::vector<std::string>& bone_tissues();

/// The library material name of `tissue` at `quality` ("cancellous_bone", osteopenic ->
/// "cancellous_bone_osteopenic"); an InputError listing the tissues for an unknown tissue.
std::string bone_material_name(const std::string& tissue, BoneQuality quality);

/// The factor f in E(quality) = f * E(normal) for `tissue` (table above).
double bone_modulus_factor(const std::string& tissue, BoneQuality quality);

/// The linear elastic material of `tissue` at `quality`: the library's entry named
/// bone_material_name(tissue, quality) if there is one, else the normal material with its Young's
/// modulus scaled by bone_modulus_factor and the same Poisson's ratio.
LinearIsotropic bone_material(const MaterialLibrary& library, const std::string& tissue,
                              BoneQuality quality);

} // namespace spinefe
