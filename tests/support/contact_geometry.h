// Test fixtures for contact (solver/contact_law.h): splitting a conforming test mesh into contact
// pairs with an optional initial gap, and a quarter-symmetric cylinder standing on a block (flat
// punch, Hertz), meshed with gmsh's OpenCASCADE kernel and refined where the contact needs it.
#pragma once

#include "meshing/mesh_data.h"
#include "solver/problem_definition.h"

#include <deal.II/base/point.h>

#include <functional>
#include <string>
#include <vector>

namespace spinefe::testing {

/// Splits `mesh` between the regions `side_a` and `side_b` (meshing/interface_split.h) and turns
/// the node pairs into contact pairs of one interface `interface` (as mechanics/interface_contact
/// does), with initial_gap = `initial_gap(x)` where given.
ProblemDefinition::ContactPairs
split_for_contact(MeshData& mesh, const std::vector<unsigned int>& side_a,
                  const std::vector<unsigned int>& side_b, const ContactInterface& interface,
                  const std::function<double(const dealii::Point<3>&)>& initial_gap = {});

/// A quarter (x, y >= 0) of a cylinder of radius `radius` and height `cylinder_height` standing
/// on z = 0 on the block [0, half_width]^2 x [-depth, 0], meshed conformingly (the block's top face
/// is split at the cylinder's footprint). Regions "block", "cylinder". Surfaces: xmin (x = 0) and
/// ymin (y = 0) of both bodies, bottom (z = -depth), cylinder_top (z = cylinder_height).
///
/// Element size: `fine_size` within `fine_distance` of the refinement target, growing linearly to
/// `coarse_size` at `coarse_distance`; the target is the footprint's rim (a quarter circle; flat
/// punch: the pressure is singular there) or, with refine_rim = false, the axis point (0, 0, 0)
/// (Hertz: the contact disk around it).
struct CylinderOnBlock {
  double half_width = 10, depth = 10, radius = 1, cylinder_height = 1;
  double fine_size = 0.1, fine_distance = 0.1, coarse_size = 2, coarse_distance = 5;
  bool refine_rim = true;
};
MeshData cylinder_on_block(const CylinderOnBlock& geometry);

/// The quarter cylinder-on-block problem of the flat punch and Hertz tests: materials of the block
/// and the cylinder, symmetry rollers on xmin/ymin, the bottom on a frictionless rigid base, and
/// the cylinder's top face pressed down by `delta` [mm]. Contact is left to the caller.
ProblemDefinition cylinder_pressed_into_block(const MeshData& mesh, const LinearIsotropic& block,
                                              const LinearIsotropic& cylinder, double delta);

} // namespace spinefe::testing
