#include "postprocess/body_motion.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace spinefe {

using namespace dealii;

namespace {

/// The body's locally owned vertices, each once: reference position and displacement.
struct LocalVertices {
  std::vector<Eigen::Vector3d> position, displacement;
};

std::vector<LocalVertices> collect_vertices(const FESpace& space,
                                            const PETScWrappers::MPI::Vector& u,
                                            const std::vector<RigidBodyDefinition>& bodies) {
  const IndexSet& owned = space.owned();
  std::vector<int> body_of_region;
  for (unsigned int b = 0; b < bodies.size(); ++b)
    for (const unsigned int r : bodies[b].regions) {
      if (body_of_region.size() <= r)
        body_of_region.resize(r + 1, -1);
      body_of_region[r] = static_cast<int>(b);
    }
  std::vector<LocalVertices> local(bodies.size());
  // A vertex shared by cells of two bodies counts for both; within a body it counts once (the
  // x DoF index, owned by exactly one rank, identifies it).
  std::vector<std::vector<bool>> seen(bodies.size());
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    // Ghost cells too: a vertex's DoFs may be owned by this rank through a cell of another body,
    // while every cell of this body around the vertex belongs to a neighbouring rank.
    if (cell->is_artificial() || cell->material_id() >= body_of_region.size())
      continue;
    const int b = body_of_region[cell->material_id()];
    if (b < 0)
      continue;
    for (const unsigned int v : cell->vertex_indices()) {
      const auto dof = cell->vertex_dof_index(v, 0);
      if (!owned.is_element(dof))
        continue;
      const auto index = owned.index_within_set(dof);
      auto& marks = seen[b];
      if (marks.empty())
        marks.resize(owned.n_elements(), false);
      if (marks[index])
        continue;
      marks[index] = true;
      const Point<3> x = cell->vertex(v);
      local[b].position.emplace_back(x[0], x[1], x[2]);
      local[b].displacement.emplace_back(u[dof], u[cell->vertex_dof_index(v, 1)],
                                         u[cell->vertex_dof_index(v, 2)]);
    }
  }
  return local;
}

/// MPI sum of a fixed-size array of doubles.
template <std::size_t n>
std::array<double, n> sum(std::array<double, n> values, const MPI_Comm comm) {
  Utilities::MPI::sum(ArrayView<const double>(values.data(), n), comm,
                      ArrayView<double>(values.data(), n));
  return values;
}

BodyMotion fit_one(const std::string& name, const LocalVertices& v, const MPI_Comm comm) {
  // Pass 1: count and centroids of the reference and displaced positions.
  std::array<double, 7> first = {};
  for (std::size_t i = 0; i < v.position.size(); ++i)
    for (int k = 0; k < 3; ++k) {
      first[k] += v.position[i][k];
      first[3 + k] += v.position[i][k] + v.displacement[i][k];
    }
  first[6] = static_cast<double>(v.position.size());
  first = sum(first, comm);
  const double n = first[6];
  if (n < 3)
    throw InputError("Output/Rigid bodies", "body '" + name + "' has " +
                                                std::to_string(static_cast<long long>(n)) +
                                                " mesh vertices; a rigid fit needs at least 3");
  const Eigen::Vector3d p_bar = Eigen::Vector3d(first[0], first[1], first[2]) / n;
  const Eigen::Vector3d q_bar = Eigen::Vector3d(first[3], first[4], first[5]) / n;
  // Pass 2: centred cross-covariance H and spread C (centring first keeps the rotation, of
  // order |u|/|x|, clear of the round-off of raw second moments).
  std::array<double, 18> second = {};
  for (std::size_t i = 0; i < v.position.size(); ++i) {
    const Eigen::Vector3d p = v.position[i] - p_bar;
    const Eigen::Vector3d q = v.position[i] + v.displacement[i] - q_bar;
    for (int r = 0; r < 3; ++r)
      for (int c = 0; c < 3; ++c) {
        second[3 * r + c] += p[r] * q[c];
        second[9 + 3 * r + c] += p[r] * p[c];
      }
  }
  second = sum(second, comm);
  Eigen::Matrix3d H, C;
  for (int r = 0; r < 3; ++r)
    for (int c = 0; c < 3; ++c) {
      H(r, c) = second[3 * r + c];
      C(r, c) = second[9 + 3 * r + c];
    }
  BodyMotion result;
  result.name = name;
  result.n_nodes = static_cast<unsigned long long>(n);
  try {
    result.motion = rigid_motion_from_moments(p_bar, q_bar, H, C, result.n_nodes);
  } catch (const std::invalid_argument& e) {
    throw InputError("Output/Rigid bodies", "body '" + name + "': " + e.what());
  }
  // Pass 3: RMS distance between the fitted and the computed displaced positions.
  std::array<double, 1> squared = {0};
  for (std::size_t i = 0; i < v.position.size(); ++i)
    squared[0] +=
        (result.motion.apply(v.position[i]) - v.position[i] - v.displacement[i]).squaredNorm();
  result.motion.rms_residual = std::sqrt(sum(squared, comm)[0] / n);
  result.angles_deg = anatomical_angles_deg(result.motion.rotation);
  result.translation = q_bar - p_bar;
  result.reference_centroid = p_bar;
  return result;
}

} // namespace

