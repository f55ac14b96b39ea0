// Checks the elastoplastic solver (solver/elastoplastic_solver.h) on a plastic patch test: a
// crushable-foam cube on rollers (x = 0, y = 0, z = 0 faces), distorted tetrahedra inside, is in
// uniaxial stress, so its reaction over the area must follow the analytic uniaxial curve
// sigma = sigma_c(|eps| - sigma / E) of the hardening table (relative 1e-8), every quadrature point
// must carry the same plastic strain, Newton on the consistent tangent must converge with order
// about 2 (printed), and a force-controlled load and unload must leave the plastic strain as the
// permanent set (1e-8 mm). P1 and P2; 1 MPI rank.
#include "solver/distributed_mesh.h"
#include "solver/elastoplastic_solver.h"

#include <deal.II/distributed/fully_distributed_tria.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

using namespace spinefe;
using namespace dealii;

namespace {

const double E = 100, nu = 0.3; // MPa
const HardeningCurve curve("foam", {0.0, 0.02, 0.05, 0.3}, {2.0, 2.5, 2.6, 8.0});

CrushableFoamParameters foam(const double k, const double nu_p) {
  CrushableFoamParameters m;
  m.name = "foam";
  m.youngs_modulus = E;
  m.poisson_ratio = nu;
  m.yield_stress_ratio = k;
  m.plastic_poisson_ratio = nu_p;
  m.hardening = curve;
  return m;
}

/// Axial stress [MPa, compression positive] of the uniaxial test at axial strain magnitude e:
/// the root of sigma = sigma_c(e - sigma / E) above yield, E e below (bisection to round-off).
double uniaxial_stress(const double e) {
  if (E * e <= curve.yield_stress(0))
    return E * e;
  double lo = curve.yield_stress(0), hi = E * e;
  for (int i = 0; i < 200; ++i) {
    const double mid = 0.5 * (lo + hi);
    (mid < curve.yield_stress(e - mid / E) ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

enum Face : types::boundary_id { x0 = 1, y0 = 2, z0 = 3, top = 4, other = 5 };

void build_cube(Triangulation<3>& tria) {
  GridGenerator::subdivided_hyper_rectangle_with_simplices(tria, {3, 3, 3}, Point<3>(0, 0, 0),
                                                           Point<3>(1, 1, 1));
  GridTools::distort_random(0.2, tria, /*keep_boundary=*/true, /*seed=*/7);
  for (const auto& cell : tria.active_cell_iterators())
    for (const auto f : cell->face_indices())
      if (cell->at_boundary(f)) {
        const Point<3> c = cell->face(f)->center();
        cell->face(f)->set_boundary_id(c[0] < 1e-12       ? x0
                                       : c[1] < 1e-12     ? y0
                                       : c[2] < 1e-12     ? z0
                                       : c[2] > 1 - 1e-12 ? top
                                                          : other);
      }
}

/// Rollers on x = 0, y = 0, z = 0; on top either a prescribed displacement or a pressure.
ProblemDefinition cube_problem(const CrushableFoamParameters& m, const double top_displacement,
                               const double top_pressure) {
  ProblemDefinition p;
  p.materials = {LinearIsotropic("foam", E, nu)};
  p.crushable_foam[0] = m;
  p.region_names = {"foam"};
  p.surface_names = {"x0", "y0", "z0", "top", "other"};
  p.dirichlet.push_back({"x0", x0, {{true, false, false}}, nullptr});
  p.dirichlet.push_back({"y0", y0, {{false, true, false}}, nullptr});
  p.dirichlet.push_back({"z0", z0, {{false, false, true}}, nullptr});
  if (top_displacement != 0)
    p.dirichlet.push_back({"top",
                           top,
                           {{false, false, true}},
                           std::make_shared<Functions::ConstantFunction<3>>(
                               std::vector<double>{0, 0, top_displacement})});
  if (top_pressure != 0) {
    NeumannCondition n;
    n.surface = "top";
    n.boundary = top;
    n.kind = NeumannCondition::Kind::pressure;
    n.pressure = top_pressure;
    p.neumann = {n};
  }
  return p;
}

struct Cube {
  std::unique_ptr<parallel::fullydistributed::Triangulation<3>> tria;
  std::unique_ptr<ElastoplasticSolver> solver;
};

Cube make_cube(const ProblemDefinition& problem, const unsigned int degree,
               const LoadSteppingSettings& stepping) {
  Cube c;
  c.tria = std::make_unique<parallel::fullydistributed::Triangulation<3>>(MPI_COMM_WORLD);
  distribute_mesh(build_cube, *c.tria);
  SolverSettings settings;
  settings.degree = degree;
  settings.relative_tolerance = 1e-12;
  c.solver = std::make_unique<ElastoplasticSolver>(*c.tria, problem, settings, stepping);
  c.solver->setup();
  return c;
}

void print_orders(const LoadStepReport& r) {
  std::cout << "  lambda " << r.load_factor << ": " << r.newton_iterations << " Newton, residuals";
  for (const double x : r.residuals)
    std::cout << " " << x;
  std::cout << "; orders";
  for (const double p : r.convergence_orders())
    std::cout << " " << p;
  std::cout << "\n";
}

} // namespace

TEST(PlasticPatchTest, UniaxialCompressionFollowsTheHardeningCurve) {
  const double crush = 0.3; // mm on a 1 mm cube: through the plateau into densification
  for (const unsigned int degree : {1u, 2u})
    for (const double nu_p : {0.0, 0.2}) {
      LoadSteppingSettings stepping;
      stepping.initial_step = stepping.maximum_step = 0.05;
      Cube c = make_cube(cube_problem(foam(1.0, nu_p), -crush, 0), degree, stepping);
      double best_order = 0;
      unsigned int checked = 0;
      c.solver->advance_to(1.0, [&](const LoadStepReport& r) {
        const double e = crush * r.load_factor;
        const double sigma = -c.solver->reaction_force(top)[2]; // area 1 mm^2
        EXPECT_NEAR(sigma / uniaxial_stress(e), 1.0, 1e-8)
            << "P" << degree << " lambda " << r.load_factor;
        for (const double p : r.convergence_orders())
          best_order = std::max(best_order, p);
        if (degree == 2)
          print_orders(r);
        ++checked;
      });
      EXPECT_GE(checked, 20u);
      // Every point carries the same plastic strain: the field is homogeneous.
      const double expected = crush - uniaxial_stress(crush) / E;
      for (const auto& cell_states : c.solver->history())
        for (const FoamState& s : cell_states)
          EXPECT_NEAR(s.equivalent_plastic_strain, expected, 1e-8);
      EXPECT_GT(best_order, 1.7) << "Newton should converge quadratically";
    }
}

// Loaded by a pressure into the hardening plateau, then unloaded: the top keeps the plastic
// strain as its permanent set (nu_p = 0: no lateral plastic strain, so eps_p,zz = -eps_bar).
TEST(PlasticPatchTest, UnloadingLeavesThePlasticStrain) {
  const double pressure = 2.55; // MPa: eps_bar = 0.02 + 0.03 (2.55 - 2.5) / 0.1 = 0.035
  Cube c = make_cube(cube_problem(foam(1.0, 0.0), 0, pressure), 1, LoadSteppingSettings());
  c.solver->advance_to(1.0);
  c.solver->advance_to(0.0);
  const auto& u = c.solver->solution();
  const FESpace& space = c.solver->space();
  // The top's z displacement: any top vertex DoF will do, the field is homogeneous.
  const IndexSet top_dofs = DoFTools::extract_boundary_dofs(
      space.dof_handler(), ComponentMask({false, false, true}), std::set<types::boundary_id>{top});
  ASSERT_GT(top_dofs.n_elements(), 0u);
  for (const auto i : top_dofs)
    EXPECT_NEAR(u[i], -0.035, 1e-8);
}
