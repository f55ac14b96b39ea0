// Bone graft in the mesh cage's lumen, and bone grown into the porous core of a 3D-printed body
// (product.md, Bone graft). Both stiffen as the fusion heals; the case file picks the stage.
//
// Healing stages (library entries in materials/data/materials.csv, with their sources):
//   fresh         packed morselised cancellous graft, E = 100 MPa, nu = 0.2 (BMC Surg 2024, the
//                 cage filling of the spec's material table)
//   partly fused  immature woven bone, E = 1000 MPa, nu = 0.3 (Lacroix & Prendergast 2002,
//                 J Biomech 35:1163; Isaksson et al. 2006, J Biomech 39:1507)
//   fused         mature bone, E = 6000 MPa, nu = 0.3 (Isaksson et al. 2006)
//
// Ingrowth into a lattice. The lattice's porosity p follows from its effective modulus by
// inverting Gibson-Ashby (materials/porous_implant.h, C = 1, n = 2): p = 1 - sqrt(E / E_s), and
// p = 0 for E >= E_s (solid titanium has no pores to grow into). Bone filling a fraction f of
// the pores occupies c = f p of the volume. Bone grown through an interconnected lattice is loaded
// in parallel with it, so the iso-strain (Voigt) rule applies:
//   C_core = C_lattice + c C_bone,   i.e. lambda = lambda_l + c lambda_b, mu = mu_l + c mu_b.
// It is the upper bound of the composite's stiffness; it also means the ingrown bone feels the
// strain of the core, which is what the graft metrics evaluate (postprocess/graft_metrics.h).
#pragma once

#include "materials/linear_isotropic.h"

#include <string>

namespace spinefe {

enum class GraftStage { fresh, partly_fused, fused };

/// "fresh", "partly fused" or "fused"; anything else is an InputError naming 'Materials/Graft
/// stage'.
GraftStage parse_graft_stage(const std::string& text);

/// The case-file spelling of `stage`.
std::string graft_stage_name(GraftStage stage);

/// The library entry of `stage`: graft_fresh, graft_partly_fused or graft_fused.
std::string graft_library_entry(GraftStage stage);

/// Porosity [-] of a Gibson-Ashby lattice of effective modulus `lattice` on a solid of modulus
/// `solid` [MPa]; 0 when lattice >= solid.
double lattice_porosity(double lattice_modulus_mpa, double solid_modulus_mpa);

/// The Voigt mixture of `lattice` with `bone` at bone volume fraction `bone_fraction` in [0, 1].
LinearIsotropic ingrown_lattice(const LinearIsotropic& lattice, const LinearIsotropic& bone,
                                double bone_fraction);

} // namespace spinefe
