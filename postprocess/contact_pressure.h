// Interface metrics from the contact forces themselves (solver/contact.h), per patch (one endcap
// on one endplate), not from recovered stresses: each node pair carries the force lambda_n n + t
// that the bone exerts on the implant, and its tributary area A_i (one third of every interface
// triangle at the node: the exact share of a uniform pressure for P1), so
//
//   p_i = lambda_n,i / A_i                      contact pressure at the pair [MPa]
//   mean pressure   = sum lambda_n / sum A_i    the normal force over the whole endcap area [MPa]
//   P95, max        = area-weighted 95th percentile and largest p_i [MPa]
//   contact area    = sum of A_i of closed pairs [mm^2]; lift-off fraction = open area / area
//   peak slip       = largest |s_i|, the tangential relative displacement [mm]
//   resultant       = sum (lambda_n n + t) [N], the force the bone exerts on the implant; its
//                     normal component equals the section force carried through the implant
//   centre of pressure x_c = sum lambda_n x_i / sum lambda_n [mm], reported as its offset from
//                     the patch's area centroid along the anterior (x) and left (y) axes and as
//                     a distance: how far the load has moved towards the rim.
// Averaged pressure: p_avg,i = sum lambda_n,j / sum A_j over the pairs j of the patch within the
// averaging radius R of x_i (postprocess/metrics_settings.h: continuum stresses in bone hold over
// 3-5 trabecular spacings; the nodal p_i is singular at a stiff endcap's edge and grows with
// refinement). P95 and the risk use p_avg (R = 0: p_i); the largest nodal p_i is kept as
// nodal_max (mesh-dependent, never a headline figure).
// With an endplate strength S(x) (postprocess/endplate_strength.h): risk ratio r_i = p_avg,i /
// S(x_i); subsidence risk index = area-weighted P95 of r_i, risk max, area fraction with r_i > 1.
#pragma once

#include "postprocess/endplate_strength.h"
#include "solver/contact.h"

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace spinefe {

struct ContactPatchMetrics {
  std::string patch;
  double area = 0, contact_area = 0, lift_off_fraction = 0;     ///< mm^2, mm^2, -
  double mean_pressure = 0, p95_pressure = 0, max_pressure = 0; ///< MPa, of p_avg
  double nodal_max_pressure = 0;                                ///< MPa, of p_i
  double peak_slip = 0;                                         ///< mm
  double normal_force = 0;                                      ///< sum lambda_n, N
  dealii::Tensor<1, 3> resultant;                               ///< on the implant, N
  dealii::Point<3> centroid, centre_of_pressure;                ///< mm
  std::array<double, 2> cop_offset = {0, 0}; ///< anterior (x), left (y) offset of the CoP, mm
  double cop_distance = 0;                   ///< |CoP - centroid| in the x-y plane, mm
  bool has_risk = false;
  double risk_p95 = 0, risk_max = 0, area_fraction_at_risk = 0; ///< -
};

/// The metrics of the pairs of `patch` (an index into ProblemDefinition::contact_patches).
/// `strength` may be null (no risk figures); `radius` [mm] is the averaging radius R. Every rank
/// holds all pairs: no communication.
ContactPatchMetrics contact_patch_metrics(const ContactSet& contact, unsigned int patch,
                                          const EndplateStrength* strength, double radius);

/// The same from the pairs of one patch and their responses (same order): the computation itself,
/// which the overload above feeds from the contact set.
ContactPatchMetrics patch_metrics(const std::string& patch,
                                  const std::vector<ContactPairDefinition>& pairs,
                                  const std::vector<ContactPairResponse>& responses,
                                  const EndplateStrength* strength, double radius);

/// Every pair as one CSV row (patch, x, y, z [mm], normal, area [mm^2], state, pressure [MPa],
/// normal force [N], tangential force [N], gap [mm], slip [mm]), written atomically: the data of
/// contact-pressure maps (postprocess/plots/contact_pressure_map.py). Call on one rank.
void write_contact_pairs_csv(const ContactSet& contact, const std::filesystem::path& file);

} // namespace spinefe
