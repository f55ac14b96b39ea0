// The strain energy density of a model's bone cells, kept as a compact field (cell centroid,
// volume, mean SED) on one rank, so that two models with different meshes (the instrumented
// construct and its intact twin) can be compared zone by zone, and so that a solved intact
// baseline can be stored and reused (app/baseline_cache.h) without solving it again.
//
// Stress-shielding index of a zone Z (product.md):
//   SSI = 1 - SED_Z(instrumented) / SED_Z(intact),
//   SED_Z = sum_{cells c in Z} V_c SED_c / sum V_c,  SED_c = int_c 1/2 sigma:eps dV / V_c [MPa],
// a cell belonging to Z when its region is one of Z's regions (by name) and, for a geometric
// zone, its centroid lies inside Z's cylinder. Both models use the same rule, so mesh
// differences enter only through the cells' centroids (an O(h) boundary effect).
#pragma once

#include "postprocess/zone_energy.h"
#include "solver/elasticity_solver.h"

#include <hdf5.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace spinefe {

struct CellEnergyField {
  std::vector<std::string> region_names; ///< the model's regions (index = material id)
  std::vector<unsigned int> region;      ///< per cell
  std::vector<dealii::Point<3>> centroid;
  std::vector<double> volume, sed;
};

/// Gathers on rank 0 of the solver's communicator every locally owned cell whose region is in
/// `regions` (material ids). Other ranks receive an empty field. Collective.
CellEnergyField gather_cell_energy(const ElasticitySolver& solver,
                                   const std::vector<unsigned int>& regions);

struct EnergyZone {
  std::string name;
  std::set<std::string> regions; ///< region names
  std::optional<Cylinder> cylinder;
};

/// Mean SED [MPa] of the zone and its volume [mm^3]; volume 0 (and SED 0) when no cell is in it.
ZoneEnergy zone_mean_energy(const CellEnergyField& field, const EnergyZone& zone);

/// Writes / reads the field as a group of `file` (datasets centroid n x 3, volume, sed, region,
/// region_names).
void write_cell_energy(hid_t group, const CellEnergyField& field);
CellEnergyField read_cell_energy(hid_t group);

} // namespace spinefe
