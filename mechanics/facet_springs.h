// The facet (zygapophyseal) joints of the spine model as compression-only gap elements: a
// documented approximation to contact across the articular cartilage.
//
// Geometry (meshing/facet_joints.h): at each joint the lower vertebra's superior articular
// process (SAP) and the upper vertebra's inferior articular process (IAP) have parallel
// articular faces, the named surfaces facet_<U>_<L>_<side>/<L>_SAP and .../<U>_IAP, a gap t
// apart (case parameter "Facet gap", 0.5 mm) with no elements in between. The gap stands for
// the two cartilage layers.
//
// Model: the cartilage is a bed of independent normal springs (a Winkler foundation) that acts
// in compression only. Each vertex i of the SAP face triangles gets the tributary area
//   A_i = 1/3 sum of the areas of its adjacent SAP triangles    (sum_i A_i = SAP face area)
// and a spring to the nearest vertex of the IAP face with stiffness
//   k_i = E_c A_i / t,
// the stiffness of a cartilage column of area A_i and height t under uniaxial stress, E_c the
// facet cartilage modulus (library material facet_cartilage: 35 MPa, PMC5592017, which suggests
// "frictionless contact with 0.5 mm gap"). The spring measures the normal closure
//   delta_i = n . (u_IAP - u_SAP)
// along the joint normal n (the area-weighted mean SAP normal, pointing from SAP to IAP), not
// along the line between its two vertices, so a tangential offset between the paired vertices
// does not tilt it. delta_i < 0 (closing) gives F_i = k_i delta_i; delta_i > 0 (opening) gives
// no force. The active-set iteration (solver/active_set.h) finds which springs are closed.
// t is the measured mean normal distance between the faces, not the case parameter.
//
// What it leaves out (why it is an approximation and not contact):
//   - no friction and no tangential stiffness: the faces slide freely (cartilage friction is
//     ~0.01; the shear stiffness of the layer is neglected);
//   - the closure is linear up to and beyond t: the faces may interpenetrate in the model under
//     large compression (closure > t); compare the closure with t when reading results;
//   - small displacements: the pairing and n are fixed in the reference configuration, so a
//     sliding of the faces by more than about an element edge would pair the wrong vertices;
//   - springs attach at vertices only: with P2 elements the force sits at the face's corner
//     nodes, which is right in total and moment but not in the local stress right under the
//     face;
//   - the modulus is that of cartilage in uniaxial stress; the confined (oedometric) modulus of a
//     thin layer with nu = 0.4 would be about 2.1 E_c.
// The joint therefore transmits compression and no tension, as the product spec requires.
#pragma once

#include "meshing/mesh_data.h"
#include "solver/spring_law.h"

#include <deal.II/base/tensor.h>

#include <string>
#include <vector>

namespace spinefe {

/// One facet joint's gap elements, for reports.
struct FacetJointSummary {
  std::string name;         ///< "facet_T11_T12_left"
  std::string upper, lower; ///< level names: the IAP's and the SAP's vertebra
  unsigned int n_springs = 0;
  double contact_area = 0;          ///< SAP face area = sum of the tributary areas [mm^2]
  double gap = 0;                   ///< measured mean normal distance t between the faces [mm]
  double stiffness = 0;             ///< sum of k_i = E_c area / t [N/mm]
  double angle = 0;                 ///< between the two faces' mean normals [degrees]
  double max_tangential_offset = 0; ///< largest in-plane distance of a paired vertex pair [mm]
  dealii::Tensor<1, 3> normal;      ///< n, from SAP to IAP
};

/// Largest angle between the faces' mean normals [degrees] and largest gap [mm] accepted.
constexpr double facet_max_angle = 10, facet_max_gap = 3;

/// The gap elements of every facet joint of `mesh` (joints found from the surface names
/// facet_<U>_<L>_<side>/<L>_SAP and /<U>_IAP), compression-only, E_c = `cartilage_modulus`
/// [MPa], named "<joint>/<SAP vertex number>". End a (SAP) may attach only to region
/// <L>/posterior, end b (IAP) only to <U>/posterior (material ids = indices in `region_names`).
/// Appends one summary per joint to `summary`, if given. Run on rank 0 and share the springs
/// with broadcast_springs (mechanics/ligament_springs.h). Throws InputError naming the joint if a
/// face is missing or empty, the faces are more than facet_max_angle apart in orientation, their
/// mean distance is not in (0, facet_max_gap] mm, or a posterior region is missing.
std::vector<SpringDefinition> facet_springs(const MeshData& mesh,
                                            const std::vector<std::string>& region_names,
                                            double cartilage_modulus,
                                            std::vector<FacetJointSummary>* summary = nullptr);

/// The load of one facet joint in a solved state.
struct FacetJointForce {
  std::string name;                         ///< "facet_T11_T12_left"
  double force = 0;                         ///< compressive normal force, sum of -F_i [N], >= 0
  unsigned int n_springs = 0, n_closed = 0; ///< gap elements, and those carrying force
};

/// Sums the compressive force of each joint's gap elements: the springs named
/// "facet_.../<n>" with compression-only response, grouped by the name before '/', in order of
/// first appearance. `forces` are the spring forces F_i [N] (tension positive) of `springs`,
/// e.g. ElasticitySolver::spring_forces(); other springs (ligaments) are skipped. Any rank.
std::vector<FacetJointForce> facet_joint_forces(const std::vector<SpringDefinition>& springs,
                                                const std::vector<double>& forces);

} // namespace spinefe
