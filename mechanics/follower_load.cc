#include "mechanics/follower_load.h"

#include "core/input_error.h"

#include <cmath>

namespace spinefe {

std::vector<std::array<double, 3>> group_centroids(const MeshData& mesh,
                                                   const std::vector<RigidBodyDefinition>& groups) {
  std::vector<int> group_of_region(mesh.region_names.size(), -1);
  for (unsigned int g = 0; g < groups.size(); ++g)
    for (const unsigned int r : groups[g].regions)
      if (r < group_of_region.size())
        group_of_region[r] = static_cast<int>(g);
  std::vector<std::array<double, 4>> sums(groups.size(), {0, 0, 0, 0}); // V x, V y, V z, V
  for (unsigned int t = 0; t < mesh.tets.size(); ++t) {
    const int g = group_of_region[mesh.tet_region[t]];
    if (g < 0)
      continue;
    const double v = std::abs(signed_volume(mesh, t));
    for (int k = 0; k < 3; ++k) {
      double centre = 0;
      for (const unsigned int n : mesh.tets[t])
        centre += 0.25 * mesh.nodes[n][k];
      sums[g][k] += v * centre;
    }
    sums[g][3] += v;
  }
  std::vector<std::array<double, 3>> centroids;
  for (unsigned int g = 0; g < groups.size(); ++g) {
    if (!(sums[g][3] > 0))
      throw InputError("Boundary conditions/Follower path",
                       "body '" + groups[g].name + "' has no volume");
    centroids.push_back(
        {sums[g][0] / sums[g][3], sums[g][1] / sums[g][3], sums[g][2] / sums[g][3]});
  }
  return centroids;
}

std::vector<RegionForce> follower_forces(const double magnitude,
                                         const std::vector<RigidBodyDefinition>& path,
                                         const std::vector<std::array<double, 3>>& centroids) {
  std::vector<RegionForce> forces;
  if (magnitude == 0)
    return forces;
  for (std::size_t i = 0; i + 1 < path.size(); ++i) {
    std::array<double, 3> e;
    double length = 0;
    for (int k = 0; k < 3; ++k) {
      e[k] = centroids[i + 1][k] - centroids[i][k];
      length += e[k] * e[k];
    }
    length = std::sqrt(length);
    const std::string segment = path[i].name + "-" + path[i + 1].name;
    if (!(length > 0))
      throw InputError("Boundary conditions/Follower path",
                       "bodies " + segment + " have the same centroid; the load has no direction");
    std::array<double, 3> down, up;
    for (int k = 0; k < 3; ++k) {
      down[k] = magnitude * e[k] / length;
      up[k] = -down[k];
    }
    forces.push_back(
        {"follower load " + segment + " (" + path[i].name + ")", path[i].regions, down});
    forces.push_back(
        {"follower load " + segment + " (" + path[i + 1].name + ")", path[i + 1].regions, up});
  }
  return forces;
}

} // namespace spinefe
