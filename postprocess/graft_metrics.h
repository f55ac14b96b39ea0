// Where fusion happens: the bone graft in a mesh cage's lumen, or the bone grown into a printed
// body's porous core (product.md, Bone graft and Stress shielding).
//
// The graft zone of a spine model: the region "graft" (zone "cage_lumen"), else the region
// "implant/core" (zone "ingrowth_core"). Its bone carries the graft material at the case's
// healing stage; in the core it shares the lattice's strain (iso-strain, materials/bone_graft.h),
// so its SED is 1/2 eps : C_graft : eps of the core's strain even where no bone has grown yet:
// the stimulus bone would feel there.
//
// Rows (kind "graft", name the zone), per load case:
//   volume                    mm^3         of the zone
//   sed                       MPa          volume mean of the graft bone's SED
//   effective_strain          microstrain  volume mean of sqrt(2 SED_c / E_graft) per cell: the
//                                          strain of uniaxial stress with the same SED (Carter's
//                                          effective stress over E)
//   formation_fraction        -            volume share of cells whose effective strain lies in
//                                          the bone-formation window (MetricsSettings)
// and, with the intact twin:
//   sed_intact                MPa          mean SED of the intact L1 body (all its bone regions)
//                                          in the same volume: its cells with a centroid inside
//                                          the zone's tetrahedra
//   ssi                       -            1 - sed / sed_intact: > 0, the implant shields the graft
#pragma once

#include "meshing/mesh_data.h"
#include "postprocess/cell_energy_field.h"
#include "postprocess/metrics_settings.h"
#include "postprocess/metrics_table.h"
#include "postprocess/zone_energy.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace spinefe {

struct GraftZone {
  std::string name;   ///< "cage_lumen" or "ingrowth_core"
  std::string region; ///< "graft" or "implant/core"
};

/// The graft zone of a model with these regions, if it has one.
std::optional<GraftZone> graft_zone(const std::vector<std::string>& regions);

/// The corners of the zone's tetrahedra (P1 corners of `mesh`), for tet_union_shape.
std::vector<std::array<dealii::Point<3>, 4>> graft_tets(const MeshData& mesh,
                                                        const GraftZone& zone);

/// The rows without the intact twin: volume, sed, effective_strain, formation_fraction.
/// `graft` holds the zone's cells with the graft bone's SED; `graft_modulus` in MPa.
MetricTable graft_rows(const GraftZone& zone, const CellEnergyField& graft, double graft_modulus,
                       const MetricsSettings& settings, const std::string& load_case);

/// The SSI rows: sed_intact over the intact field's L1 cells inside `volume`, and ssi. Throws an
/// InputError if no intact L1 cell lies in the volume.
MetricTable graft_shielding_rows(const GraftZone& zone, const CellEnergyField& graft,
                                 const CellEnergyField& intact, const ZoneShape& volume,
                                 const std::string& load_case);

} // namespace spinefe
