// The load-displacement curve of a plastic run and what bench tests read from it.
//
//   displacement d [mm]: the prescribed displacement of the curve surface along its direction a
//                        (a = g / |g| for the surface's prescribed displacement g), at load factor
//                        lambda: d = lambda |g|;
//   force F [N]:         the support reaction on the body over that surface, along a (the force
//                        the platen must push with).
//   stiffness K [N/mm]:  the steepest secant dF/dd between consecutive points of the loading
//                        branch: the slope of the initial linear portion (ASTM F2077 / F2267
//                        define the stiffness so; the finite-element curve only softens from
//                        there);
//   yield load [N]:      where the curve crosses the line F = K (d - offset), the offset method of
//                        ASTM F2077 / F2267 (the standards' offset: 2% of the device height; the
//                        case sets it, `Plasticity/Yield offset`).
#pragma once

#include <filesystem>
#include <limits>
#include <vector>

namespace spinefe {

struct LoadDisplacementPoint {
  double load_factor = 0;
  double displacement = 0; ///< mm
  double force = 0;        ///< N
  unsigned int newton_iterations = 0, cuts = 0, plastic_points = 0;
};

struct OffsetYield {
  double stiffness = 0;                                                 ///< N/mm
  double yield_load = std::numeric_limits<double>::quiet_NaN();         ///< N
  double yield_displacement = std::numeric_limits<double>::quiet_NaN(); ///< mm
  bool reached = false; ///< false: the curve stays above the offset line (load further)
};

/// Stiffness and offset yield of `curve` (points in load order, starting after the origin; the
/// origin (0, 0) is implied). `offset` 0 gives the stiffness alone.
OffsetYield offset_yield(const std::vector<LoadDisplacementPoint>& curve, double offset);

/// Writes the curve as CSV (load_factor, displacement_mm, force_N, newton_iterations, cuts,
/// plastic_points), atomically.
void write_load_displacement_csv(const std::vector<LoadDisplacementPoint>& curve,
                                 const std::filesystem::path& file);

} // namespace spinefe
