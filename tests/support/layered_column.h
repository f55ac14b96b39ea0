// Test fixtures for the metric calculators (postprocess/): a layered box with roller supports,
// and the interior facets of a layer cut, which layered_box does not name. Header only.
#pragma once

#include "meshing/mesh_data.h"
#include "postprocess/interface_facets.h"
#include "tests/support/solve.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace spinefe::testing {

/// The tetrahedron faces with all three corners on z = z_cut (within 1e-9 mm; gmsh places the
/// cut nodes on the plane), each once: the interior interface between two layers.
inline InterfaceFacets layer_cut_facets(const MeshData& mesh, const double z_cut,
                                        const std::string& name) {
  static constexpr unsigned int face_nodes[4][3] = {{0, 1, 2}, {0, 1, 3}, {0, 2, 3}, {1, 2, 3}};
  std::set<std::array<unsigned int, 3>> seen;
  InterfaceFacets facets;
  facets.name = name;
  for (const auto& tet : mesh.tets)
    for (const auto& f : face_nodes) {
      std::array<unsigned int, 3> ids = {tet[f[0]], tet[f[1]], tet[f[2]]};
      const bool on_cut = std::all_of(ids.begin(), ids.end(), [&](unsigned int i) {
        return std::abs(mesh.nodes[i][2] - z_cut) < 1e-9;
      });
      std::sort(ids.begin(), ids.end());
      if (!on_cut || !seen.insert(ids).second)
        continue;
      std::array<dealii::Point<3>, 3> corners;
      for (unsigned int v = 0; v < 3; ++v)
        corners[v] =
            dealii::Point<3>(mesh.nodes[ids[v]][0], mesh.nodes[ids[v]][1], mesh.nodes[ids[v]][2]);
      facets.triangles.push_back(corners);
    }
  return facets;
}

/// Material id (region index) of the region `name` of `mesh`.
inline unsigned int region_of(const MeshData& mesh, const std::string& name) {
  const auto it = std::find(mesh.region_names.begin(), mesh.region_names.end(), name);
  if (it == mesh.region_names.end())
    throw std::runtime_error("test: no region " + name);
  return static_cast<unsigned int>(it - mesh.region_names.begin());
}

/// Symmetry rollers that leave a box free to expand laterally: u_x = 0 on xmin, u_y = 0 on ymin,
/// u_z = 0 on bottom. The exact solution is then uniform uniaxial stress, which P1 and P2
/// reproduce, when the layers' strains are compatible at the cuts: loaded in series (pressure on
/// top) the lateral strains nu sigma / E must match, so use nu = 0; loaded in parallel (u_x on
/// xmax) one Poisson ratio in every layer suffices.
inline ProblemDefinition roller_box(const MeshData& mesh, std::vector<LinearIsotropic> materials) {
  ProblemDefinition p;
  p.materials = std::move(materials);
  p.dirichlet.push_back({"xmin", boundary_of(mesh, "xmin"), {{true, false, false}}, nullptr});
  p.dirichlet.push_back({"ymin", boundary_of(mesh, "ymin"), {{false, true, false}}, nullptr});
  p.dirichlet.push_back({"bottom", boundary_of(mesh, "bottom"), {{false, false, true}}, nullptr});
  return p;
}

/// A uniform pressure [MPa] on `surface` (positive pushes against the outward normal).
inline NeumannCondition pressure_on(const MeshData& mesh, const std::string& surface,
                                    const double pressure) {
  NeumannCondition n;
  n.surface = surface;
  n.boundary = boundary_of(mesh, surface);
  n.kind = NeumannCondition::Kind::pressure;
  n.pressure = pressure;
  return n;
}

/// Direct (MUMPS) solve at verification settings: the exactness checks then measure the
/// postprocessing, not the Krylov tolerance.
inline SolverSettings exact_settings(const unsigned int degree = 2) {
  SolverSettings s = verification_settings(degree);
  s.method = SolverSettings::Method::direct;
  return s;
}

} // namespace spinefe::testing
