#include "app/metrics_section.h"

#include "core/parameters.h"

#include <sstream>

namespace spinefe {

namespace Patterns = dealii::Patterns;

void declare_metrics(dealii::ParameterHandler& prm) {
  const MetricsSettings d;
  prm.enter_subsection("Metrics");
  declare(prm, "Intact baseline", "true", Patterns::Bool(), "-",
          "For a spine model with a corpectomy: also solve the intact twin (same anatomy, bone, "
          "ligaments, loads and solver; L1 and its discs present, no implants) under every load "
          "case, for the stress-shielding index and the ROM comparison. A baseline solved before "
          "with identical inputs is reused from the baseline cache.");
  declare(prm, "Endplate zone depth", number_text(d.endplate_zone_depth), Patterns::Double(0.5, 20),
          "mm",
          "Depth of the endplate zone under each endcap (a cylinder of the endcap's equivalent "
          "radius, from the interface into the bone) whose strain energy gives its SSI.");
  declare(prm, "Pressure averaging radius", number_text(d.pressure_averaging_radius),
          Patterns::Double(0, 20), "mm",
          "With contact: the contact pressure is averaged over a disc of this radius around each "
          "node before its P95 and the subsidence risk are taken (continuum stresses in "
          "cancellous bone hold over 3-5 trabecular spacings, Harrigan et al. 1988); 0 uses the "
          "nodal pressure, which is singular at the endcap edge.");
  declare(prm, "Screw zone margin", number_text(d.screw_zone_margin), Patterns::Double(0.1, 10),
          "mm",
          "Bone within the screw radius plus this margin of each screw axis is its peri-screw "
          "zone for the SSI.");
  declare(prm, "Fatigue limit", number_text(d.fatigue_limit), Patterns::Double(1, 5000), "MPa",
          "Reference for the implant-safety ratio P99 von Mises / limit (Ti6Al4V, about 510 MPa "
          "at 1e7 cycles; representative, medium confidence).");
  declare(prm, "Bone formation strain",
          number_text(d.formation_strain_min) + ", " + number_text(d.formation_strain_max),
          Patterns::List(Patterns::Double(0, 1e6), 2, 2, ","), "microstrain",
          "Window of the graft's effective strain sqrt(2 SED / E_graft) in which bone forms: the "
          "graft metrics report the volume fraction inside it. Default: above the modelling "
          "threshold and below the microdamage threshold of Frost's mechanostat (Frost 2003, "
          "Anat Rec 275A:1081).");
  prm.enter_subsection("Endplate strength");
  declare(prm, "Normal apparent density", number_text(d.strength.normal_density),
          Patterns::Double(0.05, 0.6), "g/cm^3",
          "Apparent density of normal vertebral cancellous bone under the endplate (Morgan et al. "
          "2003, J Biomech 36:897: mean vertebral value). Other bone qualities scale it by "
          "f^(1/1.56), f the cancellous modulus factor.");
  declare(prm, "Yield strain", number_text(d.strength.yield_strain), Patterns::Double(0.002, 0.03),
          "-",
          "Compressive yield strain of trabecular bone, nearly independent of density "
          "(Kopperdahl & Keaveny 1998: 0.0077-0.0084). Centre strength S_c = strain x 4730 "
          "rho^1.56 MPa.");
  declare(prm, "Rim ratio", number_text(d.strength.rim_ratio), Patterns::Double(1, 5), "-",
          "Strength at the endplate rim over the centre strength (Cadman et al.: rim-loading "
          "implants fail at 2.9-3.0 kN against 1.1-1.3 kN central, ratio about 2.4).");
  declare(prm, "Rim start", number_text(d.strength.rim_start), Patterns::Double(0, 0.99), "-",
          "Normalised elliptical radius where the strength starts rising linearly from S_c to "
          "Rim ratio x S_c at the rim (r = 1).");
  prm.leave_subsection();
  prm.leave_subsection();
}

MetricsSettings read_metrics(dealii::ParameterHandler& prm) {
  MetricsSettings m;
  prm.enter_subsection("Metrics");
  m.intact_baseline = prm.get_bool("Intact baseline");
  m.endplate_zone_depth = prm.get_double("Endplate zone depth");
  m.screw_zone_margin = prm.get_double("Screw zone margin");
  m.pressure_averaging_radius = prm.get_double("Pressure averaging radius");
  m.fatigue_limit = prm.get_double("Fatigue limit");
  {
    const std::string text = prm.get("Bone formation strain");
    const auto comma = text.find(',');
    m.formation_strain_min = std::stod(text.substr(0, comma));
    m.formation_strain_max = std::stod(text.substr(comma + 1));
  }
  prm.enter_subsection("Endplate strength");
  m.strength.normal_density = prm.get_double("Normal apparent density");
  m.strength.yield_strain = prm.get_double("Yield strain");
  m.strength.rim_ratio = prm.get_double("Rim ratio");
  m.strength.rim_start = prm.get_double("Rim start");
  prm.leave_subsection();
  prm.leave_subsection();
  return m;
}

} // namespace spinefe
