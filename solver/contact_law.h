// Node-to-node contact between the two sides of an implant-bone interface, after the conforming
// mesh's interface nodes were split into coincident pairs (meshing/interface_split.h).
//
// Kinematics (small sliding): pair i joins vertex a (bone side) and vertex b (implant side) at the
// same reference point x_i, with the unit normal n_i pointing from the bone into the implant and
// the tributary area A_i [mm^2] (one third of every interface triangle at the node). With
// du = u_b - u_a,
//
//   gap    g = g0 + n . du   [mm]   (> 0 open, < 0 would penetrate; g0 the initial gap of the
//                                  pair, 0 where the mesh is conforming, r^2/2R for a sphere)
//   slip   s = du - g n [mm]   (tangential relative displacement)
//
// Small sliding means the pairs never change partners: valid while |s| stays well below the
// element size at the interface (the largest |s| is reported; subsidence of an endcap is a normal
// motion, its slip is a fraction of a millimetre).
//
// Law (force on side b, the opposite on side a; N): normal force lambda_n n with lambda_n >= 0,
// tangential force t, Coulomb friction |t| <= mu lambda_n:
//
//   open   (lambda_n = 0, g >= 0):  no force
//   stick  (lambda_n > 0, g = 0):   s = 0, |t| <= mu lambda_n
//   slip   (lambda_n > 0, g = 0):   t = -mu lambda_n s_dot/|s_dot|   (frictionless: t = 0)
//
// Enforcement. Normal: augmented Lagrangian with Uzawa updates (Simo & Laursen, Comput Struct
// 42 (1992) 97-116; Wriggers, Computational Contact Mechanics, 2nd ed., Springer 2006, ch. 6):
// lambda_n = lambda_n_bar - k g, closed while lambda_n > 0, and after every solve lambda_n_bar
// takes the new lambda_n, so the final gap of a closed pair tends to zero and the normal answer
// does not depend on the penalty. Tangential: penalty ("elastic stick", as Abaqus's default
// penalty friction), t_trial = -k_t s with k_t = k / 10 (solver/contact.cc, stick_stiffness);
// stick while |t_trial| <= mu lambda_n, else slip with t = -mu lambda_n s / |s|. A sticking pair
// creeps by |t| / k_t before it slides (the "slip" of the reports includes it). The friction law is
// taken in its total form: each load case is a proportional load from the unloaded state, along
// which the slip direction does not turn, so the slip direction is that of the total slip s and the
// answer is independent of the load cases' order.
//
// Two safeguards keep the fixed-point iteration from cycling without moving its fixed point: a
// pair that just opened or closed takes half of its Uzawa update, and a slipping pair whose slip
// turned round between two solves doubles the stiffness along its slip direction (whose force
// vanishes at convergence), so a pair that should stick stops overshooting past zero slip.
//
// The penalty k = beta E A_i / h is scaled from the softer side's Young's modulus E and the node
// spacing h = sqrt(A_i), i.e. k = beta E sqrt(A_i) (beta = ContactSettings::penalty_factor, 10 by
// default: ten times a representative element stiffness, as Abaqus's default penalty). The pair
// forces are the interface forces themselves: contact pressure is lambda_n / A_i, and their sum
// balances the load carried across the interface exactly (to the linear solver tolerance).
#pragma once

#include <deal.II/base/point.h>
#include <deal.II/base/tensor.h>

#include <string>
#include <vector>

namespace spinefe {

/// How an interface transmits load. Bonded interfaces keep their shared nodes (no pairs).
enum class InterfaceModel { bonded, frictionless, frictional };

/// "bonded", "frictionless", "frictional".
const char* to_string(InterfaceModel model);

/// One kind of interface of a problem (e.g. the endcaps on the endplates) and its law.
struct ContactInterface {
  std::string name;
  InterfaceModel model = InterfaceModel::frictional;
  double friction = 0; ///< Coulomb coefficient mu (frictional only)
};

/// One pair of coincident vertices across an interface.
struct ContactPairDefinition {
  dealii::Point<3> x;          ///< reference position of both vertices [mm]
  dealii::Tensor<1, 3> normal; ///< unit, from side a (bone) into side b (implant)
  double area = 0;             ///< tributary area [mm^2]
  double initial_gap = 0;      ///< g0 [mm], >= 0: the sides are that far apart unloaded
  unsigned int region_a = 0;   ///< material id of a cell at vertex a (attachment)
  unsigned int region_b = 0;   ///< material id of a cell at vertex b
  unsigned int interface = 0;  ///< index into ProblemDefinition::contact_interfaces
  unsigned int patch = 0;      ///< index into ProblemDefinition::contact_patches (metrics)
};

/// Numerical settings of the contact iteration (case file: 'Interfaces').
struct ContactSettings {
  double penalty_factor = 10; ///< beta of k = beta E sqrt(A), see the file comment
  /// Converged when no pair changes state and the pair forces change between two solves by less
  /// than this fraction of the norm of all contact forces.
  double tolerance = 1e-4;
  /// Tangential stiffness of frictionless pairs, as a fraction of k, that keeps the tangential
  /// operator regular; its force is cancelled at convergence (t = 0 exactly).
  double stabilisation = 1e-2;
  unsigned int max_iterations = 80; ///< linear solves of one load case before it is an error
};

enum class ContactState { open, stick, slip };

/// "open", "stick", "slip".
const char* to_string(ContactState state);

} // namespace spinefe
