// Checks that P1 and P2 converge at the optimal rates (L2: h^2 and h^3, H1 seminorm: h and h^2)
// on a 3D manufactured solution with two regions of 1000:1 modulus contrast. 1 MPI rank.
//
// Construction: g(x) is a smooth field that vanishes on the interface plane x = 1/2 of the unit
// cube; the exact displacement is u = g / E_r in region r (E_0 = 1000 MPa for x < 1/2, E_1 = 1 MPa
// for x > 1/2, nu = 0.3 in both). Then sigma = E_r S(eps(g / E_r)) = S(eps(g)), with S the
// isotropic stiffness for E = 1, is smooth across the interface (traction continuity holds) and
// the body force b = -div sigma = -(mu Lap g + (lambda + mu) grad div g) (unit-E Lame constants)
// is one formula for both regions. u is continuous (g = 0 on the interface) but its gradient
// jumps there, so the interface must be a mesh plane: structured simplex meshes with n even.
#include "tests/support/solve.h"

#include <deal.II/base/function.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/numerics/vector_tools.h>

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <vector>

using namespace spinefe;
using namespace dealii;

namespace {

constexpr double pi = M_PI;
constexpr double E[2] = {1000.0, 1.0};
constexpr double nu = 0.3;

/// g = (x - 1/2) (sin(pi y) cos(pi z) + 1, cos(pi x) sin(pi z) + y, sin(pi x) cos(pi y) + z^2).
class ExactDisplacement : public Function<3> {
public:
  ExactDisplacement() : Function<3>(3) {}
  static double modulus(const Point<3>& p) { return p[0] < 0.5 ? E[0] : E[1]; }
  double value(const Point<3>& p, const unsigned int c) const override {
    const double x = p[0], y = p[1], z = p[2], s = x - 0.5;
    const double g[3] = {s * (std::sin(pi * y) * std::cos(pi * z) + 1),
                         s * (std::cos(pi * x) * std::sin(pi * z) + y),
                         s * (std::sin(pi * x) * std::cos(pi * y) + z * z)};
    return g[c] / modulus(p);
  }
  Tensor<1, 3> gradient(const Point<3>& p, const unsigned int c) const override {
    const double x = p[0], y = p[1], z = p[2], s = x - 0.5;
    Tensor<1, 3> d;
    if (c == 0) {
      d[0] = std::sin(pi * y) * std::cos(pi * z) + 1;
      d[1] = s * pi * std::cos(pi * y) * std::cos(pi * z);
      d[2] = -s * pi * std::sin(pi * y) * std::sin(pi * z);
    } else if (c == 1) {
      d[0] = std::cos(pi * x) * std::sin(pi * z) + y - s * pi * std::sin(pi * x) * std::sin(pi * z);
      d[1] = s;
      d[2] = s * pi * std::cos(pi * x) * std::cos(pi * z);
    } else {
      d[0] = std::sin(pi * x) * std::cos(pi * y) + z * z +
             s * pi * std::cos(pi * x) * std::cos(pi * y);
      d[1] = -s * pi * std::sin(pi * x) * std::sin(pi * y);
      d[2] = 2 * s * z;
    }
    return d / modulus(p);
  }
};

/// b = -(mu Lap g + (lambda + mu) grad div g), derived by hand and checked with sympy against
/// -div(lambda tr(eps(g)) I + 2 mu eps(g)).
class BodyForce : public Function<3> {
public:
  BodyForce() : Function<3>(3) {
    const LinearIsotropic unit("unit", 1.0, nu);
    lambda_ = unit.lambda();
    mu_ = unit.mu();
  }
  double value(const Point<3>& p, const unsigned int c) const override {
    const double x = p[0], y = p[1], z = p[2], s = x - 0.5;
    double lap = 0, grad_div = 0;
    if (c == 0) {
      lap = -2 * s * pi * pi * std::sin(pi * y) * std::cos(pi * z);
      grad_div = 2 * z + 1;
    } else if (c == 1) {
      lap = -pi * (2 * s * pi * std::cos(pi * x) + 2 * std::sin(pi * x)) * std::sin(pi * z);
      grad_div = pi * std::cos(pi * y) * std::cos(pi * z);
    } else {
      lap = 2 * pi * std::cos(pi * x) * std::cos(pi * y) -
            2 * s * pi * pi * std::sin(pi * x) * std::cos(pi * y) + 2 * s;
      grad_div = 2 * s - pi * std::sin(pi * y) * std::sin(pi * z);
    }
    return -(mu_ * lap + (lambda_ + mu_) * grad_div);
  }

private:
  double lambda_, mu_;
};

struct Errors {
  double l2, h1;
};

Errors solve_and_measure(const unsigned int degree, const unsigned int n) {
  ProblemDefinition problem;
  problem.materials = {LinearIsotropic("stiff", E[0], nu), LinearIsotropic("soft", E[1], nu)};
  problem.region_names = {"stiff", "soft"};
  problem.surface_names = {"all"};
  const auto exact = std::make_shared<ExactDisplacement>();
  problem.dirichlet.push_back({"all", 1, {{true, true, true}}, exact});
  problem.body_force = std::make_shared<BodyForce>();
  auto build = [n](Triangulation<3>& tria) {
    GridGenerator::subdivided_hyper_rectangle_with_simplices(tria, {n, n, n}, Point<3>(0, 0, 0),
                                                             Point<3>(1, 1, 1));
    for (const auto& cell : tria.active_cell_iterators()) {
      cell->set_material_id(cell->center()[0] < 0.5 ? 0 : 1);
      for (const auto f : cell->face_indices())
        if (cell->at_boundary(f))
          cell->face(f)->set_boundary_id(1);
    }
  };
  const auto s = spinefe::testing::solve_triangulation(
      build, problem, spinefe::testing::verification_settings(degree));
  const FESpace& space = s.solver->space();
  const QGaussSimplex<3> quadrature(degree + 2);
  Vector<double> cellwise(s.tria->n_active_cells());
  Errors e;
  VectorTools::integrate_difference(space.mapping(), space.dof_handler(), s.solver->solution(),
                                    *exact, cellwise, quadrature, VectorTools::L2_norm);
  e.l2 = VectorTools::compute_global_error(*s.tria, cellwise, VectorTools::L2_norm);
  VectorTools::integrate_difference(space.mapping(), space.dof_handler(), s.solver->solution(),
                                    *exact, cellwise, quadrature, VectorTools::H1_seminorm);
  e.h1 = VectorTools::compute_global_error(*s.tria, cellwise, VectorTools::H1_seminorm);
  std::cout << "P" << degree << " n = " << n << ": L2 error " << e.l2 << ", H1 error " << e.h1
            << " (" << s.report.iterations << " CG iterations)\n";
  return e;
}

void check_rates(const unsigned int degree, const std::vector<unsigned int>& meshes) {
  std::vector<Errors> errors;
  for (const unsigned int n : meshes)
    errors.push_back(solve_and_measure(degree, n));
  for (std::size_t i = 1; i < errors.size(); ++i) {
    const double ratio = double(meshes[i]) / meshes[i - 1];
    std::cout << "P" << degree << " orders n = " << meshes[i - 1] << " -> " << meshes[i] << ": L2 "
              << std::log(errors[i - 1].l2 / errors[i].l2) / std::log(ratio) << ", H1 "
              << std::log(errors[i - 1].h1 / errors[i].h1) / std::log(ratio) << "\n";
  }
  const std::size_t f = errors.size() - 1;
  const double ratio = double(meshes[f]) / meshes[f - 1];
  const double l2_order = std::log(errors[f - 1].l2 / errors[f].l2) / std::log(ratio);
  const double h1_order = std::log(errors[f - 1].h1 / errors[f].h1) / std::log(ratio);
  // Optimal a-priori rates for a smooth solution on each region with the interface resolved:
  // L2 ~ h^(k+1), H1 ~ h^k. 0.15 allows for the pre-asymptotic part left on these small meshes.
  EXPECT_NEAR(l2_order, degree + 1.0, 0.15) << "P" << degree << " L2 order";
  EXPECT_NEAR(h1_order, double(degree), 0.15) << "P" << degree << " H1 order";
}

} // namespace

TEST(ManufacturedSolution, P1ConvergesAtOptimalRates) {
  check_rates(1, {4, 8, 16});
}

TEST(ManufacturedSolution, P2ConvergesAtOptimalRates) {
  check_rates(2, {2, 4, 8});
}
