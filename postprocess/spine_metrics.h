// The spine metrics of product.md for one solved load case of a spine model, and the geometry
// they need, taken once from the instrumented construct's mesh:
//
//   interfaces   interface/<L>_inferior|superior: the implant's contact faces on the endplates
//                of the vertebrae next to the corpectomy (bone side <L>/...), with their area,
//                centroid and unit normal pointing into the bone;
//   section      the plane through the midpoint of the two interface centroids, normal along
//                the implant axis, where the implant and rod forces are cut (load share);
//   screws       each screw's axis, length and radius from its region's volume moments (a
//                solid cylinder of length L and radius r has axial variance L^2/12 and transverse
//                variance r^2/4), for the peri-screw bone zones.
//
// Metrics (rows of postprocess/metrics_table.h; definitions in the README, 'Spine metrics'):
//   segment         ROM of every segment and first-to-last [deg]
//   interface       normal stress mean/P95/max [MPa], loaded area [mm^2], subsidence risk index
//                   (area-weighted P95 of sigma_n / S(x)), its max, area fraction above 1; with
//                   contact, subsidence depth mean/P95/max [mm] relative to the rigid motion of
//                   the bone-side vertebra (postprocess/subsidence_depth.h)
//   load_share      axial compression through implant and rods [N], share F_i / (F_i + F_r)
//   implant_stress  implant, rods, screws, tulip heads: von Mises P95/P99/max [MPa],
//                   P99 / fatigue limit
//   facet           compressive force per joint [N]
//   disc            mean nucleus pressure -tr(sigma)/3 per disc [MPa]
//   ssi             1 - SED(instrumented)/SED(intact) per zone (computed in app/run_case.cc)
//
// The metrics read the solution and the region names only; what they need of the case comes in
// SpineMetricsOptions and MetricsSettings (filled from the case file by app/run_case.cc).
#pragma once

#include "materials/bone_quality.h"
#include "meshing/mesh_data.h"
#include "postprocess/cell_energy_field.h"
#include "postprocess/interface_facets.h"
#include "postprocess/metrics_settings.h"
#include "postprocess/metrics_table.h"
#include "postprocess/run_summary.h"
#include "postprocess/zone_energy.h"
#include "solver/elasticity_solver.h"

#include <array>
#include <string>
#include <vector>

namespace spinefe {

struct InterfaceGeometry {
  std::string surface; ///< "interface/T12_inferior"
  std::string level;   ///< "T12"
  std::string side;    ///< "inferior"
  InterfaceFacets facets;
  double area = 0;
  std::array<double, 3> centroid = {0, 0, 0}, normal = {0, 0, 0}; ///< normal into the bone
};

struct ScrewAxis {
  std::string name, level; ///< "screw_T10_left", "T10"
  std::array<double, 3> centre = {0, 0, 0}, axis = {0, 0, 1};
  double length = 0, radius = 0;
};

struct SpineMetricGeometry {
  std::vector<InterfaceGeometry> interfaces; ///< empty for an intact model
  std::vector<ScrewAxis> screws;
};

/// Reads the geometry from the mesh (rank 0), then shares it with every rank. Collective;
/// `mesh` is only read on rank 0.
SpineMetricGeometry spine_metric_geometry(const MeshData& mesh, MPI_Comm comm);

/// The bone zones whose SSI is reported: each interface level's body, its endplate zone under
/// the endcap, and the bone around every screw.
std::vector<EnergyZone> stress_shielding_zones(const SpineMetricGeometry& geometry,
                                               const MetricsSettings& settings);

/// Every bone region (<level>/cortical|cancellous|endplate_*|posterior) of `regions`.
std::vector<unsigned int> bone_regions(const std::vector<std::string>& regions);

/// What load_case_metrics takes from the case.
struct SpineMetricsOptions {
  bool spine_model = false; ///< false (a mesh file): segment and run rows only
  MetricsSettings settings;
  BoneQuality bone_quality = BoneQuality::normal; ///< sets the endplate strength's bone density
};

/// Segment angles, run figures, and for a spine model the interface, load-share,
/// implant-stress, facet and disc rows of one solved load case. Collective.
MetricTable load_case_metrics(const ElasticitySolver& solver, const RunSummary& summary,
                              const SpineMetricsOptions& options,
                              const SpineMetricGeometry& geometry, const std::string& model,
                              const std::string& load_case);

/// SSI rows of every zone: 1 - SED(instrumented) / SED(intact), with both SEDs [MPa].
MetricTable stress_shielding_rows(const std::vector<EnergyZone>& zones,
                                  const CellEnergyField& instrumented,
                                  const CellEnergyField& intact, const std::string& load_case);

} // namespace spinefe
