// Bone zones, their mean strain energy density, and the stress shielding index (SSI).
//
// Stress-shielding index of a zone Z (product.md):
//   SSI = 1 - SED_Z(instrumented) / SED_Z(intact)   (same zone, same load case),
//   SED_Z = sum_{cells c in Z} V_c SED_c / sum V_c,   SED_c = int_c 1/2 sigma:eps dV / V_c [MPa],
// over the cells of a CellEnergyField (postprocess/cell_energy_field.h). A cell belongs to Z when
// its region is one of Z's regions (by name) and its centroid lies inside Z's shape. Both models
// use the same rule, so mesh differences enter only through the cells' centroids (an O(h)
// boundary effect). SSI > 0: the implant shields the bone (less strain energy, the stimulus of
// remodelling, Huiskes et al. 1987 J Biomech 20:1135); SSI < 0: the bone carries more.
//
// Shapes: a cylinder about an axis (the bone around a screw), and a footprint prism (the bone
// under an implant's contact face: points whose projection along the face normal falls on one of
// the face's triangles, 0 to `depth` mm into the bone; an endcap gives its outline, a mesh cage
// its annulus). A zone may also exclude shapes (the screw holes, so that the instrumented bone,
// which has the holes, and the intact bone, which has none, cover the same volume).
#pragma once

#include "postprocess/cell_energy_field.h"
#include "postprocess/interface_facets.h"

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>

#include <array>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace spinefe {

/// Points x with s = (x - axis_point).axis in [s_min, s_max] and distance from the axis <= radius.
struct Cylinder {
  dealii::Point<3> axis_point;
  dealii::Tensor<1, 3> axis;   ///< unit (normalised by cylinder_shape)
  double radius = 0;           ///< mm, > 0
  double s_min = 0, s_max = 0; ///< mm, s_min < s_max
  bool contains(const dealii::Point<3>& x) const;
};

/// Points x with s = (x - origin).normal in [0, depth] whose projection onto the plane lies in
/// one of the triangles (in-plane coordinates along e1, e2).
struct FootprintPrism {
  dealii::Point<3> origin;
  dealii::Tensor<1, 3> normal, e1, e2; ///< orthonormal; normal points into the bone
  double depth = 0;                    ///< mm, > 0
  std::vector<std::array<dealii::Point<2>, 3>> triangles;
  double reach = 0; ///< largest in-plane distance of a corner from origin, a quick reject
  bool contains(const dealii::Point<3>& x) const;
};

/// Membership test of a zone's shape; an empty function means the whole of the zone's regions.
using ZoneShape = std::function<bool(const dealii::Point<3>&)>;

struct EnergyZone {
  std::string name;
  std::set<std::string> regions; ///< region names
  ZoneShape shape;
};

/// The cylinder as a shape; throws an InputError naming `zone` unless the axis is non-zero,
/// radius > 0 and s_min < s_max.
ZoneShape cylinder_shape(const std::string& zone, Cylinder cylinder);

/// The prism under `facets` (a flat face) from the plane through `origin` with unit normal
/// `normal` (into the bone), `depth` mm deep. Throws an InputError naming `zone` if there are no
/// facets or depth <= 0.
FootprintPrism footprint_prism(const std::string& zone, const InterfaceFacets& facets,
                               const dealii::Point<3>& origin, const dealii::Tensor<1, 3>& normal,
                               double depth);

/// The union of the tetrahedra `tets` (corner points) as a shape: the volume a region of one
/// mesh occupies, tested on another mesh's cells (the graft's volume in the intact twin). Points
/// on a shared face or edge are inside. Throws an InputError naming `zone` if `tets` is empty.
ZoneShape tet_union_shape(const std::string& zone,
                          std::vector<std::array<dealii::Point<3>, 4>> tets);

/// `inside` minus every shape of `holes`.
ZoneShape excluding(ZoneShape inside, std::vector<ZoneShape> holes);

struct ZoneEnergy {
  std::string name;
  double volume = 0;   ///< mm^3
  double mean_sed = 0; ///< MPa
};

/// Mean SED [MPa] of the zone and its volume [mm^3]. Throws an InputError naming the zone if no
/// cell of the field lies in it (an empty zone has no mean).
ZoneEnergy zone_mean_energy(const CellEnergyField& field, const EnergyZone& zone);

/// 1 - sed_instrumented / sed_intact; throws an InputError if sed_intact <= 0.
double stress_shielding_index(double sed_instrumented, double sed_intact);

} // namespace spinefe
