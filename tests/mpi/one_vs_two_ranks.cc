// Checks that the displacement does not depend on the number of MPI ranks: the same
// multi-material P2 problem solved on 1 rank and on 2 ranks agrees at every mesh vertex to a
// relative 1e-8 (the validation target; both solves use a relative tolerance of 1e-12).
// MPI: 2
#include "meshing/generators.h"
#include "tests/support/solve.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <map>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

using VertexKey = std::array<long, 3>;

/// Displacement at every vertex of the locally owned cells, keyed by rounded coordinates, gathered
/// on rank 0 of `comm`.
std::map<VertexKey, std::array<double, 3>> vertex_displacements(const ElasticitySolver& solver,
                                                                MPI_Comm comm) {
  std::vector<std::pair<VertexKey, std::array<double, 3>>> local;
  for (const auto& cell : solver.space().dof_handler().active_cell_iterators())
    if (cell->is_locally_owned())
      for (const unsigned int v : cell->vertex_indices()) {
        const auto& x = cell->vertex(v);
        const VertexKey key{std::lround(x[0] * 1e6), std::lround(x[1] * 1e6),
                            std::lround(x[2] * 1e6)};
        std::array<double, 3> u;
        for (unsigned int c = 0; c < 3; ++c)
          u[c] = solver.solution()[cell->vertex_dof_index(v, c)];
        local.emplace_back(key, u);
      }
  std::map<VertexKey, std::array<double, 3>> all;
  for (const auto& part : dealii::Utilities::MPI::gather(comm, local, 0))
    all.insert(part.begin(), part.end());
  return all;
}

ProblemDefinition column(const MeshData& mesh) {
  ProblemDefinition p;
  p.materials = {LinearIsotropic("bone", 100, 0.2), LinearIsotropic("titanium", 110000, 0.3)};
  p.dirichlet.push_back({"bottom", st::boundary_of(mesh, "bottom"), {true, true, true}, nullptr});
  NeumannCondition load;
  load.surface = "top";
  load.boundary = st::boundary_of(mesh, "top");
  load.kind = NeumannCondition::Kind::total_force;
  load.vector = {50, 20, -800};
  p.neumann = {load};
  return p;
}

} // namespace

TEST(Mpi, OneRankAndTwoRanksGiveTheSameDisplacement) {
  const MPI_Comm world = MPI_COMM_WORLD;
  ASSERT_EQ(dealii::Utilities::MPI::n_mpi_processes(world), 2u) << "run with mpirun -np 2";
  const MeshData mesh = layered_box(10, 10, 20, {10}, {"bone", "titanium"}, 1.5);
  SolverSettings settings = st::verification_settings(2);
  settings.relative_tolerance = 1e-12;

  const auto parallel = st::solve_mesh(mesh, column(mesh), settings, world);
  const auto on_two = vertex_displacements(*parallel.solver, world);

  const bool root = dealii::Utilities::MPI::this_mpi_process(world) == 0;
  MPI_Comm self;
  MPI_Comm_split(world, root ? 0 : MPI_UNDEFINED, 0, &self);
  if (!root)
    return;
  const auto serial = st::solve_mesh(mesh, column(mesh), settings, self);
  const auto on_one = vertex_displacements(*serial.solver, self);
  MPI_Comm_free(&self);

  ASSERT_EQ(on_one.size(), on_two.size());
  ASSERT_EQ(on_one.size(), mesh.nodes.size());
  double max_u = 0, max_diff = 0;
  for (const auto& [key, u] : on_one)
    for (unsigned int c = 0; c < 3; ++c) {
      max_u = std::max(max_u, std::abs(u[c]));
      max_diff = std::max(max_diff, std::abs(u[c] - on_two.at(key)[c]));
    }
  std::cout << "max |u| " << max_u << " mm, largest 1-vs-2-rank difference " << max_diff / max_u
            << " (relative)\n";
  EXPECT_LT(max_diff / max_u, 1e-8);
}
