// Checks where and when crushable foam first yields under the pressure of a frictionless sphere:
// the Hertz distribution p = p0 sqrt(1 - r^2/a^2) on a foam half-space (quarter model, 12 a wide
// and deep). Reference: the Hertz stress field on the axis and on the surface (Johnson 1985,
// Contact Mechanics, eqs. 3.41-3.45 with nu = 0.3) put into the yield function; its largest value
// per unit p0 gives p0 at first yield. k = 1: at the surface centre; k = 0.5: below the surface
// on the axis, at 0.43 a (the pressure-sensitive ellipse moves the first yield from the
// von Mises depth 0.48 a). The finite-element first-yield p0 (P2, the largest yield function
// over all quadrature points of the elastic solution) must be within 3% of it (the finite block
// and the quadrature points' distance from the maximum), and the plastic solver must find no
// plastic point 3% below it and (k = 1) some 3% above. 1 MPI rank.
#include "meshing/mesh_reader.h"
#include "meshing/triangulation_builder.h"
#include "solver/distributed_mesh.h"
#include "solver/elastoplastic_solver.h"
#include "tests/support/solve.h"

#include <deal.II/base/quadrature_lib.h>
#include <deal.II/distributed/fully_distributed_tria.h>
#include <deal.II/fe/fe_values.h>

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

using namespace spinefe;
using namespace dealii;
namespace st = spinefe::testing;

namespace {

const double nu = 0.3, radius = 1.0, sigma_c0 = 2.0; // contact radius a [mm], MPa

/// sqrt((q^2 + alpha^2 p^2) / (1 + alpha^2/9)): the uniaxial yield stress that the stress reaches.
double effective(const double alpha2, const SymmetricTensor<2, 3>& s) {
  const double p = trace(s) / 3.0;
  const SymmetricTensor<2, 3> d = deviator(s);
  return std::sqrt((1.5 * (d * d) + alpha2 * p * p) / (1.0 + alpha2 / 9.0));
}

SymmetricTensor<2, 3> principal(const double sr, const double st, const double sz) {
  SymmetricTensor<2, 3> s;
  s[0][0] = sr;
  s[1][1] = st;
  s[2][2] = sz;
  return s;
}

/// Largest effective stress per unit p0 of the Hertz field, on the axis and on the surface.
double hertz_peak(const double alpha2) {
  double peak = 0;
  for (int i = 0; i <= 5000; ++i) { // axis, z = depth / a in [0, 5]
    const double z = 1e-3 * i;
    const double sz = -1.0 / (1.0 + z * z);
    const double sr = -(1.0 + nu) * (1.0 - (z > 0 ? z * std::atan(1.0 / z) : 0.0)) - 0.5 * sz;
    peak = std::max(peak, effective(alpha2, principal(sr, sr, sz)));
  }
  for (int i = 1; i < 1000; ++i) { // surface, r / a in (0, 1)
    const double r = 1e-3 * i, s = std::sqrt(1.0 - r * r);
    const double g = (1.0 - 2.0 * nu) / (3.0 * r * r) * (1.0 - s * s * s);
    peak = std::max(peak, effective(alpha2, principal(g - s, -g - 2.0 * nu * s, -s)));
  }
  return peak;
}

class HertzPressure : public Function<3> {
public:
  HertzPressure() : Function<3>(3) {}
  double value(const Point<3>& x, const unsigned int c) const override {
    const double r2 = (x[0] * x[0] + x[1] * x[1]) / (radius * radius);
    return c == 2 && r2 < 1 ? -std::sqrt(1.0 - r2) : 0.0; // p0 = 1 MPa at load factor 1
  }
};

ProblemDefinition half_space(const MeshData& mesh, const double k) {
  ProblemDefinition p;
  p.materials = {LinearIsotropic("foam", 100, nu)};
  CrushableFoamParameters foam;
  foam.name = "foam";
  foam.youngs_modulus = 100;
  foam.poisson_ratio = nu;
  foam.yield_stress_ratio = k;
  foam.plastic_poisson_ratio = 0.0;
  foam.hardening = HardeningCurve("foam", {0.0, 1.0}, {sigma_c0, 2 * sigma_c0});
  p.crushable_foam[0] = foam;
  p.region_names = mesh.region_names;
  p.surface_names = mesh.surface_names;
  p.dirichlet.push_back({"bottom", st::boundary_of(mesh, "bottom"), {true, true, true}, nullptr});
  p.dirichlet.push_back({"sym_x", st::boundary_of(mesh, "sym_x"), {true, false, false}, nullptr});
  p.dirichlet.push_back({"sym_y", st::boundary_of(mesh, "sym_y"), {false, true, false}, nullptr});
  NeumannCondition hertz;
  hertz.surface = "top";
  hertz.boundary = st::boundary_of(mesh, "top");
  hertz.kind = NeumannCondition::Kind::traction;
  hertz.traction_function = std::make_shared<HertzPressure>();
  p.neumann = {hertz};
  return p;
}

/// Largest effective stress over the quadrature points, per unit load factor, and its depth.
std::pair<double, Point<3>> fe_peak(const ElastoplasticSolver& solver, const double alpha2) {
  const FESpace& space = solver.space();
  FEValues<3> fe_values(space.mapping(), space.fe(), QGaussSimplex<3>(space.degree() + 1),
                        update_gradients | update_quadrature_points);
  std::vector<SymmetricTensor<2, 3>> strain(fe_values.n_quadrature_points);
  const SymmetricTensor<4, 3> c = solver.problem().materials[0].stiffness();
  std::pair<double, Point<3>> peak{0, Point<3>()};
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    fe_values.reinit(cell);
    fe_values[FEValuesExtractors::Vector(0)].get_function_symmetric_gradients(solver.solution(),
                                                                              strain);
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      const double f = effective(alpha2, c * strain[q]) / solver.load_factor();
      if (f > peak.first)
        peak = {f, fe_values.quadrature_point(q)};
    }
  }
  return peak;
}

} // namespace

