// Two-node axial springs between mesh vertices: the solver side of the spinal ligaments (ALL, PLL,
// LF, ISL, SSL, ITL, CL), whose attachment points the mesher places on the bone surface.
//
// Force-elongation law (bilinear after an optional in-situ slack delta_s >= 0 of a tension-only
// spring), elongation delta [mm] from the model's unloaded position, force F [N], tension
// positive, with d = delta - delta_s the stretch beyond the slack:
//
//   F(delta) = 0                         d < 0, tension-only                (slack)
//            = 0                         delta > 0, compression-only         (slack)
//            = k1 d                      d <= delta_t                        (linear)
//            = k1 delta_t + k2 (d - delta_t)   d > delta_t                   (stiff)
//
// The slack is the ligament's laxity at the neutral posture: the fibre's zero-force length is
// L0 + delta_s, longer than the distance L0 between its attachments in the unloaded model.
// Compression-only and two-sided springs have no slack (delta_s = 0).
//
// SpringResponse picks the slack rule: tension_only (ligaments: no force when shortened),
// compression_only (facet cartilage as gap elements, mechanics/facet_springs.h: no force when the
// joint opens, delta > 0; k1 when it closes; the stiff branch is never reached for delta_t >= 0) or
// both (a strut: k1 for every delta <= delta_t).
//
// Direction: delta = n . (u_b - u_a) (solver/springs.h) with n the unit vector from the end a
// vertex to the end b vertex, or the explicit `direction` if set: a gap element across a joint
// measures the normal closure even when its two vertices are offset tangentially.
// For a ligament of rest length L0 [mm] the parameters follow from the material table
// (/work/shared/spec/data/ligaments.csv: E_small, E_large [MPa], transition strain, area A
// [mm^2]; source: BMC Musculoskelet Disord 2010 11:151, Table 3) as
//
//   k1 = E_small A / L0,   k2 = E_large A / L0,   delta_t = transition_strain L0.
//
// This file does not read the table; the caller (case set-up) converts it.
#pragma once

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>

#include <optional>
#include <string>
#include <vector>

namespace spinefe {

enum class SpringState { slack, linear, stiff };

/// Which sign of the elongation the spring resists (see the file comment).
enum class SpringResponse { tension_only, compression_only, both };

/// Name of a state for reports ("slack", "linear", "stiff").
const char* to_string(SpringState state);
/// Name of a response ("tension-only", "compression-only", "tension and compression").
const char* to_string(SpringResponse response);

struct SpringDefinition {
  std::string name;
  dealii::Point<3> a, b;            ///< attachment points [mm]
  double stiffness_small = 0;       ///< k1 [N/mm], for 0 <= delta <= delta_t
  double stiffness_large = 0;       ///< k2 [N/mm], beyond delta_t
  double transition_elongation = 0; ///< delta_t [mm]
  double slack_elongation = 0;      ///< delta_s [mm], tension-only springs only
  SpringResponse response = SpringResponse::tension_only;
  /// Unit vector n of delta = n . (u_b - u_a); unset: from the end a vertex to the end b vertex.
  std::optional<dealii::Tensor<1, 3>> direction;
  /// Material ids (regions) each end may attach to; empty: any. A ligament's ends attach to
  /// their own vertebrae, never to a disc, a pot or the facing articular process.
  std::vector<unsigned int> regions_a, regions_b;

  /// F(delta) [N], tension positive.
  double force(double elongation) const;
  /// The branch of the law that holds at `elongation`.
  SpringState state(double elongation) const;
  /// The affine branch of `state` as F = k delta + c: the stiffness k [N/mm] and the offset c [N]
  /// (c = -k1 delta_s when linear, k1 delta_t - k2 (delta_s + delta_t) when stiff, 0 when slack).
  double branch_stiffness(SpringState state) const;
  double branch_offset(SpringState state) const;
  /// Throws InputError ("springs") unless k1, k2 > 0, delta_t >= 0, delta_s >= 0 (and 0 unless
  /// tension-only), a != b and an explicit direction is a unit vector (to 1e-9).
  void check() const;
};

/// Forces F(delta) [N] of `springs` at the given elongations.
std::vector<double> spring_forces(const std::vector<SpringDefinition>& springs,
                                  const std::vector<double>& elongations);

} // namespace spinefe
