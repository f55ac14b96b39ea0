// Checks that the elastoplastic solver's assembly is the linear solver's where nothing yields: a
// bone-like foam column with a titanium cap under an oblique force, with a yield stress far above
// any stress in it, gives the linear solver's displacement at every DoF (relative 1e-8 of the
// largest; both solves to a relative 1e-12), for P1 and P2, for associated (CG) and
// non-associated (GMRES) flow; the reaction balances the load (1e-8). 1 MPI rank.
#include "meshing/generators.h"
#include "solver/elastoplastic_solver.h"
#include "tests/support/solve.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

ProblemDefinition capped_column(const MeshData& mesh, const double nu_p) {
  ProblemDefinition p;
  p.materials = {LinearIsotropic("foam", 100, 0.2), LinearIsotropic("titanium", 110000, 0.3)};
  CrushableFoamParameters foam;
  foam.name = "foam";
  foam.youngs_modulus = 100;
  foam.poisson_ratio = 0.2;
  foam.yield_stress_ratio = 1.0;
  foam.plastic_poisson_ratio = nu_p; // 1/3 with k = 1: associated
  foam.hardening = HardeningCurve("foam", {0.0}, {1e6});
  p.crushable_foam[0] = foam;
  p.region_names = mesh.region_names;
  p.surface_names = mesh.surface_names;
  p.dirichlet.push_back({"bottom", st::boundary_of(mesh, "bottom"), {true, true, true}, nullptr});
  NeumannCondition load;
  load.surface = "top";
  load.boundary = st::boundary_of(mesh, "top");
  load.kind = NeumannCondition::Kind::total_force;
  load.vector = {60, -25, -500};
  p.neumann = {load};
  return p;
}

} // namespace

TEST(PlasticSolver, WithoutYieldItIsTheLinearSolver) {
  const MeshData mesh = layered_box(10, 10, 20, {15}, {"foam", "titanium"}, 2.0);
  for (const unsigned int degree : {1u, 2u})
    for (const double nu_p : {1.0 / 3.0, 0.0}) {
      SolverSettings settings = st::verification_settings(degree);
      settings.relative_tolerance = 1e-12;
      ProblemDefinition linear = capped_column(mesh, nu_p);
      linear.crushable_foam.clear();
      const st::Solved reference = st::solve_mesh(mesh, linear, settings);

      ElastoplasticSolver plastic(*reference.tria, capped_column(mesh, nu_p), settings,
                                  LoadSteppingSettings());
      plastic.setup();
      const auto steps = plastic.advance_to(1.0);
      EXPECT_EQ(steps.back().plastic_points, 0u);
      const auto& u = plastic.solution();
      const auto& v = reference.solver->solution();
      double max_u = 0, max_diff = 0;
      for (const auto i : plastic.space().owned()) {
        max_u = std::max(max_u, std::abs(v[i]));
        max_diff = std::max(max_diff, std::abs(u[i] - v[i]));
      }
      EXPECT_LT(max_diff, 1e-8 * max_u) << "P" << degree << " nu_p " << nu_p;
      const auto reaction = plastic.reaction_force(st::boundary_of(mesh, "bottom"));
      EXPECT_NEAR(reaction[0], -60, 1e-8 * 500);
      EXPECT_NEAR(reaction[1], 25, 1e-8 * 500);
      EXPECT_NEAR(reaction[2], 500, 1e-8 * 500);
    }
}
