// Checks the subsidence depth metrics (postprocess/subsidence_depth.h), d_i = -n_i . (u_b,i -
// u_rigid(x_i)) with u_rigid the bone-side vertebra's rigid motion, on patches with analytic
// answers:
//  - a rigid motion shared by the vertebra and the implant gives d = 0 (1e-12) on a tilted patch,
//    while the same implant motion measured against a fixed vertebra does not;
//  - a linear indentation d(s) = d0 + g s across a tilted patch with unequal areas, on top of a
//    rigid rotation and translation of the vertebra and with a tangential slip that must not
//    count: area-weighted mean, P95 and max as computed by hand below;
//  - the sign: the implant moving into the bone is positive, on a superior and on an inferior
//    endplate (normals up and down), and moving away is negative;
//  - the ContactSet overload on the contact patch test (two stacked blocks, uniform uniaxial
//    stress, exact for P1): u_b (ContactSet::implant_displacements) is the upper block's exact
//    displacement, the depth against the lower block's rigid fit (fit_body_motions on a space and
//    a solution) is that of the exact u_b, and it is the lower block's elastic shortening between
//    its vertex centroid and the interface, e (z_cut - z_bar).
// 1 MPI rank.
#include "postprocess/subsidence_depth.h"
#include "meshing/generators.h"
#include "postprocess/body_motion.h"
#include "tests/support/contact_geometry.h"
#include "tests/support/layered_column.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace spinefe;
namespace st = spinefe::testing;
using dealii::Point;
using dealii::Tensor;

namespace {

constexpr double exact = 1e-12; // mm: sums of a few dozen terms of displacements below 1 mm

Tensor<1, 3> tensor(const Eigen::Vector3d& v) {
  return Tensor<1, 3>({v[0], v[1], v[2]});
}

Eigen::Vector3d vector(const Point<3>& p) {
  return Eigen::Vector3d(p[0], p[1], p[2]);
}

/// A rigid motion: `angle_deg` about `axis`, then the translation `t` [mm].
RigidMotion motion(const double angle_deg, const Eigen::Vector3d& axis, const Eigen::Vector3d& t) {
  RigidMotion m;
  m.rotation = Eigen::AngleAxisd(angle_deg * M_PI / 180, axis.normalized()).toRotationMatrix();
  m.translation = t;
  return m;
}

/// u_rigid(x) = R x + t - x.
Tensor<1, 3> rigid_displacement(const RigidMotion& m, const Point<3>& x) {
  return tensor(m.apply(vector(x)) - vector(x));
}

// A tilted patch the size of an endcap, around (5, -3, 40) mm: columns k = 0..n-1 at s = k mm
// along the in-plane axis e1, rows r = 0..2 at 1 mm spacing along e2, normal e3 (the frame
// turned 10 deg about (1, 1, 0)); every pair of column k has the area a0 (n - k), larger at s = 0.
constexpr unsigned int n = 20, rows = 3;
constexpr double a0 = 0.5; // mm^2

struct Patch {
  Eigen::Matrix3d frame = Eigen::AngleAxisd(10 * M_PI / 180, Eigen::Vector3d(1, 1, 0).normalized())
                              .toRotationMatrix(); ///< columns e1, e2, e3
  std::vector<ContactPairDefinition> pairs;
  std::vector<unsigned int> column; ///< k of each pair
};

/// `normal_sign` +1: normal e3 (bone below, a superior endplate), -1: -e3 (an inferior one).
Patch tilted_patch(const double normal_sign = 1) {
  Patch p;
  const Eigen::Vector3d centre(5, -3, 40);
  for (unsigned int k = 0; k < n; ++k)
    for (unsigned int r = 0; r < rows; ++r) {
      ContactPairDefinition d;
      const Eigen::Vector3d x = centre + p.frame * Eigen::Vector3d(k, r, 0);
      d.x = Point<3>(x[0], x[1], x[2]);
      d.normal = normal_sign * tensor(p.frame.col(2));
      d.area = a0 * (n - k);
      p.pairs.push_back(d);
      p.column.push_back(k);
    }
  return p;
}

void expect_depth(const SubsidenceDepth& d, const double mean, const double p95, const double max,
                  const double tolerance = exact) {
  EXPECT_NEAR(d.mean, mean, tolerance);
  EXPECT_NEAR(d.p95, p95, tolerance);
  EXPECT_NEAR(d.max, max, tolerance);
}

} // namespace

