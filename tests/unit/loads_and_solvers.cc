// Checks every load type against a free-body balance (the support reaction equals minus the
// applied resultant), and that every linear solver choice (p-multigrid, GAMG, BoomerAMG, MUMPS)
// gives the same displacement. 1 MPI rank.
#include "meshing/generators.h"
#include "postprocess/run_summary.h"
#include "solver/reactions.h"
#include "tests/support/solve.h"

#include <gtest/gtest.h>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

const MeshData& column() {
  static const MeshData mesh = layered_box(10, 8, 20, {12}, {"bone", "implant"}, 2.5);
  return mesh;
}

ProblemDefinition fixed_column() {
  ProblemDefinition p;
  p.materials = {LinearIsotropic("bone", 100, 0.2), LinearIsotropic("implant", 110000, 0.3)};
  p.dirichlet.push_back(
      {"bottom", st::boundary_of(column(), "bottom"), {true, true, true}, nullptr});
  return p;
}

NeumannCondition load_on(const std::string& surface, NeumannCondition::Kind kind) {
  NeumannCondition n;
  n.surface = surface;
  n.boundary = st::boundary_of(column(), surface);
  n.kind = kind;
  return n;
}

/// Reaction at "bottom" [N] for a problem.
dealii::Tensor<1, 3> base_reaction(const ProblemDefinition& p) {
  const auto solved = st::solve_mesh(column(), p, st::verification_settings(2));
  return reaction_forces(*solved.solver)[st::boundary_of(column(), "bottom") - 1];
}

// The reaction is the nodal residual summed over the base; with a 1e-11 solver tolerance the
// balance holds to ~1e-8 of the load, so 1e-6 relative is a safe bound.
constexpr double balance_tolerance = 1e-6;

} // namespace

TEST(Loads, TotalForceIsBalancedByTheSupport) {
  ProblemDefinition p = fixed_column();
  auto f = load_on("top", NeumannCondition::Kind::total_force);
  f.vector = {30, -20, -500};
  p.neumann = {f};
  const auto r = base_reaction(p);
  for (unsigned int d = 0; d < 3; ++d)
    EXPECT_NEAR(r[d], -f.vector[d], balance_tolerance * 500) << d;
}

TEST(Loads, TractionAndPressureResultantsAreTractionTimesArea) {
  ProblemDefinition p = fixed_column();
  auto t = load_on("xmax", NeumannCondition::Kind::traction);
  t.vector = {0, 0.5, 0}; // 0.5 MPa shear on the 8 x 20 mm face: 80 N in y
  auto q = load_on("top", NeumannCondition::Kind::pressure);
  q.pressure = 2.0; // 2 MPa on the 10 x 8 mm top, pushing down: 160 N in -z
  p.neumann = {t, q};
  const auto r = base_reaction(p);
  EXPECT_NEAR(r[0], 0.0, balance_tolerance * 160);
  EXPECT_NEAR(r[1], -80.0, balance_tolerance * 160);
  EXPECT_NEAR(r[2], 160.0, balance_tolerance * 160);
}

TEST(Loads, BodyForceIsBalancedByTheSupport) {
  ProblemDefinition p = fixed_column();
  // Gravity-like load of 1e-3 N/mm^3 in -z over the 10 x 8 x 20 mm column: 1.6 N.
  p.body_force =
      std::make_shared<dealii::Functions::ConstantFunction<3>>(std::vector<double>{0, 0, -1e-3});
  const auto r = base_reaction(p);
  EXPECT_NEAR(r[2], 1.6, balance_tolerance * 1.6);
}

TEST(Solvers, AllSolverChoicesAgree) {
  ProblemDefinition p = fixed_column();
  auto f = load_on("top", NeumannCondition::Kind::total_force);
  f.vector = {10, 0, -200};
  p.neumann = {f};
  using Pc = SolverSettings::Preconditioner;
  std::vector<double> max_u;
  for (const auto& [method, pc] : std::vector<std::pair<SolverSettings::Method, Pc>>{
           {SolverSettings::Method::cg_amg, Pc::p_multigrid},
           {SolverSettings::Method::cg_amg, Pc::gamg},
           {SolverSettings::Method::cg_amg, Pc::boomeramg},
           {SolverSettings::Method::direct, Pc::gamg}}) {
    SolverSettings s = st::verification_settings(2);
    s.method = method;
    s.preconditioner = pc;
    const auto solved = st::solve_mesh(column(), p, s);
    max_u.push_back(max_displacement(*solved.solver));
    if (method == SolverSettings::Method::cg_amg)
      EXPECT_GT(solved.report.iterations, 0u);
  }
  // MUMPS is exact to rounding; the CG solves stop at a 1e-11 relative residual.
  for (std::size_t i = 0; i + 1 < max_u.size(); ++i)
    EXPECT_NEAR(max_u[i] / max_u.back(), 1.0, 1e-7) << "solver choice " << i;
}

TEST(Solvers, UnconvergedSolveIsAnErrorNotAResult) {
  ProblemDefinition p = fixed_column();
  auto f = load_on("top", NeumannCondition::Kind::total_force);
  f.vector = {0, 0, -200};
  p.neumann = {f};
  SolverSettings s = st::verification_settings(2);
  s.max_iterations = 2;
  try {
    st::solve_mesh(column(), p, s);
    FAIL() << "2 iterations cannot reach 1e-11";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("did not converge"), std::string::npos) << e.what();
  }
}
