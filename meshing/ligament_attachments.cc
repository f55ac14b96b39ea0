#include "meshing/ligament_attachments.h"

#include "meshing/vertebra_geometry.h"

#include <cmath>
#include <iomanip>
#include <sstream>

namespace spinefe {

namespace {

/// Anterior (side = +1) or posterior (side = -1) wall of an outline at lateral position y, from
/// the outline equations in endplate_outline.h.
double wall_x(const OutlineShape& s, const double y, const int side) {
  const double a = 0.5 * s.depth, b = 0.5 * s.width, u = std::min(std::abs(y) / b, 1.0);
  if (side > 0)
    return a * std::sqrt(1 - u * u);
  return -a * std::pow(1 - std::pow(u, s.posterior_exponent), 1 / s.posterior_exponent);
}

struct Segment {
  const VertebraLayout& up;
  const VertebraLayout& low;
  const TissueGeometry& t;
  std::vector<LigamentFibre>& out;

  void add(const std::string& ligament, const Vec3& upper_point, const Vec3& lower_point) {
    const std::string& u = up.anatomy->name;
    const std::string& l = low.anatomy->name;
    unsigned int n = 1;
    for (const auto& f : out)
      n += f.ligament == ligament && f.upper == u;
    out.push_back({ligament, ligament + "_" + u + "_" + l + "_" + std::to_string(n), u, l,
                   upper_point, lower_point});
  }

  void longitudinal() {
    const OutlineShape su = inferior_outline(*up.anatomy, t),
                       sl = superior_outline(*low.anatomy, t);
    // ALL: anterior wall, 2 mm from the endplates; PLL: posterior wall.
    for (const double f : {-0.25, 0.0, 0.25}) {
      const double yu = f * su.width, yl = f * sl.width;
      add("ALL", up.inferior.point(wall_x(su, yu, +1), yu, 2),
          low.superior.point(wall_x(sl, yl, +1), yl, -2));
    }
    for (const double y : {-3.0, 3.0})
      add("PLL", up.inferior.point(wall_x(su, y, -1), y, 2),
          low.superior.point(wall_x(sl, y, -1), y, -2));
  }

  void posterior() {
    const LevelAnatomy &au = *up.anatomy, &al = *low.anatomy;
    const PosteriorLandmarks pu = posterior_landmarks(au, t), pl = posterior_landmarks(al, t);
    // LF: front of the laminae, between the lower edge above and the upper edge below.
    for (const int side : {+1, -1})
      for (const double f : {1.0 / 6, 1.0 / 3})
        add("LF",
            up.inferior.point(pu.lamina_x1, side * f * au.canal_width,
                              pu.pedicle_z - 0.5 * au.pedicle_height + 2),
            low.inferior.point(pl.lamina_x1, side * f * al.canal_width,
                               pl.pedicle_z + 0.5 * al.pedicle_height - 2));
    // ISL: lower and upper faces of adjacent spinous processes; SSL: their tips.
    const Frame su = spinous_frame(up, t), sl = spinous_frame(low, t);
    const double hu = 0.35 * au.pedicle_height, hl = 0.35 * al.pedicle_height;
    for (const double f : {0.3, 0.6})
      add("ISL", su.point(-f * au.spinous_length, 0, -hu), sl.point(-f * al.spinous_length, 0, hl));
    add("SSL", su.point(-au.spinous_length - 0.5 * t.lamina_thickness, 0, 0),
        sl.point(-al.spinous_length - 0.5 * t.lamina_thickness, 0, 0));
    // ITL: tips of the transverse processes, lower face above to upper face below.
    const double s = 0.5 * t.transverse_process_size;
    for (const int side : {+1, -1})
      add("ITL", transverse_frame(up, t, side).point(transverse_reach(au) - s, 0, -s),
          transverse_frame(low, t, side).point(transverse_reach(al) - s, 0, s));
  }
};

} // namespace

std::vector<LigamentFibre> ligament_attachments(const SpineLayout& layout, const TissueGeometry& t,
                                                const std::map<std::string, bool>& present,
                                                const std::vector<FacetJoint>& joints) {
  std::vector<LigamentFibre> fibres;
  for (unsigned int i = 0; i + 1 < layout.vertebrae.size(); ++i) {
    const VertebraLayout &up = layout.vertebrae[i], &low = layout.vertebrae[i + 1];
    if (!present.at(up.anatomy->name) || !present.at(low.anatomy->name))
      continue;
    Segment segment{up, low, t, fibres};
    segment.longitudinal();
    segment.posterior();
  }
  // CL: across each joint, from the side faces of the SAP to those of the IAP.
  for (const FacetJoint& j : joints) {
    const double x = 0.5 * j.gap + 0.5 * t.facet_thickness;
    unsigned int n = 1;
    for (const double y : {-0.5 * j.width, 0.5 * j.width})
      for (const double z : {-0.25 * j.height, 0.25 * j.height})
        fibres.push_back({"CL", "CL_" + j.name.substr(6) + "_" + std::to_string(n++), j.upper,
                          j.lower, j.frame.point(x, y, z), j.frame.point(-x, y, z)});
  }
  return fibres;
}

std::string ligaments_csv(const std::vector<LigamentFibre>& fibres) {
  std::ostringstream s;
  s << "ligament,name,upper,lower,x_upper_mm,y_upper_mm,z_upper_mm,x_lower_mm,y_lower_mm,"
       "z_lower_mm,length_mm\n"
    << std::fixed << std::setprecision(4);
  for (const auto& f : fibres)
    s << f.ligament << "," << f.name << "," << f.upper << "," << f.lower << "," << f.upper_point.x()
      << "," << f.upper_point.y() << "," << f.upper_point.z() << "," << f.lower_point.x() << ","
      << f.lower_point.y() << "," << f.lower_point.z() << "," << f.length() << "\n";
  return s.str();
}

} // namespace spinefe
