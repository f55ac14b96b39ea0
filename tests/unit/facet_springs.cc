// Checks that a facet joint modelled as compression-only gap elements (mechanics/facet_springs.h)
// transmits compression and no tension: two blocks 0.5 mm apart pressed together carry the load
// through the springs (sum of spring forces = F to 1e-8, closure F t / (E_c A) everywhere), pulled
// apart every spring is slack (0 N) while a ligament or a prescribed displacement holds the upper
// block; the tributary areas sum to the face area (1e-12), the joint normal is used even for
// tangentially offset vertex pairs, the springs survive broadcast_springs, and bad joints are
// errors with pinned messages. 2 MPI ranks, so that spring ends lie on either rank.
// MPI: 2
#include "mechanics/facet_springs.h"
#include "core/input_error.h"
#include "mechanics/ligament_springs.h"
#include "meshing/generators.h"
#include "solver/reactions.h"
#include "tests/support/solve.h"

#include <deal.II/base/function.h>
#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <iostream>

using namespace spinefe;
using namespace dealii;
namespace st = spinefe::testing;

namespace {

// Two 10 mm cubes: the lower (T12/posterior, its top the SAP face) on [0,10]^3 and the upper
// (T11/posterior, its bottom the IAP face) `gap` above it, shifted by `shift_x` and tilted by
// `tilt` degrees about the x axis through the IAP centre. Surfaces: lower_base, upper_top and
// the two articular faces of joint facet_T11_T12_left.
constexpr double side = 10, cartilage = 35, h = 2.5;
const std::string joint = "facet_T11_T12_left", sap = joint + "/T12_SAP", iap = joint + "/T11_IAP";

void append(MeshData& out, const MeshData& box, const Tensor<1, 3>& shift, const double tilt,
            const std::string& region, const std::string& bottom, const std::string& top) {
  const unsigned int offset = out.nodes.size();
  const double c = std::cos(tilt * M_PI / 180), s = std::sin(tilt * M_PI / 180);
  for (const auto& x : box.nodes) { // rotate about the x axis through (., 5, 0), then shift
    const double y = x[1] - side / 2, z = x[2];
    out.nodes.push_back(
        {x[0] + shift[0], side / 2 + c * y - s * z + shift[1], s * y + c * z + shift[2]});
  }
  const unsigned int r = out.add_region(region);
  for (const auto& t : box.tets) {
    out.tets.push_back({t[0] + offset, t[1] + offset, t[2] + offset, t[3] + offset});
    out.tet_region.push_back(r);
  }
  for (std::size_t t = 0; t < box.triangles.size(); ++t) {
    const std::string& name = box.surface_names[box.triangle_surface[t]];
    if (name != "bottom" && name != "top")
      continue;
    const auto& tri = box.triangles[t];
    out.triangles.push_back({tri[0] + offset, tri[1] + offset, tri[2] + offset});
    out.triangle_surface.push_back(out.add_surface(name == "bottom" ? bottom : top));
  }
}

MeshData two_blocks(const double gap = 0.5, const double shift_x = 0, const double tilt = 0) {
  const MeshData box = layered_box(side, side, side, {}, {"block"}, h);
  MeshData m;
  m.source = "two blocks";
  append(m, box, Tensor<1, 3>(), 0, "T12/posterior", "lower_base", sap);
  append(m, box, Tensor<1, 3>({shift_x, 0.0, side + gap}), tilt, "T11/posterior", iap, "upper_top");
  return m;
}

/// Lower base fixed; upper top and IAP face held in x and y (no friction: only the tangential
/// rigid motions and the rotations of the upper block are removed, so in z it is held by the
/// springs alone); force `force_z` [N] on the upper top, or a prescribed z displacement.
ProblemDefinition problem(const MeshData& m, const std::vector<SpringDefinition>& springs,
                          const double force_z, const double top_displacement = 0) {
  ProblemDefinition p;
  p.materials = {LinearIsotropic("titanium", 110000, 0.3),
                 LinearIsotropic("titanium", 110000, 0.3)};
  p.dirichlet.push_back(
      {"lower_base", st::boundary_of(m, "lower_base"), {true, true, true}, nullptr});
  std::shared_ptr<const Function<3>> lift;
  if (top_displacement != 0)
    lift = std::make_shared<Functions::ConstantFunction<3>>(
        std::vector<double>{0, 0, top_displacement});
  p.dirichlet.push_back(
      {"upper_top", st::boundary_of(m, "upper_top"), {true, true, top_displacement != 0}, lift});
  p.dirichlet.push_back({iap, st::boundary_of(m, iap), {true, true, false}, nullptr});
  if (force_z != 0) {
    NeumannCondition load;
    load.surface = "upper_top";
    load.boundary = st::boundary_of(m, "upper_top");
    load.kind = NeumannCondition::Kind::total_force;
    load.vector = {0, 0, force_z};
    p.neumann = {load};
  }
  p.springs = springs;
  return p;
}

/// The facet springs built on rank 0 and broadcast, as the run does.
std::vector<SpringDefinition> shared_facet_springs(const MeshData& m,
                                                   std::vector<FacetJointSummary>* summary) {
  std::vector<SpringDefinition> springs;
  if (Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    springs = facet_springs(m, m.region_names, cartilage, summary);
  return broadcast_springs(MPI_COMM_WORLD, springs);
}

bool root() {
  return Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0;
}

std::string error_of(const MeshData& m) {
  try {
    facet_springs(m, m.region_names, cartilage);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

double sum(const std::vector<double>& v) {
  double s = 0;
  for (const double x : v)
    s += x;
  return s;
}

} // namespace

// Uniform contact: sum of k_i delta_i = -F by equilibrium of the upper block in z (1e-8; the
// solver tolerance is 1e-11), and every spring closes by F t / (E_c A) = 100 * 0.5 / (35 * 100)
// = 0.0143 mm. The blocks' modulus is 110000 / 35 = 3100 times the cartilage's, so the
// closure is uniform up to the blocks' local compliance under the nodal spring forces: measured
// 6.7e-4 (P1) and 1.3e-3 (P2, whose face-midside nodes carry no spring) relative; bound 3e-3.
TEST(FacetSprings, PressedJointTransmitsTheLoad) {
  const MeshData m = two_blocks();
  std::vector<FacetJointSummary> summary;
  const auto springs = shared_facet_springs(m, &summary);
  const double force = 100, area = side * side, t = 0.5;
  const double closure = force * t / (cartilage * area);
  for (const unsigned int degree : {1u, 2u}) {
    const auto solved =
        st::solve_mesh(m, problem(m, springs, -force), st::verification_settings(degree));
    const ElasticitySolver& s = *solved.solver;
    const std::vector<double> forces = s.spring_forces();
    const std::vector<double>& delta = s.springs()->elongations();
    double worst = 0;
    for (const double d : delta)
      worst = std::max(worst, std::abs(-d / closure - 1));
    const auto joints = facet_joint_forces(springs, forces);
    if (root())
      std::cout << "P" << degree << ": " << springs.size() << " springs, sum of forces "
                << sum(forces) << " N (applied " << -force << "), closure " << delta[0]
                << " mm (F t/(E A) = " << closure << "), largest relative deviation " << worst
                << "; joint force " << joints[0].force << " N, " << joints[0].n_closed
                << " closed\n";
    EXPECT_NEAR(sum(forces), -force, 1e-8 * force);
    EXPECT_LT(worst, 3e-3);
    ASSERT_EQ(joints.size(), 1u);
    EXPECT_EQ(joints[0].name, joint);
    EXPECT_NEAR(joints[0].force, force, 1e-8 * force);
    EXPECT_EQ(joints[0].n_closed, springs.size());
    EXPECT_EQ(s.spring_report().n_slack, 0u);
    // Closed from the start: one loose solve, one confirming solve at the tolerance.
    EXPECT_EQ(s.spring_report().iterations, 2u);
  }
}

// Pulled by F with a tension-only ligament (k = 100 N/mm) between the blocks' corners: every
// gap element opens and carries exactly 0 N, the ligament carries F (1e-8, equilibrium in z).
// Then, without the ligament, the upper top lifted by 0.05 mm: the upper block moves rigidly, so
// every gap element opens by 0.05 mm (1e-8 mm) and the top needs no force (1e-8 N).
TEST(FacetSprings, PulledJointCarriesNoTension) {
  const MeshData m = two_blocks();
  auto springs = shared_facet_springs(m, nullptr);
  const std::size_t n_facet = springs.size();
  SpringDefinition ligament;
  ligament.name = "CL_T11_T12_left_1";
  ligament.a = Point<3>(side, side, side);
  ligament.b = Point<3>(side, side, side + 0.5);
  ligament.stiffness_small = ligament.stiffness_large = 100;
  ligament.transition_elongation = 10;
  ligament.regions_a = {0};
  ligament.regions_b = {1};
  springs.push_back(ligament);
  const double force = 50;
  {
    const auto solved = st::solve_mesh(m, problem(m, springs, force), st::verification_settings(1));
    const std::vector<double> forces = solved.solver->spring_forces();
    const auto& states = solved.solver->springs()->states();
    const auto joints = facet_joint_forces(springs, forces);
    if (root())
      std::cout << "pulled: ligament " << forces.back() << " N, facet joint " << joints[0].force
                << " N, " << joints[0].n_closed << " of " << joints[0].n_springs << " closed, "
                << solved.solver->spring_report().iterations << " solves\n";
    for (std::size_t i = 0; i < n_facet; ++i) {
      EXPECT_EQ(states[i], SpringState::slack) << springs[i].name;
      EXPECT_EQ(forces[i], 0.0) << springs[i].name;
    }
    EXPECT_NEAR(forces.back(), force, 1e-8 * force);
    ASSERT_EQ(joints.size(), 1u); // the ligament is not a facet spring
    EXPECT_EQ(joints[0].force, 0.0);
    EXPECT_EQ(joints[0].n_closed, 0u);
    EXPECT_EQ(joints[0].n_springs, n_facet);
  }
  {
    springs.pop_back();
    const double lift = 0.05;
    const auto solved =
        st::solve_mesh(m, problem(m, springs, 0, lift), st::verification_settings(1));
    const auto& delta = solved.solver->springs()->elongations();
    const auto top = reaction_forces(*solved.solver)[st::boundary_of(m, "upper_top") - 1];
    double worst = 0;
    for (const double d : delta)
      worst = std::max(worst, std::abs(d - lift));
    if (root())
      std::cout << "lifted: opening deviates from " << lift << " mm by at most " << worst
                << " mm, top reaction " << top[2] << " N\n";
    EXPECT_LT(worst, 1e-8);
    // ~0 to the solver's accuracy: CG stops at 1e-11 of ||f||, which the prescribed lift makes
    // of order E h u = 110000 x 1 x 0.05 ~ 5e3 N, so the residual force is ~1e-7 N.
    EXPECT_NEAR(top[2], 0.0, 1e-6);
    EXPECT_EQ(solved.solver->spring_report().n_taut, 0u);
    EXPECT_EQ(sum(solved.solver->spring_forces()), 0.0);
  }
}

// Tributary areas A_i = k_i t / E_c sum to the SAP face area 100 mm^2 (1e-12 relative), the
// measured gap is 0.5 mm and the joint normal +z, also when the upper block is shifted 0.7 mm
// sideways (the paired vertices then lie up to ~0.7 mm apart in the plane).
TEST(FacetSprings, TributaryAreasSumToTheFaceArea) {
  for (const double shift : {0.0, 0.7}) {
    const MeshData m = two_blocks(0.5, shift);
    std::vector<FacetJointSummary> summary;
    const auto springs = facet_springs(m, m.region_names, cartilage, &summary);
    ASSERT_EQ(summary.size(), 1u);
    const FacetJointSummary& j = summary[0];
    double area = 0;
    for (const auto& s : springs) {
      area += s.stiffness_small * j.gap / cartilage;
      EXPECT_EQ(s.response, SpringResponse::compression_only);
      ASSERT_TRUE(s.direction.has_value());
      EXPECT_NEAR(((*s.direction) - Tensor<1, 3>({0.0, 0.0, 1.0})).norm(), 0.0, 1e-12);
      EXPECT_EQ(s.regions_a, std::vector<unsigned int>{0});
      EXPECT_EQ(s.regions_b, std::vector<unsigned int>{1});
    }
    if (root())
      std::cout << "shift " << shift << " mm: " << j.n_springs << " springs, area " << area
                << " mm^2, gap " << j.gap << " mm, stiffness " << j.stiffness
                << " N/mm, largest tangential offset " << j.max_tangential_offset << " mm\n";
    EXPECT_EQ(j.name, joint);
    EXPECT_EQ(j.upper, "T11");
    EXPECT_EQ(j.lower, "T12");
    EXPECT_EQ(j.n_springs, springs.size());
    EXPECT_NEAR(area, side * side, 1e-12 * side * side);
    EXPECT_NEAR(j.contact_area, side * side, 1e-12 * side * side);
    EXPECT_NEAR(j.stiffness, cartilage * side * side / 0.5, 1e-12 * cartilage * side * side / 0.5);
    EXPECT_NEAR(j.gap, 0.5, 1e-12);
    EXPECT_NEAR(j.angle, 0.0, 1e-6);
    if (shift > 0)
      EXPECT_GT(j.max_tangential_offset, 0.1);
    else
      EXPECT_LT(j.max_tangential_offset, 1e-9);
  }
}

// The shifted joint (vertex pairs up to 0.7 mm apart in the plane, each spring along the
// normal) pressed by F carries F (1e-8: equilibrium in z).
TEST(FacetSprings, ShiftedFacesStillCarryTheLoadAlongTheNormal) {
  const MeshData m = two_blocks(0.5, 0.7);
  const auto springs = shared_facet_springs(m, nullptr);
  const double force = 100;
  const auto solved = st::solve_mesh(m, problem(m, springs, -force), st::verification_settings(1));
  const double total = sum(solved.solver->spring_forces());
  if (root())
    std::cout << "shifted joint: sum of forces " << total << " N\n";
  EXPECT_NEAR(total, -force, 1e-8 * force);
}

TEST(FacetSprings, BadJointsAreErrors) {
  {
    MeshData m = two_blocks();
    for (auto& name : m.surface_names)
      if (name == iap)
        name = joint + "/T10_IAP";
    EXPECT_EQ(error_of(m), "two blocks: facet joint 'facet_T11_T12_left': the mesh has no "
                           "surface 'facet_T11_T12_left/T11_IAP'");
  }
  {
    MeshData m = two_blocks();
    const unsigned int s = m.add_surface(iap);
    for (std::size_t t = 0; t < m.triangles.size(); ++t)
      if (m.triangle_surface[t] == s)
        m.triangle_surface[t] = m.add_surface("unused");
    EXPECT_EQ(error_of(m), "two blocks: facet joint 'facet_T11_T12_left': surface "
                           "'facet_T11_T12_left/T11_IAP' has no triangles");
  }
  EXPECT_EQ(error_of(two_blocks(0.5, 0, 20)),
            "two blocks: facet joint 'facet_T11_T12_left': the articular faces are 20 degrees "
            "apart in orientation, more than 10; they must be parallel");
  EXPECT_EQ(error_of(two_blocks(5)),
            "two blocks: facet joint 'facet_T11_T12_left': the articular faces are 5 mm apart "
            "(mean normal distance); expected more than 0 and at most 3 mm");
  {
    MeshData m = two_blocks();
    m.region_names[1] = "T11/cortical";
    EXPECT_EQ(error_of(m), "two blocks: facet joint 'facet_T11_T12_left': no region "
                           "'T11/posterior' for the articular process to attach to");
  }
  {
    const MeshData m = two_blocks();
    try {
      facet_springs(m, m.region_names, 0);
      ADD_FAILURE() << "no error";
    } catch (const InputError& e) {
      EXPECT_EQ(std::string(e.what()),
                "two blocks: facet joints: the cartilage modulus must be positive, but is 0 MPa");
    }
  }
}
