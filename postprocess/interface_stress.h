// Normal stress on a bone-implant interface (an endplate under an endcap) and the subsidence risk.
//
//   sigma_n = -n . sigma . n   [MPa], compressive positive,
// evaluated at the face quadrature points (QGaussSimplex<2> of order degree+1) of every interface
// face, as the mean of the two one-sided values: sigma from the bone-side cell (material id in
// `bone_regions`) at the point, and the face average of the implant-side cell's normal stress
// (n the bone cell's outward unit normal, pointing from the bone into the implant). Traction
// continuity holds only weakly in the FE solution, so one side alone is off by the
// discretisation error: on the T12 endplate of the P1 construct (0.8 mm endplate, one element
// thick) the bone side alone integrated to 68% of the implant's section force. The two-sided mean
// is exact for P1 (constant stress per cell) and smooths the implant side for P2. Faces on the
// mesh boundary have only the bone side.
//
// Reported over the interface area A = sum of face areas (every figure is area-weighted):
//   mean     = int sigma_n dA / A (tensile points count negative)
//   P95      = area-weighted 95th percentile of sigma_n (postprocess/stress_measures.h)
//   max      = largest sigma_n at a quadrature point (mesh-dependent at the endcap edge; never
//              a headline figure)
//   loaded area = area of the quadrature points with sigma_n > 0
// With an endplate strength S(x) (postprocess/endplate_strength.h), the risk ratio r = sigma_n / S:
//   subsidence risk index = area-weighted P95 of r;  max r;
//   area fraction at risk = area with r > 1 / A.
// Collective; every rank returns the same values.
#pragma once

#include "postprocess/endplate_strength.h"
#include "postprocess/interface_facets.h"
#include "solver/elasticity_solver.h"

#include <string>
#include <vector>

namespace spinefe {

struct InterfaceStress {
  std::string surface;
  double area = 0;        ///< mm^2
  double loaded_area = 0; ///< mm^2, where sigma_n > 0
  double mean = 0;        ///< MPa
  double p95 = 0;         ///< MPa
  double max = 0;         ///< MPa
  bool has_risk = false;  ///< the risk figures below were computed (a strength map was given)
  double risk_p95 = 0;    ///< subsidence risk index, -
  double risk_max = 0;    ///< -
  double area_fraction_at_risk = 0; ///< area with sigma_n / S > 1, over `area`, -
};

/// Throws an InputError naming the surface if no face of it borders a cell of `bone_regions` on
/// any rank. `strength` may be null (no risk figures).
InterfaceStress interface_stress(const ElasticitySolver& solver, const InterfaceFacets& facets,
                                 const std::vector<unsigned int>& bone_regions,
                                 const EndplateStrength* strength);

} // namespace spinefe
