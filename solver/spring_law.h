// Two-node axial springs between mesh vertices: the solver side of the spinal ligaments (ALL, PLL,
// LF, ISL, SSL, ITL, CL), whose attachment points the mesher places on the bone surface.
//
// Force-elongation law (bilinear, tension-only by default), elongation delta [mm], force F [N]:
//
//   F(delta) = 0                                      delta < 0 and tension_only  (slack)
//            = k1 delta                               delta <= delta_t             (linear)
//            = k1 delta_t + k2 (delta - delta_t)      delta >  delta_t             (stiff)
//
// A compression-capable spring (tension_only = false) follows k1 for every delta <= delta_t.
// For a ligament of rest length L0 [mm] the parameters follow from the material table
// (/work/shared/spec/data/ligaments.csv: E_small, E_large [MPa], transition strain, area A
// [mm^2]; source: BMC Musculoskelet Disord 2010 11:151, Table 3) as
//
//   k1 = E_small A / L0,   k2 = E_large A / L0,   delta_t = transition_strain L0.
//
// This file does not read the table; the caller (case set-up) converts it.
#pragma once

#include <deal.II/base/point.h>

#include <string>
#include <vector>

namespace spinefe {

enum class SpringState { slack, linear, stiff };

/// Name of a state for reports ("slack", "linear", "stiff").
const char* to_string(SpringState state);

struct SpringDefinition {
  std::string name;
  dealii::Point<3> a, b;            ///< attachment points [mm]
  double stiffness_small = 0;       ///< k1 [N/mm], for 0 <= delta <= delta_t
  double stiffness_large = 0;       ///< k2 [N/mm], beyond delta_t
  double transition_elongation = 0; ///< delta_t [mm]
  bool tension_only = true;
  /// Material ids (regions) each end may attach to; empty: any. A ligament's ends attach to
  /// their own vertebrae, never to a disc, a pot or the facing articular process.
  std::vector<unsigned int> regions_a, regions_b;

  /// F(delta) [N], tension positive.
  double force(double elongation) const;
  /// The branch of the law that holds at `elongation`.
  SpringState state(double elongation) const;
  /// Throws InputError ("springs") unless k1, k2 > 0, delta_t >= 0 and a != b.
  void check() const;
};

/// Forces F(delta) [N] of `springs` at the given elongations.
std::vector<double> spring_forces(const std::vector<SpringDefinition>& springs,
                                  const std::vector<double>& elongations);

} // namespace spinefe
