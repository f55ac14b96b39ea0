#include "postprocess/load_displacement.h"

#include "core/atomic_file.h"

#include <iomanip>

namespace spinefe {

OffsetYield offset_yield(const std::vector<LoadDisplacementPoint>& curve, const double offset) {
  OffsetYield out;
  // The loading branch: up to the largest displacement (an unloading tail is not part of it).
  std::vector<LoadDisplacementPoint> branch{LoadDisplacementPoint()};
  for (const auto& p : curve) {
    if (p.displacement <= branch.back().displacement)
      break;
    branch.push_back(p);
  }
  for (std::size_t i = 1; i < branch.size(); ++i)
    out.stiffness =
        std::max(out.stiffness, (branch[i].force - branch[i - 1].force) /
                                    (branch[i].displacement - branch[i - 1].displacement));
  if (offset <= 0 || out.stiffness <= 0)
    return out;
  // g(d) = F(d) - K (d - offset) is positive at the start; its first sign change is the yield.
  auto g = [&](const LoadDisplacementPoint& p) {
    return p.force - out.stiffness * (p.displacement - offset);
  };
  for (std::size_t i = 1; i < branch.size(); ++i) {
    const double g0 = g(branch[i - 1]), g1 = g(branch[i]);
    if (g1 > 0)
      continue;
    const double t = g0 / (g0 - g1);
    out.yield_displacement =
        branch[i - 1].displacement + t * (branch[i].displacement - branch[i - 1].displacement);
    out.yield_load = branch[i - 1].force + t * (branch[i].force - branch[i - 1].force);
    out.reached = true;
    break;
  }
  return out;
}

void write_load_displacement_csv(const std::vector<LoadDisplacementPoint>& curve,
                                 const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "load_factor,displacement_mm,force_N,newton_iterations,cuts,plastic_points\n"
        << std::setprecision(10);
    for (const auto& p : curve)
      out << p.load_factor << "," << p.displacement << "," << p.force << "," << p.newton_iterations
          << "," << p.cuts << "," << p.plastic_points << "\n";
  });
}

} // namespace spinefe
