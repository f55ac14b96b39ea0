// Writes MeshData as an Abaqus/CalculiX .inp mesh: *NODE, one *ELEMENT block per region (C3D4 or
// C3D10, ELSET = region name), and element-based *SURFACEs for named boundary surfaces. For C3D10
// the mid-side nodes are placed at edge midpoints, so the quadratic geometry is exactly the
// straight-sided P2 geometry spinefe solves on.
#pragma once

#include "meshing/mesh_data.h"

#include <cstddef>
#include <map>
#include <ostream>
#include <utility>
#include <vector>

namespace spinefe {

class AbaqusMeshWriter {
public:
  AbaqusMeshWriter(const MeshData& mesh, bool quadratic);

  void write_mesh(std::ostream& out) const;

  /// Abaqus names cannot hold '/' or spaces: those become '_'.
  static std::string abaqus_name(const std::string& name);

  /// 1-based node ids (corners and mid-side nodes) on boundary facets of surface `s`.
  std::vector<std::size_t> surface_nodes(unsigned int s) const;
  /// (1-based element id, face number 1..4) of the boundary facets of surface `s`.
  std::vector<std::pair<std::size_t, int>> surface_faces(unsigned int s) const;
  std::size_t n_nodes() const { return coordinates_.size(); }
  const std::array<double, 3>& node(std::size_t id) const { return coordinates_[id - 1]; }

private:
  const MeshData& mesh_;
  bool quadratic_;
  std::vector<std::array<double, 3>> coordinates_;      ///< node id - 1 -> position
  std::vector<std::vector<std::size_t>> element_nodes_; ///< 1-based node ids, Abaqus order
};

} // namespace spinefe