// (a) The implant moves with the vertebra (4 deg about a skew axis and about 1 mm): no depth.
TEST(SubsidenceDepth, SharedRigidMotionGivesZeroDepth) {
  const Patch patch = tilted_patch();
  const RigidMotion vertebra = motion(4, {1, 2, 0.5}, {0.3, -0.2, -0.8});
  std::vector<Tensor<1, 3>> u_b;
  for (const auto& p : patch.pairs)
    u_b.push_back(rigid_displacement(vertebra, p.x));
  expect_depth(subsidence_depth(patch.pairs, u_b, vertebra), 0, 0, 0);
  // Against a vertebra that stays put the same implant motion is not zero: the test measures.
  const SubsidenceDepth fixed = subsidence_depth(patch.pairs, u_b, RigidMotion());
  EXPECT_GT(std::abs(fixed.mean), 0.1);
  EXPECT_GT(std::abs(fixed.max - fixed.mean), 0.1); // the rotation makes d vary across the patch
}

// (b) d_k = d0 + g k on column k, on top of the vertebra's rigid motion, plus a tangential slip.
// By hand, with the column weights w_k = n - k (each column's 3 pairs scale all weights alike):
//   sum w_k = n (n + 1)/2 = 210, sum w_k k = n (n - 1)(n + 1)/6 = 1330, so the mean is
//   d0 + g (n - 1)/3 = d0 + g 19/3 (the unweighted mean would be d0 + 9.5 g);
//   P95: d grows with k, so the columns are already sorted; the area above column k is
//   sum_{j > k} (n - j) = (n - k - 1)(n - k)/2, at most 5% of 210 = 10.5 for n - k - 1 <= 4,
//   i.e. k >= 15: the cumulative area first reaches 95% at k = 15 (200 of 210; k = 14: 195), so
//   P95 = d0 + 15 g (unweighted it would be column 18);
//   max = d0 + 19 g.
TEST(SubsidenceDepth, LinearIndentationOnARotatedVertebra) {
  constexpr double d0 = -0.05, g = 0.01; // mm, mm per mm: lifted off at s = 0, 0.14 mm at s = 19
  for (const double normal_sign : {1.0, -1.0}) {
    SCOPED_TRACE(normal_sign > 0 ? "superior endplate" : "inferior endplate");
    const Patch patch = tilted_patch(normal_sign);
    const RigidMotion vertebra = motion(-3, {0.2, 1, 0.1}, {-0.4, 0.1, -1.2});
    std::vector<Tensor<1, 3>> u_b;
    for (std::size_t i = 0; i < patch.pairs.size(); ++i) {
      const ContactPairDefinition& p = patch.pairs[i];
      const unsigned int k = patch.column[i];
      const Tensor<1, 3> slip =
          0.02 * k / n * tensor(patch.frame.col(0)) - 0.01 * tensor(patch.frame.col(1));
      u_b.push_back(rigid_displacement(vertebra, p.x) - (d0 + g * k) * p.normal + slip);
    }
    expect_depth(subsidence_depth(patch.pairs, u_b, vertebra), d0 + g * 19.0 / 3, d0 + 15 * g,
                 d0 + 19 * g);
  }
}

// (c) Sign: the implant translating by delta towards the bone gives +delta, away -delta, on a
// superior endplate (bone below, normal +z) and an inferior one (bone above, normal -z), also
// when the vertebra itself moves down by 1 mm.
TEST(SubsidenceDepth, ImplantMovingIntoTheBoneIsPositive) {
  constexpr double delta = 0.25; // mm
  for (const double normal_z : {1.0, -1.0})
    for (const double vertebra_z : {0.0, -1.0}) {
      SCOPED_TRACE("normal z " + std::to_string(normal_z) + ", vertebra moves " +
                   std::to_string(vertebra_z) + " mm");
      std::vector<ContactPairDefinition> pairs(4);
      for (unsigned int i = 0; i < pairs.size(); ++i) {
        pairs[i].x = Point<3>(i % 2, i / 2, 0);
        pairs[i].normal = Tensor<1, 3>({0, 0, normal_z});
        pairs[i].area = 1 + i;
      }
      const RigidMotion vertebra = motion(0, {0, 0, 1}, {0, 0, vertebra_z});
      // Into the bone is against the normal (which points from the bone into the implant).
      const std::vector<Tensor<1, 3>> into(pairs.size(), Tensor<1, 3>({0, 0, vertebra_z}) -
                                                             delta * pairs[0].normal);
      const std::vector<Tensor<1, 3>> away(pairs.size(), Tensor<1, 3>({0, 0, vertebra_z}) +
                                                             delta * pairs[0].normal);
      expect_depth(subsidence_depth(pairs, into, vertebra), delta, delta, delta);
      expect_depth(subsidence_depth(pairs, away, vertebra), -delta, -delta, -delta);
    }
}

