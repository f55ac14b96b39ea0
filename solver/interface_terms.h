// Springs (ligaments, facet gap elements) and contact pairs inside the elastoplastic Newton
// iteration (solver/elastoplastic_solver.h). The elastic solver drives the same objects by an
// active set of linear solves (solver/active_set.h); a plastic continuum needs them in residual
// form instead:
//
//   r(u) = f_int,continuum(u) + f_springs(u) + f_pairs(u) - lambda f_ext,   K_T = K_cont + K_spr +
//   K_pair
//
//   springs: the piecewise-linear law evaluated at u itself, F(delta(u)) with the stiffness of the
//            branch delta(u) lies on (semismooth Newton: the law is exact at every iterate, and a
//            branch change is a kink Newton steps across);
//   pairs:   each closed pair's law linearised about its current state and normal multiplier
//            (ContactSet::add_internal_forces), exact in u for fixed states. After every Newton
//            iteration the pairs take one Uzawa update at the new u (ContactSet::update): states,
//            multipliers, slip directions. A step has converged when the residual is below the
//            Newton tolerance *and* the last update changed no state and moved the pair forces by
//            less than ContactSettings::tolerance (the criterion of the elastic contact loop).
//
// The pairs' states are committed with the quadrature-point history at the end of a converged
// step, and restored when a step is cut. Friction keeps the total form of solver/contact_law.h:
// valid along a monotonic (proportional) load path; after unloading, the slip direction is that
// of the total slip.
#pragma once

#include "solver/contact.h"
#include "solver/springs.h"

#include <memory>
#include <vector>

namespace spinefe {

class InterfaceTerms {
public:
  /// Locates the springs' and pairs' vertices in `space` (P1 if there are pairs). Collective.
  InterfaceTerms(const ProblemDefinition& problem, const FESpace& space);
  ~InterfaceTerms();

  bool empty() const { return !springs_ && !contact_; }
  bool has_contact() const { return contact_ != nullptr; }

  /// Reserves every matrix entry a spring or pair can write (fixed pattern). Collective.
  void reserve_entries(SystemMatrix& matrix) const;
  /// Adds the spring and pair forces at `u` (constraints distributed) to the condensed residual
  /// and the raw internal force, and keeps the springs' branches at `u` for add_tangent().
  /// Compresses both vectors. Collective.
  void add_forces(const dealii::PETScWrappers::MPI::Vector& u,
                  dealii::PETScWrappers::MPI::Vector& residual,
                  dealii::PETScWrappers::MPI::Vector& internal);
  /// Adds the tangent of the springs (branches of the last add_forces) and of the closed pairs.
  void add_tangent(SystemMatrix& matrix) const;
  /// One Uzawa update of the pairs at `u`; true if the pairs have settled (always true without
  /// contact): no pair changed state, and the pair forces moved by less than
  /// ContactSettings::tolerance of the largest norm of all pair forces at this or any committed
  /// state (unloaded to zero, the current forces alone are no scale: a relative change of
  /// vanishing forces never settles). Collective.
  bool update_contact(const dealii::PETScWrappers::MPI::Vector& u);

  /// Makes the current pair states those a failed step returns to.
  void commit();
  void rollback();

  const ContactSet* contact() const { return contact_.get(); }
  const ContactUpdate& last_update() const { return last_update_; }
  /// The springs' branches at the last add_forces: slack, and linear or stiff (taut).
  unsigned int n_slack() const;
  unsigned int n_taut() const { return static_cast<unsigned int>(states_.size()) - n_slack(); }
  const std::vector<SpringDefinition>& springs() const { return definitions_; }
  /// delta [mm] of each spring at the last add_forces.
  const std::vector<double>& elongations() const { return elongations_; }

private:
  std::vector<SpringDefinition> definitions_;
  std::unique_ptr<SpringDofs> springs_;
  std::unique_ptr<ContactSet> contact_;
  std::vector<SpringState> states_;
  std::vector<double> elongations_;
  ContactSet::Snapshot committed_;
  ContactUpdate last_update_;
  double force_norm_ = 0;         ///< norm of all pair forces after the last update [N]
  double largest_force_norm_ = 0; ///< the largest at a committed state [N]
};

} // namespace spinefe
