// The facets of a named interface surface (e.g. `interface/T12_inferior`, between an endplate
// and an implant endcap) and the faces of the distributed triangulation that lie on them.
//
// Interfaces between two regions are interior faces: the triangulation cannot carry a boundary_id
// on them (meshing/triangulation_builder.h), so they are found again by their vertex
// coordinates. The same doubles go from MeshData::nodes into the triangulation (and into the
// fully distributed one), so a key of the three vertices, each rounded to 1e-9 mm and the three
// sorted, matches exactly and does not depend on vertex order or on the MPI partition.
#pragma once

#include "meshing/mesh_data.h"

#include <deal.II/base/point.h>
#include <deal.II/dofs/dof_handler.h>

#include <mpi.h>

#include <array>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace spinefe {

/// The triangles of one named surface, by corner coordinates [mm].
struct InterfaceFacets {
  std::string name;
  std::vector<std::array<dealii::Point<3>, 3>> triangles;
};

/// The facets of `surface` in `mesh`. Throws an InputError naming the mesh source and the
/// surface if the mesh has no surface of that name, or if it has no facets.
InterfaceFacets interface_facets(const MeshData& mesh, const std::string& surface);

/// Collective: every rank of `comm` receives the facets that `root` holds (the mesh is read on
/// rank 0 only; the other ranks pass an empty object).
InterfaceFacets broadcast(MPI_Comm comm, const InterfaceFacets& facets, unsigned int root = 0);

/// Area [mm^2], area centroid and mean unit normal of the facets: a plane for the equivalent
/// ellipse and the endplate-zone cylinder. Facet orientations in a mesh need not agree, so each
/// facet normal is flipped to agree with the first one before averaging (the sign of the result is
/// therefore arbitrary: orient it, e.g. towards the bone, before use). Meant for near-planar
/// interfaces such as an endplate under an endcap.
struct FacetGeometry {
  double area = 0;
  dealii::Point<3> centroid;
  dealii::Tensor<1, 3> normal;
};
FacetGeometry facet_geometry(const InterfaceFacets& facets);

/// Three corner coordinates rounded to 1e-9 mm (integer multiples), sorted.
using FacetKey = std::array<std::array<long long, 3>, 3>;
FacetKey facet_key(const std::array<dealii::Point<3>, 3>& corners);
std::set<FacetKey> facet_keys(const InterfaceFacets& facets);

/// A face of a locally owned cell: the cell and its local face number.
using CellFace = std::pair<dealii::DoFHandler<3>::active_cell_iterator, unsigned int>;

/// The faces on `facets` of the locally owned cells whose material id is in `regions`; the face
/// normal of such a face, as FEFaceValues gives it, points out of the region. A face between two
/// cells that are both in `regions` is listed once, from the cell with the smaller CellId, so that
/// summing over the faces of all ranks counts every facet once.
std::vector<CellFace> faces_on(const dealii::DoFHandler<3>& dof_handler,
                               const InterfaceFacets& facets,
                               const std::vector<unsigned int>& regions);

} // namespace spinefe
