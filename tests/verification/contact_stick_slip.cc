// Checks Coulomb stick and slip (mu = 0.3): a block on a base block, pressed together by a
// prescribed normal displacement of the block's top face and sheared by a prescribed tangential
// one. A small shear leaves every pair sticking with a tangential reaction T below mu N; a large
// one makes every pair slip and T = mu N within 1% (T, N from the reactions of the top face, and
// from the sums of the pair forces). 1 MPI rank.
//
// Set-up: base z in [0, 3], block z in [3, 6], 10 x 6 mm footprint; bottom clamped, top face
// displaced by (d, 0, -w). Both blocks E = 1000 MPa, nu = 0: then plane strain and plane stress
// coincide and the compression alone causes no lateral strain, so nothing slides sideways (y) and
// no slip is caused by Poisson expansion against the clamps; the cut is at mid-height, where the
// clamped-clamped shear has no bending moment, so the interface pressure stays close to uniform.
#include "meshing/generators.h"
#include "solver/contact.h"
#include "solver/reactions.h"
#include "tests/support/contact_geometry.h"
#include "tests/support/layered_column.h"

#include <deal.II/base/function.h>

#include <gtest/gtest.h>

#include <chrono>
#include <iostream>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

constexpr double mu = 0.3, w = 0.03; // normal displacement [mm]: 5 MPa mean pressure

struct Sheared {
  double tangential_reaction = 0, normal_reaction = 0; ///< |R_x|, |R_z| of the top face [N]
  double pair_tangential = 0, pair_normal = 0;         ///< sums over the pairs [N]
  double max_friction_use = 0; ///< largest |t_i| / (mu lambda_i) over the closed pairs
  unsigned int stick = 0, slip = 0, open = 0, solves = 0;
  double max_slip = 0, seconds = 0;
};

Sheared shear(const double d) {
  const auto start = std::chrono::steady_clock::now();
  MeshData mesh = layered_box(10, 6, 6, {3}, {"base", "block"}, 1.0);
  ProblemDefinition p;
  p.materials = {LinearIsotropic("base", 1000, 0.0), LinearIsotropic("block", 1000, 0.0)};
  const auto top = st::boundary_of(mesh, "top");
  p.dirichlet.push_back({"bottom", st::boundary_of(mesh, "bottom"), {{true, true, true}}, nullptr});
  p.dirichlet.push_back(
      {"top",
       top,
       {{true, true, true}},
       std::make_shared<dealii::Functions::ConstantFunction<3>>(std::vector<double>{d, 0, -w})});
  p.contact =
      st::split_for_contact(mesh, {st::region_of(mesh, "base")}, {st::region_of(mesh, "block")},
                            {"cut", InterfaceModel::frictional, mu});
  const st::Solved s = st::solve_mesh(mesh, p, st::exact_settings(1));

  Sheared out;
  const auto reaction = reaction_forces(*s.solver)[top - 1];
  out.tangential_reaction = std::abs(reaction[0]);
  out.normal_reaction = std::abs(reaction[2]);
  const ContactSet& contact = *s.solver->springs()->contact();
  for (const ContactPairResponse& r : contact.responses()) {
    out.pair_tangential += r.tangential[0];
    out.pair_normal += r.normal_force;
    if (r.state != ContactState::open)
      out.max_friction_use =
          std::max(out.max_friction_use, r.tangential.norm() / (mu * r.normal_force));
  }
  out.pair_tangential = std::abs(out.pair_tangential);
  out.stick = contact.count(ContactState::stick);
  out.slip = contact.count(ContactState::slip);
  out.open = contact.count(ContactState::open);
  out.max_slip = contact.max_slip();
  out.solves = s.solver->spring_report().iterations;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "d = " << d << " mm: T = " << out.tangential_reaction
            << " N, N = " << out.normal_reaction
            << " N, T / (mu N) = " << out.tangential_reaction / (mu * out.normal_reaction)
            << " (pairs: " << out.pair_tangential / (mu * out.pair_normal) << "), " << out.stick
            << " stick, " << out.slip << " slip, " << out.open << " open, max |t|/(mu lambda) "
            << out.max_friction_use << ", max slip " << out.max_slip << " mm; " << out.solves
            << " contact solves, " << out.seconds << " s\n"
            << s.solver->spring_report().contact;
  return out;
}

} // namespace

TEST(ContactStickSlip, SmallShearSticks) {
  // Mean shear G d / 6 = 0.25 MPa against mu x 5 MPa = 1.5 MPa: well inside the friction cone.
  const Sheared s = shear(0.003);
  EXPECT_EQ(s.slip + s.open, 0u) << "every pair sticks";
  EXPECT_LT(s.max_friction_use, 1.0);
  EXPECT_LT(s.tangential_reaction, mu * s.normal_reaction);
  EXPECT_GT(s.tangential_reaction, 0.0);
  // Free body of the block: the top face's reaction balances the pair forces (the block's other
  // faces are free); the direct solve and contact tolerance leave ~1e-4 relative, so 1e-3.
  EXPECT_NEAR(s.pair_normal / s.normal_reaction, 1.0, 1e-3);
  EXPECT_NEAR(s.pair_tangential / s.tangential_reaction, 1.0, 1e-3);
}

TEST(ContactStickSlip, LargeShearSlipsAtMuN) {
  // Mean shear 8.3 MPa would need 5.6 times the friction bound: the whole interface slides. The
  // slip (~0.1 mm) stays a tenth of the element size, within the small-sliding assumption.
  const Sheared s = shear(0.1);
  EXPECT_EQ(s.slip, s.stick + s.slip + s.open) << "every pair slips";
  // Each slipping pair carries |t| = mu lambda along its slip, which is along x (nu = 0, see the
  // file comment), so T = mu N; 1% as asked covers the contact tolerance (1e-4) and any small
  // y-component of the slip directions on the unstructured mesh.
  EXPECT_NEAR(s.tangential_reaction / (mu * s.normal_reaction), 1.0, 0.01);
  EXPECT_NEAR(s.pair_tangential / (mu * s.pair_normal), 1.0, 0.01);
  EXPECT_LT(s.max_slip, 0.2);
}
