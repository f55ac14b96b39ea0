// Axial force through a member (the implant, a rod) at a section plane, for the load sharing
// F_implant / (F_implant + F_rods).
//
// Section plane: point p, unit normal n. phi_h is the FE function with nodal value 1 at the
// support points x_i with (x_i - p).n < 0 (the -n side) and 0 at the others; it steps from 1 to 0
// within the cells the plane cuts. The "virtual step" (discrete equilibrium) form of the section
// force is
//   T_k = - sum over cells in `regions` of int sigma_h : grad(e_k phi_h) dV,   k = 1..3,
// i.e. minus the internal nodal forces of the member, summed with weight phi_h. In discrete
// equilibrium the internal nodal forces balance the external ones, so T is the force that the +n
// part of the member exerts on its -n part across the section:
//   T = int_section sigma . n dA  (exactly, for the FE solution; continuous-stress limit),
// provided no load, support or other region acts on the member's nodes inside the cut cells
// (keep the plane away from load patches, supports and bonded contacts of the member). It is
// more accurate than integrating sigma.n over a cut, because it uses the same nodal forces as the
// equilibrium, and needs no cut geometry. The sum over all ranks is rank independent up to the
// solver tolerance.
//
// Sign: T points along +n for a member in tension (sigma.n = +s n) and along -n in compression;
//   axial_compression = -T.n  [N] is positive for a compressed member.
//
// Load sharing: share = F_implant / (F_implant + F_rods), both axial compressions [N].
#pragma once

#include "solver/elasticity_solver.h"

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>

#include <vector>

namespace spinefe {

struct SectionPlane {
  dealii::Point<3> point;
  dealii::Tensor<1, 3> normal; ///< normalised by section_force
};

struct SectionForce {
  dealii::Tensor<1, 3> force;   ///< T [N], on the -n part from the +n part
  double axial_compression = 0; ///< -T.n [N], positive in compression
  double cut_volume = 0;        ///< volume [mm^3] of the member's cells the plane cuts (0: missed)
};

/// Collective. Throws an InputError if the plane cuts no cell of `regions` on any rank, or if the
/// normal is zero.
SectionForce section_force(const ElasticitySolver& solver, const SectionPlane& plane,
                           const std::vector<unsigned int>& regions);

/// F_implant / (F_implant + F_rods); throws an InputError if the denominator is zero or below
/// 1e-9 of |F_implant| + |F_rods| (cancelling forces: no share is defined).
double load_share(double implant_force, double rods_force);

} // namespace spinefe
