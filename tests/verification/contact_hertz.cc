// Checks frictionless contact with an initial gap against Hertz: a sphere of radius R pressed by
// delta onto a flat carries F = (4/3) E* sqrt(R) delta^(3/2) over a contact radius a = sqrt(R
// delta), 1/E* = (1 - nu1^2)/E1 + (1 - nu2^2)/E2, within 3% at two approaches. 1 MPI rank.
//
// Model: the standard half-space equivalence of Hertz theory: the two bodies meet on a flat,
// conforming interface whose pairs start apart by g0 = r^2 / (2R) (ContactPairDefinition::
// initial_gap), r the distance from the axis. A quarter (symmetry rollers on xmin/ymin) of a
// cylinder of radius 3 mm and height 0.5 mm (the "sphere", E2 = 1000 E1, so its share of 1/E* is
// 0.1%) stands on a block [0, S]^2 x [-S, 0], S = 20 mm (E1 = 100 MPa, nu = 0.3) on a frictionless
// rigid base; u_z = -delta on the cylinder's top. R = 20 mm, delta = 0.05 and 0.1125 mm give
// a = 1 and 1.5 mm; the mesh (gmsh OCC, tests/support/contact_geometry.h) is 0.1 mm within
// 1.7 mm of the axis, so a/h = 10 and 15.
//
// The finite block is stiffer than the half-space: the rigid base suppresses the Boussinesq
// point-load displacement u_B = F (1 + nu)(3 - 2 nu) / (2 pi E1 S) at the base's depth (the far
// field of the contact pressure, a << S), so the half-space approach is delta + u_B (~6% of
// delta here); the cylinder's own compression F h / (E2 pi b^2) is subtracted too (~0.002%).
// tests/verification/contact_flat_punch.cc measures this correction with two block sizes.
//
// Contact radius: the pairs carry nodal forces lambda_i = integral of p phi_i, so lambda_i / A_i
// is the pressure at x_i up to O(h^2 p''), except in the outermost ring of closed pairs, whose
// tributary area straddles the edge where p ~ sqrt(a - r) is not smooth. Hertz's p^2 = p0^2 (1 -
// r^2/a^2) is linear in r^2, so a least-squares line of (lambda_i/A_i)^2 against r_i^2 over the
// closed pairs with r_i below 0.8 times the outermost closed pair's radius, extrapolated to zero
// pressure, gives a. It is checked to lie between the innermost open and the outermost closed
// pair, the bracket that the node spacing allows (printed).
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

constexpr double sphere_radius = 20, block_size = 20, cylinder_radius = 3, cylinder_height = 0.5;
constexpr double e1 = 100, nu1 = 0.3, e2 = 1e5, nu2 = 0.3;
const double e_star = 1 / ((1 - nu1 * nu1) / e1 + (1 - nu2 * nu2) / e2);

const MeshData& hertz_mesh() {
  static const MeshData mesh = [] {
    st::CylinderOnBlock g;
    g.half_width = block_size;
    g.depth = block_size;
    g.radius = cylinder_radius;
    g.cylinder_height = cylinder_height;
    g.refine_rim = false;
    g.fine_size = 0.1;
    g.fine_distance = 1.7;
    g.coarse_size = 2.5;
    g.coarse_distance = 1.7 + (2.5 - 0.1) / 0.3; // growth rate 0.3
    return st::cylinder_on_block(g);
  }();
  return mesh;
}

struct HertzResult {
  double force_error = 0, radius_error = 0;
};

