// Subsidence depth: how far the implant has sunk into the bone at an implant-endplate interface,
// per contact patch (one endcap on one endplate), measured against the rigid motion of the
// vertebra on the bone side, so that the motion of the whole vertebra (rotation of the segment,
// translation of the column) does not count as subsidence.
//
// For each contact node pair i of the patch (solver/contact_law.h: pair i joins vertex a, bone
// side, and vertex b, implant side, at the reference point x_i, with the unit normal n_i from the
// bone into the implant and the tributary area A_i), with u_b,i the implant-side displacement and
// R_V, t_V the least-squares rigid motion of the vertebra V on the bone side (postprocess/
// rigid_fit.h RigidMotion, fitted by postprocess/body_motion.h; its displacement at x is
// u_rigid(x) = R_V x + t_V - x):
//
//   d_i = - n_i . ( u_b,i - u_rigid(x_i) )   [mm]
//
// positive when the implant moves into the bone relative to the vertebra's rigid motion, negative
// when it moves away (lift-off). Reference normals and points (small displacements, as the
// contact law). Per patch:
//
//   subsidence_depth_mean  = sum A_i d_i / sum A_i           area-weighted mean [mm]
//   subsidence_depth_p95   = area-weighted 95th percentile of d_i (postprocess/stress_measures.h
//                            weighted_percentile: the smallest d with at least 95% of the area at
//                            or below it) [mm]
//   subsidence_depth_max   = largest d_i [mm]
//
// The vertebra's fit takes every vertex of its body, so d_i holds the local indentation of the
// endplate and also the elastic shortening of the vertebral body between its vertex centroid and
// the endplate (a uniformly compressed body of height H and strain e gives d = e H / 2 at its
// end faces): d is the endplate's normal motion relative to the body, not a plastic settlement.
#pragma once

#include "postprocess/rigid_fit.h"
#include "solver/contact.h"

#include <deal.II/base/tensor.h>
#include <deal.II/lac/petsc_vector.h>

#include <vector>

namespace spinefe {

struct SubsidenceDepth {
  double mean = 0, p95 = 0, max = 0; ///< mm
};

/// The depth metrics of the pairs of one patch from their implant-side displacements u_b (same
/// order) and the bone-side vertebra's rigid motion. An empty patch gives zeros. No communication.
SubsidenceDepth subsidence_depth(const std::vector<ContactPairDefinition>& pairs,
                                 const std::vector<dealii::Tensor<1, 3>>& implant_displacements,
                                 const RigidMotion& vertebra);

/// The same for `patch` (an index into ProblemDefinition::contact_patches) from the displacement
/// `u` (constraints distributed). Collective: gathers u_b of every pair
/// (ContactSet::implant_displacements).
SubsidenceDepth subsidence_depth(const ContactSet& contact, unsigned int patch,
                                 const dealii::PETScWrappers::MPI::Vector& u,
                                 const RigidMotion& vertebra);

/// The endplate's own depth under the endcap: the same measure of the bone-side vertex of every
/// pair, d_bone,i = -n_i . (u_a,i - u_rigid(x_i)) = d_i + (g_i - g0_i), with u_a = u_b - du
/// taken from the pairs' last update (gap g and slip s at the displacement `u`: du = (g - g0) n
/// + s). In contact (g = g0) it equals the implant's depth; after the endcap has lifted off
/// (unloaded), it is the crater the endcap left. Collective.
SubsidenceDepth endplate_depth(const ContactSet& contact, unsigned int patch,
                               const dealii::PETScWrappers::MPI::Vector& u,
                               const RigidMotion& vertebra);

} // namespace spinefe
