// Resultant forces on groups of regions (e.g. a vertebral body), applied as a uniform body force
// density f = F / V over the group's volume V, so that the group receives exactly F and its
// moment about the group's volume centroid is zero. The follower load is built from them: pairs
// of equal and opposite forces between adjacent vertebral bodies, along the line joining their
// centroids (mechanics/follower_load.h).
#pragma once

#include "solver/fe_space.h"
#include "solver/problem_definition.h"

#include <array>
#include <vector>

namespace spinefe {

/// The body force density [N/mm^3] on every material id (index = material id, size =
/// problem.materials.size()), summed over the problem's region forces. Collective: each group's
/// volume is summed over the locally owned cells of every rank. Throws InputError naming the
/// force if its regions have no volume.
std::vector<std::array<double, 3>> region_force_densities(const FESpace& space,
                                                          const ProblemDefinition& problem);

} // namespace spinefe
