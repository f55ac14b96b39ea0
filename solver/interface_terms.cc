#include "solver/interface_terms.h"

#include <algorithm>
#include <cmath>

namespace spinefe {

using namespace dealii;

InterfaceTerms::InterfaceTerms(const ProblemDefinition& problem, const FESpace& space)
    : definitions_(problem.springs) {
  if (!problem.springs.empty()) {
    springs_ =
        std::make_unique<SpringDofs>(space, problem.springs, problem.spring_attachment_tolerance);
    states_.assign(problem.springs.size(), SpringState::linear);
    elongations_.assign(problem.springs.size(), 0.0);
  }
  if (!problem.contact.pairs.empty()) {
    contact_ = std::make_unique<ContactSet>(problem, space);
    committed_ = contact_->snapshot();
  }
}

InterfaceTerms::~InterfaceTerms() = default;

void InterfaceTerms::reserve_entries(SystemMatrix& matrix) const {
  if (springs_)
    springs_->reserve_entries(matrix);
  if (contact_)
    contact_->reserve_entries(matrix);
}

void InterfaceTerms::add_forces(const PETScWrappers::MPI::Vector& u,
                                PETScWrappers::MPI::Vector& residual,
                                PETScWrappers::MPI::Vector& internal) {
  if (springs_) {
    elongations_ = springs_->elongations(u);
    for (std::size_t s = 0; s < definitions_.size(); ++s)
      states_[s] = definitions_[s].state(elongations_[s]);
    springs_->add_internal_forces(spring_forces(definitions_, elongations_), internal, &residual);
  }
  if (contact_)
    contact_->add_internal_forces(u, &residual, &internal);
  residual.compress(VectorOperation::add);
  internal.compress(VectorOperation::add);
}

void InterfaceTerms::add_tangent(SystemMatrix& matrix) const {
  if (springs_)
    springs_->add(states_, matrix, nullptr);
  if (contact_)
    contact_->add_tangent(matrix);
}

bool InterfaceTerms::update_contact(const PETScWrappers::MPI::Vector& u) {
  if (!contact_)
    return true;
  last_update_ = contact_->update(u);
  double norm2 = 0;
  for (const ContactPairResponse& r : contact_->responses())
    norm2 += (r.normal_force * r.normal_force + r.tangential.norm_square());
  force_norm_ = std::sqrt(norm2);
  // ContactUpdate::multiplier_change is relative to the current norm.
  const double change = last_update_.multiplier_change * force_norm_;
  return last_update_.changed == 0 && change <= contact_->definition().settings.tolerance *
                                                    std::max(force_norm_, largest_force_norm_);
}

void InterfaceTerms::commit() {
  if (!contact_)
    return;
  committed_ = contact_->snapshot();
  largest_force_norm_ = std::max(largest_force_norm_, force_norm_);
}

void InterfaceTerms::rollback() {
  if (contact_)
    contact_->restore(committed_);
}

unsigned int InterfaceTerms::n_slack() const {
  return static_cast<unsigned int>(std::count(states_.begin(), states_.end(), SpringState::slack));
}

} // namespace spinefe
