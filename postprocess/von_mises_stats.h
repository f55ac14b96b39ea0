// Von Mises stress statistics of a region set, for implant safety (rods, screws, implant):
//   volume V = int dV;  mean = int s_vm dV / V;
//   P95, P99 = volume-weighted 95th/99th percentiles of s_vm over the quadrature points
//              (QGaussSimplex of order degree+1; postprocess/stress_measures.h);
//   max = largest s_vm at a quadrature point (singular at re-entrant edges: never a headline).
// s_vm = sqrt(3/2 dev(sigma) : dev(sigma)) [MPa]. Collective; every rank returns the same values.
#pragma once

#include "solver/elasticity_solver.h"

#include <vector>

namespace spinefe {

struct VonMisesStats {
  double volume = 0; ///< mm^3
  double mean = 0;   ///< MPa
  double p95 = 0;    ///< MPa
  double p99 = 0;    ///< MPa
  double max = 0;    ///< MPa
};

/// Throws an InputError if the regions have no volume on any rank. `factor`, if given, holds one
/// number per region id that multiplies s_vm there before the statistics (a lattice's strut
/// stress per unit homogenised stress, materials/porous_implant.h).
VonMisesStats von_mises_stats(const ElasticitySolver& solver,
                              const std::vector<unsigned int>& regions,
                              const std::vector<double>& factor = {});

} // namespace spinefe
