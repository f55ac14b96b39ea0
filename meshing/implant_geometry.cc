#include "meshing/implant_geometry.h"

#include "core/input_error.h"
#include "meshing/occ_tools.h"
#include "meshing/vertebra_geometry.h"

#include <cmath>
#include <sstream>

namespace spinefe {

namespace ot = occ_tools;
namespace occ = gmsh::model::occ;

namespace {

std::string mm(const double v) {
  std::ostringstream s;
  s.precision(4);
  s << v;
  return s.str();
}

/// An endplate the implant sits on: its plane, outline polygon and centroid (frame coordinates).
struct Seat {
  std::string name; ///< "T12 inferior"
  Frame frame;      ///< the endplate's own frame (z cranial)
  double into_gap;  ///< +1 if the gap lies along +z of the frame, -1 if along -z
  OutlineShape shape;
  std::vector<Vec2> outline;
  Vec2 centroid;
};

Seat seat(const std::string& name, const Frame& frame, const double into_gap,
          const OutlineShape& shape) {
  // Both seats keep their cranial z, so their outlines run the same way round and a loft
  // between them does not twist.
  Seat s{name, frame, into_gap, shape, outline_points(shape, 0, 720), {}};
  s.centroid = polygon_centroid(s.outline);
  return s;
}

/// Throws unless every point of `footprint` (frame coordinates) lies on the endplate.
void check_fits(const Seat& s, const std::vector<Vec2>& footprint, const std::string& what,
                const std::string& parameter) {
  double margin = 1e9;
  for (const Vec2& p : footprint)
    margin = std::min(margin, signed_distance_inside(s.outline, p));
  if (margin < 0)
    throw InputError(parameter, what + " extends " + mm(-margin) + " mm beyond the " + s.name +
                                    " endplate (area " + mm(polygon_area(s.outline)) +
                                    " mm^2); an implant must sit on the endplate");
}

std::vector<Vec2> circle(const Vec2& centre, const double r, const unsigned int n = 48) {
  std::vector<Vec2> pts;
  for (unsigned int i = 0; i < n; ++i)
    pts.push_back(centre + r * Vec2(std::cos(2 * M_PI * i / n), std::sin(2 * M_PI * i / n)));
  return pts;
}

/// The endcap footprint of the requested area on a seat: a circle about the outline centroid,
/// or the outline scaled about its centroid (area scales with the square of the factor).
std::vector<Vec2> endcap_footprint(const Seat& s, const PrintedBodySpec& p, const unsigned int n) {
  if (p.endcap_shape == EndcapShape::circle)
    return circle(s.centroid, std::sqrt(p.endcap_area / M_PI), n);
  const double k = std::sqrt(p.endcap_area / outline_area(s.shape));
  auto pts = outline_points(s.shape, 0, n);
  for (auto& q : pts)
    q = s.centroid + k * (q - s.centroid);
  return pts;
}

double planar_area(const std::vector<Vec2>& pts, const Frame& f) {
  const int face = occ::addPlaneSurface({ot::outline_wire(pts, f)});
  double area = 0;
  occ::getMass(2, face, area);
  occ::remove({{2, face}}, true);
  return area;
}

std::vector<Vec2> scaled(std::vector<Vec2> pts, const Vec2& centre, const double k) {
  for (auto& q : pts)
    q = centre + k * (q - centre);
  return pts;
}

void build_printed_body(const PrintedBodySpec& p, const Seat& top, const Seat& bottom,
                        ImplantSolids& out) {
  const std::string area_parameter = "Spine model/Implant/Endcap area";
  const double t = p.endcap_thickness;
  if (out.gap_height < 2 * t + 2)
    throw InputError("Spine model/Implant/Endcap thickness",
                     "two endcaps of " + mm(t) + " mm do not leave a core in the " +
                         mm(out.gap_height) + " mm corpectomy gap");
  const auto top_cap = endcap_footprint(top, p, 48), bottom_cap = endcap_footprint(bottom, p, 48);
  check_fits(top, endcap_footprint(top, p, 720), "the superior endcap", area_parameter);
  check_fits(bottom, endcap_footprint(bottom, p, 720), "the inferior endcap", area_parameter);
  out.parts.emplace_back("implant/endcap_superior",
                         ot::prism(top_cap, top.frame, top.into_gap * t));
  out.parts.emplace_back("implant/endcap_inferior",
                         ot::prism(bottom_cap, bottom.frame, bottom.into_gap * t));
  const double k = std::sqrt(p.core_area_fraction);
  out.parts.emplace_back(
      "implant/core",
      ot::loft(ot::outline_wire(scaled(bottom_cap, bottom.centroid, k), bottom.frame,
                                bottom.into_gap * t),
               ot::outline_wire(scaled(top_cap, top.centroid, k), top.frame, top.into_gap * t)));
  out.superior_contact_area = planar_area(top_cap, top.frame);
  out.inferior_contact_area = planar_area(bottom_cap, bottom.frame);
}

void build_mesh_cage(const MeshCageSpec& c, const Seat& top, const Seat& bottom,
                     ImplantSolids& out) {
  const double r = 0.5 * c.outer_diameter;
  if (c.wall_thickness >= r)
    throw InputError("Spine model/Implant/Cage wall thickness",
                     "wall thickness " + mm(c.wall_thickness) +
                         " mm must be less than the cage "
                         "radius " +
                         mm(r) + " mm");
  check_fits(top, circle(top.centroid, r, 720), "the cage", "Spine model/Implant/Cage diameter");
  check_fits(bottom, circle(bottom.centroid, r, 720), "the cage",
             "Spine model/Implant/Cage diameter");
  // A tube longer than the gap, trimmed by the solid between the two endplate planes, so that
  // both ends are flush with their (non-parallel) endplates.
  const Vec3 a = bottom.frame.point(bottom.centroid.x(), bottom.centroid.y(), 0);
  const Vec3 b = top.frame.point(top.centroid.x(), top.centroid.y(), 0);
  const Vec3 axis = (b - a).normalized();
  const int outer = ot::cylinder(a - 3 * axis, b + 3 * axis, r);
  const int inner = ot::cylinder(a - 4 * axis, b + 4 * axis, r - c.wall_thickness);
  const auto tube = ot::cut({outer}, {inner});
  // The graft fills the lumen: the inner cylinder, trimmed like the tube.
  ot::Tags pieces = tube;
  if (c.graft)
    pieces.push_back(ot::cylinder(a - 3 * axis, b + 3 * axis, r - c.wall_thickness));
  const int gap =
      ot::loft(ot::outline_wire(scaled(bottom.outline, bottom.centroid, 2.0), bottom.frame),
               ot::outline_wire(scaled(top.outline, top.centroid, 2.0), top.frame));
  gmsh::vectorpair result;
  std::vector<gmsh::vectorpair> map; // one entry per input: the tube's pieces, then the graft
  occ::intersect(ot::dim3(pieces), {{3, gap}}, result, map);
  for (std::size_t i = 0; i < pieces.size(); ++i)
    for (const auto& [dim, tag] : map.at(i))
      out.parts.emplace_back(i < tube.size() ? "implant/cage" : "graft", tag);
  const double ring = M_PI * (r * r - std::pow(r - c.wall_thickness, 2));
  out.superior_contact_area = out.inferior_contact_area = ring;
}

} // namespace

ImplantSolids build_implant(const SpineModelSpec& spec, const SpineLayout& layout) {
  ImplantSolids out;
  if (spec.implant == ImplantType::none)
    return out;
  const VertebraLayout& t12 = layout.vertebra("T12");
  const VertebraLayout& l2 = layout.vertebra("L2");
  const Seat top =
      seat("T12 inferior", t12.inferior, -1, inferior_outline(*t12.anatomy, spec.tissue));
  const Seat bottom =
      seat("L2 superior", l2.superior, +1, superior_outline(*l2.anatomy, spec.tissue));
  out.gap_height =
      (t12.inferior.point(top.centroid.x(), 0, 0) - l2.superior.point(bottom.centroid.x(), 0, 0))
          .norm();
  if (spec.implant == ImplantType::printed_body)
    build_printed_body(spec.printed_body, top, bottom, out);
  else
    build_mesh_cage(spec.cage, top, bottom, out);
  return out;
}

} // namespace spinefe
