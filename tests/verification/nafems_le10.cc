// Checks that P2 reproduces the NAFEMS LE10 thick-plate reference: sigma_yy at point D =
// (2000, 0, 300) mm equals -5.38 MPa within 2%. 1 MPI rank.
//
// LE10 (NAFEMS "The Standard NAFEMS Benchmarks", 1990): a quarter of the elliptic ring plate
// between x^2/2000^2 + y^2/1000^2 = 1 and x^2/3250^2 + y^2/2750^2 = 1, 600 mm thick (z in
// [-300, 300]), E = 210 GPa, nu = 0.3, 1 MPa pressure on the upper face. Supports: ux = 0 on
// x = 0, uy = 0 on y = 0, ux = uy = 0 on the outer curved face, and uz = 0 along the mid-plane
// line of the outer face (z = 0). Point D is the top corner of the inner (hole) edge on the
// x axis, where the reference is quoted. The stress at D is the average over the cells that share
// the vertex D of the FE stress evaluated at that vertex.
#include "meshing/generators.h"
#include "tests/support/solve.h"

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_values.h>

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>

using namespace spinefe;
using namespace dealii;

namespace {

DirichletCondition fixed(const MeshData& mesh, const std::string& surface,
                         const std::array<bool, 3>& components) {
  return {surface, spinefe::testing::boundary_of(mesh, surface), components, nullptr};
}

/// uz = 0 on the DoFs of the outer faces that lie on z = 0 (the mid-plane line of the outer face).
/// Works for any degree: P2 mid-edge nodes of that line sit on the chord, not on the ellipse,
/// so the line is found through the outer faces rather than through the ellipse equation.
auto midplane_line_support(const std::array<types::boundary_id, 2> outer) {
  return [outer](const DoFHandler<3>& dof_handler, const Mapping<3>& mapping,
                 AffineConstraints<double>& constraints) {
    std::map<types::global_dof_index, Point<3>> z_dofs;
    DoFTools::map_dofs_to_support_points(mapping, dof_handler, z_dofs,
                                         ComponentMask({false, false, true}));
    std::vector<types::global_dof_index> face_dofs(dof_handler.get_fe().n_dofs_per_face());
    for (const auto& cell : dof_handler.active_cell_iterators()) {
      if (cell->is_artificial() || !cell->at_boundary())
        continue;
      for (const auto f : cell->face_indices()) {
        const auto face = cell->face(f);
        if (!face->at_boundary() ||
            (face->boundary_id() != outer[0] && face->boundary_id() != outer[1]))
          continue;
        face->get_dof_indices(face_dofs);
        for (const auto dof : face_dofs) {
          const auto it = z_dofs.find(dof);
          // Nodes are at the gmsh coordinates, exact to round-off on a 600 mm plate: 1e-6 mm.
          if (it != z_dofs.end() && std::abs(it->second[2]) < 1e-6 &&
              !constraints.is_constrained(dof))
            constraints.add_line(dof);
        }
      }
    }
  };
}

/// Averages sigma_yy at vertex `p` over the locally owned cells that have it as a vertex.
double sigma_yy_at_vertex(const ElasticitySolver& solver, const Point<3>& p) {
  const FESpace& space = solver.space();
  const LinearIsotropic& material = solver.problem().materials[0];
  const Point<3> reference_vertex[4] = {{0, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strain(1);
  double sum = 0, count = 0;
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned())
      continue;
    for (const unsigned int v : cell->vertex_indices()) {
      // Vertices come from the same gmsh node: 1e-6 mm picks that node and no other.
      if (cell->vertex(v).distance(p) > 1e-6)
        continue;
      FEValues<3> at_vertex(space.mapping(), space.fe(), Quadrature<3>(reference_vertex[v]),
                            update_gradients);
      at_vertex.reinit(cell);
      at_vertex[displacement].get_function_symmetric_gradients(solver.solution(), strain);
      sum += material.stress(strain[0])[1][1];
      count += 1;
    }
  }
  sum = Utilities::MPI::sum(sum, space.comm());
  count = Utilities::MPI::sum(count, space.comm());
  EXPECT_GT(count, 0) << "no cell has D as a vertex";
  return sum / count;
}

} // namespace

TEST(NafemsLE10, SigmaYYAtPointDMatchesReference) {
  const MeshData mesh = nafems_le10_plate(100);
  ProblemDefinition problem;
  problem.materials = {LinearIsotropic("steel", 210000, 0.3)};
  problem.dirichlet = {fixed(mesh, "symmetry_x", {{true, false, false}}),
                       fixed(mesh, "symmetry_y", {{false, true, false}}),
                       fixed(mesh, "outer_lower", {{true, true, false}}),
                       fixed(mesh, "outer_upper", {{true, true, false}})};
  problem.extra_constraints =
      midplane_line_support({{spinefe::testing::boundary_of(mesh, "outer_lower"),
                              spinefe::testing::boundary_of(mesh, "outer_upper")}});
  NeumannCondition load;
  load.surface = "top";
  load.boundary = spinefe::testing::boundary_of(mesh, "top");
  load.kind = NeumannCondition::Kind::pressure;
  load.pressure = 1.0;
  problem.neumann = {load};
  const auto s =
      spinefe::testing::solve_mesh(mesh, problem, spinefe::testing::verification_settings(2));

  const double reference = -5.38;
  const double sigma_yy = sigma_yy_at_vertex(*s.solver, Point<3>(2000, 0, 300));
  std::cout << "LE10: " << s.tria->n_global_active_cells() << " cells, " << s.solver->n_dofs()
            << " DoFs; sigma_yy(D) = " << sigma_yy << " MPa (reference " << reference
            << ", rel. dev. " << sigma_yy / reference - 1 << ")\n";
  // Target of the validation spec. The corner value converges slowly and not monotonically:
  // measured +1.5% (h = 250 mm), +1.1% (200), +2.2% (150), +0.9% (125), +0.36% (100), -0.46%
  // (75), -0.32% (50), i.e. it settles within 0.5% of the reference, itself quoted to 3 digits.
  // h = 100 mm (~19k cells, ~5 s) keeps a safe margin to 2%.
  EXPECT_NEAR(sigma_yy / reference, 1.0, 0.02);
}
