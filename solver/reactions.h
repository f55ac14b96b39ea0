// Reaction forces on named surfaces. The nodal residual r = f_int(u) - f_ext, with
// f_int,i = int sigma(u) : eps(phi_i) dV assembled without constraints (plus the spring forces on
// their end vertices), vanishes at free DoFs (to solver tolerance) and equals the support reaction
// at constrained ones. Summing r over the DoFs of a surface gives the force [N] the supports exert
// on the body there; over a loaded, free surface it gives ~0, which is the free-body check. The
// moment of the reactions, sum_i (x_i - p) x R_i over the surface's DoF support points x_i,
// completes it for moment loads.
#pragma once

#include "solver/elasticity_solver.h"

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>

#include <vector>

namespace spinefe {

/// One entry per named surface (index = boundary_id - 1); surfaces not on the boundary give 0.
std::vector<dealii::Tensor<1, 3>> reaction_forces(const ElasticitySolver& solver);

/// Moment [N mm] about the point `about` of each surface's reaction forces (same indexing).
std::vector<dealii::Tensor<1, 3>> reaction_moments(const ElasticitySolver& solver,
                                                   const dealii::Point<3>& about);

} // namespace spinefe
