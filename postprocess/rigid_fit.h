// Least-squares rigid motion of a body from point correspondences, for the range of motion (ROM)
// of each vertebra and of each motion segment.
//
// Fit (weighted Kabsch / Horn): find the rotation R (det R = +1) and translation t minimising
//   sum_i w_i |R p_i + t - q_i|^2,   p_i reference, q_i displaced positions [mm].
// With centroids p_bar = sum w_i p_i / W, q_bar = sum w_i q_i / W (W = sum w_i), the
// cross-covariance H = sum w_i (p_i - p_bar)(q_i - q_bar)^T = U S V^T (SVD) gives
//   R = V diag(1, 1, d) U^T,  d = sign det(V U^T)   (reflection correction),
//   t = q_bar - R p_bar.
// Sources: Kabsch, Acta Cryst A32:922 (1976) and A34:827 (1978); Horn, J Opt Soc Am A 4:629
// (1987); Umeyama, IEEE TPAMI 13:376 (1991) for the reflection correction. The solution is
// unique when the reference points with positive weight are not collinear.
//
// Anatomical angles, in the model's global frame: x anterior, y left, z cranial. Angles follow
// the right-hand rule about the axes:
//   [0] lateral bending about x: positive = right bending (+y turns toward +z, so the cranial
//       part tilts toward -y, the right side);
//   [1] flexion-extension about y: positive = flexion (+z turns toward +x, the cranial part tilts
//       anteriorly), negative = extension;
//   [2] axial rotation about z: positive = left axial rotation (+x turns toward +y, the anterior
//       face turns to the left; counter-clockwise seen from above).
// Sequence: intrinsic Cardan y-x'-z'' (flexion-extension, then lateral bending about the floating
// axis, then axial rotation), R = R_y(flexion) R_x(lateral) R_z(axial). This is the joint
// coordinate system the ISB recommends for the spine (Wu et al., J Biomech 35:543 (2002)):
// flexion-extension about the lateral axis of the lower vertebra, axial rotation about the
// cranial axis of the upper vertebra, lateral bending about the floating axis between them.
// Chosen over rotation-vector components because these are the clinical angles that in-vitro ROM
// studies report; the two agree to first order for the small rotations of spinal ROM, and differ
// by products of the angles (about 0.1 deg for 7 deg flexion with 1 deg coupled motion). The
// sequence is singular only at lateral bending = +-90 deg.
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace spinefe {

/// x -> rotation * x + translation; rms_residual is the (weighted) RMS distance [mm] between the
/// fitted and the given displaced points, sqrt(sum w_i |R p_i + t - q_i|^2 / sum w_i).
struct RigidMotion {
  Eigen::Matrix3d rotation = Eigen::Matrix3d::Identity();
  Eigen::Vector3d translation = Eigen::Vector3d::Zero();
  double rms_residual = 0;

  Eigen::Vector3d apply(const Eigen::Vector3d& x) const { return rotation * x + translation; }
};

/// The least-squares rigid motion taking `reference` to `displaced` (same order, one point each).
/// `weights` (e.g. nodal volumes) are optional: empty means all 1; otherwise one finite weight
/// >= 0 per point. Throws std::invalid_argument for mismatched sizes, fewer than 3 points,
/// non-finite input, bad weights, or reference points (with positive weight) that are collinear.
RigidMotion fit_rigid_motion(const std::vector<Eigen::Vector3d>& reference,
                             const std::vector<Eigen::Vector3d>& displaced,
                             const std::vector<double>& weights = {});

/// The same fit from the accumulated sums of the header (for points spread over MPI ranks):
/// centroids p_bar and q_bar, cross-covariance H and reference spread C, over `n_points` points.
/// rms_residual is left 0: it needs the points again. Throws as fit_rigid_motion for collinear
/// points.
RigidMotion rigid_motion_from_moments(const Eigen::Vector3d& p_bar, const Eigen::Vector3d& q_bar,
                                      const Eigen::Matrix3d& H, const Eigen::Matrix3d& C,
                                      std::size_t n_points);

/// (lateral bending about x, flexion-extension about y, axial rotation about z) in degrees, from
/// the intrinsic Cardan y-x'-z'' decomposition R = R_y(flex) R_x(lat) R_z(axial); signs as in the
/// file header. R must be a proper rotation.
Eigen::Vector3d anatomical_angles_deg(const Eigen::Matrix3d& rotation);

/// The motion of `upper` as seen from `lower` (both fitted from the same reference state), for a
/// motion segment's ROM: R_rel = R_lower^T R_upper, t_rel = R_lower^T (t_upper - t_lower), so
/// that a rigid motion of the whole segment gives the identity. Its rms_residual is the larger of
/// the two fits' residuals, so a poor fit of either body stays visible.
RigidMotion relative_motion(const RigidMotion& upper, const RigidMotion& lower);

} // namespace spinefe
