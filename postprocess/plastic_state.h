// What a plastic run's material state shows, per cell for the VTU output and as totals:
//   equivalent_plastic_strain [-]  cell mean of eps_bar over its quadrature points (the axial
//                                  plastic strain of a uniaxial test: materials/crushable_foam.h)
//   von_mises [MPa], mean_stress [MPa]  cell means of the stress sigma = C : (eps - eps_p)
//   plastic volume [mm^3]          the volume of the quadrature points with eps_bar > 0
//                                  (sum of their JxW): the crushed zone
//   yield utilisation [-]          at a point, sqrt(q^2 + alpha^2 p^2) / (sqrt(1 + alpha^2/9)
//                                  sigma_c(eps_bar)): the stress's size over the yield surface's
//                                  along the same ray (1 on the surface; materials/
//                                  crushable_foam.h); the largest over the crushable regions
//   bone under an endcap           the points of the given regions (the bone-side vertebra)
//                                  in the column over the endcap: below the plane through its
//                                  centroid x_0 with normal n (n points into the implant, so the
//                                  bone lies at -n) and within the endcap's radius R of the axis
//                                  through x_0 along n. Of that column: the plastic zone's volume
//                                  (points with eps_bar > 0), its depth max -n . (x_q - x_0), and
//                                  the largest yield utilisation (first yield under the endcap,
//                                  not at a screw or elsewhere in the column's vertebra)
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

/// The largest yield utilisation over the crushable-foam points. Collective.
double max_yield_utilisation(const ElastoplasticSolver& solver);

/// The column of bone under one endcap (see the file comment).
struct EndcapColumn {
  std::vector<unsigned int> regions; ///< material ids of the bone-side vertebra
  dealii::Point<3> centroid;         ///< x_0 [mm]
  dealii::Tensor<1, 3> normal;       ///< n, unit, into the implant
  double radius = 0;                 ///< R [mm]
};
struct ColumnState {
  double plastic_volume = 0;  ///< mm^3
  double plastic_depth = 0;   ///< mm below the plane (0 without plastic points)
  double max_utilisation = 0; ///< - (0 if the column holds no crushable-foam point)
};
/// Collective; the result is valid on every rank.
ColumnState column_state(const ElastoplasticSolver& solver, const EndcapColumn& column);

/// The three cell fields above, for write_displacement_fields.
std::vector<CellField> plastic_cell_fields(const ElastoplasticSolver& solver);

} // namespace spinefe
