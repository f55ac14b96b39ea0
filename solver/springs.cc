#include "solver/springs.h"

#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <algorithm>

namespace spinefe {

using namespace dealii;

namespace {

std::vector<VertexPairRequest> requests(const std::vector<SpringDefinition>& springs) {
  std::vector<VertexPairRequest> out;
  for (const auto& s : springs) {
    s.check();
    out.push_back({"spring '" + s.name + "'", s.a, s.b, s.regions_a, s.regions_b});
  }
  return out;
}

} // namespace

SpringDofs::SpringDofs(const FESpace& space, const std::vector<SpringDefinition>& springs,
                       const double tolerance)
    : springs_(springs), pairs_(space, requests(springs), tolerance, "springs") {
  for (std::size_t s = 0; s < springs_.size(); ++s) {
    lengths_.push_back(pairs_.vertex_a(s).distance(pairs_.vertex_b(s)));
    directions_.push_back(springs_[s].direction
                              ? *springs_[s].direction
                              : (pairs_.vertex_b(s) - pairs_.vertex_a(s)) / lengths_.back());
  }
}

void SpringDofs::add(const std::vector<SpringState>& states, SystemMatrix& matrix,
                     PETScWrappers::MPI::Vector* rhs) const {
  AssertDimension(states.size(), springs_.size());
  allow_pair_entries(matrix);
  Vector<double> f(6);
  for (std::size_t s = 0; s < springs_.size(); ++s) {
    if (!pairs_.adds(s) || states[s] == SpringState::slack)
      continue;
    const SpringDefinition& spring = springs_[s];
    const double stiffness = spring.branch_stiffness(states[s]);
    // F = k delta + c on the spring's branch; c moves to the right-hand side.
    const double c = spring.branch_offset(states[s]);
    const Tensor<1, 3>& n = directions_[s];
    for (unsigned int i = 0; i < 3; ++i) {
      f(i) = c * n[i];
      f(i + 3) = -c * n[i];
    }
    pairs_.distribute(s, two_node_stiffness(outer_product(n, n), stiffness), f, matrix, rhs);
  }
  matrix.compress();
  if (rhs)
    rhs->compress(VectorOperation::add);
}

void SpringDofs::add_internal_forces(const std::vector<double>& forces,
                                     PETScWrappers::MPI::Vector& residual,
                                     PETScWrappers::MPI::Vector* condensed) const {
  AssertDimension(forces.size(), springs_.size());
  Vector<double> f(6);
  for (std::size_t s = 0; s < springs_.size(); ++s) {
    if (!pairs_.adds(s))
      continue;
    for (unsigned int c = 0; c < 3; ++c) {
      f(c) = -forces[s] * directions_[s][c];
      f(c + 3) = forces[s] * directions_[s][c];
    }
    pairs_.add_vector(s, f, condensed, &residual);
  }
}

std::vector<double> SpringDofs::elongations(const PETScWrappers::MPI::Vector& u) const {
  const auto du = pairs_.relative_displacements(u);
  std::vector<double> delta(springs_.size());
  for (std::size_t s = 0; s < springs_.size(); ++s)
    delta[s] = directions_[s] * du[s];
  return delta;
}

} // namespace spinefe
