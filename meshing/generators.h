// Parametric test and benchmark geometries, built with gmsh's OpenCASCADE kernel and meshed with
// conforming tetrahedra. Lengths in mm. Used by the verification tests and the benchmarks.
#pragma once

#include "meshing/mesh_data.h"

#include <string>
#include <vector>

namespace spinefe {

/// A box [0,lx]x[0,ly]x[0,lz] cut into layers at the given z levels (ascending, inside (0,lz)).
/// Regions are `layer_names` (one more than the cuts). Surfaces: xmin, xmax, ymin, ymax, bottom
/// (z = 0), top (z = lz). `mesh_size` is the target element edge length.
MeshData layered_box(double lx, double ly, double lz, const std::vector<double>& z_cuts,
                     const std::vector<std::string>& layer_names, double mesh_size);

/// A quarter of a thick-walled cylinder (inner radius a, outer b, axial length) in x, y >= 0.
/// Region "wall". Surfaces: inner, outer, symmetry_x (x = 0), symmetry_y (y = 0), end_bottom
/// (z = 0), end_top (z = length).
MeshData quarter_cylinder(double a, double b, double length, double mesh_size);

/// NAFEMS LE10 thick plate: a quarter of the region between the ellipses x^2/2000^2 + y^2/1000^2
/// = 1 and x^2/3250^2 + y^2/2750^2 = 1, thickness 600 mm (z in [-300, 300]), split at z = 0 so
/// that the outer mid-plane edge is a mesh line. Region "plate". Surfaces: top, bottom, inner,
/// outer_lower (z < 0), outer_upper (z > 0), symmetry_x (x = 0), symmetry_y (y = 0).
MeshData nafems_le10_plate(double mesh_size);

} // namespace spinefe
