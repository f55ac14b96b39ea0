// The parametric T10-L3 model: anatomy table + surgery + implant + instrumentation + potting,
// built with gmsh's OpenCASCADE kernel, fragmented into one conforming assembly (bonded
// interfaces share nodes), and meshed with tetrahedra. This is the mesh source of the spine
// cases; `spinefe mesh` writes it to files and `spinefe run` uses it straight from memory.
//
// Regions: <level>/cortical, <level>/cancellous, <level>/endplate_inferior,
// <level>/endplate_superior, <level>/posterior, disc_<upper>_<lower>/annulus and /nucleus,
// implant/cage or implant/endcap_superior, implant/endcap_inferior, implant/core,
// screw_<level>_<side>, tulip_<level>_<side>, rod_left, rod_right, pot_top, pot_bottom.
// Surfaces: pot_top/load, pot_bottom/fixed, interface/T12_inferior, interface/L2_superior and
// the articular faces of every facet joint, facet_<upper>_<lower>_<side>/<level>_IAP|SAP.
#pragma once

#include "meshing/anatomy_table.h"
#include "meshing/facet_joints.h"
#include "meshing/instrumentation_geometry.h"
#include "meshing/ligament_attachments.h"
#include "meshing/mesh_data.h"
#include "meshing/spine_layout.h"
#include "meshing/spine_model_spec.h"

#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace spinefe {

struct SpineModel {
  MeshData mesh;
  std::vector<FacetJoint> facet_joints;
  std::vector<LigamentFibre> ligaments;
  std::vector<ScrewReport> screws;
  std::map<std::string, Vec3> body_centres;                    ///< present vertebrae, global mm
  double superior_contact_area = 0, inferior_contact_area = 0; ///< implant on endplates, mm^2
  double gap_height = 0;                                       ///< corpectomy gap, mm
  double kyphosis_t10_l3 = 0; ///< T10 superior vs L3 inferior endplate, degrees (+ kyphotic)
  double geometry_seconds = 0, meshing_seconds = 0;
};

/// Builds and meshes the model. Throws InputError for bad anatomy, impossible implants, screws
/// that breach the cortex, or overlapping anatomy.
/// Progress lines go to `log` if given.
SpineModel build_spine_model(const SpineModelSpec& spec, std::ostream* log = nullptr);

} // namespace spinefe
