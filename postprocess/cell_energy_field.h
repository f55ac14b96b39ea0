// The strain energy density of a model's bone cells, kept as a compact field (cell centroid,
// volume, mean SED) on one rank, so that two models with different meshes (the instrumented
// construct and its intact twin) can be compared zone by zone, and so that a solved intact
// baseline can be stored and reused (app/baseline_cache.h) without solving it again.
// The zones and the stress shielding index are in postprocess/zone_energy.h.
#pragma once

#include "solver/elasticity_solver.h"

#include <hdf5.h>

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
/// With `phase`, the SED is that of a phase of the cell that shares its strain (1/2 eps : C_phase
/// : eps, iso-strain): the bone grown into a porous implant (materials/bone_graft.h).
CellEnergyField gather_cell_energy(const ElasticitySolver& solver,
                                   const std::vector<unsigned int>& regions,
                                   const LinearIsotropic* phase = nullptr);

/// Writes / reads the field as a group of `file` (datasets centroid n x 3, volume, sed, region,
/// region_names).
void write_cell_energy(hid_t group, const CellEnergyField& field);
CellEnergyField read_cell_energy(hid_t group);

} // namespace spinefe
