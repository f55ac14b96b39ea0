#include "meshing/spine_frame.h"

#include <cmath>

namespace spinefe {

double radians(const double degrees) {
  return degrees * M_PI / 180.0;
}

Frame Frame::moved(const double dx, const double dy, const double dz) const {
  Frame f = *this;
  f.origin = point(dx, dy, dz);
  return f;
}

Frame Frame::tilted(const double degrees) const {
  Frame f = *this;
  f.axes = axes * Eigen::AngleAxisd(radians(degrees), Vec3::UnitY()).toRotationMatrix();
  return f;
}

Frame Frame::turned(const double degrees) const {
  Frame f = *this;
  f.axes = axes * Eigen::AngleAxisd(radians(degrees), Vec3::UnitZ()).toRotationMatrix();
  return f;
}

std::vector<double> Frame::affine() const {
  std::vector<double> a;
  for (int r = 0; r < 3; ++r) {
    for (int c = 0; c < 3; ++c)
      a.push_back(axes(r, c));
    a.push_back(origin(r));
  }
  return a;
}

} // namespace spinefe
