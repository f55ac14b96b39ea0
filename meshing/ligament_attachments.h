// Attachment points of the spinal ligaments, as named point pairs for the solver's
// tension-only springs. Each ligament of each present motion segment gets several fibres
// spread over its insertion, from landmarks of the two vertebrae (vertebra_geometry.h):
//   ALL  anterior longitudinal: anterior body wall, 3 fibres (midline and +-W/4), 2 mm from
//        the endplates;
//   PLL  posterior longitudinal: posterior body wall, 2 fibres at +-3 mm;
//   LF   ligamentum flavum: front of the laminae, 2 fibres per side;
//   ISL  interspinous: between the spinous processes, 2 fibres (base and middle);
//   SSL  supraspinous: spinous tips, 1 fibre;
//   ITL  intertransverse: transverse process tips, 1 fibre per side;
//   CL   capsular: across each facet joint, 4 fibres around the articular faces.
// Points lie on (or within 0.5 mm of) the bone surface of the named vertebra.
#pragma once

#include "meshing/facet_joints.h"
#include "meshing/spine_layout.h"
#include "meshing/spine_model_spec.h"

#include <map>
#include <string>
#include <vector>

namespace spinefe {

struct LigamentFibre {
  std::string ligament;     ///< ALL, PLL, LF, ISL, SSL, ITL, CL
  std::string name;         ///< "ALL_T11_T12_1"
  std::string upper, lower; ///< levels the fibre joins
  Vec3 upper_point, lower_point;
  double length() const { return (upper_point - lower_point).norm(); }
};

std::vector<LigamentFibre> ligament_attachments(const SpineLayout& layout, const TissueGeometry& t,
                                                const std::map<std::string, bool>& present,
                                                const std::vector<FacetJoint>& joints);

/// Writes the fibres as CSV (ligament,name,upper,lower,x_upper,...,z_lower,length_mm).
std::string ligaments_csv(const std::vector<LigamentFibre>& fibres);

} // namespace spinefe
