#include "spine_mesh_checks.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace spinefe::testing {

SpineModelSpec coarse_spine_spec() {
  SpineModelSpec spec;
  spec.sizes.global = 5;
  spec.sizes.shell = 1.5;
  spec.sizes.interface = 1.5;
  spec.sizes.screw = 1.5;
  return spec;
}

Face sorted_face(const std::array<unsigned int, 3>& nodes) {
  Face f = nodes;
  std::sort(f.begin(), f.end());
  return f;
}

std::map<Face, std::vector<unsigned int>> face_adjacency(const MeshData& mesh) {
  std::map<Face, std::vector<unsigned int>> faces;
  for (unsigned int t = 0; t < mesh.tets.size(); ++t) {
    const auto& n = mesh.tets[t];
    for (int skip = 0; skip < 4; ++skip) {
      std::array<unsigned int, 3> f;
      int k = 0;
      for (int i = 0; i < 4; ++i)
        if (i != skip)
          f[k++] = n[i];
      faces[sorted_face(f)].push_back(t);
    }
  }
  return faces;
}

double surface_area(const MeshData& mesh, const std::string& surface) {
  const auto it = std::find(mesh.surface_names.begin(), mesh.surface_names.end(), surface);
  if (it == mesh.surface_names.end())
    throw std::runtime_error("no surface " + surface);
  const auto s = static_cast<unsigned int>(it - mesh.surface_names.begin());
  double area = 0;
  for (std::size_t i = 0; i < mesh.triangles.size(); ++i) {
    if (mesh.triangle_surface[i] != s)
      continue;
    const auto& a = mesh.nodes[mesh.triangles[i][0]];
    const auto& b = mesh.nodes[mesh.triangles[i][1]];
    const auto& c = mesh.nodes[mesh.triangles[i][2]];
    const double u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
    const double v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
    const double n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2],
                         u[0] * v[1] - u[1] * v[0]};
    area += 0.5 * std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
  }
  return area;
}

unsigned int region_index(const MeshData& mesh, const std::string& region) {
  const auto it = std::find(mesh.region_names.begin(), mesh.region_names.end(), region);
  if (it == mesh.region_names.end())
    throw std::runtime_error("no region " + region);
  return static_cast<unsigned int>(it - mesh.region_names.begin());
}

double region_volume(const MeshData& mesh, const std::string& region) {
  const unsigned int r = region_index(mesh, region);
  double v = 0;
  for (unsigned int t = 0; t < mesh.tets.size(); ++t)
    if (mesh.tet_region[t] == r)
      v += std::abs(signed_volume(mesh, t));
  return v;
}

double total_volume(const MeshData& mesh) {
  double v = 0;
  for (unsigned int t = 0; t < mesh.tets.size(); ++t)
    v += signed_volume(mesh, t);
  return v;
}

} // namespace spinefe::testing
