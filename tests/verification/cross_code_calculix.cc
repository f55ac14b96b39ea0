// Checks spinefe against CalculiX (ccx) on the identical multi-material tetrahedral mesh, as the
// validation targets require: max displacement within 0.5%, volume-averaged von Mises per region
// within 1%, and a clean ccx log (no WARNING). 1 MPI rank.
//
// The body is a 20 x 20 x 30 mm column of cancellous bone / bony endplate / titanium / bone
// (1100:1 modulus contrast), fixed at the bottom, with 2 MPa on the top and 0.5 MPa on one side.
// The test writes the C3D10 deck itself, runs ccx, and parses its .dat file.
#include "meshing/generators.h"
#include "postprocess/run_summary.h"
#include "tests/support/calculix.h"
#include "tests/support/solve.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <map>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

ProblemDefinition column_problem(const MeshData& mesh) {
  ProblemDefinition p;
  p.materials = {LinearIsotropic("cancellous", 100, 0.2), LinearIsotropic("endplate", 1000, 0.3),
                 LinearIsotropic("titanium", 110000, 0.3),
                 LinearIsotropic("cancellous2", 100, 0.2)};
  p.dirichlet.push_back({"bottom", st::boundary_of(mesh, "bottom"), {true, true, true}, nullptr});
  NeumannCondition top, side;
  top.surface = "top";
  top.boundary = st::boundary_of(mesh, "top");
  top.kind = NeumannCondition::Kind::pressure;
  top.pressure = 2.0;
  side = top;
  side.surface = "xmax";
  side.boundary = st::boundary_of(mesh, "xmax");
  side.pressure = 0.5;
  p.neumann = {top, side};
  return p;
}

/// Largest difference of corner-node displacements between spinefe and ccx, and max |u|.
std::pair<double, double> corner_node_difference(const ElasticitySolver& solver,
                                                 const MeshData& mesh,
                                                 const st::CalculixResult& ccx) {
  std::map<std::array<long, 3>, std::size_t> node_at;
  auto key = [](const dealii::Point<3>& x) {
    return std::array<long, 3>{std::lround(x[0] * 1e6), std::lround(x[1] * 1e6),
                               std::lround(x[2] * 1e6)};
  };
  for (std::size_t i = 0; i < mesh.nodes.size(); ++i)
    node_at[key(dealii::Point<3>(mesh.nodes[i][0], mesh.nodes[i][1], mesh.nodes[i][2]))] = i;
  double diff = 0;
  for (const auto& cell : solver.space().dof_handler().active_cell_iterators())
    if (cell->is_locally_owned())
      for (const unsigned int v : cell->vertex_indices()) {
        const std::size_t node = node_at.at(key(cell->vertex(v)));
        for (unsigned int c = 0; c < 3; ++c) {
          const double mine = solver.solution()[cell->vertex_dof_index(v, c)];
          diff = std::max(diff, std::abs(mine - ccx.displacement[node][c]));
        }
      }
  return {dealii::Utilities::MPI::max(diff, MPI_COMM_WORLD), ccx.max_displacement};
}

} // namespace

TEST(CrossCode, MultiMaterialColumnAgreesWithCalculix) {
  const MeshData mesh = layered_box(20, 20, 30, {12, 13, 20},
                                    {"cancellous", "endplate", "titanium", "cancellous2"}, 2.5);
  const ProblemDefinition problem = column_problem(mesh);
  const auto solved = st::solve_mesh(mesh, problem, st::verification_settings(2));
  const RunSummary summary = summarise(*solved.solver, solved.report);

  const std::filesystem::path dir = "cross_code_calculix";
  st::CalculixJob job;
  job.fixed_surfaces = {"bottom"};
  job.pressures = {{"top", 2.0}, {"xmax", 0.5}};
  if (dealii::Utilities::MPI::this_mpi_process(MPI_COMM_WORLD) == 0)
    st::write_calculix_deck(mesh, problem, job, dir);
  const st::CalculixResult ccx = st::run_calculix(dir, 1);

  EXPECT_FALSE(ccx.has_warning) << ccx.log;
  // Both codes solve the same discrete problem (P2 = C3D10 on straight edges); what remains is
  // the iterative-solver tolerance and quadrature of the pressure loads: 0.5% is the target.
  const double spinefe_max = summary.max_displacement;
  EXPECT_NEAR(spinefe_max / ccx.max_displacement, 1.0, 0.005)
      << "spinefe " << spinefe_max << " mm, ccx " << ccx.max_displacement << " mm";
  const auto [diff, scale] = corner_node_difference(*solved.solver, mesh, ccx);
  std::cout << "max |u|: spinefe " << spinefe_max << " mm, ccx " << ccx.max_displacement
            << " mm; largest nodal difference " << diff / scale << " of max |u|\n";
  EXPECT_LT(diff / scale, 0.005) << "largest nodal difference " << diff << " mm";
  // Region means use different quadrature (ccx: 4 points; spinefe: QGaussSimplex(3)); 1% target.
  for (const auto& region : summary.regions) {
    // ccx upper-cases set names in its output.
    std::string ccx_name = AbaqusMeshWriter::abaqus_name(region.name);
    for (auto& ch : ccx_name)
      ch = static_cast<char>(std::toupper(ch));
    ASSERT_EQ(ccx.mean_von_mises.count(ccx_name), 1u) << ccx_name << " missing in ccx output";
    const double reference = ccx.mean_von_mises.at(ccx_name);
    std::cout << region.name << " mean von Mises: spinefe " << region.mean_von_mises << " MPa, ccx "
              << reference << " MPa\n";
    EXPECT_NEAR(region.mean_von_mises / reference, 1.0, 0.01)
        << region.name << ": spinefe " << region.mean_von_mises << " MPa, ccx " << reference;
  }
}
