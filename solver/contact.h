// The contact pairs of a problem on its FE space, their state and multipliers, and the terms they
// add to the linear system of one iteration (law and method: solver/contact_law.h).
//
// One iteration of the contact loop (driven by solver/active_set.h together with the springs):
//   1. add(): for every closed pair the normal penalty k n(x)n with the force lambda_bar n, and
//      the tangential law linearised about the last iterate, t = offset - K_t s: K_t = k (I -
//      n(x)n) for a sticking pair; for a slipping one Newton's linearisation of t = -mu lambda_n
//      s/|s| about the last slip s0 (stiffness mu lambda_n/|s0| across the slip direction e, the
//      force -mu lambda_n e along it, plus a small stabilising stiffness k_s along e whose force
//      k_s e.(s0 - s) vanishes once the slip settles); for a frictionless pair only k_s with the
//      force k_s s0;
//   2. solve;
//   3. update(): evaluate the law at the new displacement (trial forces, states) and set the
//      normal multipliers to the normal forces (Uzawa). The loop has converged when no state
//      changes, and the pair forces changed (from those the solve applied) by less than
//      ContactSettings::tolerance of the norm of all contact forces.
#pragma once

#include "solver/contact_law.h"
#include "solver/fe_space.h"
#include "solver/problem_definition.h"
#include "solver/system_matrix.h"
#include "solver/vertex_pairs.h"

#include <deal.II/lac/petsc_vector.h>

#include <ostream>
#include <vector>

namespace spinefe {

/// The converged (or current) response of one pair.
struct ContactPairResponse {
  ContactState state = ContactState::stick;
  double normal_force = 0;         ///< lambda_n [N], compression positive
  dealii::Tensor<1, 3> tangential; ///< t [N], on side b (the implant)
  double gap = 0;                  ///< g = g0 + n . (u_b - u_a) [mm], < 0 is penetration
  dealii::Tensor<1, 3> slip;       ///< s = (I - n(x)n)(u_b - u_a) [mm]
};

/// What one call of update() found.
struct ContactUpdate {
  unsigned int changed = 0;     ///< pairs whose state changed
  double multiplier_change = 0; ///< |lambda - lambda_bar| / |lambda| over all pairs
  bool converged(double tolerance) const { return changed == 0 && multiplier_change <= tolerance; }
};

class ContactSet {
public:
  /// Attaches every pair to the vertices of `space` (pairs straddling ranks included) and scales
  /// the penalties from the materials of the pair's two cells. Needs P1: with P2 the vertex
  /// nodes of an interface carry no share of a uniform pressure. Collective.
  ContactSet(const ProblemDefinition& problem, const FESpace& space);

  /// Adds the terms of the current states and multipliers (see the file comment); compresses.
  void add(SystemMatrix& matrix, dealii::PETScWrappers::MPI::Vector& rhs) const;
  /// Reserves the matrix entries of every pair (VertexPairDofs::reserve_entries). Collective.
  void reserve_entries(SystemMatrix& matrix) const { dofs_.reserve_entries(matrix); }
  /// Evaluates the law at `u` (constraints distributed), updates states and multipliers.
  ContactUpdate update(const dealii::PETScWrappers::MPI::Vector& u);

  // The same terms in residual form, for Newton's method on a nonlinear continuum
  // (solver/interface_terms.h): the pair's linearised law about its current state and
  // multiplier, force on side b F_b(du) = f_i - K_i du, gives the internal force K_i du - f_i on
  // b (the opposite on a), and the tangent K_i.

  /// Adds the stiffness K_i of every closed pair to `matrix` (no right-hand side); compresses.
  void add_tangent(SystemMatrix& matrix) const;
  /// Adds the internal forces at `u` (constraints distributed) to `residual` through the
  /// homogeneous part of the constraints, and to `internal` as they are (either may be null).
  /// Not compressed: the caller compresses with VectorOperation::add. Collective.
  void add_internal_forces(const dealii::PETScWrappers::MPI::Vector& u,
                           dealii::PETScWrappers::MPI::Vector* residual,
                           dealii::PETScWrappers::MPI::Vector* internal) const;

  /// The pairs' states and multipliers, to return to after a failed load step.
  struct Snapshot {
    std::vector<ContactPairResponse> responses;
    std::vector<double> normal_multiplier, slip_stabilisation;
  };
  Snapshot snapshot() const { return {responses_, normal_multiplier_, slip_stabilisation_}; }
  void restore(const Snapshot& s);

  const ProblemDefinition::ContactPairs& definition() const { return definition_; }
  const std::vector<ContactPairResponse>& responses() const { return responses_; }
  std::size_t size() const { return responses_.size(); }
  unsigned int count(ContactState state) const;
  /// Largest penetration -g over the closed pairs, largest |s| over all pairs [mm].
  double max_penetration() const;
  double max_slip() const;
  /// u_b [mm] of every pair, the displacement of its implant-side vertex, from `u` (constraints
  /// distributed). Collective; every rank gets all values.
  std::vector<dealii::Tensor<1, 3>>
  implant_displacements(const dealii::PETScWrappers::MPI::Vector& u) const;

private:
  ProblemDefinition::ContactPairs definition_;
  ContactSettings settings_;
  VertexPairDofs dofs_;
  std::vector<double> stiffness_;              ///< k_n = k_t per pair [N/mm]
  std::vector<double> friction_;               ///< mu per pair (0: frictionless)
  std::vector<ContactPairResponse> responses_; ///< of the last update
  std::vector<double> normal_multiplier_;      ///< lambda_bar
  /// Per pair, the stiffness along the slip direction of a slipping pair as a fraction of the
  /// stick penalty k_t (settings.stabilisation at first). Raised when the pair's slip reverses
  /// between two solves, which is how a pair that should stick overshoots under the full Coulomb
  /// force; its force vanishes at convergence, so it sets the speed of the iteration, not the
  /// answer.
  std::vector<double> slip_stabilisation_;

  /// The linearised tangential law t = offset - K_t s of pair i about its last state: K_t = k_t
  /// (I - n(x)n) sticking; Newton on Coulomb's law slipping; the stabilisation frictionless.
  dealii::Tensor<2, 3> tangential_stiffness(std::size_t i) const;
  dealii::Tensor<1, 3> tangential_force_offset(std::size_t i) const;
  /// The linearised law of closed pair i: force on side b f - K du.
  void linearised_law(std::size_t i, dealii::Tensor<2, 3>& stiffness,
                      dealii::Tensor<1, 3>& force) const;
  /// Calls visit(i, K_i, f_i) for every closed pair this rank adds.
  template <typename Visit>
  void for_each_closed_pair(const Visit& visit) const;
};

/// "[contact] 3 solves: 812 stick, 40 slip, 120 open; penetration ..., slip ... mm".
struct ContactReport {
  unsigned int stick = 0, slip = 0, open = 0;
  double max_penetration = 0, max_slip = 0; ///< mm
  double multiplier_change = 0;             ///< of the last update
  double total_normal_force = 0;            ///< N
};
ContactReport contact_report(const ContactSet& contact, const ContactUpdate& last);
std::ostream& operator<<(std::ostream& out, const ContactReport& report);

} // namespace spinefe
