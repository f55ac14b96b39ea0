// Facet (zygapophyseal) joints. Each joint between an upper and a lower vertebra is a plane in
// the transverse view at the tabulated angle to the sagittal plane (row of the upper level: its
// inferior facets). The lower vertebra's superior articular process (SAP) lies on the
// anterolateral side of the plane and the upper vertebra's inferior articular process (IAP) on the
// posteromedial side, their articular faces parallel and `facet_gap` apart, so the solver can
// model the joint as contact across the gap.
//
// Joint frame: origin at the joint centre (above the lateral masses, at mid-disc height); x is
// the joint normal pointing from SAP to IAP. In the transverse view it is h = (-sin a, -cos a, 0)
// on the left and (-sin a, +cos a, 0) on the right in the disc's mid frame (a = angle to
// sagittal: 0 gives a sagittal joint facing medially, 90 a coronal joint facing backwards); the
// sagittal inclination b (anatomy column facet_sagittal_inclination_deg) turns it cranially,
// x = cos b h + sin b e_z, so the SAP faces up as well as back and the IAP rests on it from
// above: extension, which moves the IAP caudally, closes the joint, as in vitro (facets carry
// load in extension, hardly any in flexion). z is the face's up-slope direction (cranial for
// b = 0) and y = z x x stays horizontal.
#pragma once

#include "meshing/spine_layout.h"
#include "meshing/spine_model_spec.h"
#include "meshing/vertebra_geometry.h"

#include <map>
#include <string>
#include <vector>

namespace spinefe {

struct FacetJoint {
  std::string name;         ///< "facet_T11_T12_left"
  std::string upper, lower; ///< level names
  int side = +1;            ///< +1 left, -1 right
  Frame frame;
  double gap = 0, width = 0, height = 0;
  std::string upper_surface() const; ///< "<name>/<upper>_IAP": the IAP's articular face
  std::string lower_surface() const; ///< "<name>/<lower>_SAP"
};

/// Joints between consecutive present vertebrae (`present` by level name).
std::vector<FacetJoint> facet_joints(const SpineLayout& layout, const TissueGeometry& t,
                                     const std::map<std::string, bool>& present);

/// Fuses each joint's SAP into the lower and its IAP into the upper vertebra's posterior
/// elements, and clears each vertebra from the other's side of the joint around the articular
/// faces, so the two bones never touch across a joint.
void add_articular_processes(const std::vector<FacetJoint>& joints, const SpineLayout& layout,
                             const TissueGeometry& t,
                             std::map<std::string, VertebraSolids>& vertebrae);

} // namespace spinefe
