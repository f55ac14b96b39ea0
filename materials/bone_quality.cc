#include "materials/bone_quality.h"

#include "core/input_error.h"

namespace spinefe {

namespace {

constexpr BoneQuality all_qualities[] = {BoneQuality::normal, BoneQuality::osteopenic,
                                         BoneQuality::osteoporotic};

template <typename Range>
std::string listed(const Range& names) {
  std::string text;
  for (const auto& name : names)
    text += (text.empty() ? "" : ", ") + name;
  return text;
}

void check_tissue(const std::string& tissue) {
  for (const auto& known : bone_tissues())
    if (tissue == known)
      return;
  throw InputError("", "unknown bone tissue '" + tissue +
                           "'; tissues with bone-quality presets: " + listed(bone_tissues()));
}

} // namespace

std::string to_string(const BoneQuality quality) {
  switch (quality) {
  case BoneQuality::normal:
    return "normal";
  case BoneQuality::osteopenic:
    return "osteopenic";
  case BoneQuality::osteoporotic:
    return "osteoporotic";
  }
  return "unknown";
}

BoneQuality parse_bone_quality(const std::string& name) {
  std::vector<std::string> names;
  for (const BoneQuality quality : all_qualities) {
    if (name == to_string(quality))
      return quality;
    names.push_back(to_string(quality));
  }
  throw InputError("", "unknown bone quality '" + name + "'; valid names: " + listed(names));
}

const std::vector<std::string>& bone_tissues() {
  static const std::vector<std::string> tissues = {"cancellous_bone", "cortical_bone",
                                                   "bony_endplate", "posterior_elements"};
  return tissues;
}

std::string bone_material_name(const std::string& tissue, const BoneQuality quality) {
  check_tissue(tissue);
  if (quality == BoneQuality::normal)
    return tissue == "cancellous_bone" ? "cancellous_bone_normal" : tissue;
  return tissue + "_" + to_string(quality);
}

// Polikeit et al. 2003: osteoporotic cancellous -66%, cortical -33%; osteopenic halfway, except
// cancellous osteopenic, which follows the tabulated 66 MPa of materials.csv (see the header).
double bone_modulus_factor(const std::string& tissue, const BoneQuality quality) {
  check_tissue(tissue);
  const bool cancellous = tissue == "cancellous_bone";
  switch (quality) {
  case BoneQuality::normal:
    return 1.0;
  case BoneQuality::osteopenic:
    return cancellous ? 0.66 : 1.0 - 0.33 / 2;
  case BoneQuality::osteoporotic:
    return cancellous ? 0.34 : 0.67;
  }
  return 1.0;
}

LinearIsotropic bone_material(const MaterialLibrary& library, const std::string& tissue,
                              const BoneQuality quality) {
  const std::string name = bone_material_name(tissue, quality);
  if (library.contains(name))
    return library.linear_isotropic(name);
  const LinearIsotropic normal =
      library.linear_isotropic(bone_material_name(tissue, BoneQuality::normal));
  return LinearIsotropic(name, bone_modulus_factor(tissue, quality) * normal.youngs_modulus(),
                         normal.poisson_ratio());
}

} // namespace spinefe
