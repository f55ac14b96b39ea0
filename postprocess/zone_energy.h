// Mean strain energy density of a bone zone, and the stress shielding index (SSI).
//
//   mean SED = int_Z 1/2 sigma : eps dV / V_Z   [MPa = mJ/mm^3]
// over the quadrature points (QGaussSimplex of order degree+1) that lie in the zone Z: in a cell
// whose material id is in `regions` and, if a cylinder is given, inside it. The cylinder clips at
// quadrature points, so V_Z approximates the clipped volume to about the cell size at its surface.
//   SSI = 1 - SED_instrumented / SED_intact   (same zone, same load case)
// SSI > 0: the implant shields the bone (less strain energy, the stimulus of remodelling, Huiskes
// et al. 1987 J Biomech 20:1135); SSI < 0: the bone carries more. Zones used: the T12 and L2
// bodies (regions only); the 5 mm endplate zone under an endcap (a cylinder of the endcap's
// equivalent radius, axis along the interface normal into the bone, s in [0, 5] mm from the
// interface); bone around each screw (a cylinder around the screw axis).
// Collective; every rank returns the same values.
#pragma once

#include "solver/elasticity_solver.h"

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>

#include <optional>
#include <string>
#include <vector>

namespace spinefe {

/// Points x with s = (x - axis_point).axis in [s_min, s_max] and distance from the axis <= radius.
struct Cylinder {
  dealii::Point<3> axis_point;
  dealii::Tensor<1, 3> axis;   ///< unit (normalised when checked)
  double radius = 0;           ///< mm, > 0
  double s_min = 0, s_max = 0; ///< mm, s_min < s_max
  bool contains(const dealii::Point<3>& x) const;
};

struct Zone {
  std::string name;
  std::vector<unsigned int> regions; ///< material ids
  std::optional<Cylinder> cylinder;
};

struct ZoneEnergy {
  std::string name;
  double volume = 0;   ///< mm^3
  double mean_sed = 0; ///< MPa
};

/// Throws an InputError naming the zone if its cylinder is inadmissible (zero axis, radius <= 0,
/// s_min >= s_max) or if no quadrature point lies in the zone.
ZoneEnergy zone_energy(const ElasticitySolver& solver, const Zone& zone);

/// 1 - sed_instrumented / sed_intact; throws an InputError if sed_intact <= 0.
double stress_shielding_index(double sed_instrumented, double sed_intact);

} // namespace spinefe
