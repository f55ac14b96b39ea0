// Turns MeshData into a serial deal.II triangulation: material_id = region index, boundary_id =
// named surface index + 1 on boundary facets of named surfaces, 0 on other boundary facets.
// Named facets between two tetrahedra (interfaces) cannot carry boundary ids; they are reported
// in `interior_surfaces` so that a boundary condition on one gives a clear error.
#pragma once

#include "meshing/mesh_data.h"

#include <deal.II/grid/tria.h>

#include <array>
#include <map>
#include <set>

namespace spinefe {

/// boundary_id of named surface `s` (0 is reserved for unnamed boundary).
inline dealii::types::boundary_id surface_boundary_id(const unsigned int s) {
  return s + 1;
}

struct SurfaceTopology {
  std::set<unsigned int> boundary_surfaces; ///< surfaces with at least one boundary facet
  std::set<unsigned int> interior_surfaces; ///< surfaces whose facets all lie between cells
  /// Named boundary facets (sorted node indices) -> surface index.
  std::map<std::array<unsigned int, 3>, unsigned int> boundary_facets;
};

/// Analyses which named surfaces are on the boundary; throws if a named facet matches no face of
/// any tetrahedron, or if a boundary facet belongs to two named surfaces.
SurfaceTopology analyse_surfaces(const MeshData& mesh);

/// Builds the triangulation from a topology already analysed for this mesh.
void build_triangulation(const MeshData& mesh, const SurfaceTopology& topology,
                         dealii::Triangulation<3>& tria);

/// Same, analysing the surfaces first.
void build_triangulation(const MeshData& mesh, dealii::Triangulation<3>& tria);

} // namespace spinefe
