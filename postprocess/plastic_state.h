// What a plastic run's material state shows, per cell for the VTU output and as totals:
//   equivalent_plastic_strain [-]  cell mean of eps_bar over its quadrature points (the axial
//                                  plastic strain of a uniaxial test: materials/crushable_foam.h)
//   von_mises [MPa], mean_stress [MPa]  cell means of the stress sigma = C : (eps - eps_p)
//   plastic volume [mm^3]          the volume of the quadrature points with eps_bar > 0
//                                  (sum of their JxW): the crushed zone
#pragma once

#include "postprocess/field_output.h"
#include "solver/elastoplastic_solver.h"

#include <vector>

namespace spinefe {

struct PlasticStateSummary {
  double plastic_volume = 0; ///< mm^3
  double max_equivalent_plastic_strain = 0;
};

/// Collective; the result is valid on every rank.
PlasticStateSummary summarise_plastic_state(const ElastoplasticSolver& solver);

/// The three cell fields above, for write_displacement_fields.
std::vector<CellField> plastic_cell_fields(const ElastoplasticSolver& solver);

} // namespace spinefe