TEST(SubsidenceDepth, EmptyPatchGivesZeros) {
  expect_depth(subsidence_depth({}, {}, RigidMotion()), 0, 0, 0);
}

// The contact patch test (tests/support/contact_patch.h, frictionless: the blocks slide): lower
// block z in [0, 5] with E_l = 1000 MPa, upper z in [5, 10] with E_u = 20000 MPa, nu = 0.3, a
// pressure p = 2 MPa on top, rollers on xmin, ymin, bottom. Exact (P1 reproduces it): lower u =
// (nu e x, nu e y, -e z) with e = p / E_l; upper at the cut u_b = (nu p/E_u x, nu p/E_u y, -5 e).
TEST(SubsidenceDepth, ContactSetOverloadOnTheContactPatchTest) {
  constexpr double p = 2, z_cut = 5, e_lower = 1000, e_upper = 20000, nu = 0.3;
  MeshData mesh = layered_box(10, 10, 10, {z_cut}, {"lower", "upper"}, 2.0);
  ProblemDefinition problem = st::roller_box(
      mesh, {LinearIsotropic("lower", e_lower, nu), LinearIsotropic("upper", e_upper, nu)});
  problem.neumann.push_back(st::pressure_on(mesh, "top", p));
  const unsigned int lower = st::region_of(mesh, "lower");
  problem.contact = st::split_for_contact(mesh, {lower}, {st::region_of(mesh, "upper")},
                                          {"cut", InterfaceModel::frictionless, 0});
  problem.contact.settings.tolerance = 1e-12; // as the patch test: the Uzawa error out of the way
  problem.contact.settings.max_iterations = 200;
  const st::Solved s = st::solve_mesh(mesh, problem, st::exact_settings(1));
  const ContactSet& contact = *s.solver->springs()->contact();
  const auto& pairs = contact.definition().pairs;
  ASSERT_EQ(contact.definition().patches.size(), 1u);
  ASSERT_GT(pairs.size(), 10u);

  // u_b is the upper (implant-side) block's displacement, not the lower one's: their lateral
  // strains differ by a factor 20.
  const std::vector<Tensor<1, 3>> u_b = contact.implant_displacements(s.solver->solution());
  ASSERT_EQ(u_b.size(), pairs.size());
  const double e = p / e_lower, lateral = nu * p / e_upper;
  std::vector<Tensor<1, 3>> exact_u_b;
  for (const auto& pair : pairs)
    exact_u_b.push_back(Tensor<1, 3>({lateral * pair.x[0], lateral * pair.x[1], -e * z_cut}));
  for (std::size_t i = 0; i < pairs.size(); ++i)
    EXPECT_LT((u_b[i] - exact_u_b[i]).norm(), 1e-9) << "pair " << i;

  const std::vector<BodyMotion> bodies =
      fit_body_motions(s.solver->space(), s.solver->solution(), {{"lower", {lower}}});
  const RigidMotion& vertebra = bodies.at(0).motion;
  const SubsidenceDepth d = subsidence_depth(contact, 0, s.solver->solution(), vertebra);
  expect_depth(d, subsidence_depth(pairs, exact_u_b, vertebra).mean,
               subsidence_depth(pairs, exact_u_b, vertebra).p95,
               subsidence_depth(pairs, exact_u_b, vertebra).max, 1e-9);
  // The fit of the linear field G x (G = diag(nu e, nu e, -e), symmetric) is close to the
  // translation G x_bar, so d is about -(-e z_cut + e z_bar) = e (z_cut - z_bar): the shortening
  // of the block between its vertex centroid and the interface, which the metric counts.
  const double z_bar = bodies[0].reference_centroid[2];
  std::cout << "contact patch: " << pairs.size() << " pairs, z_bar " << z_bar << " mm, depth mean "
            << d.mean << ", P95 " << d.p95 << ", max " << d.max << " mm; e (z_cut - z_bar) "
            << e * (z_cut - z_bar) << " mm\n";
  // Measured: 1.4e-5 relative (the fit's rotation of a slightly asymmetric vertex cloud).
  EXPECT_NEAR(d.mean, e * (z_cut - z_bar), 1e-3 * e * (z_cut - z_bar));
}