TEST(FoamHertzFirstYield, FirstYieldLoadMatchesTheHertzField) {
  const MeshData mesh =
      read_mesh_file(std::string(SPINEFE_SOURCE_DIR) + "/tests/verification/foam_half_space.geo");
  std::cout << "  mesh: " << mesh.tets.size() << " tetrahedra\n";
  for (const double k : {1.0, 0.5}) {
    const double alpha2 = 9 * k * k / (9 - k * k);
    const double reference = sigma_c0 / hertz_peak(alpha2); // p0 at first yield [MPa]

    SolverSettings settings;
    settings.degree = 2;
    settings.relative_tolerance = 1e-10;
    LoadSteppingSettings stepping;
    stepping.initial_step = stepping.maximum_step = 0.97 * reference;
    parallel::fullydistributed::Triangulation<3> tria(MPI_COMM_WORLD);
    distribute_mesh([&](Triangulation<3>& t) { build_triangulation(mesh, t); }, tria);
    ElastoplasticSolver solver(tria, half_space(mesh, k), settings, stepping);
    solver.setup();
    const auto below = solver.advance_to(0.97 * reference);
    const auto [peak, where] = fe_peak(solver, alpha2);
    const double fe_first_yield = sigma_c0 / peak;
    std::cout << "  k " << k << ": first yield p0 " << fe_first_yield << " MPa (Hertz field "
              << reference << " MPa, " << 100 * (fe_first_yield / reference - 1) << "%), at depth "
              << -where[2] << " mm, r " << std::hypot(where[0], where[1]) << " mm\n";
    EXPECT_NEAR(fe_first_yield / reference, 1.0, 0.03) << "k " << k;
    EXPECT_EQ(below.back().plastic_points, 0u) << "k " << k;
    // Past first yield only for k = 1: with k = 0.5 and nu_p = 0 (alpha 0.51 against beta 2.12)
    // the non-associated Newton stalls just past first yield (a known limit, see the README).
    if (k == 1.0) {
      const auto above = solver.advance_to(1.03 * reference);
      EXPECT_GT(above.back().plastic_points, 0u) << "k " << k;
    }
  }
}