HertzResult hertz(const double delta) {
  const auto start = std::chrono::steady_clock::now();
  MeshData mesh = hertz_mesh();
  const unsigned int block = st::region_of(mesh, "block"), cyl = st::region_of(mesh, "cylinder");
  const auto top = st::boundary_of(mesh, "cylinder_top");
  ProblemDefinition p = st::cylinder_pressed_into_block(mesh, LinearIsotropic("block", e1, nu1),
                                                        LinearIsotropic("sphere", e2, nu2), delta);
  p.contact = st::split_for_contact(
      mesh, {block}, {cyl}, {"sphere", InterfaceModel::frictionless, 0},
      [](const dealii::Point<3>& x) { return (x[0] * x[0] + x[1] * x[1]) / (2 * sphere_radius); });
  const st::Solved s = st::solve_mesh(mesh, p, st::exact_settings(1));
  const ContactSet& contact = *s.solver->springs()->contact();
  const auto& pairs = contact.definition().pairs;
  const auto& responses = contact.responses();

  // Force (full sphere = 4 quarters) and the approach of the half-space (file comment).
  double force = 0;
  for (const auto& r : responses)
    force += 4 * r.normal_force;
  const double reaction = 4 * std::abs(reaction_forces(*s.solver)[top - 1][2]);
  const double u_b = force * (1 + nu1) * (3 - 2 * nu1) / (2 * M_PI * e1 * block_size);
  const double compression =
      force * cylinder_height / (e2 * M_PI * cylinder_radius * cylinder_radius);
  const double approach = delta + u_b - compression;
  const double f_hertz = 4.0 / 3.0 * e_star * std::sqrt(sphere_radius) * std::pow(approach, 1.5);
  const double a_hertz = std::sqrt(sphere_radius * approach);

  // Contact radius (file comment).
  double r_closed = 0, r_open = 1e30;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const double r = std::hypot(pairs[i].x[0], pairs[i].x[1]);
    if (responses[i].state == ContactState::open)
      r_open = std::min(r_open, r);
    else
      r_closed = std::max(r_closed, r);
  }
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const double r = std::hypot(pairs[i].x[0], pairs[i].x[1]);
    if (responses[i].state == ContactState::open || r > 0.8 * r_closed)
      continue;
    const double x = r * r, y = std::pow(responses[i].normal_force / pairs[i].area, 2);
    n += 1;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  const double intercept = (sy - slope * sx) / n;
  const double a_fit = std::sqrt(-intercept / slope);
  const double p0_hertz = 3 * f_hertz / (2 * M_PI * a_hertz * a_hertz);

  HertzResult out;
  out.force_error = force / f_hertz - 1;
  out.radius_error = a_fit / a_hertz - 1;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "Hertz delta = " << delta << " mm (half-space approach " << approach
            << " mm, u_B = " << u_b / delta << " delta): F = " << force << " N (reaction "
            << reaction << " N), Hertz " << f_hertz << " N, error " << out.force_error
            << "; a = " << a_fit << " mm (closed to " << r_closed << ", open from " << r_open
            << "), Hertz " << a_hertz << " mm, error " << out.radius_error << "; p0 fit "
            << std::sqrt(intercept) << " MPa, Hertz " << p0_hertz << " MPa; " << mesh.tets.size()
            << " tets, " << pairs.size() << " pairs, " << s.solver->spring_report().iterations
            << " contact solves, " << seconds << " s\n"
            << s.solver->spring_report().contact;
  // The pair forces are the interface forces: they balance the cylinder's support reaction.
  EXPECT_NEAR(force / reaction, 1.0, 1e-3);
  EXPECT_GT(a_fit, r_open - 0.1) << "within the bracket of one node spacing";
  EXPECT_LT(a_fit, r_closed + 0.1);
  return out;
}

} // namespace

TEST(ContactHertz, ForceAndContactRadiusAgainstApproach) {
  // a = 1 and 1.5 mm (a/h = 10 and 15): F ~ delta^(3/2) and a ~ delta^(1/2) over a factor 2.25
  // in delta. 3% as asked: the force converges like (h/a)^2 but the node-to-node rim ring is
  // resolved to h, and the finite-block correction leaves a few tenths of a percent.
  for (const double delta : {0.05, 0.1125}) {
    const HertzResult r = hertz(delta);
    EXPECT_NEAR(r.force_error, 0.0, 0.03) << "delta " << delta;
    EXPECT_NEAR(r.radius_error, 0.0, 0.03) << "delta " << delta;
  }
}