std::vector<BodyMotion> fit_body_motions(const FESpace& space,
                                         const PETScWrappers::MPI::Vector& ghosted_solution,
                                         const std::vector<RigidBodyDefinition>& bodies) {
  const auto local = collect_vertices(space, ghosted_solution, bodies);
  std::vector<BodyMotion> motions;
  for (std::size_t b = 0; b < bodies.size(); ++b)
    motions.push_back(fit_one(bodies[b].name, local[b], space.comm()));
  return motions;
}

std::vector<BodyMotion> fit_body_motions(const ElasticitySolver& solver,
                                         const std::vector<RigidBodyDefinition>& bodies) {
  return fit_body_motions(solver.space(), solver.solution(), bodies);
}

Eigen::Matrix3d anatomical_segment_frame(const BodyMotion& upper, const BodyMotion& lower) {
  const Eigen::Vector3d chord = upper.reference_centroid - lower.reference_centroid;
  const Eigen::Vector3d anterior = Eigen::Vector3d::UnitX();
  // The chord must be well away from the anterior axis (here more than 1 degree) for x' to exist.
  if (chord.norm() == 0 || chord.normalized().cross(anterior).norm() < std::sin(M_PI / 180))
    throw InputError("Output/Segment frame",
                     "bodies '" + upper.name + "' and '" + lower.name +
                         "' are not stacked cranio-caudally (their centroids coincide or lie on "
                         "the anterior axis), so their segment has no anatomical frame; list "
                         "the bodies of a column, or set 'Segment frame = global'");
  Eigen::Matrix3d q;
  q.col(2) = chord.normalized();
  q.col(0) = (anterior - anterior.dot(q.col(2)) * q.col(2)).normalized();
  q.col(1) = q.col(2).cross(q.col(0));
  return q;
}

std::vector<SegmentMotion> segment_motions(const std::vector<BodyMotion>& bodies,
                                           const SegmentFrame frame) {
  std::vector<SegmentMotion> segments;
  const auto relative = [&](const BodyMotion& upper, const BodyMotion& lower) {
    const RigidMotion m = relative_motion(upper.motion, lower.motion);
    const Eigen::Matrix3d q = frame == SegmentFrame::anatomical
                                  ? anatomical_segment_frame(upper, lower)
                                  : Eigen::Matrix3d::Identity();
    segments.push_back(
        {upper.name, lower.name, anatomical_angles_deg(q.transpose() * m.rotation * q), q});
  };
  for (std::size_t i = 0; i + 1 < bodies.size(); ++i)
    relative(bodies[i], bodies[i + 1]);
  if (bodies.size() > 2)
    relative(bodies.front(), bodies.back());
  return segments;
}

} // namespace spinefe
