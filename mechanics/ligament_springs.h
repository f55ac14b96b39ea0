// The spinal ligaments of the parametric model as tension-only springs: each fibre the mesher
// writes (meshing/ligament_attachments.h) becomes a bilinear spring between its two attachment
// points, with the properties of its ligament type (materials/ligament_table.h). The fibres of
// one ligament at one segment share the ligament's cross-section equally:
//   k1 = E_small A / (n L),  k2 = E_large A / (n L),  delta_t = transition_strain L,
//   delta_s = L - L0,  L = (1 + slack_strain) L0,
// L0 the distance between the fibre's points in the unloaded model and L its zero-force length:
// a ligament that is lax at the neutral posture (slack_strain > 0) bears load only once it has
// straightened by delta_s.
// The settings of case-file section "Spine model/Ligaments" (parsed in app/spine_section.cc).
#pragma once

#include "materials/ligament_table.h"
#include "meshing/ligament_attachments.h"
#include "solver/spring_law.h"

#include <mpi.h>

#include <string>
#include <vector>

namespace spinefe {

/// Whether and how the ligaments are modelled; the case file sets them.
struct LigamentSettings {
  bool enabled = true;
  std::string table;                 ///< empty: the built-in table
  double attachment_tolerance = 3.0; ///< mm: farthest mesh vertex an attachment may snap to
};

/// One spring per fibre (see the file comment). Each end may attach only to the regions of its
/// own vertebra ('<level>/...' in `region_names`), when `region_names` is given.
std::vector<SpringDefinition> ligament_springs(const std::vector<LigamentFibre>& fibres,
                                               const LigamentTable& table,
                                               const std::vector<std::string>& region_names = {});

/// `springs` of rank `root` on every rank of `comm`, every field (response, direction) included.
std::vector<SpringDefinition> broadcast_springs(MPI_Comm comm,
                                                const std::vector<SpringDefinition>& springs,
                                                unsigned int root = 0);

} // namespace spinefe
