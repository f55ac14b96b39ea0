#include "meshing/facet_joints.h"

#include <cmath>

namespace spinefe {

namespace ot = occ_tools;

std::string FacetJoint::upper_surface() const {
  return name + "/" + upper + "_IAP";
}
std::string FacetJoint::lower_surface() const {
  return name + "/" + lower + "_SAP";
}

std::vector<FacetJoint> facet_joints(const SpineLayout& layout, const TissueGeometry& t,
                                     const std::map<std::string, bool>& present) {
  std::vector<FacetJoint> joints;
  for (unsigned int i = 0; i + 1 < layout.vertebrae.size(); ++i) {
    const LevelAnatomy& up = *layout.vertebrae[i].anatomy;
    const LevelAnatomy& low = *layout.vertebrae[i + 1].anatomy;
    if (!present.at(up.name) || !present.at(low.name))
      continue;
    // The joint sits over both lateral masses: average the two vertebrae's landmarks.
    const PosteriorLandmarks pu = posterior_landmarks(up, t), pl = posterior_landmarks(low, t);
    const double x =
        0.5 * (pu.wall_x + pl.wall_x) - 0.75 * 0.5 * (up.canal_depth + low.canal_depth);
    const double y = 0.5 * (pu.isthmus_y + pl.isthmus_y) +
                     0.25 * 0.5 * (up.canal_depth + low.canal_depth) *
                         std::tan(0.5 * (pu.pedicle_angle + pl.pedicle_angle));
    const double a = radians(up.facet_angle), b = radians(up.facet_inclination);
    for (const int side : {+1, -1}) {
      FacetJoint j;
      j.name = "facet_" + up.name + "_" + low.name + (side > 0 ? "_left" : "_right");
      j.upper = up.name;
      j.lower = low.name;
      j.side = side;
      const Frame& mid = layout.disc_mid[i];
      j.frame.origin = mid.point(x, side * y, 0);
      // The horizontal normal of the transverse view, turned cranially by the inclination b
      // about the joint's horizontal in-plane axis (which stays horizontal).
      const Vec3 horizontal = mid.direction(Vec3(-std::sin(a), -side * std::cos(a), 0));
      const Vec3 up_axis = mid.axes.col(2);
      j.frame.axes.col(0) = std::cos(b) * horizontal + std::sin(b) * up_axis;
      j.frame.axes.col(2) = std::cos(b) * up_axis - std::sin(b) * horizontal;
      j.frame.axes.col(1) = j.frame.axes.col(2).cross(j.frame.axes.col(0));
      j.gap = t.facet_gap;
      j.width = t.facet_width;
      j.height = t.facet_height;
      joints.push_back(j);
    }
  }
  return joints;
}

void add_articular_processes(const std::vector<FacetJoint>& joints, const SpineLayout& layout,
                             const TissueGeometry& t,
                             std::map<std::string, VertebraSolids>& vertebrae) {
  // Collected first and applied with one fuse and one cut per vertebra: Booleans on the whole
  // posterior solid are the expensive part.
  std::map<std::string, ot::Tags> additions, clearances;
  for (const FacetJoint& j : joints) {
    const unsigned int i = layout.index(j.upper);
    const LevelAnatomy& up = *layout.vertebrae[i].anatomy;
    const LevelAnatomy& low = *layout.vertebrae[i + 1].anatomy;
    const double half_disc = 0.5 * up.disc_below_height;
    const double g = 0.5 * j.gap, w = 0.5 * j.width, h = 0.5 * j.height, th = t.facet_thickness;
    // Processes reach 3 mm into their own lateral mass: its top (lower vertebra) lies
    // half_disc + 0.1 h below the joint centre, its bottom (upper vertebra) half_disc + 0.9 h -
    // h_p above it (see vertebra_geometry.h for the pedicle height rule).
    // Measured along the face's up-slope axis: an inclined process reaches cos b as deep, still
    // 2.6 mm or more into the lateral mass for b <= 15 degrees. (Dividing by cos b to keep the
    // depth put the L3 process's tilted end so close to the screw-bearing pedicle's faces that
    // gmsh made a flat tetrahedron there.)
    const double reach_down = half_disc + 0.1 * low.body_height + 3;
    const double reach_up = half_disc + 0.9 * up.body_height - up.pedicle_height + 3;
    const int sap = ot::box(j.frame, -g - th, -g, -w, w, -reach_down, h);
    const int iap = ot::box(j.frame, g, g + th, -w, w, -h, reach_up);
    // Clearances: around the articular faces each bone is removed beyond its own face, so the
    // full gap separates the two bones (a cut at the partner's face plane would leave coplanar
    // faces of two bodies, which the assembly would bond).
    // Each clearance reaches as deep into its bone as the partner's process does, so its faces
    // stay well away from the lateral mass's own faces (nearly parallel faces a fraction of a
    // millimetre apart would force sliver elements).
    const double c = 2;
    const int clear_low = ot::box(j.frame, -g, g + th + c, -w - c, w + c, -reach_down, h + 1);
    const int clear_up = ot::box(j.frame, -g - th - c, g, -w - c, w + c, -h - 1, reach_up);
    additions[j.lower].push_back(sap);
    clearances[j.lower].push_back(clear_low);
    additions[j.upper].push_back(iap);
    clearances[j.upper].push_back(clear_up);
  }
  for (auto& [level, solids] : additions) {
    VertebraSolids& v = vertebrae.at(level);
    v.posterior.insert(v.posterior.end(), solids.begin(), solids.end());
    v.posterior = ot::cut(ot::fuse(v.posterior), clearances.at(level));
  }
}

} // namespace spinefe
