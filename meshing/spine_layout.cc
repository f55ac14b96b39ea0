#include "meshing/spine_layout.h"

#include "core/input_error.h"

#include <cmath>

namespace spinefe {

Vec3 VertebraLayout::body_centre() const {
  return 0.5 * (inferior.origin + superior.origin);
}

const VertebraLayout& SpineLayout::vertebra(const std::string& name) const {
  return vertebrae[index(name)];
}

unsigned int SpineLayout::index(const std::string& name) const {
  for (unsigned int i = 0; i < vertebrae.size(); ++i)
    if (vertebrae[i].anatomy->name == name)
      return i;
  throw InputError("spine layout", "no vertebra '" + name + "'");
}

double sagittal_angle(const Frame& cranial, const Frame& caudal) {
  const Vec3 a = cranial.axes.col(2), b = caudal.axes.col(2);
  // Angle of each normal in the sagittal (x-z) plane, measured from z towards x.
  return (std::atan2(a.x(), a.z()) - std::atan2(b.x(), b.z())) * 180 / M_PI;
}

SpineLayout lay_out_spine(const AnatomyTable& table) {
  const auto& levels = table.levels();
  SpineLayout layout;
  layout.vertebrae.resize(levels.size());
  layout.disc_mid.resize(levels.size() - 1);
  // Stack from the most caudal level upwards. A positive (ventral) wedge shortens the anterior
  // wall, so the superior endplate normal leans anteriorly: a tilt about +y.
  Frame inferior;
  for (int i = static_cast<int>(levels.size()) - 1; i >= 0; --i) {
    const LevelAnatomy& a = levels[i];
    VertebraLayout& v = layout.vertebrae[i];
    v.anatomy = &a;
    v.inferior = inferior;
    v.superior = inferior.moved(0, 0, a.body_height).tilted(a.body_wedge);
    if (i == 0)
      break;
    const LevelAnatomy& above = levels[i - 1]; // its disc_below is the disc on top of `a`
    layout.disc_mid[i - 1] =
        v.superior.moved(0, 0, 0.5 * above.disc_below_height).tilted(0.5 * above.disc_below_wedge);
    inferior = v.superior.moved(0, 0, above.disc_below_height).tilted(above.disc_below_wedge);
  }
  // Mount the column with the T10-L3 body-centre line vertical.
  const Vec3 axis =
      (layout.vertebrae.front().body_centre() - layout.vertebrae.back().body_centre()).normalized();
  const double lean = std::atan2(axis.x(), axis.z());
  const Eigen::Matrix3d upright = Eigen::AngleAxisd(-lean, Vec3::UnitY()).toRotationMatrix();
  auto mount = [&](Frame& f) {
    f.axes = upright * f.axes;
    f.origin = upright * f.origin;
  };
  for (auto& v : layout.vertebrae) {
    mount(v.inferior);
    mount(v.superior);
  }
  for (auto& d : layout.disc_mid)
    mount(d);
  return layout;
}

} // namespace spinefe
