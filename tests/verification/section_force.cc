// Checks the section force (postprocess/section_force.h) on parallel members: a box of two
// z-layers (E 1000 and 20000 MPa, one Poisson ratio) stretched along x by a prescribed u_x is in
// uniform uniaxial stress, so the section force of each layer is E_i A_i eps to 1e-8 relative, the
// two sum to the support reaction (free-body check, validation.md: 0.5%), the axial compression
// does not depend on which way the plane normal points, and load_share rejects cancelling forces.
// 1 MPI rank (tests/mpi/metrics_ranks.cc repeats it on 2).
#include "postprocess/section_force.h"
#include "core/input_error.h"
#include "meshing/generators.h"
#include "solver/reactions.h"
#include "tests/support/layered_column.h"

#include <deal.II/base/function.h>

#include <gtest/gtest.h>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

// 20 (x) x 8 (y) x 10 (z) mm; bone z in [0, 4] (A = 32 mm^2), implant z in [4, 10] (48 mm^2).
constexpr double lx = 20, stretch = 0.02, eps = stretch / lx; // eps = 1e-3
constexpr double e_bone = 1000, e_implant = 20000;

const MeshData& members() {
  static const MeshData mesh = layered_box(lx, 8, 10, {4}, {"bone", "implant"}, 2.5);
  return mesh;
}

st::Solved stretched() {
  ProblemDefinition p = st::roller_box(members(), {LinearIsotropic("bone", e_bone, 0.3),
                                                   LinearIsotropic("implant", e_implant, 0.3)});
  p.dirichlet.push_back({"xmax",
                         st::boundary_of(members(), "xmax"),
                         {{true, false, false}},
                         std::make_shared<dealii::Functions::ConstantFunction<3>>(
                             std::vector<double>{stretch, 0, 0})});
  return st::solve_mesh(members(), p, st::exact_settings());
}

// The FE solution is the exact linear field (to the round-off of the direct solve), and the
// virtual-step sum integrates its constant stress exactly: 1e-8 relative is a wide margin.
constexpr double tolerance = 1e-8;

} // namespace

TEST(SectionForce, ParallelMembersCarryEAEpsilon) {
  const auto s = stretched();
  const SectionPlane plane{dealii::Point<3>(10.3, 0, 0), dealii::Tensor<1, 3>({1, 0, 0})};
  const unsigned int bone = st::region_of(members(), "bone"),
                     implant = st::region_of(members(), "implant");
  const SectionForce f_bone = section_force(*s.solver, plane, {bone});
  const SectionForce f_implant = section_force(*s.solver, plane, {implant});
  const double expected_bone = e_bone * 32 * eps, expected_implant = e_implant * 48 * eps;
  // In tension T points along +n and the axial compression is negative.
  EXPECT_NEAR(f_bone.force[0] / expected_bone, 1.0, tolerance) << f_bone.force;
  EXPECT_NEAR(f_implant.force[0] / expected_implant, 1.0, tolerance) << f_implant.force;
  EXPECT_NEAR(f_bone.axial_compression / -expected_bone, 1.0, tolerance);
  for (unsigned int d = 1; d < 3; ++d) {
    EXPECT_NEAR(f_bone.force[d], 0.0, tolerance * expected_bone) << d;
    EXPECT_NEAR(f_implant.force[d], 0.0, tolerance * expected_implant) << d;
  }
  EXPECT_GT(f_bone.cut_volume, 0.0);

  // Free body: the +x part is held by the support at xmax, whose reaction equals the section
  // force of the whole cross-section. validation.md asks 0.5%; both are exact here (~1e-9).
  const auto reaction = reaction_forces(*s.solver)[st::boundary_of(members(), "xmax") - 1];
  const SectionForce f_all = section_force(*s.solver, plane, {bone, implant});
  const double total = f_bone.force[0] + f_implant.force[0];
  EXPECT_NEAR(total / reaction[0], 1.0, 5e-3);
  EXPECT_NEAR(f_all.force[0] / total, 1.0, tolerance);
  std::cout << "bone " << f_bone.force[0] / expected_bone - 1 << ", implant "
            << f_implant.force[0] / expected_implant - 1 << " (relative errors); sum/reaction - 1 "
            << total / reaction[0] - 1 << "\n";

  // The other orientation of the same plane: T flips, the axial compression does not.
  const SectionPlane flipped{plane.point, -plane.normal};
  const SectionForce f_flipped = section_force(*s.solver, flipped, {implant});
  EXPECT_NEAR(f_flipped.force[0] / -expected_implant, 1.0, tolerance);
  EXPECT_NEAR(f_flipped.axial_compression / f_implant.axial_compression, 1.0, tolerance);

  // Shares of the stretch: 32 / (32 + 960).
  EXPECT_NEAR(load_share(f_bone.axial_compression, f_implant.axial_compression), 32.0 / 992.0,
              tolerance);
}

TEST(SectionForce, PlaneOutsideTheMemberIsAnError) {
  const auto s = stretched();
  const SectionPlane outside{dealii::Point<3>(30, 0, 0), dealii::Tensor<1, 3>({1, 0, 0})};
  EXPECT_THROW(section_force(*s.solver, outside, {0}), InputError);
}

TEST(SectionForce, LoadShareOfCancellingForcesIsAnError) {
  EXPECT_NEAR(load_share(300, 100), 0.75, 1e-15);
  try {
    load_share(250, -250);
    FAIL() << "250 N against -250 N has no share";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("load share undefined: implant force 250 N and rod "
                                         "force -250 N sum to ~0"),
              std::string::npos)
        << e.what();
  }
}
