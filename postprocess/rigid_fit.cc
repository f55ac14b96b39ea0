#include "postprocess/rigid_fit.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <string>

namespace spinefe {

namespace {

[[noreturn]] void fail(const std::string& message) {
  throw std::invalid_argument("fit_rigid_motion: " + message);
}

void check_input(const std::vector<Eigen::Vector3d>& reference,
                 const std::vector<Eigen::Vector3d>& displaced,
                 const std::vector<double>& weights) {
  const std::size_t n_points = reference.size();
  if (displaced.size() != n_points)
    fail("reference has " + std::to_string(n_points) + " points but displaced has " +
         std::to_string(displaced.size()) + "; they must correspond point for point");
  if (!weights.empty() && weights.size() != n_points)
    fail(std::to_string(weights.size()) + " weights given for " + std::to_string(n_points) +
         " points; give one weight per point, or none");
  if (n_points < 3)
    fail("needs at least 3 non-collinear points, got " + std::to_string(n_points));
  for (std::size_t i = 0; i < n_points; ++i) {
    if (!reference[i].allFinite() || !displaced[i].allFinite())
      fail("point " + std::to_string(i) + " has a non-finite coordinate");
    if (!weights.empty() && !(std::isfinite(weights[i]) && weights[i] >= 0)) {
      std::ostringstream msg;
      msg << "weight " << weights[i] << " of point " << i << " must be finite and >= 0";
      fail(msg.str());
    }
  }
}

} // namespace

RigidMotion rigid_motion_from_moments(const Eigen::Vector3d& p_bar, const Eigen::Vector3d& q_bar,
                                      const Eigen::Matrix3d& H, const Eigen::Matrix3d& C,
                                      const std::size_t n_points) {
  // Collinear within rounding: the spread across the line is below 1e-6 of the spread along it
  // (eigenvalues are squared spreads), so the rotation about the line is undetermined.
  const Eigen::Vector3d spread = Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d>(C).eigenvalues();
  if (!(spread(1) > 1e-12 * spread(2)))
    fail("the " + std::to_string(n_points) +
         " reference points (with positive weight) are collinear or coincident; a rigid motion "
         "needs at least 3 non-collinear points");

  // R = V diag(1, 1, d) U^T with d = sign det(V U^T), so that det R = +1 (never a reflection).
  const Eigen::JacobiSVD<Eigen::Matrix3d> svd(H, Eigen::ComputeFullU | Eigen::ComputeFullV);
  const Eigen::Matrix3d& U = svd.matrixU();
  const Eigen::Matrix3d& V = svd.matrixV();
  Eigen::Vector3d d(1.0, 1.0, (V * U.transpose()).determinant() < 0 ? -1.0 : 1.0);
  RigidMotion motion;
  motion.rotation = V * d.asDiagonal() * U.transpose();
  motion.translation = q_bar - motion.rotation * p_bar;
  return motion;
}

RigidMotion fit_rigid_motion(const std::vector<Eigen::Vector3d>& reference,
                             const std::vector<Eigen::Vector3d>& displaced,
                             const std::vector<double>& weights) {
  check_input(reference, displaced, weights);
  const std::size_t n_points = reference.size();
  const auto weight = [&](const std::size_t i) { return weights.empty() ? 1.0 : weights[i]; };

  // Weighted centroids p_bar, q_bar.
  double total = 0;
  Eigen::Vector3d p_bar = Eigen::Vector3d::Zero(), q_bar = Eigen::Vector3d::Zero();
  for (std::size_t i = 0; i < n_points; ++i) {
    total += weight(i);
    p_bar += weight(i) * reference[i];
    q_bar += weight(i) * displaced[i];
  }
  if (!(total > 0))
    fail("the weights sum to zero; at least 3 non-collinear points need a positive weight");
  p_bar /= total;
  q_bar /= total;

  // Cross-covariance H = sum w (p - p_bar)(q - q_bar)^T, and the reference spread
  // C = sum w (p - p_bar)(p - p_bar)^T whose second eigenvalue vanishes for collinear points.
  Eigen::Matrix3d H = Eigen::Matrix3d::Zero(), C = Eigen::Matrix3d::Zero();
  for (std::size_t i = 0; i < n_points; ++i) {
    const Eigen::Vector3d p = reference[i] - p_bar, q = displaced[i] - q_bar;
    H += weight(i) * p * q.transpose();
    C += weight(i) * p * p.transpose();
  }
  RigidMotion motion = rigid_motion_from_moments(p_bar, q_bar, H, C, n_points);
  double squared = 0;
  for (std::size_t i = 0; i < n_points; ++i)
    squared += weight(i) * (motion.apply(reference[i]) - displaced[i]).squaredNorm();
  motion.rms_residual = std::sqrt(squared / total);
  return motion;
}

// R = R_y(b) R_x(a) R_z(g) =
//   [ cb cg + sb sa sg   -cb sg + sb sa cg   sb ca ]
//   [ ca sg               ca cg              -sa    ]
//   [ -sb cg + cb sa sg   sb sg + cb sa cg    cb ca ]
// so a = asin(-R12), b = atan2(R02, R22), g = atan2(R10, R11) while ca != 0.
Eigen::Vector3d anatomical_angles_deg(const Eigen::Matrix3d& R) {
  const double lateral = std::asin(std::clamp(-R(1, 2), -1.0, 1.0));
  double flexion, axial;
  if (std::hypot(R(1, 0), R(1, 1)) > 1e-12) {
    flexion = std::atan2(R(0, 2), R(2, 2));
    axial = std::atan2(R(1, 0), R(1, 1));
  } else {
    // Gimbal lock (lateral bending +-90 deg): only b -+ g is defined; report it all as flexion.
    flexion = std::atan2(-R(1, 2) * R(0, 1), R(0, 0));
    axial = 0;
  }
  const double to_deg = 180.0 / M_PI;
  return Eigen::Vector3d(lateral, flexion, axial) * to_deg;
}

RigidMotion relative_motion(const RigidMotion& upper, const RigidMotion& lower) {
  RigidMotion relative;
  relative.rotation = lower.rotation.transpose() * upper.rotation;
  relative.translation = lower.rotation.transpose() * (upper.translation - lower.translation);
  relative.rms_residual = std::max(upper.rms_residual, lower.rms_residual);
  return relative;
}

} // namespace spinefe
