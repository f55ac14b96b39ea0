// The load-subsidence curve of a force-driven plastic run (the follower-load ramp of
// cases/t10-l3-subsidence), one curve per endcap (contact patch), one point per load step:
//
//   load F [N]                  the follower load at the step: lambda times 'Follower load'
//   subsidence depth [mm]       mean, P95 and largest over the endcap (postprocess/
//                               subsidence_depth.h): how far the endcap has sunk into the bone
//                               beyond the vertebra's rigid motion
//   endplate depth [mm]         mean and P95 of the same measure on the bone side of each pair
//                               (postprocess/subsidence_depth.h endplate_depth): the implant's
//                               depth while in contact, the crater left after lift-off
//   plastic zone                volume [mm^3] and depth below the endplate [mm] of the crushed
//                               bone under the endcap (postprocess/plastic_state.h, EndcapColumn)
//   yield utilisation u [-]     the largest over the bone under the endcap (1 on the yield
//                               surface)
//
// and per endcap, from the curve:
//
//   first-yield load F_y [N]    F_k / u_k at the last load step k at which no point under the
//                               endcap has yielded: up to first yield the bone is elastic, and
//                               the stresses grow in proportion to the load (exactly so for fixed
//                               contact and ligament states), so the utilisation reaches 1 at
//                               F_k / u_k. It is bracketed by F_k and the next step's load, and
//                               reported as NaN if the first step already yielded (a smaller
//                               'Plasticity/Initial step' resolves it).
//   stiffness [N/mm]            F_1 / d_1 of the first load step, d the mean depth: the secant
//                               of the elastic start of the curve
//   depth at the largest load   mean and P95 [mm]
//   residual subsidence [mm]    the mean and P95 endplate depth after the last step, if the
//                               load path ends unloaded (load factor 0): the permanent crater
//                               (the endcap itself may have lifted off it); NaN otherwise
#pragma once

#include <filesystem>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace spinefe {

struct SubsidencePoint {
  double load_factor = 0, load = 0;                    ///< -, N
  double depth_mean = 0, depth_p95 = 0, depth_max = 0; ///< mm
  double endplate_mean = 0, endplate_p95 = 0;          ///< mm
  double plastic_volume = 0, plastic_depth = 0;        ///< mm^3, mm
  double utilisation = 0;                              ///< -
};

/// One curve per endcap (patch name), points in load order.
using SubsidenceCurves = std::map<std::string, std::vector<SubsidencePoint>>;

struct SubsidenceSummary {
  static constexpr double nan = std::numeric_limits<double>::quiet_NaN();
  double first_yield_load = nan;              ///< N
  double first_yield_bracket[2] = {nan, nan}; ///< N: the loads of the steps around it
  double stiffness = nan;                     ///< N/mm
  double peak_load = 0, depth_mean_at_peak = 0, depth_p95_at_peak = 0; ///< N, mm, mm
  double residual_depth_mean = nan, residual_depth_p95 = nan;          ///< mm
  double plastic_volume = 0, plastic_depth = 0;                        ///< at the end, mm^3, mm
};

SubsidenceSummary summarise_subsidence(const std::vector<SubsidencePoint>& curve);

/// load_subsidence.csv: patch, load_factor, load_N, depth_mean_mm, depth_p95_mm, depth_max_mm,
/// endplate_depth_mean_mm, endplate_depth_p95_mm, plastic_volume_mm3, plastic_depth_mm,
/// yield_utilisation; atomically.
void write_load_subsidence_csv(const SubsidenceCurves& curves, const std::filesystem::path& file);
/// subsidence.csv: patch, metric, value, unit (the summary above); atomically.
void write_subsidence_summary_csv(const SubsidenceCurves& curves,
                                  const std::filesystem::path& file);

} // namespace spinefe
