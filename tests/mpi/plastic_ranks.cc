// Checks that a crushable-foam run does not depend on the number of MPI ranks: a foam block
// crushed by a tilted platen (non-uniform plastic zone) on 1 and on 2 ranks gives the same load
// path (reaction at every load step, relative 1e-7: the Newton tolerance is 1e-10 of the force
// and the linear tolerance 1e-12), the same plastic volume (1e-7) and the same vertex
// displacements (1e-7 of the largest).
// MPI: 2
#include "meshing/generators.h"
#include "meshing/triangulation_builder.h"
#include "postprocess/plastic_state.h"
#include "solver/distributed_mesh.h"
#include "solver/elastoplastic_solver.h"
#include "tests/support/solve.h"

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/fully_distributed_tria.h>

#include <gtest/gtest.h>

#include <cmath>
#include <map>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

/// The platen: u = (0, 0, -(0.4 + 0.8 x / 10)) mm on the top (4-12% nominal strain).
class TiltedPlaten : public dealii::Function<3> {
public:
  TiltedPlaten() : dealii::Function<3>(3) {}
  double value(const dealii::Point<3>& x, const unsigned int c) const override {
    return c == 2 ? -(0.4 + 0.08 * x[0]) : 0.0;
  }
};

ProblemDefinition crushed_block(const MeshData& mesh) {
  CrushableFoamParameters foam;
  foam.name = "foam";
  foam.youngs_modulus = 100;
  foam.poisson_ratio = 0.3;
  foam.yield_stress_ratio = 1.0;
  foam.plastic_poisson_ratio = 0.0;
  foam.hardening = HardeningCurve("foam", {0.0, 0.5}, {4.1, 4.6});
  ProblemDefinition p;
  p.materials = {LinearIsotropic("foam", 100, 0.3), LinearIsotropic("foam", 100, 0.3)};
  p.crushable_foam[0] = p.crushable_foam[1] = foam;
  p.region_names = mesh.region_names;
  p.surface_names = mesh.surface_names;
  p.dirichlet.push_back({"bottom", st::boundary_of(mesh, "bottom"), {true, true, true}, nullptr});
  p.dirichlet.push_back(
      {"top", st::boundary_of(mesh, "top"), {true, true, true}, std::make_shared<TiltedPlaten>()});
  return p;
}

struct CrushRun {
  std::vector<double> reactions; ///< z reaction at the top after each step [N]
  double plastic_volume = 0;
  std::map<std::array<long, 3>, std::array<double, 3>> vertices; ///< on rank 0 of the comm
};

CrushRun crush(const MeshData& mesh, const MPI_Comm comm) {
  dealii::parallel::fullydistributed::Triangulation<3> tria(comm);
  distribute_mesh([&](dealii::Triangulation<3>& t) { build_triangulation(mesh, t); }, tria);
  SolverSettings settings;
  settings.degree = 1;
  settings.relative_tolerance = 1e-12;
  LoadSteppingSettings stepping;
  stepping.initial_step = stepping.maximum_step = 0.125;
  stepping.residual_tolerance = 1e-10;
  ElastoplasticSolver solver(tria, crushed_block(mesh), settings, stepping);
  solver.setup();
  CrushRun run;
  const auto top = st::boundary_of(mesh, "top");
  solver.advance_to(
      1.0, [&](const LoadStepReport&) { run.reactions.push_back(solver.reaction_force(top)[2]); });
  run.plastic_volume = summarise_plastic_state(solver).plastic_volume;
  std::vector<std::pair<std::array<long, 3>, std::array<double, 3>>> local;
  for (const auto& cell : solver.space().dof_handler().active_cell_iterators())
    if (cell->is_locally_owned())
      for (const unsigned int v : cell->vertex_indices()) {
        const auto& x = cell->vertex(v);
        std::array<double, 3> u;
        for (unsigned int c = 0; c < 3; ++c)
          u[c] = solver.solution()[cell->vertex_dof_index(v, c)];
        local.push_back(
            {{std::lround(x[0] * 1e6), std::lround(x[1] * 1e6), std::lround(x[2] * 1e6)}, u});
      }
  for (const auto& part : dealii::Utilities::MPI::gather(comm, local, 0))
    run.vertices.insert(part.begin(), part.end());
  return run;
}

} // namespace

TEST(Mpi, PlasticRunIsTheSameOnOneAndTwoRanks) {
  const MPI_Comm world = MPI_COMM_WORLD;
  ASSERT_EQ(dealii::Utilities::MPI::n_mpi_processes(world), 2u) << "run with mpirun -np 2";
  const MeshData mesh = layered_box(10, 10, 10, {5}, {"lower", "upper"}, 1.5);
  const CrushRun on_two = crush(mesh, world);
  const bool root = dealii::Utilities::MPI::this_mpi_process(world) == 0;
  MPI_Comm self;
  MPI_Comm_split(world, root ? 0 : MPI_UNDEFINED, 0, &self);
  if (!root)
    return;
  const CrushRun on_one = crush(mesh, self);
  MPI_Comm_free(&self);

  ASSERT_EQ(on_one.reactions.size(), on_two.reactions.size());
  for (std::size_t i = 0; i < on_one.reactions.size(); ++i)
    EXPECT_NEAR(on_two.reactions[i] / on_one.reactions[i], 1.0, 1e-7) << "step " << i;
  EXPECT_GT(on_one.plastic_volume, 10.0); // the crushed zone is part of the block, not all of it
  EXPECT_LT(on_one.plastic_volume, 1000.0);
  EXPECT_NEAR(on_two.plastic_volume / on_one.plastic_volume, 1.0, 1e-7);
  ASSERT_EQ(on_one.vertices.size(), on_two.vertices.size());
  double max_u = 0, max_diff = 0;
  for (const auto& [key, u] : on_one.vertices) {
    const auto& v = on_two.vertices.at(key);
    for (unsigned int c = 0; c < 3; ++c) {
      max_u = std::max(max_u, std::abs(u[c]));
      max_diff = std::max(max_diff, std::abs(u[c] - v[c]));
    }
  }
  EXPECT_LT(max_diff, 1e-7 * max_u);
  std::cout << "  plastic run, 1 vs 2 ranks: " << on_one.reactions.size() << " steps, reaction "
            << on_one.reactions.back() << " N, plastic volume " << on_one.plastic_volume
            << " mm3, largest vertex difference " << max_diff / max_u << " of max |u|\n";
}
