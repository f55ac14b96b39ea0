#include "materials/bone_graft.h"

#include "core/input_error.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace spinefe {

namespace {
constexpr GraftStage stages[] = {GraftStage::fresh, GraftStage::partly_fused, GraftStage::fused};
} // namespace

GraftStage parse_graft_stage(const std::string& text) {
  for (const GraftStage stage : stages)
    if (text == graft_stage_name(stage))
      return stage;
  throw InputError("Materials/Graft stage",
                   "unknown stage '" + text + "'; expected fresh, partly fused or fused");
}

std::string graft_stage_name(const GraftStage stage) {
  return stage == GraftStage::fresh   ? "fresh"
         : stage == GraftStage::fused ? "fused"
                                      : "partly fused";
}

std::string graft_library_entry(const GraftStage stage) {
  std::string entry = "graft_" + graft_stage_name(stage);
  std::replace(entry.begin(), entry.end(), ' ', '_');
  return entry;
}

double lattice_porosity(const double lattice_modulus_mpa, const double solid_modulus_mpa) {
  if (!(lattice_modulus_mpa > 0) || !(solid_modulus_mpa > 0))
    throw std::invalid_argument("lattice and solid moduli must be > 0");
  if (lattice_modulus_mpa >= solid_modulus_mpa)
    return 0;
  return 1 - std::sqrt(lattice_modulus_mpa / solid_modulus_mpa); // E = E_s (1 - p)^2
}

LinearIsotropic ingrown_lattice(const LinearIsotropic& lattice, const LinearIsotropic& bone,
                                const double bone_fraction) {
  if (!(bone_fraction >= 0 && bone_fraction <= 1))
    throw std::invalid_argument("bone volume fraction must lie in [0, 1]");
  const double lambda = lattice.lambda() + bone_fraction * bone.lambda();
  const double mu = lattice.mu() + bone_fraction * bone.mu();
  // Back from the Lame constants: E = mu (3 lambda + 2 mu) / (lambda + mu),
  // nu = lambda / (2 (lambda + mu)).
  const double E = mu * (3 * lambda + 2 * mu) / (lambda + mu);
  const double nu = lambda / (2 * (lambda + mu));
  return LinearIsotropic(lattice.name() + "+bone", E, nu);
}

} // namespace spinefe
