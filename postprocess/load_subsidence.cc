#include "postprocess/load_subsidence.h"

#include "core/atomic_file.h"

#include <iomanip>

namespace spinefe {

SubsidenceSummary summarise_subsidence(const std::vector<SubsidencePoint>& curve) {
  SubsidenceSummary s;
  if (curve.empty())
    return s;
  if (curve.front().depth_mean != 0)
    s.stiffness = curve.front().load / curve.front().depth_mean;
  // The last elastic step before the first one with a plastic point under the endcap.
  for (std::size_t k = 0; k < curve.size(); ++k) {
    if (curve[k].plastic_volume > 0) {
      s.first_yield_bracket[1] = curve[k].load;
      break;
    }
    if (curve[k].utilisation > 0) {
      s.first_yield_load = curve[k].load / curve[k].utilisation;
      s.first_yield_bracket[0] = curve[k].load;
    }
  }
  for (const SubsidencePoint& p : curve)
    if (p.load >= s.peak_load) {
      s.peak_load = p.load;
      s.depth_mean_at_peak = p.depth_mean;
      s.depth_p95_at_peak = p.depth_p95;
    }
  if (curve.back().load_factor == 0 && curve.size() > 1) {
    s.residual_depth_mean = curve.back().endplate_mean;
    s.residual_depth_p95 = curve.back().endplate_p95;
  }
  s.plastic_volume = curve.back().plastic_volume;
  s.plastic_depth = curve.back().plastic_depth;
  return s;
}

void write_load_subsidence_csv(const SubsidenceCurves& curves, const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "patch,load_factor,load_N,depth_mean_mm,depth_p95_mm,depth_max_mm,"
           "endplate_depth_mean_mm,endplate_depth_p95_mm,plastic_volume_mm3,plastic_depth_mm,"
           "yield_utilisation\n"
        << std::setprecision(8);
    for (const auto& [patch, curve] : curves)
      for (const SubsidencePoint& p : curve)
        out << patch << "," << p.load_factor << "," << p.load << "," << p.depth_mean << ","
            << p.depth_p95 << "," << p.depth_max << "," << p.endplate_mean << "," << p.endplate_p95
            << "," << p.plastic_volume << "," << p.plastic_depth << "," << p.utilisation << "\n";
  });
}

void write_subsidence_summary_csv(const SubsidenceCurves& curves,
                                  const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "patch,metric,value,unit\n" << std::setprecision(8);
    for (const auto& [patch, curve] : curves) {
      const SubsidenceSummary s = summarise_subsidence(curve);
      const auto row = [&](const char* metric, const double value, const char* unit) {
        out << patch << "," << metric << "," << value << "," << unit << "\n";
      };
      row("first_yield_load", s.first_yield_load, "N");
      row("first_yield_bracket_low", s.first_yield_bracket[0], "N");
      row("first_yield_bracket_high", s.first_yield_bracket[1], "N");
      row("stiffness", s.stiffness, "N/mm");
      row("peak_load", s.peak_load, "N");
      row("depth_mean_at_peak", s.depth_mean_at_peak, "mm");
      row("depth_p95_at_peak", s.depth_p95_at_peak, "mm");
      row("residual_depth_mean", s.residual_depth_mean, "mm");
      row("residual_depth_p95", s.residual_depth_p95, "mm");
      row("plastic_volume", s.plastic_volume, "mm3");
      row("plastic_depth", s.plastic_depth, "mm");
    }
  });
}

} // namespace spinefe
