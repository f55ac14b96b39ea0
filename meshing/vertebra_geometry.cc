#include "meshing/vertebra_geometry.h"

#include <cmath>

namespace spinefe {

namespace ot = occ_tools;

OutlineShape superior_outline(const LevelAnatomy& a, const TissueGeometry& t) {
  return {a.endplate_width_sup, a.endplate_depth_sup, t.posterior_exponent};
}

OutlineShape inferior_outline(const LevelAnatomy& a, const TissueGeometry& t) {
  return {a.endplate_width_inf, a.endplate_depth_inf, t.posterior_exponent};
}

PosteriorLandmarks posterior_landmarks(const LevelAnatomy& a, const TissueGeometry& t) {
  PosteriorLandmarks p;
  p.wall_x = -0.25 * (a.endplate_depth_sup + a.endplate_depth_inf);
  p.pedicle_z = 0.9 * a.body_height - 0.5 * a.pedicle_height;
  p.isthmus_y = 0.5 * (a.canal_width + a.pedicle_width);
  p.lamina_x1 = p.wall_x - a.canal_depth;
  p.lamina_x0 = p.lamina_x1 - t.lamina_thickness;
  // The lateral mass ends 2.5 mm behind the lamina: a back face through the lamina's would meet
  // it at a shallow angle (the pedicle angle) and leave sliver faces where the screw head sits.
  p.entry_x = p.lamina_x0 - 2.5;
  p.pedicle_angle = radians(a.pedicle_transverse_angle);
  return p;
}

Vec3 PosteriorLandmarks::axis_direction(const int side) const {
  // Converges towards the midline going anteriorly.
  return {std::cos(pedicle_angle), -side * std::sin(pedicle_angle), 0};
}

Vec3 PosteriorLandmarks::axis_point(const double x, const int side) const {
  const double isthmus_x = wall_x - 0.5 * (wall_x - lamina_x1);
  return {x, side * (isthmus_y - (x - isthmus_x) * std::tan(pedicle_angle)), pedicle_z};
}

namespace {

/// Length of the lateral mass along the pedicle axis: from the entry point to 0.6 canal depths
/// behind the posterior body wall.
double lateral_mass_length(const LevelAnatomy& a, const TissueGeometry& t) {
  return (0.4 * a.canal_depth + t.lamina_thickness + 2.5) /
         std::cos(radians(a.pedicle_transverse_angle));
}

/// A frame on the pedicle axis at local x, with its x along the axis into the body and its z
/// along the vertebra's z, so pedicle cross-sections are width (y) by height (z).
Frame pedicle_frame(const Frame& inferior, const PosteriorLandmarks& p, const double x,
                    const int side) {
  Frame f = inferior.moved(p.axis_point(x, side).x(), p.axis_point(x, side).y(), p.pedicle_z);
  return f.turned(-side * p.pedicle_angle * 180 / M_PI);
}

ot::Tags posterior_elements(const VertebraLayout& v, const TissueGeometry& t,
                            std::array<PedicleAxis, 2>& axes) {
  const LevelAnatomy& a = *v.anatomy;
  const PosteriorLandmarks p = posterior_landmarks(a, t);
  const Frame& f = v.inferior;
  const double cos_a = std::cos(p.pedicle_angle);
  ot::Tags parts;
  for (const int side : {+1, -1}) {
    // Pedicle: elliptic cylinder from the entry point to 4 mm inside the body wall (the part
    // inside the body becomes body bone when regions are assigned).
    const Frame entry = pedicle_frame(f, p, p.entry_x, side);
    const double length = (p.wall_x + 4 - p.entry_x) / cos_a;
    parts.push_back(
        ot::elliptic_cylinder(entry, length, 0.5 * a.pedicle_width, 0.5 * a.pedicle_height));
    // Lateral mass: the block behind the pedicle that carries the articular processes, the
    // transverse process and the screw head; 2.5 mm wider and 1 mm taller than the pedicle on
    // each side, so that no face of it is tangent to the pedicle's cylinder.
    const double mass_length = lateral_mass_length(a, t);
    const double half_width = 0.5 * a.pedicle_width + 2.5;
    const double half_height = 0.5 * a.pedicle_height + 1;
    parts.push_back(
        ot::box(entry, 0, mass_length, -half_width, half_width, -half_height, half_height));
    const double s = 0.5 * t.transverse_process_size;
    parts.push_back(ot::box(transverse_frame(v, t, side), 0, transverse_reach(a), -s, s, -s, s));
    const int k = side > 0 ? 0 : 1;
    axes[k].entry = f.point(p.axis_point(p.entry_x, side));
    axes[k].direction = f.direction(p.axis_direction(side));
    axes[k].width = a.pedicle_width;
    axes[k].height = a.pedicle_height;
  }
  // Lamina: closes the canal behind, reaching into both lateral masses; 1 mm lower than the
  // pedicle at top and bottom (a face tangent to the pedicle cylinder would break meshing).
  const double lamina_y =
      p.isthmus_y + 0.5 * a.canal_depth * std::tan(p.pedicle_angle) + 0.5 * a.pedicle_width;
  parts.push_back(ot::box(f, p.lamina_x0, p.lamina_x1, -lamina_y, lamina_y,
                          p.pedicle_z - 0.5 * a.pedicle_height + 1,
                          p.pedicle_z + 0.5 * a.pedicle_height - 1));
  // Spinous process: from the lamina midline, backwards and inclined caudally.
  const double sh = 0.35 * a.pedicle_height, st = 0.5 * t.spinous_thickness;
  parts.push_back(ot::box(spinous_frame(v, t), -a.spinous_length - 0.5 * t.lamina_thickness, 0, -st,
                          st, -sh, sh));
  return ot::fuse(parts);
}

} // namespace

double transverse_reach(const LevelAnatomy& a) {
  return 0.5 * a.pedicle_width + 2.5 + a.transverse_process_length;
}

Frame transverse_frame(const VertebraLayout& v, const TissueGeometry& t, const int side) {
  const LevelAnatomy& a = *v.anatomy;
  const PosteriorLandmarks p = posterior_landmarks(a, t);
  const Frame mass =
      pedicle_frame(v.inferior, p, p.entry_x, side).moved(0.5 * lateral_mass_length(a, t), 0, 0);
  // Laterally, swept back by the sweep angle, in the vertebra's transverse plane.
  const double sweep = radians(t.transverse_process_sweep);
  Frame f = mass;
  f.axes.col(0) = v.inferior.direction(Vec3(-std::sin(sweep), side * std::cos(sweep), 0));
  f.axes.col(2) = v.inferior.axes.col(2);
  f.axes.col(1) = f.axes.col(2).cross(f.axes.col(0));
  return f;
}

Frame spinous_frame(const VertebraLayout& v, const TissueGeometry& t) {
  const PosteriorLandmarks p = posterior_landmarks(*v.anatomy, t);
  return v.inferior.moved(0.5 * (p.lamina_x0 + p.lamina_x1), 0, p.pedicle_z)
      .tilted(-v.anatomy->spinous_inclination);
}

VertebraSolids build_vertebra(const VertebraLayout& v, const TissueGeometry& t) {
  const LevelAnatomy& a = *v.anatomy;
  const auto outer_inf = outline_points(inferior_outline(a, t));
  const auto outer_sup = outline_points(superior_outline(a, t));
  const auto inner_inf = outline_points(inferior_outline(a, t), t.cortical_thickness);
  const auto inner_sup = outline_points(superior_outline(a, t), t.cortical_thickness);
  const double ep = t.endplate_thickness;
  VertebraSolids s;
  s.body =
      ot::loft(ot::outline_wire(outer_inf, v.inferior), ot::outline_wire(outer_sup, v.superior));
  s.core = ot::loft(ot::outline_wire(inner_inf, v.inferior, ep),
                    ot::outline_wire(inner_sup, v.superior, -ep));
  s.endplate_inferior = ot::prism(inner_inf, v.inferior, ep);
  s.endplate_superior = ot::prism(inner_sup, v.superior, -ep);
  s.posterior = posterior_elements(v, t, s.pedicles);
  return s;
}

DiscSolids build_disc(const VertebraLayout& upper, const VertebraLayout& lower,
                      const TissueGeometry& t) {
  const OutlineShape bottom = superior_outline(*lower.anatomy, t);
  const OutlineShape top = inferior_outline(*upper.anatomy, t);
  DiscSolids d;
  d.envelope = ot::loft(ot::outline_wire(outline_points(bottom), lower.superior),
                        ot::outline_wire(outline_points(top), upper.inferior));
  // Nucleus: the outline scaled to the area fraction, centred slightly posterior.
  const double scale = std::sqrt(t.nucleus_area_fraction);
  auto nucleus_points = [&](const OutlineShape& shape) {
    auto pts = outline_points(shape);
    for (auto& q : pts)
      q = scale * q - Vec2(t.nucleus_posterior_shift, 0);
    return pts;
  };
  d.nucleus = ot::loft(ot::outline_wire(nucleus_points(bottom), lower.superior),
                       ot::outline_wire(nucleus_points(top), upper.inferior));
  return d;
}

} // namespace spinefe
