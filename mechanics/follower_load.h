// The follower load (Patwardhan et al., Spine 24:1003 (1999); Rohlmann et al., J Biomech 34:1069
// (2001)): a compressive preload whose line of action follows the curve of the spine through the
// vertebral body centres, so that it compresses the column without bending it. In vitro it is a
// cable through guides on each vertebra; here, between every pair of adjacent bodies of the
// path, two equal and opposite forces of the given magnitude pull the bodies towards each other
// along the line joining their volume centroids. Each force is spread uniformly over its body
// (solver/region_forces.h). The directions are those of the reference configuration (small
// displacements); the pairs are self-equilibrated, so the supports carry none of it.
#pragma once

#include "meshing/mesh_data.h"
#include "solver/problem_definition.h"

#include <array>
#include <vector>

namespace spinefe {

/// Volume centroids [mm] of region groups, from the serial mesh.
std::vector<std::array<double, 3>> group_centroids(const MeshData& mesh,
                                                   const std::vector<RigidBodyDefinition>& groups);

/// For bodies i (upper) and i + 1 (lower) of the path with centroids c_i, c_(i+1) and
/// e = (c_(i+1) - c_i) / |c_(i+1) - c_i|: force +P e on body i and -P e on body i + 1.
std::vector<RegionForce> follower_forces(double magnitude,
                                         const std::vector<RigidBodyDefinition>& path,
                                         const std::vector<std::array<double, 3>>& centroids);

} // namespace spinefe
