#include "solver/spring_law.h"

#include "core/input_error.h"

#include <deal.II/base/exceptions.h>

#include <cmath>

namespace spinefe {

const char* to_string(const SpringState state) {
  switch (state) {
  case SpringState::slack:
    return "slack";
  case SpringState::linear:
    return "linear";
  case SpringState::stiff:
    return "stiff";
  }
  return "?";
}

const char* to_string(const SpringResponse response) {
  switch (response) {
  case SpringResponse::tension_only:
    return "tension-only";
  case SpringResponse::compression_only:
    return "compression-only";
  case SpringResponse::both:
    return "tension and compression";
  }
  return "?";
}

double SpringDefinition::force(const double elongation) const {
  const SpringState s = state(elongation);
  return branch_stiffness(s) * elongation + branch_offset(s);
}

SpringState SpringDefinition::state(const double elongation) const {
  const double stretch = elongation - slack_elongation;
  if ((response == SpringResponse::tension_only && stretch < 0) ||
      (response == SpringResponse::compression_only && elongation > 0))
    return SpringState::slack;
  return stretch <= transition_elongation ? SpringState::linear : SpringState::stiff;
}

double SpringDefinition::branch_stiffness(const SpringState s) const {
  switch (s) {
  case SpringState::slack:
    return 0.0;
  case SpringState::linear:
    return stiffness_small;
  case SpringState::stiff:
    return stiffness_large;
  }
  return 0.0;
}

double SpringDefinition::branch_offset(const SpringState s) const {
  switch (s) {
  case SpringState::slack:
    return 0.0;
  case SpringState::linear: // k1 (delta - delta_s)
    return -stiffness_small * slack_elongation;
  case SpringState::stiff: // k1 delta_t + k2 (delta - delta_s - delta_t)
    return stiffness_small * transition_elongation -
           stiffness_large * (slack_elongation + transition_elongation);
  }
  return 0.0;
}

void SpringDefinition::check() const {
  const std::string who = "spring '" + name + "': ";
  if (!(stiffness_small > 0) || !(stiffness_large > 0))
    throw InputError("springs", who + "stiffnesses must be positive, but are " +
                                    std::to_string(stiffness_small) + " and " +
                                    std::to_string(stiffness_large) + " N/mm");
  if (!(transition_elongation >= 0))
    throw InputError("springs", who + "the transition elongation must be >= 0 mm, but is " +
                                    std::to_string(transition_elongation) + " mm");
  if (!(slack_elongation >= 0))
    throw InputError("springs", who + "the slack elongation must be >= 0 mm, but is " +
                                    std::to_string(slack_elongation) + " mm");
  if (slack_elongation > 0 && response != SpringResponse::tension_only)
    throw InputError("springs", who +
                                    "only a tension-only spring may have a slack, but this one "
                                    "is " +
                                    std::string(to_string(response)));
  if (!(a.distance(b) > 0))
    throw InputError("springs", who + "its two attachment points coincide");
  if (direction && !(std::abs(direction->norm() - 1) <= 1e-9))
    throw InputError("springs", who + "its direction must be a unit vector, but has length " +
                                    std::to_string(direction->norm()));
}

std::vector<double> spring_forces(const std::vector<SpringDefinition>& springs,
                                  const std::vector<double>& elongations) {
  AssertDimension(springs.size(), elongations.size());
  std::vector<double> forces(springs.size());
  for (std::size_t s = 0; s < springs.size(); ++s)
    forces[s] = springs[s].force(elongations[s]);
  return forces;
}

} // namespace spinefe
