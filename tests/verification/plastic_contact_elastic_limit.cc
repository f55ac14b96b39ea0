// Checks that springs and contact pairs inside the elastoplastic Newton iteration
// (solver/interface_terms.h) give the elastic active set's answer (solver/active_set.h) where
// nothing yields: a stiff punch pressed into a foam block with a yield stress far above any stress
// in it, across a frictional contact interface (mu = 0.3: sticking centre, slipping rim), with a
// compression-only spring (taut) and a tension-only spring (slack) between the two bodies. The
// two iterations differ (one Uzawa update per linear solve against one per Newton iteration)
// but stop on the same criterion: no pair changes state and the pair forces move by less than
// the contact tolerance. So they agree to the contact tolerance, not to round-off. 1 MPI rank.
#include "solver/elastoplastic_solver.h"
#include "solver/reactions.h"
#include "tests/support/contact_geometry.h"
#include "tests/support/layered_column.h"
#include "tests/support/solve.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

constexpr double e_block = 100, nu_block = 0.3, delta = 0.01;

MeshData small_punch_mesh() {
  st::CylinderOnBlock g;
  g.half_width = 4;
  g.depth = 4;
  g.radius = 1;
  g.cylinder_height = 0.5;
  g.fine_size = 0.12;
  g.fine_distance = 0.1;
  g.coarse_size = 1.0;
  g.coarse_distance = 3;
  return st::cylinder_on_block(g);
}

SpringDefinition spring(const std::string& name, const dealii::Point<3>& a,
                        const dealii::Point<3>& b, const SpringResponse response,
                        const unsigned int region_a, const unsigned int region_b) {
  SpringDefinition s;
  s.name = name;
  s.a = a;
  s.b = b;
  s.stiffness_small = 50;
  s.stiffness_large = 200;
  s.transition_elongation = 0.001;
  s.response = response;
  s.regions_a = {region_a};
  s.regions_b = {region_b};
  return s;
}

ProblemDefinition punch_problem(MeshData& mesh) {
  const unsigned int block = st::region_of(mesh, "block"), cyl = st::region_of(mesh, "cylinder");
  ProblemDefinition p = st::cylinder_pressed_into_block(
      mesh, LinearIsotropic("block", e_block, nu_block), LinearIsotropic("punch", 1e5, 0.3), delta);
  p.contact =
      st::split_for_contact(mesh, {block}, {cyl}, {"footprint", InterfaceModel::frictional, 0.3});
  // From the block's top surface to the punch's top: shortened as the punch goes down.
  p.springs.push_back(
      spring("strut", {2.5, 0, 0}, {0.9, 0, 0.5}, SpringResponse::compression_only, block, cyl));
  p.springs.push_back(
      spring("tether", {3, 3, 0}, {0.6, 0.6, 0.5}, SpringResponse::tension_only, block, cyl));
  return p;
}

ProblemDefinition as_foam(ProblemDefinition p, const unsigned int region) {
  CrushableFoamParameters foam;
  foam.name = "block";
  foam.youngs_modulus = e_block;
  foam.poisson_ratio = nu_block;
  foam.yield_stress_ratio = 1.0;
  foam.plastic_poisson_ratio = 0.0;
  foam.hardening = HardeningCurve("block", {0.0}, {1e6});
  p.crushable_foam[region] = foam;
  return p;
}

} // namespace

TEST(PlasticSolver, SpringsAndContactAsTheElasticActiveSet) {
  MeshData mesh = small_punch_mesh(); // split at the footprint by punch_problem
  const ProblemDefinition problem = punch_problem(mesh);
  const st::Solved elastic = st::solve_mesh(mesh, problem, st::exact_settings(1));
  const ContactSet& reference = *elastic.solver->springs()->contact();

  LoadSteppingSettings stepping;
  stepping.initial_step = stepping.maximum_step = 0.5;
  ElastoplasticSolver plastic(*elastic.tria, as_foam(problem, st::region_of(mesh, "block")),
                              st::exact_settings(1), stepping);
  plastic.setup();
  const auto steps = plastic.advance_to(1.0);
  ASSERT_NE(plastic.interfaces(), nullptr);
  const ContactSet& contact = *plastic.interfaces()->contact();
  for (const auto& s : steps)
    std::cout << "lambda " << s.load_factor << ": " << s.newton_iterations << " Newton, "
              << s.contact_updates << " contact updates, " << s.cuts << " cuts\n";
  std::cout << "elastic active set: " << elastic.solver->spring_report().iterations
            << " solves; pairs stick/slip/open " << reference.count(ContactState::stick) << "/"
            << reference.count(ContactState::slip) << "/" << reference.count(ContactState::open)
            << " (plastic solver " << contact.count(ContactState::stick) << "/"
            << contact.count(ContactState::slip) << "/" << contact.count(ContactState::open)
            << ")\n";
  EXPECT_EQ(steps.back().plastic_points, 0u);
  // Both branches of the springs are exercised: the strut closes, the tether is slack.
  EXPECT_EQ(plastic.interfaces()->n_taut(), 1u);
  EXPECT_EQ(plastic.interfaces()->n_slack(), 1u);
  // Friction has a sticking and a slipping zone, so the slip law is exercised too.
  EXPECT_GT(contact.count(ContactState::stick), 0u);
  EXPECT_GT(contact.count(ContactState::slip), 0u);

  const auto& u = plastic.solution();
  const auto& v = elastic.solver->solution();
  double max_u = 0, max_diff = 0;
  for (const auto i : plastic.space().owned()) {
    max_u = std::max(max_u, std::abs(v[i]));
    max_diff = std::max(max_diff, std::abs(u[i] - v[i]));
  }
  double force = 0, reference_force = 0;
  for (std::size_t i = 0; i < contact.size(); ++i) {
    force += contact.responses()[i].normal_force;
    reference_force += reference.responses()[i].normal_force;
  }
  const double punch_reaction = -plastic.reaction_force(st::boundary_of(mesh, "cylinder_top"))[2];
  std::cout << "max |u_plastic - u_elastic| / max |u| = " << max_diff / max_u << "; normal force "
            << force << " N (elastic " << reference_force << " N), punch reaction "
            << punch_reaction << " N\n";
  // The contact tolerance (1e-4 of the pair forces) bounds both answers' distance from the
  // exact one (measured 3.4e-6 apart in displacement).
  EXPECT_LT(max_diff, 1e-4 * max_u);
  EXPECT_NEAR(force / reference_force, 1.0, 1e-4);
  // The punch's support reaction, which includes the strut's share, from the two solvers.
  const double elastic_reaction =
      -reaction_forces(*elastic.solver)[st::boundary_of(mesh, "cylinder_top") - 1][2];
  EXPECT_NEAR(punch_reaction / elastic_reaction, 1.0, 1e-4);
}
