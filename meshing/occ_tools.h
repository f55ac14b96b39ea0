// Small building blocks on top of gmsh's OpenCASCADE kernel, for the spine model: solids placed
// in a Frame, lofts between endplate outlines, and Boolean helpers that return volume tags.
#pragma once

#include "meshing/endplate_outline.h"
#include "meshing/spine_frame.h"

#include <gmsh.h>

#include <vector>

namespace spinefe::occ_tools {

using Tags = std::vector<int>; ///< OCC volume tags

/// A closed planar wire through `points` (outline coordinates in the frame's x-y plane, at
/// local height z), as a periodic spline.
int outline_wire(const std::vector<Vec2>& points, const Frame& frame, double z = 0);

/// The solid between two closed wires (a ruled-free loft, as in CAD "thru sections").
int loft(int lower_wire, int upper_wire);

/// Extrusion of the planar outline by `height` along the frame's z (negative: downwards).
int prism(const std::vector<Vec2>& points, const Frame& frame, double height);

/// Box [x0,x1]x[y0,y1]x[z0,z1] in frame coordinates.
int box(const Frame& frame, double x0, double x1, double y0, double y1, double z0, double z1);

/// Circular cylinder of radius r from a to b.
int cylinder(const Vec3& a, const Vec3& b, double r);

/// Cylinder along the frame's x axis from x = 0 to `length`, with elliptic cross-section of
/// semi-axes ry (along local y) and rz (along local z).
int elliptic_cylinder(const Frame& frame, double length, double ry, double rz);

int sphere(const Vec3& centre, double r);

/// Union of the solids, as volume tags (the inputs are consumed).
Tags fuse(const Tags& solids);

/// `object` minus `tools`; both consumed unless `keep_tools`.
Tags cut(const Tags& object, const Tags& tools, bool keep_tools = false);

/// Volume of `a` that lies inside `b`, mm^3; neither is changed.
double overlap_volume(const Tags& a, const Tags& b);

double volume(const Tags& solids);

/// Copies of the solids.
Tags copy(const Tags& solids);

void remove(const Tags& solids);

gmsh::vectorpair dim3(const Tags& tags);

} // namespace spinefe::occ_tools
