// Checks that the metric calculators (postprocess/) give the same figures on every rank and on 1
// and 2 ranks (relative 1e-9; both solves are direct, so only round-off differs): interface
// stress and subsidence risk on facets broadcast from rank 0, section force, zone SED, von Mises
// statistics; and that the section force through the implant equals the applied load above it
// (discrete equilibrium, 1e-8 of |F|).
// MPI: 2
#include "meshing/generators.h"
#include "postprocess/interface_stress.h"
#include "postprocess/section_force.h"
#include "postprocess/von_mises_stats.h"
#include "postprocess/zone_energy.h"
#include "tests/support/layered_column.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

const dealii::Tensor<1, 3> load({50, 20, -800}); // N on the top, as in one_vs_two_ranks

ProblemDefinition column(const MeshData& mesh) {
  ProblemDefinition p;
  p.materials = {LinearIsotropic("bone", 100, 0.2), LinearIsotropic("titanium", 110000, 0.3)};
  p.dirichlet.push_back({"bottom", st::boundary_of(mesh, "bottom"), {{true, true, true}}, nullptr});
  NeumannCondition f;
  f.surface = "top";
  f.boundary = st::boundary_of(mesh, "top");
  f.kind = NeumannCondition::Kind::total_force;
  f.vector = {load[0], load[1], load[2]};
  p.neumann = {f};
  return p;
}

/// Every figure of every calculator, in one vector.
std::vector<double> metrics(const ElasticitySolver& solver, const InterfaceFacets& facets) {
  const std::vector<unsigned int> bone = {0}, implant = {1};
  const EquivalentEllipse ellipse =
      equivalent_ellipse(solver.space(), bone, dealii::Tensor<1, 3>({0, 0, 1}));
  const EndplateStrength strength(EndplateStrengthParameters(), ellipse);
  const InterfaceStress i = interface_stress(solver, facets, bone, &strength);
  const SectionForce f = section_force(
      solver, {dealii::Point<3>(0, 0, 15.1), dealii::Tensor<1, 3>({0, 0, 1})}, implant);
  // The zone SED as the pipeline takes it: the cells gathered on rank 0, the zone there, the
  // result shared so that every rank reports it.
  const CellEnergyField field = gather_cell_energy(solver, bone);
  ZoneEnergy z;
  if (dealii::Utilities::MPI::this_mpi_process(solver.space().comm()) == 0)
    z = zone_mean_energy(
        field, {"endplate zone",
                {"bone"},
                cylinder_shape("endplate zone", {dealii::Point<3>(5, 5, 10),
                                                 dealii::Tensor<1, 3>({0, 0, -1}), 3, 0, 5})});
  z.volume = dealii::Utilities::MPI::broadcast(solver.space().comm(), z.volume, 0);
  z.mean_sed = dealii::Utilities::MPI::broadcast(solver.space().comm(), z.mean_sed, 0);
  const VonMisesStats v = von_mises_stats(solver, implant);
  return {i.area,
          i.loaded_area,
          i.mean,
          i.p95,
          i.max,
          i.risk_p95,
          i.risk_max,
          i.area_fraction_at_risk,
          f.force[0],
          f.force[1],
          f.force[2],
          z.volume,
          z.mean_sed,
          v.mean,
          v.p95,
          v.p99,
          v.max,
          ellipse.semi_axes[0],
          ellipse.semi_axes[1]};
}

} // namespace

TEST(MetricsRanks, SameFiguresOnOneAndTwoRanks) {
  const MPI_Comm world = MPI_COMM_WORLD;
  ASSERT_EQ(dealii::Utilities::MPI::n_mpi_processes(world), 2u) << "run with mpirun -np 2";
  const bool root = dealii::Utilities::MPI::this_mpi_process(world) == 0;
  const MeshData mesh = layered_box(10, 10, 20, {10}, {"bone", "titanium"}, 2.5);
  // The facets exist on rank 0 only (as when rank 0 reads the mesh), then are broadcast.
  InterfaceFacets local;
  if (root)
    local = st::layer_cut_facets(mesh, 10, "interface/cut");
  const InterfaceFacets facets = broadcast(world, local);
  ASSERT_EQ(facets.name, "interface/cut");
  ASSERT_GT(facets.triangles.size(), 0u);

  const auto parallel = st::solve_mesh(mesh, column(mesh), st::exact_settings(), world);
  const std::vector<double> on_two = metrics(*parallel.solver, facets);

  // Identical on every rank: the largest and smallest over the ranks agree bit for bit.
  for (std::size_t k = 0; k < on_two.size(); ++k) {
    EXPECT_EQ(dealii::Utilities::MPI::max(on_two[k], world),
              dealii::Utilities::MPI::min(on_two[k], world))
        << "figure " << k;
  }
  // The implant above z = 15.1 carries the applied load: T = F (the +n part pushes on the -n
  // part with the load it receives). Direct solve: equilibrium to round-off, 1e-8 of |F|.
  for (unsigned int d = 0; d < 3; ++d)
    EXPECT_NEAR(on_two[8 + d], load[d], 1e-8 * load.norm()) << d;

  MPI_Comm self;
  MPI_Comm_split(world, root ? 0 : MPI_UNDEFINED, 0, &self);
  if (!root)
    return;
  const auto serial = st::solve_mesh(mesh, column(mesh), st::exact_settings(), self);
  const std::vector<double> on_one = metrics(*serial.solver, facets);
  MPI_Comm_free(&self);
  double largest = 0;
  for (std::size_t k = 0; k < on_one.size(); ++k) {
    const double scale = std::max(std::abs(on_one[k]), 1e-30);
    const double difference = std::abs(on_one[k] - on_two[k]) / scale;
    largest = std::max(largest, difference);
    EXPECT_LT(difference, 1e-9) << "figure " << k << ": " << on_one[k] << " vs " << on_two[k];
  }
  std::cout << "interface mean " << on_one[2] << " P95 " << on_one[3] << " max " << on_one[4]
            << " MPa, risk P95 " << on_one[5] << ", section force " << on_one[8] << " " << on_one[9]
            << " " << on_one[10] << " N; largest 1-vs-2-rank difference " << largest << "\n";
}
