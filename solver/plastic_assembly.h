// Assembly of the nonlinear (elastoplastic) system at a displacement u:
//
//   f_int,i(u) = int_Omega eps(phi_i) : sigma(eps(u), history) dV,
//   K_ij       = int_Omega eps(phi_i) : C_alg : eps(phi_j) dV   (the consistent tangent),
//
// with sigma and C_alg from the crushable-foam return map (materials/crushable_foam.h) in the
// regions ProblemDefinition::crushable_foam names and linear elastic elsewhere. The history at
// each quadrature point is the one at the start of the load step: the return map is path
// independent within a step (backward Euler), so every Newton iterate starts from it.
#pragma once

#include "solver/assembly.h"

#include <deal.II/lac/affine_constraints.h>

#include <vector>

namespace spinefe {

/// Quadrature-point states of the plastic cells, indexed [active_cell_index][q]; empty for the
/// elastic cells and for cells that this rank does not own.
using MaterialHistory = std::vector<std::vector<FoamState>>;

/// An empty history: virgin material at every quadrature point of the owned plastic cells.
MaterialHistory initial_history(const FESpace& space, const ProblemDefinition& problem);

struct PlasticSystem {
  /// f_int - f_scale f_ext, condensed with homogeneous constraints (zero at constrained DoFs).
  dealii::PETScWrappers::MPI::Vector residual;
  /// f_int unconstrained: equal to f_ext at free DoFs at equilibrium, the reaction where the
  /// displacement is prescribed.
  dealii::PETScWrappers::MPI::Vector internal_force;
  /// The continuum's share of the two above, kept when springs or contact pairs add theirs
  /// (solver/interface_terms.h), so that a contact update can refresh the pairs' share alone.
  dealii::PETScWrappers::MPI::Vector continuum_residual, continuum_internal_force;
  MaterialHistory trial;             ///< the states the step ends with if u is accepted
  double force_scale = 0;            ///< N: the norm the residual is measured against
  unsigned int plastic_points = 0;   ///< quadrature points that yielded (over all ranks)
  unsigned int return_map_steps = 0; ///< largest scalar-Newton count of any return map
};

/// Assembles the tangent (into `matrix` if not null), the residual and the trial states at the
/// ghosted displacement `u` with the external force `external_force` (condensed) times
/// `load_factor`. Collective. Returns false on every rank if a return map failed on any rank
/// (the load step must be cut), true otherwise.
bool assemble_plastic_system(const FESpace& space, const ProblemDefinition& problem,
                             const dealii::AffineConstraints<double>& homogeneous,
                             const dealii::PETScWrappers::MPI::Vector& u,
                             const MaterialHistory& history,
                             const dealii::PETScWrappers::MPI::Vector& external_force,
                             double load_factor, SystemMatrix* matrix, PlasticSystem& out);

/// The external force f_ext (body, region and surface loads) at load factor 1: condensed with
/// the homogeneous constraints into `condensed`, and as integrated into `raw`.
void assemble_external_force(const FESpace& space, const ProblemDefinition& problem,
                             const std::vector<SurfaceGeometry>& surfaces,
                             const dealii::AffineConstraints<double>& homogeneous,
                             dealii::PETScWrappers::MPI::Vector& condensed,
                             dealii::PETScWrappers::MPI::Vector& raw);

} // namespace spinefe
