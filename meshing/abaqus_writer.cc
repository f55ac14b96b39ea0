#include "meshing/abaqus_writer.h"

#include "meshing/triangulation_builder.h"

#include <algorithm>
#include <set>

namespace spinefe {

namespace {
// Abaqus C3D10 mid-side nodes: 5 = (1,2), 6 = (2,3), 7 = (3,1), 8 = (1,4), 9 = (2,4), 10 = (3,4).
constexpr int c3d10_edges[6][2] = {{0, 1}, {1, 2}, {2, 0}, {0, 3}, {1, 3}, {2, 3}};
// Abaqus tetrahedron faces S1..S4 as corner indices.
constexpr int tet_faces[4][3] = {{0, 1, 2}, {0, 3, 1}, {1, 3, 2}, {2, 3, 0}};
// Mid-side node positions (index into the 10 nodes) on each face, for node sets.
constexpr int face_mids[4][3] = {{4, 5, 6}, {7, 8, 4}, {5, 8, 9}, {6, 9, 7}};
} // namespace

std::string AbaqusMeshWriter::abaqus_name(const std::string& name) {
  std::string out = name;
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '/' || c == ' '; }, '_');
  return out;
}

AbaqusMeshWriter::AbaqusMeshWriter(const MeshData& mesh, const bool quadratic)
    : mesh_(mesh), quadratic_(quadratic), coordinates_(mesh.nodes) {
  std::map<std::pair<unsigned int, unsigned int>, std::size_t> mid_node;
  for (const auto& tet : mesh.tets) {
    std::vector<std::size_t> nodes;
    for (const unsigned int v : tet)
      nodes.push_back(v + 1);
    if (quadratic)
      for (const auto& e : c3d10_edges) {
        const auto key = std::minmax(tet[e[0]], tet[e[1]]);
        auto [it, inserted] = mid_node.emplace(key, coordinates_.size() + 1);
        if (inserted) {
          std::array<double, 3> x;
          for (unsigned int d = 0; d < 3; ++d)
            x[d] = 0.5 * (mesh.nodes[key.first][d] + mesh.nodes[key.second][d]);
          coordinates_.push_back(x);
        }
        nodes.push_back(it->second);
      }
    element_nodes_.push_back(nodes);
  }
}

std::vector<std::pair<std::size_t, int>> AbaqusMeshWriter::surface_faces(unsigned int s) const {
  std::set<std::array<unsigned int, 3>> wanted;
  for (std::size_t i = 0; i < mesh_.triangles.size(); ++i)
    if (mesh_.triangle_surface[i] == s) {
      auto f = mesh_.triangles[i];
      std::sort(f.begin(), f.end());
      wanted.insert(f);
    }
  std::vector<std::pair<std::size_t, int>> faces;
  for (std::size_t t = 0; t < mesh_.tets.size(); ++t)
    for (int f = 0; f < 4; ++f) {
      std::array<unsigned int, 3> key;
      for (int k = 0; k < 3; ++k)
        key[k] = mesh_.tets[t][tet_faces[f][k]];
      std::sort(key.begin(), key.end());
      if (wanted.count(key))
        faces.emplace_back(t + 1, f + 1);
    }
  return faces;
}

std::vector<std::size_t> AbaqusMeshWriter::surface_nodes(unsigned int s) const {
  std::set<std::size_t> nodes;
  for (const auto& [element, face] : surface_faces(s)) {
    const auto& en = element_nodes_[element - 1];
    for (int k = 0; k < 3; ++k) {
      nodes.insert(en[tet_faces[face - 1][k]]);
      if (quadratic_)
        nodes.insert(en[face_mids[face - 1][k]]);
    }
  }
  return {nodes.begin(), nodes.end()};
}

void AbaqusMeshWriter::write_mesh(std::ostream& out) const {
  out.precision(12);
  out << "** spinefe mesh: " << mesh_.source << "\n*NODE, NSET=NALL\n";
  for (std::size_t i = 0; i < coordinates_.size(); ++i)
    out << i + 1 << ", " << coordinates_[i][0] << ", " << coordinates_[i][1] << ", "
        << coordinates_[i][2] << "\n";
  for (unsigned int r = 0; r < mesh_.region_names.size(); ++r) {
    out << "*ELEMENT, TYPE=" << (quadratic_ ? "C3D10" : "C3D4")
        << ", ELSET=" << abaqus_name(mesh_.region_names[r]) << "\n";
    for (std::size_t t = 0; t < mesh_.tets.size(); ++t) {
      if (mesh_.tet_region[t] != r)
        continue;
      out << t + 1;
      for (const std::size_t n : element_nodes_[t])
        out << ", " << n;
      out << "\n";
    }
  }
  const SurfaceTopology topology = analyse_surfaces(mesh_);
  for (const unsigned int s : topology.boundary_surfaces) {
    out << "*SURFACE, NAME=" << abaqus_name(mesh_.surface_names[s]) << ", TYPE=ELEMENT\n";
    for (const auto& [element, face] : surface_faces(s))
      out << element << ", S" << face << "\n";
  }
}

} // namespace spinefe
