#include "meshing/interface_split.h"

#include "core/input_error.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <sstream>

namespace spinefe {

namespace {

using Face = std::array<unsigned int, 3>;

Face sorted(Face f) {
  std::sort(f.begin(), f.end());
  return f;
}

/// The corners of face `f` of a tetrahedron (the face opposite corner f).
Face tet_face(const std::array<unsigned int, 4>& t, const unsigned int f) {
  Face out;
  unsigned int k = 0;
  for (unsigned int c = 0; c < 4; ++c)
    if (c != f)
      out[k++] = t[c];
  return out;
}

std::array<double, 3> sub(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return {a[0] - b[0], a[1] - b[1], a[2] - b[2]};
}

std::array<double, 3> cross(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

double dot(const std::array<double, 3>& a, const std::array<double, 3>& b) {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/// Which side a region is on: 0 side a, 1 side b, -1 neither.
std::vector<int> region_sides(const MeshData& mesh, const std::vector<unsigned int>& side_a,
                              const std::vector<unsigned int>& side_b) {
  std::vector<int> side(mesh.region_names.size(), -1);
  for (const unsigned int r : side_a)
    side.at(r) = 0;
  for (const unsigned int r : side_b) {
    if (side.at(r) == 0)
      throw InputError(mesh.source, "region '" + mesh.region_names[r] +
                                        "' is on both sides of a contact interface");
    side[r] = 1;
  }
  return side;
}

struct FaceCells {
  int cell_a = -1, cell_b = -1;
  unsigned int face_a = 0; ///< local face index in cell_a
};

} // namespace

SplitInterface split_interface(MeshData& mesh, const std::vector<unsigned int>& side_a,
                               const std::vector<unsigned int>& side_b) {
  const std::vector<int> side = region_sides(mesh, side_a, side_b);

  // 1. The faces of side-a and side-b cells, and which of them are shared across the sides.
  std::map<Face, FaceCells> faces;
  for (std::size_t t = 0; t < mesh.tets.size(); ++t) {
    const int s = side[mesh.tet_region[t]];
    if (s < 0)
      continue;
    for (unsigned int f = 0; f < 4; ++f) {
      FaceCells& fc = faces[sorted(tet_face(mesh.tets[t], f))];
      if (s == 0) {
        fc.cell_a = static_cast<int>(t);
        fc.face_a = f;
      } else {
        fc.cell_b = static_cast<int>(t);
      }
    }
  }
  std::map<Face, unsigned int> named; // interface triangle -> named surface
  for (std::size_t i = 0; i < mesh.triangles.size(); ++i)
    named.emplace(sorted(mesh.triangles[i]), mesh.triangle_surface[i]);

  // 2. Per interface node: tributary area, area-weighted normal, the cells' regions, the patch.
  SplitInterface out;
  std::map<std::string, unsigned int> patch_index;
  const auto patch_of = [&](const std::string& name) {
    const auto [it, added] =
        patch_index.emplace(name, static_cast<unsigned int>(out.patches.size()));
    if (added)
      out.patches.push_back(name);
    return it->second;
  };
  std::map<unsigned int, SplitNodePair> nodes;
  std::map<unsigned int, std::map<unsigned int, double>> area_by_patch; // node -> patch -> A
  for (const auto& [face, fc] : faces) {
    if (fc.cell_a < 0 || fc.cell_b < 0)
      continue;
    const auto& ta = mesh.tets[fc.cell_a];
    const Face corners = tet_face(ta, fc.face_a);
    const auto& x0 = mesh.nodes[corners[0]];
    std::array<double, 3> n =
        cross(sub(mesh.nodes[corners[1]], x0), sub(mesh.nodes[corners[2]], x0));
    const double twice_area = std::sqrt(dot(n, n));
    // Orient out of the side-a cell: away from its fourth corner.
    if (dot(n, sub(mesh.nodes[ta[fc.face_a]], x0)) > 0)
      for (double& v : n)
        v = -v;
    const double area = 0.5 * twice_area;
    const auto named_it = named.find(face);
    const unsigned int patch =
        patch_of(named_it != named.end() ? mesh.surface_names[named_it->second]
                                         : mesh.region_names[mesh.tet_region[fc.cell_b]]);
    out.area += area;
    ++out.n_triangles;
    for (const unsigned int node : face) {
      auto [it, added] = nodes.try_emplace(node);
      SplitNodePair& p = it->second;
      if (added) {
        p.x = mesh.nodes[node];
        p.node_a = node;
        p.region_a = mesh.tet_region[fc.cell_a];
        p.region_b = mesh.tet_region[fc.cell_b];
        p.patch = patch;
      }
      if (named_it != named.end())
        p.patch = patch; // a named surface wins over a region name
      p.area += area / 3;
      area_by_patch[node][patch] += area / 3;
      for (unsigned int d = 0; d < 3; ++d)
        p.normal[d] += n[d] / 2; // |n| = 2 x area: area-weighted
    }
  }
  if (nodes.empty())
    return out;

  // 3. Named triangles that are faces of side-b cells only follow the copies.
  std::set<Face> faces_of_a;
  for (const auto& [face, fc] : faces)
    if (fc.cell_a >= 0)
      faces_of_a.insert(face);

  // 4. Duplicate the nodes; side-b cells and side-b-only triangles take the copies.
  std::map<unsigned int, unsigned int> copy;
  for (auto& [node, p] : nodes) {
    const double norm = std::sqrt(dot(p.normal, p.normal));
    if (!(norm > 1e-3 * p.area)) {
      std::ostringstream msg;
      msg << "the contact interface's triangles at node " << node << " (" << p.x[0] << ", "
          << p.x[1] << ", " << p.x[2]
          << ") face opposite ways, so the node has no normal; the interface must not fold "
             "back on itself";
      throw InputError(mesh.source, msg.str());
    }
    for (double& v : p.normal)
      v /= norm;
    p.area = area_by_patch[node][p.patch];
    p.node_b = static_cast<unsigned int>(mesh.nodes.size());
    mesh.nodes.push_back(p.x);
    copy[node] = p.node_b;
    out.pairs.push_back(p);
  }
  const auto remap = [&](auto& corners) {
    for (auto& c : corners)
      if (const auto it = copy.find(c); it != copy.end())
        c = it->second;
  };
  // A cell of a third region that shares a face with side b at a split node would be cut off
  // from side b along that face: the interface must be where the two sides meet alone.
  for (std::size_t t = 0; t < mesh.tets.size(); ++t) {
    if (side[mesh.tet_region[t]] >= 0)
      continue;
    for (unsigned int f = 0; f < 4; ++f) {
      const Face face = sorted(tet_face(mesh.tets[t], f));
      const auto it = faces.find(face);
      const bool at_split =
          std::any_of(face.begin(), face.end(), [&](unsigned int c) { return copy.count(c) > 0; });
      if (at_split && it != faces.end() && it->second.cell_b >= 0)
        throw InputError(mesh.source,
                         "region '" + mesh.region_names[mesh.tet_region[t]] + "' touches '" +
                             mesh.region_names[mesh.tet_region[it->second.cell_b]] +
                             "' at the rim of a contact interface; contact needs the two sides "
                             "of the interface to meet no third region there (make the "
                             "interface bonded, or assign that region to a side)");
    }
  }
  for (std::size_t t = 0; t < mesh.tets.size(); ++t)
    if (side[mesh.tet_region[t]] == 1)
      remap(mesh.tets[t]);
  for (auto& tri : mesh.triangles)
    if (faces_of_a.count(sorted(tri)) == 0 && faces.count(sorted(tri)) > 0)
      remap(tri);
  return out;
}

} // namespace spinefe
