#include "meshing/mesh_data.h"

#include "core/input_error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace spinefe {

namespace {
unsigned int find_or_add(std::vector<std::string>& names, const std::string& name) {
  const auto it = std::find(names.begin(), names.end(), name);
  if (it != names.end())
    return static_cast<unsigned int>(it - names.begin());
  names.push_back(name);
  return static_cast<unsigned int>(names.size() - 1);
}
} // namespace

unsigned int MeshData::add_region(const std::string& name) {
  return find_or_add(region_names, name);
}

unsigned int MeshData::add_surface(const std::string& name) {
  return find_or_add(surface_names, name);
}

double signed_volume(const MeshData& mesh, const unsigned int t) {
  const auto& p0 = mesh.nodes[mesh.tets[t][0]];
  std::array<std::array<double, 3>, 3> e;
  for (unsigned int k = 0; k < 3; ++k)
    for (unsigned int d = 0; d < 3; ++d)
      e[k][d] = mesh.nodes[mesh.tets[t][k + 1]][d] - p0[d];
  const double det = e[0][0] * (e[1][1] * e[2][2] - e[1][2] * e[2][1]) -
                     e[0][1] * (e[1][0] * e[2][2] - e[1][2] * e[2][0]) +
                     e[0][2] * (e[1][0] * e[2][1] - e[1][1] * e[2][0]);
  return det / 6.0;
}

void check_and_orient(MeshData& mesh) {
  if (mesh.tets.empty())
    throw InputError(mesh.source, "the mesh contains no tetrahedra (C3D4/C3D10 or gmsh type 4/11)");
  if (mesh.tet_region.size() != mesh.tets.size())
    throw InputError(mesh.source, "internal: region list does not match the element list");
  const auto n_nodes = static_cast<unsigned int>(mesh.nodes.size());
  for (const auto& p : mesh.nodes)
    for (const double x : p)
      if (!std::isfinite(x))
        throw InputError(mesh.source, "a node coordinate is not a finite number");
  // A tetrahedron whose volume is this small relative to its longest edge cubed is degenerate.
  constexpr double relative_volume_floor = 1e-12;
  for (unsigned int t = 0; t < mesh.tets.size(); ++t) {
    auto& tet = mesh.tets[t];
    for (const unsigned int v : tet)
      if (v >= n_nodes)
        throw InputError(mesh.source, "tetrahedron " + std::to_string(t + 1) +
                                          " refers to a node that does not exist");
    double longest = 0;
    for (unsigned int a = 0; a < 4; ++a)
      for (unsigned int b = a + 1; b < 4; ++b) {
        double l2 = 0;
        for (unsigned int d = 0; d < 3; ++d)
          l2 += std::pow(mesh.nodes[tet[a]][d] - mesh.nodes[tet[b]][d], 2);
        longest = std::max(longest, std::sqrt(l2));
      }
    const double volume = signed_volume(mesh, t);
    if (!(std::abs(volume) > relative_volume_floor * std::pow(longest, 3))) {
      std::ostringstream msg;
      msg << "tetrahedron " << t + 1 << " in region '" << mesh.region_names[mesh.tet_region[t]]
          << "' is degenerate (volume " << volume << " mm^3); the mesh is broken";
      throw InputError(mesh.source, msg.str());
    }
    if (volume < 0)
      std::swap(tet[1], tet[2]);
  }
  for (const auto& tri : mesh.triangles)
    for (const unsigned int v : tri)
      if (v >= n_nodes)
        throw InputError(mesh.source, "a surface facet refers to a node that does not exist");
}

} // namespace spinefe
