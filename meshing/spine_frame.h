// A right-handed orthonormal frame (origin and axes in global coordinates) used to place every
// part of the spine model. Global axes: x anterior, y left, z cranial; lengths in mm.
// Local frames of the vertebrae sit at endplate centres with local z along the endplate normal
// (pointing cranially) and local x anterior, so anatomy can be written in local coordinates.
#pragma once

#include <Eigen/Dense>

#include <vector>

namespace spinefe {

using Vec3 = Eigen::Vector3d;

struct Frame {
  Eigen::Matrix3d axes = Eigen::Matrix3d::Identity(); ///< columns: local x, y, z in global
  Vec3 origin = Vec3::Zero();

  Vec3 point(const double x, const double y, const double z) const {
    return origin + axes * Vec3(x, y, z);
  }
  Vec3 point(const Vec3& local) const { return origin + axes * local; }
  Vec3 direction(const Vec3& local) const { return axes * local; }
  Vec3 to_local(const Vec3& global) const { return axes.transpose() * (global - origin); }

  /// The frame moved by (dx, dy, dz) along its own axes.
  Frame moved(double dx, double dy, double dz) const;
  /// The frame rotated about its own y axis by `degrees` (positive turns local z towards x).
  Frame tilted(double degrees) const;
  /// The frame rotated about its own z axis by `degrees` (positive turns local x towards y).
  Frame turned(double degrees) const;

  /// gmsh's affineTransform matrix (3x4, row major) mapping local to global coordinates.
  std::vector<double> affine() const;
};

double radians(double degrees);

} // namespace spinefe
