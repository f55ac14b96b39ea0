#include "meshing/instrumentation_geometry.h"

#include "core/input_error.h"
#include "meshing/occ_tools.h"

#include <algorithm>
#include <sstream>

namespace spinefe {

namespace ot = occ_tools;

std::vector<std::string> instrumented_levels(const SpineLayout& layout,
                                             const std::string& resected) {
  std::vector<std::string> levels;
  for (const auto& v : layout.vertebrae)
    if (v.anatomy->name != resected)
      levels.push_back(v.anatomy->name);
  return levels;
}

namespace {

std::string fixed(const double v, const int digits = 1) {
  std::ostringstream s;
  s.setf(std::ios::fixed);
  s.precision(digits);
  s << v;
  return s.str();
}

double lookup(const std::map<std::string, double>& values, const std::string& level,
              const std::string& parameter) {
  const auto it = values.find(level);
  if (it == values.end())
    throw InputError(parameter, "no value for level " + level +
                                    "; give one for every "
                                    "instrumented level");
  return it->second;
}

ScrewReport check_screw(const std::string& name, const int shaft, const VertebraSolids& bone,
                        const double diameter, const double length, const PedicleAxis& axis) {
  ScrewReport r{name, diameter, length, 0, ot::volume({shaft})};
  if (diameter >= axis.width)
    throw InputError("Spine model/Instrumentation/Screw diameters",
                     name + ": diameter " + fixed(diameter) + " mm does not fit the " +
                         fixed(axis.width) + " mm wide pedicle");
  ot::Tags bone_solids = bone.posterior;
  bone_solids.push_back(bone.body);
  // Clamped at 0: the two volumes agree to the CAD kernel's tolerance when nothing breaches.
  r.outside_volume = std::max(0.0, r.shaft_volume - ot::overlap_volume({shaft}, bone_solids));
  // 0.1% of the shaft allows for the CAD kernel's tolerance, nothing more.
  if (r.outside_volume > 1e-3 * r.shaft_volume)
    throw InputError("Spine model/Instrumentation/Screw lengths",
                     name + " (" + fixed(diameter) + " x " + fixed(length) +
                         " mm) breaches the cortex: " + fixed(r.outside_volume) + " mm^3 (" +
                         fixed(100 * r.outside_volume / r.shaft_volume) +
                         "% of the shaft) lies outside the bone; use a shorter or thinner screw");
  return r;
}

/// A rod of radius r swept along the spline through `path`.
ot::Tags rod_along(const std::vector<Vec3>& path, const double r) {
  namespace occ = gmsh::model::occ;
  std::vector<int> points;
  for (const Vec3& p : path)
    points.push_back(occ::addPoint(p.x(), p.y(), p.z()));
  const int wire = occ::addWire({occ::addSpline(points)});
  // The profile: a disk at the start, normal to the path's first chord (the spline's end
  // tangent is close to it; the sweep keeps the profile normal to the path from there on).
  const Vec3 t = (path[1] - path[0]).normalized();
  const int disk = occ::addDisk(0, 0, 0, r, r);
  Frame f;
  f.origin = path[0];
  f.axes.col(2) = t;
  f.axes.col(0) = t.unitOrthogonal();
  f.axes.col(1) = t.cross(f.axes.col(0));
  occ::affineTransform({{2, disk}}, f.affine());
  gmsh::vectorpair out;
  occ::addPipe({{2, disk}}, wire, out);
  ot::Tags volumes;
  for (const auto& [dim, tag] : out)
    if (dim == 3)
      volumes.push_back(tag);
  if (volumes.empty())
    throw InputError("Spine model/Instrumentation/Rod diameter",
                     "the rod could not be swept through the screw heads");
  return volumes;
}

} // namespace

InstrumentationSolids
build_instrumentation(const SpineModelSpec& spec, const SpineLayout& layout,
                      const std::map<std::string, VertebraSolids>& vertebrae) {
  InstrumentationSolids out;
  const InstrumentationSpec& ins = spec.instrumentation;
  if (!ins.enabled)
    return out;
  const double rt = 0.5 * ins.tulip_diameter, rr = 0.5 * ins.rod_diameter;
  const double c = spec.potting.clearance;
  for (const int k : {0, 1}) {
    const std::string side = k == 0 ? "left" : "right";
    std::vector<Vec3> heads;
    std::vector<const PedicleAxis*> axes;
    std::vector<std::string> levels = instrumented_levels(layout, "L1");
    for (const auto& level : levels) {
      const VertebraSolids& v = vertebrae.at(level);
      const PedicleAxis& axis = v.pedicles[k];
      const double d =
          lookup(ins.screw_diameter, level, "Spine model/Instrumentation/Screw diameters");
      const double len =
          lookup(ins.screw_length, level, "Spine model/Instrumentation/Screw lengths");
      const std::string name = "screw_" + level + "_" + side;
      const int shaft = ot::cylinder(axis.entry, axis.entry + len * axis.direction, 0.5 * d);
      out.screws.push_back(check_screw(name, shaft, v, d, len, axis));
      out.parts.emplace_back(name, shaft);
      // The rod runs through the head, its axis rod radius + 1.5 mm below the head's top.
      heads.push_back(axis.entry - (ins.tulip_height - rr - 1.5) * axis.direction);
      axes.push_back(&axis);
    }
    // Rod: a circle swept along a spline through the heads, with a short overhang past the end
    // heads. A smooth pipe, because straight segments fused at the heads leave shallow notches
    // at every bend, which force sliver elements.
    // The overhang ends 1.5 mm beyond the head's face: flush, its end disk would graze the face.
    const double overhang = rt + 1.5;
    std::vector<Vec3> path = heads;
    path.insert(path.begin(), heads[0] + overhang * (heads[0] - heads[1]).normalized());
    path.push_back(heads.back() + overhang * (heads.back() - heads[heads.size() - 2]).normalized());
    for (const int rod : rod_along(path, rr))
      out.parts.emplace_back("rod_" + side, rod);
    // Heads: blocks on the entry points with two faces across the rod, so that the rod meets
    // them in planar ellipses (a rod through a round tulip meets it along a curve that grazes
    // the cylinder and leaves sliver faces).
    for (std::size_t i = 0; i < heads.size(); ++i) {
      const Vec3 out_dir = -axes[i]->direction;
      Vec3 along = path[i + 2] - path[i];
      along = (along - along.dot(out_dir) * out_dir).normalized();
      Frame head;
      head.origin = axes[i]->entry;
      head.axes.col(0) = out_dir;
      head.axes.col(1) = along;
      head.axes.col(2) = out_dir.cross(along);
      out.parts.emplace_back("tulip_" + levels[i] + "_" + side,
                             ot::box(head, 0, ins.tulip_height, -rt, rt, -rt, rt));
      out.pot_clearance[levels[i]].push_back(
          ot::box(head, -c, ins.tulip_height + c, -rt - c, rt + c, -rt - c, rt + c));
    }
    // Pot clearance around the rod near the end levels (two segments at each end).
    for (std::size_t i = 0; i + 1 < path.size(); ++i) {
      const std::string& level = i < 2 ? levels.front() : levels.back();
      if (i < 2 || i + 3 >= path.size())
        out.pot_clearance[level].push_back(ot::cylinder(path[i], path[i + 1], rr + c));
    }
  }
  return out;
}

} // namespace spinefe
