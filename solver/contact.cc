#include "solver/contact.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <algorithm>
#include <cmath>
#include <iomanip>

namespace spinefe {

using namespace dealii;

const char* to_string(const InterfaceModel model) {
  switch (model) {
  case InterfaceModel::bonded:
    return "bonded";
  case InterfaceModel::frictionless:
    return "frictionless";
  case InterfaceModel::frictional:
    return "frictional";
  }
  return "?";
}

const char* to_string(const ContactState state) {
  switch (state) {
  case ContactState::open:
    return "open";
  case ContactState::stick:
    return "stick";
  case ContactState::slip:
    return "slip";
  }
  return "?";
}

namespace {

std::vector<VertexPairRequest> requests(const ProblemDefinition::ContactPairs& contact) {
  std::vector<VertexPairRequest> out;
  out.reserve(contact.pairs.size());
  for (std::size_t i = 0; i < contact.pairs.size(); ++i) {
    const ContactPairDefinition& p = contact.pairs[i];
    out.push_back(
        {"contact pair " + std::to_string(i) + " of " + contact.interfaces.at(p.interface).name,
         p.x,
         p.x,
         {p.region_a},
         {p.region_b}});
  }
  return out;
}

Tensor<2, 3> normal_projector(const Tensor<1, 3>& n) {
  return outer_product(n, n);
}

Tensor<2, 3> tangential_projector(const Tensor<1, 3>& n) {
  return unit_symmetric_tensor<3>() - outer_product(n, n);
}

/// The 6-vector of a force `f` on end b and -f on end a.
Vector<double> pair_force(const Tensor<1, 3>& f) {
  Vector<double> v(6);
  for (unsigned int c = 0; c < 3; ++c) {
    v(c) = -f[c];
    v(c + 3) = f[c];
  }
  return v;
}

/// k_t of the elastic stick [N/mm] from the normal penalty k.
double stick_stiffness(const double k) {
  // The elastic-stick penalty is a tenth of the normal one, i.e. one representative element
  // stiffness: a stick pair creeps by mu lambda / k_t, a few micrometres here (Abaqus's default
  // allowed elastic slip is 0.5% of the element length). A stiffer stick penalty does not change
  // the answer measurably but slows the iteration: the spreading of a slip zone converged by a
  // factor of about k_t / (k_t + element stiffness) per solve (measured in axial rotation on the
  // coarse mesh, where most of the endcap slips: 0.87 per solve with k_t = k, 0.55 with k/10).
  return 0.1 * k;
}

} // namespace

ContactSet::ContactSet(const ProblemDefinition& problem, const FESpace& space)
    : definition_(problem.contact), settings_(problem.contact.settings),
      dofs_(space, requests(problem.contact), 1e-6, "contact") {
  if (space.degree() != 1 && !definition_.pairs.empty())
    throw InputError("Solver/Element degree",
                     "contact interfaces pair mesh vertices, which carry a uniform interface "
                     "pressure only with P1 elements (P2 puts it on the edge midpoints); set "
                     "'Element degree = 1', or make every interface bonded");
  const std::size_t n = definition_.pairs.size();
  for (const ContactPairDefinition& p : definition_.pairs) {
    const double e = std::min(problem.materials.at(p.region_a).youngs_modulus(),
                              problem.materials.at(p.region_b).youngs_modulus());
    // k = beta E A / h with the node spacing h = sqrt(A): ten times a representative element
    // stiffness E h by default (contact_law.h).
    stiffness_.push_back(settings_.penalty_factor * e * std::sqrt(p.area));
    const ContactInterface& i = definition_.interfaces.at(p.interface);
    friction_.push_back(i.model == InterfaceModel::frictional ? i.friction : 0.0);
  }
  responses_.assign(n, ContactPairResponse());
  normal_multiplier_.assign(n, 0.0);
  slip_stabilisation_.assign(n, settings_.stabilisation);
}

Tensor<2, 3> ContactSet::tangential_stiffness(const std::size_t i) const {
  const ContactPairResponse& r = responses_[i];
  const Tensor<2, 3> tangential = tangential_projector(definition_.pairs[i].normal);
  if (friction_[i] == 0)
    return settings_.stabilisation * stiffness_[i] * tangential;
  const double k = stick_stiffness(stiffness_[i]);
  if (r.state == ContactState::stick)
    return k * tangential;
  // Slip: Newton on t = -mu lambda_n s / |s| (lambda_n frozen) about the last slip s0: across the
  // slip direction e the stiffness mu lambda_n / |s0| (the direction turns), along it none (the
  // force's size is fixed) but the stabilisation, whose force vanishes once the slip settles.
  const double slip = r.slip.norm();
  if (slip == 0)
    return k * tangential;
  const Tensor<1, 3> e = r.slip / slip;
  const Tensor<2, 3> along = outer_product(e, e);
  return std::min(k, r.normal_force * friction_[i] / slip) * (tangential - along) +
         slip_stabilisation_[i] * k * along;
}

Tensor<1, 3> ContactSet::tangential_force_offset(const std::size_t i) const {
  // The constant part of the linearised tangential force on side b.
  const ContactPairResponse& r = responses_[i];
  if (friction_[i] == 0)
    return settings_.stabilisation * stiffness_[i] * r.slip;
  if (r.state == ContactState::stick || r.slip.norm() == 0)
    return Tensor<1, 3>();
  const Tensor<1, 3> e = r.slip / r.slip.norm();
  // t(s) = -mu lambda e + k_s (e.s0 - e.s) e along e; across e the offset is zero.
  return -friction_[i] * r.normal_force * e +
         slip_stabilisation_[i] * stick_stiffness(stiffness_[i]) * r.slip;
}

void ContactSet::linearised_law(const std::size_t i, Tensor<2, 3>& stiffness,
                                Tensor<1, 3>& force) const {
  const Tensor<1, 3>& n = definition_.pairs[i].normal;
  // Normal: lambda_n = lambda_bar - k (g0 + n.du): the force (lambda_bar - k g0) n on b and
  // the stiffness k n(x)n. Tangential: t = offset - K_t s.
  stiffness = stiffness_[i] * normal_projector(n) + tangential_stiffness(i);
  force = (normal_multiplier_[i] - stiffness_[i] * definition_.pairs[i].initial_gap) * n +
          tangential_force_offset(i);
}

template <typename Visit>
void ContactSet::for_each_closed_pair(const Visit& visit) const {
  Tensor<2, 3> stiffness;
  Tensor<1, 3> force;
  for (std::size_t i = 0; i < responses_.size(); ++i) {
    if (!dofs_.adds(i) || responses_[i].state == ContactState::open)
      continue;
    linearised_law(i, stiffness, force);
    visit(i, stiffness, force);
  }
}

void ContactSet::add(SystemMatrix& matrix, PETScWrappers::MPI::Vector& rhs) const {
  allow_pair_entries(matrix);
  for_each_closed_pair([&](std::size_t i, const Tensor<2, 3>& k, const Tensor<1, 3>& f) {
    dofs_.distribute(i, two_node_stiffness(k, 1.0), pair_force(f), matrix, &rhs);
  });
  matrix.compress();
  rhs.compress(VectorOperation::add);
}

void ContactSet::add_tangent(SystemMatrix& matrix) const {
  allow_pair_entries(matrix);
  for_each_closed_pair([&](std::size_t i, const Tensor<2, 3>& k, const Tensor<1, 3>&) {
    dofs_.distribute(i, two_node_stiffness(k, 1.0), Vector<double>(), matrix, nullptr);
  });
  matrix.compress();
}

void ContactSet::add_internal_forces(const PETScWrappers::MPI::Vector& u,
                                     PETScWrappers::MPI::Vector* residual,
                                     PETScWrappers::MPI::Vector* internal) const {
  const std::vector<Tensor<1, 3>> du = dofs_.relative_displacements(u);
  for_each_closed_pair([&](std::size_t i, const Tensor<2, 3>& k, const Tensor<1, 3>& f) {
    dofs_.add_vector(i, pair_force(k * du[i] - f), residual, internal);
  });
}

void ContactSet::restore(const Snapshot& s) {
  responses_ = s.responses;
  normal_multiplier_ = s.normal_multiplier;
  slip_stabilisation_ = s.slip_stabilisation;
}

ContactUpdate ContactSet::update(const PETScWrappers::MPI::Vector& u) {
  const std::vector<Tensor<1, 3>> du = dofs_.relative_displacements(u);
  ContactUpdate result;
  double change2 = 0, norm2 = 0;
  for (std::size_t i = 0; i < responses_.size(); ++i) {
    const Tensor<1, 3>& n = definition_.pairs[i].normal;
    const double k = stiffness_[i];
    const ContactPairResponse& previous = responses_[i];
    ContactPairResponse next;
    const double normal_motion = n * du[i];
    next.gap = definition_.pairs[i].initial_gap + normal_motion;
    next.slip = du[i] - normal_motion * n;
    // What the new forces change: the normal multiplier (its Uzawa update, k times the gap
    // left), and the tangential force against the linearisation the solve used.
    // An open pair took no part in the solve (ContactSet::add skips it).
    Tensor<1, 3> applied;
    if (previous.state != ContactState::open)
      applied = normal_multiplier_[i] * n + tangential_force_offset(i) -
                tangential_stiffness(i) * next.slip;
    const double lambda = normal_multiplier_[i] - k * next.gap;
    if (lambda <= 0) {
      next.state = ContactState::open;
    } else {
      next.normal_force = lambda;
      const Tensor<1, 3> trial = -stick_stiffness(stiffness_[i]) * next.slip;
      const double bound = friction_[i] * lambda;
      if (friction_[i] > 0 && trial.norm() <= bound) {
        next.state = ContactState::stick;
        next.tangential = trial;
      } else {
        next.state = ContactState::slip;
        if (friction_[i] > 0)
          next.tangential = bound / trial.norm() * trial;
      }
    }
    result.changed += next.state != previous.state;
    // A slipping pair whose slip turned round was pushed past the point where it should stick:
    // stiffen its slip direction (x2 per reversal, at most k_t; halved again while it does not
    // reverse) so the overshoot shrinks below the stick limit mu lambda / k_t instead of cycling
    // between the two directions.
    if (previous.state == ContactState::slip && next.state == ContactState::slip &&
        next.slip * previous.slip < 0)
      slip_stabilisation_[i] = std::min(1.0, 2 * slip_stabilisation_[i]);
    else
      slip_stabilisation_[i] = std::max(settings_.stabilisation, 0.5 * slip_stabilisation_[i]);
    const Tensor<1, 3> force = next.normal_force * n + next.tangential;
    change2 += (force - applied).norm_square();
    norm2 += force.norm_square();
    // Uzawa: the normal multiplier becomes the normal force; halfway for a pair that just opened
    // or closed, which damps the two-cycle (closes with the penalty force, is pushed open,
    // closes again ...) that a few pairs at the edge of lift-off otherwise fall into.
    const bool flipped =
        (next.state == ContactState::open) != (previous.state == ContactState::open);
    normal_multiplier_[i] =
        flipped ? 0.5 * (normal_multiplier_[i] + next.normal_force) : next.normal_force;
    responses_[i] = next;
  }
  result.multiplier_change = norm2 > 0 ? std::sqrt(change2 / norm2) : (change2 > 0 ? 1.0 : 0.0);
  return result;
}

unsigned int ContactSet::count(const ContactState state) const {
  return static_cast<unsigned int>(std::count_if(responses_.begin(), responses_.end(),
                                                 [&](const auto& r) { return r.state == state; }));
}

double ContactSet::max_penetration() const {
  double m = 0;
  for (const auto& r : responses_)
    if (r.state != ContactState::open)
      m = std::max(m, -r.gap);
  return m;
}

double ContactSet::max_slip() const {
  double m = 0;
  for (const auto& r : responses_)
    m = std::max(m, r.slip.norm());
  return m;
}

std::vector<Tensor<1, 3>>
ContactSet::implant_displacements(const PETScWrappers::MPI::Vector& u) const {
  const std::vector<std::array<Tensor<1, 3>, 2>> ends = dofs_.end_displacements(u);
  std::vector<Tensor<1, 3>> u_b(ends.size());
  for (std::size_t i = 0; i < ends.size(); ++i)
    u_b[i] = ends[i][1];
  return u_b;
}

ContactReport contact_report(const ContactSet& contact, const ContactUpdate& last) {
  ContactReport r;
  r.stick = contact.count(ContactState::stick);
  r.slip = contact.count(ContactState::slip);
  r.open = contact.count(ContactState::open);
  r.max_penetration = contact.max_penetration();
  r.max_slip = contact.max_slip();
  r.multiplier_change = last.multiplier_change;
  for (const auto& p : contact.responses())
    r.total_normal_force += p.normal_force;
  return r;
}

std::ostream& operator<<(std::ostream& out, const ContactReport& r) {
  return out << "  [contact] " << r.stick + r.slip + r.open << " node pairs: " << r.stick
             << " stick, " << r.slip << " slip, " << r.open << " open; sum of normal forces "
             << r.total_normal_force << " N; largest penetration " << r.max_penetration
             << " mm, largest slip " << r.max_slip << " mm; last multiplier change "
             << r.multiplier_change << "\n";
}

} // namespace spinefe
