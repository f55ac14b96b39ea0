// Rigid-body motion of named bodies (groups of mesh regions, e.g. a vertebral body) from the
// solved displacement, and the relative motion of consecutive bodies: the range of motion (ROM)
// of each motion segment and of the first body relative to the last (T10 relative to L3).
//
// Each body's motion is the least-squares rigid fit (postprocess/rigid_fit.h) of the displaced
// positions x + u(x) of its mesh vertices, every vertex weighted 1. The sums the fit needs are
// accumulated over the locally owned vertices of every rank and added over MPI, so no rank holds
// more than its own part of the mesh. Angles are the anatomical Cardan angles of rigid_fit.h
// (lateral bending about x, flexion-extension about y, axial rotation about z), in degrees.
#pragma once

#include "postprocess/rigid_fit.h"
#include "solver/elasticity_solver.h"
#include "solver/fe_space.h"
#include "solver/problem_definition.h"

#include <deal.II/lac/petsc_vector.h>

#include <string>
#include <vector>

namespace spinefe {

// RigidBodyDefinition (a name and its regions) is declared in solver/problem_definition.h.

struct BodyMotion {
  std::string name;
  unsigned long long n_nodes = 0;
  RigidMotion motion;          ///< with the RMS residual of the fit [mm]
  Eigen::Vector3d angles_deg;  ///< lateral bending, flexion-extension, axial rotation
  Eigen::Vector3d translation; ///< of the body's vertex centroid [mm]
  Eigen::Vector3d reference_centroid = Eigen::Vector3d::Zero(); ///< before loading [mm]
};

// SegmentFrame (the axes of a segment's angles) is declared in solver/problem_definition.h.

/// Relative motion of `upper` with respect to `lower` (rigid_fit.h relative_motion).
struct SegmentMotion {
  std::string upper, lower;
  Eigen::Vector3d angles_deg; ///< lateral bending, flexion-extension, axial rotation
  Eigen::Matrix3d frame;      ///< columns: the axes the angles are about (global)
};

/// The fitted motion of every body from the displacement `ghosted_solution` on `space` (constraints
/// distributed; collective over the space's communicator), e.g. of a plastic run. Throws
/// InputError naming the body if it has fewer than 3 non-collinear vertices.
std::vector<BodyMotion> fit_body_motions(const FESpace& space,
                                         const dealii::PETScWrappers::MPI::Vector& ghosted_solution,
                                         const std::vector<RigidBodyDefinition>& bodies);

/// The same from an elastic solver's space and solution.
std::vector<BodyMotion> fit_body_motions(const ElasticitySolver& solver,
                                         const std::vector<RigidBodyDefinition>& bodies);

/// The anatomical frame of the segment from `lower` to `upper` (SegmentFrame above). Throws an
/// InputError naming both bodies if their centroids coincide or lie on the anterior axis, where
/// the frame is undefined.
Eigen::Matrix3d anatomical_segment_frame(const BodyMotion& upper, const BodyMotion& lower);

/// Each body relative to the next (bodies listed cranial to caudal), then the first relative to
/// the last, with the angles about the axes of `frame`. Empty for fewer than 2 bodies.
std::vector<SegmentMotion> segment_motions(const std::vector<BodyMotion>& bodies,
                                           SegmentFrame frame = SegmentFrame::anatomical);

} // namespace spinefe
