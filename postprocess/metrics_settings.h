// The settings of the spine metrics (postprocess/spine_metrics.h): the parameters of the stress
// shielding zones, the endplate strength and the implant fatigue reference. The case file's
// "Metrics" section sets them (declared and read in app/metrics_section.cc).
#pragma once

#include <map>
#include <string>

namespace spinefe {

/// Local endplate strength S(x) = S_c g(r), the input of the subsidence risk index.
///   S_c = yield_strain * E(rho), E = 4730 rho^1.56 MPa (Morgan et al. 2003, J Biomech 36:897,
///         vertebral trabecular bone, rho apparent density in g/cm^3), yield strain nearly
///         independent of density (Kopperdahl & Keaveny 1998, 0.0077-0.0084 in compression);
///   rho   = rho_normal f^(1/1.56), f the cancellous modulus factor of the bone quality
///         (osteoporotic 0.34), so that density and modulus presets agree;
///   g(r)  = 1 for r <= r0, rising linearly to R at r = 1 (the endplate rim) and R beyond, r the
///         normalised elliptical radius in the endplate's equivalent ellipse; R = 2.4: implants
///         that load the rim fail at 2.9-3.0 kN against 1.1-1.3 kN central (Cadman et al.).
struct StrengthSettings {
  double normal_density = 0.19; ///< g/cm^3 (mean vertebral value of Morgan et al. 2003)
  double yield_strain = 0.0080;
  double rim_ratio = 2.4;
  double rim_start = 0.5;
};

struct MetricsSettings {
  /// Solve the intact twin (same anatomy, loads and bone) for stress shielding and ROM.
  bool intact_baseline = true;
  StrengthSettings strength;
  double endplate_zone_depth = 5; ///< mm into the bone from the implant interface
  double screw_zone_margin = 2;   ///< mm of bone around each screw's shaft radius
  double fatigue_limit = 510;     ///< MPa, implant-safety reference (Ti6Al4V, 1e7 cycles)
  /// Lattice regions of the implant: region name -> strut stress per unit homogenised stress
  /// (materials/porous_implant.h), so that their fatigue ratio compares strut stress with the
  /// solid's limit. Set by the case set-up from the implant's porosity, not by the case file.
  std::map<std::string, double> strut_stress_factor;
  /// Radius [mm] over which the contact pressure is averaged before its percentiles and the
  /// subsidence risk are taken: continuum stresses in cancellous bone are meaningful over at
  /// least 3-5 trabecular spacings (Harrigan et al. 1988, J Biomech 21:269), about 4 mm in the
  /// vertebral body (spacing about 0.8 mm), so a disc of 2 mm radius. It also makes the figures
  /// mesh-independent: the nodal pressure at the edge of a stiff endcap grows without bound with
  /// refinement (the flat-punch edge singularity, p ~ 1/sqrt(distance)).
  double pressure_averaging_radius = 2;
  /// Bone-formation window of the graft's effective strain [microstrain]: above the minimum
  /// effective strain for modelling (about 1000) and below the microdamage threshold (about
  /// 3000) of Frost's mechanostat (Frost 2003, Anat Rec 275A:1081).
  double formation_strain_min = 1000, formation_strain_max = 3000;
};

} // namespace spinefe
