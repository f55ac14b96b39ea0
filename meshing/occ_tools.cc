#include "meshing/occ_tools.h"

#include "core/input_error.h"

#include <algorithm>

namespace spinefe::occ_tools {

namespace occ = gmsh::model::occ;

gmsh::vectorpair dim3(const Tags& tags) {
  gmsh::vectorpair dt;
  for (const int t : tags)
    dt.emplace_back(3, t);
  return dt;
}

namespace {
Tags volumes_of(const gmsh::vectorpair& dt) {
  Tags tags;
  for (const auto& [dim, tag] : dt)
    if (dim == 3)
      tags.push_back(tag);
  return tags;
}
} // namespace

int outline_wire(const std::vector<Vec2>& points, const Frame& frame, const double z) {
  std::vector<int> tags;
  for (const Vec2& p : points) {
    const Vec3 g = frame.point(p.x(), p.y(), z);
    tags.push_back(occ::addPoint(g.x(), g.y(), g.z()));
  }
  tags.push_back(tags.front()); // first == last: a closed, periodic spline
  return occ::addWire({occ::addSpline(tags)});
}

int loft(const int lower_wire, const int upper_wire) {
  gmsh::vectorpair out;
  occ::addThruSections({lower_wire, upper_wire}, out, -1, true, false);
  const Tags v = volumes_of(out);
  if (v.size() != 1)
    throw InputError("spine geometry", "internal: a loft between two outlines failed");
  return v.front();
}

int prism(const std::vector<Vec2>& points, const Frame& frame, const double height) {
  return loft(outline_wire(points, frame, 0), outline_wire(points, frame, height));
}

int box(const Frame& frame, const double x0, const double x1, const double y0, const double y1,
        const double z0, const double z1) {
  const int b = occ::addBox(x0, y0, z0, x1 - x0, y1 - y0, z1 - z0);
  occ::affineTransform({{3, b}}, frame.affine());
  return b;
}

int cylinder(const Vec3& a, const Vec3& b, const double r) {
  const Vec3 d = b - a;
  return occ::addCylinder(a.x(), a.y(), a.z(), d.x(), d.y(), d.z(), r);
}

int elliptic_cylinder(const Frame& frame, const double length, const double ry, const double rz) {
  // A true elliptic cylinder (an extruded ellipse). Scaling a circular cylinder with `dilate`
  // would turn it into a general B-spline surface and make every Boolean with it slow.
  const bool z_major = rz >= ry;
  const int ellipse = occ::addEllipse(0, 0, 0, std::max(ry, rz), std::min(ry, rz));
  // Map the ellipse's plane (major along global x) onto the frame's y-z plane.
  Frame placed = frame;
  const Vec3 ex = frame.axes.col(0), ey = frame.axes.col(1), ez = frame.axes.col(2);
  placed.axes.col(0) = z_major ? ez : ey;
  placed.axes.col(1) = z_major ? -ey : ez;
  placed.axes.col(2) = ex;
  const int face = occ::addPlaneSurface({occ::addCurveLoop({ellipse})});
  occ::affineTransform({{2, face}}, placed.affine());
  gmsh::vectorpair out;
  const Vec3 d = length * ex;
  occ::extrude({{2, face}}, d.x(), d.y(), d.z(), out);
  const Tags v = volumes_of(out);
  if (v.size() != 1)
    throw InputError("spine geometry", "internal: extruding a pedicle ellipse failed");
  return v.front();
}

int sphere(const Vec3& c, const double r) {
  return occ::addSphere(c.x(), c.y(), c.z(), r);
}

Tags fuse(const Tags& solids) {
  if (solids.size() < 2)
    return solids;
  gmsh::vectorpair out;
  std::vector<gmsh::vectorpair> map;
  occ::fuse(dim3({solids.front()}), dim3(Tags(solids.begin() + 1, solids.end())), out, map);
  return volumes_of(out);
}

Tags cut(const Tags& object, const Tags& tools, const bool keep_tools) {
  if (tools.empty())
    return object;
  gmsh::vectorpair out;
  std::vector<gmsh::vectorpair> map;
  occ::cut(dim3(object), dim3(tools), out, map, -1, true, !keep_tools);
  return volumes_of(out);
}

double volume(const Tags& solids) {
  double total = 0;
  for (const int t : solids) {
    double v = 0;
    occ::getMass(3, t, v);
    total += v;
  }
  return total;
}

Tags copy(const Tags& solids) {
  gmsh::vectorpair out;
  occ::copy(dim3(solids), out);
  return volumes_of(out);
}

void remove(const Tags& solids) {
  if (!solids.empty())
    occ::remove(dim3(solids), true);
}

double overlap_volume(const Tags& a, const Tags& b) {
  if (a.empty() || b.empty())
    return 0;
  gmsh::vectorpair out;
  std::vector<gmsh::vectorpair> map;
  occ::intersect(dim3(copy(a)), dim3(copy(b)), out, map);
  const Tags common = volumes_of(out);
  const double v = volume(common);
  remove(common);
  return v;
}

} // namespace spinefe::occ_tools
