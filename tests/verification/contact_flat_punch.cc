// Checks frictionless contact against Sneddon's rigid flat punch: a cylinder of radius a pressed
// by delta into an elastic block carries F = 2 a E* delta, E* = E / (1 - nu^2) (Sneddon, Int J Eng
// Sci 3 (1965) 47-57; Boussinesq), within 2% after a correction for the finite block. 1 MPI rank.
//
// Model: a quarter (x, y >= 0, symmetry rollers on xmin/ymin) of a punch of radius a = 1 mm and
// height 0.5 mm (E = 1e5 MPa, 1000 times the block's) on a block [0, S]^2 x [-S, 0] (E = 100 MPa,
// nu = 0.3) standing on a frictionless rigid base (u_z = 0 on the bottom); u_z = -delta on the
// punch's top face; frictionless contact on the footprint (side a = block, side b = punch); P1.
// The mesh (gmsh OCC: box + cylinder fragmented into a conforming mesh, tests/support/
// contact_geometry.h) is refined to a/60 at the punch rim (growing at 0.2 to 0.8 a), where the
// pressure is singular.
//
// Corrections to compare with the half-space:
//  * the punch's own compression, F h_p / (E_p pi a^2): 0.01% of delta;
//  * the finite block: the half-space under the resultant F moves by the Boussinesq point-load
//    displacement u_B = F (1 + nu)(3 - 2 nu) / (2 pi E S) on the axis at depth S, which the rigid
//    base suppresses; so the half-space approach is delta + u_B (about 6% of delta at S = 20a).
//    The point-load field is the far field of any footprint load (a << S), and u_B is the leading
//    term of the missing compliance ~ F / (E S). What it leaves out (the base holds the whole
//    plane, not one point, and the free sides at S soften) is of the same order: on this mesh
//    grading, S = 20 a gives +0.9% and S = 10 a -1.5% after the correction, so the correction is
//    good to about 2.4% at S = 10 a (the size the suite can afford).
#include "solver/contact.h"
#include "solver/reactions.h"
#include "tests/support/contact_geometry.h"
#include "tests/support/layered_column.h"

#include <deal.II/base/function.h>

#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <iostream>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

constexpr double a = 1, punch_height = 0.5, delta = 0.01;
constexpr double e_block = 100, nu = 0.3, e_punch = 1e5;
const double e_star = e_block / (1 - nu * nu);

struct PunchResult {
  double force = 0;       ///< full punch [N], from the pair forces (x 4)
  double reaction = 0;    ///< full punch [N], from the top face's reaction (x 4)
  double corrected = 0;   ///< F / (2 a E* delta_half_space) - 1
  double uncorrected = 0; ///< F / (2 a E* delta) - 1
  unsigned int pairs = 0, open = 0, solves = 0;
};

PunchResult punch(const double size) {
  const auto start = std::chrono::steady_clock::now();
  st::CylinderOnBlock g;
  g.half_width = size;
  g.depth = size;
  g.radius = a;
  g.cylinder_height = punch_height;
  g.fine_size = a / 60;
  g.fine_distance = a / 50;
  g.coarse_size = 0.8 * a;
  g.coarse_distance = g.fine_distance + (g.coarse_size - g.fine_size) / 0.2; // growth rate 0.2
  MeshData mesh = st::cylinder_on_block(g);
  const unsigned int block = st::region_of(mesh, "block"), cyl = st::region_of(mesh, "cylinder");
  const auto top = st::boundary_of(mesh, "cylinder_top");
  ProblemDefinition p = st::cylinder_pressed_into_block(
      mesh, LinearIsotropic("block", e_block, nu), LinearIsotropic("punch", e_punch, nu), delta);
  p.contact =
      st::split_for_contact(mesh, {block}, {cyl}, {"footprint", InterfaceModel::frictionless, 0});
  const st::Solved s = st::solve_mesh(mesh, p, st::exact_settings(1));

  PunchResult r;
  const ContactSet& contact = *s.solver->springs()->contact();
  for (const auto& response : contact.responses())
    r.force += 4 * response.normal_force;
  r.reaction = 4 * std::abs(reaction_forces(*s.solver)[top - 1][2]);
  r.pairs = contact.size();
  r.open = contact.count(ContactState::open);
  r.solves = s.solver->spring_report().iterations;
  const double punch_compression = r.force * punch_height / (e_punch * M_PI * a * a);
  const double boussinesq = r.force * (1 + nu) * (3 - 2 * nu) / (2 * M_PI * e_block * size);
  const double sneddon = 2 * a * e_star;
  r.uncorrected = r.force / (sneddon * delta) - 1;
  r.corrected = r.force / (sneddon * (delta - punch_compression + boussinesq)) - 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "flat punch, block S = " << size << " a: " << mesh.tets.size() << " tets, "
            << r.pairs << " pairs (" << r.open << " open); F = " << r.force << " N (reaction "
            << r.reaction << " N), Sneddon 2aE*delta = " << sneddon * delta
            << " N; F/F_Sneddon - 1 = " << r.uncorrected << " raw, " << r.corrected
            << " with the finite-block correction (u_B = " << boussinesq / delta << " delta); "
            << r.solves << " contact solves, " << seconds << " s\n"
            << s.solver->spring_report().contact;
  return r;
}

} // namespace

TEST(ContactFlatPunch, ForceMatchesSneddon) {
  // A block of 10 a: the block of 20 a on the same mesh grading gives +0.9% but takes 300 s on
  // 2 cores (105k tetrahedra), too long for the suite; the two corrected values differ by 2.4%,
  // which is the uncertainty of the first-order correction itself (measured 2026-12-04).
  const PunchResult r = punch(10 * a);
  // The whole footprint stays in contact (the punch pressure is positive up to the rim).
  EXPECT_EQ(r.open, 0u);
  // The pair forces are the interface forces: they balance the punch's support reaction (the
  // punch's other faces are free or symmetry planes); 1e-3 covers the contact tolerance (1e-4).
  EXPECT_NEAR(r.force / r.reaction, 1.0, 1e-3);
  // 2% as asked, after the finite-block correction (measured -1.5%).
  EXPECT_NEAR(r.corrected, 0.0, 0.02);
}
