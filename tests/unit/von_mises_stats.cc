// Checks the von Mises statistics of a region set (postprocess/von_mises_stats.h): in uniform
// uniaxial stress p (two layers in series, nu = 0) the mean, P95, P99 and max are all p to 1e-8
// relative and the volume is the region's, and a region set without volume is an error. 1 MPI rank.
#include "postprocess/von_mises_stats.h"
#include "core/input_error.h"
#include "meshing/generators.h"
#include "tests/support/layered_column.h"

#include <gtest/gtest.h>

using namespace spinefe;
namespace st = spinefe::testing;

TEST(VonMisesStats, UniformStressGivesOneValue) {
  const MeshData mesh = layered_box(10, 8, 12, {6}, {"bone", "implant"}, 2.5);
  ProblemDefinition p = st::roller_box(
      mesh, {LinearIsotropic("bone", 100, 0.0), LinearIsotropic("implant", 110000, 0.0)});
  const double pressure = 3.0;
  p.neumann = {st::pressure_on(mesh, "top", pressure)};
  const auto s = st::solve_mesh(mesh, p, st::exact_settings());
  const VonMisesStats implant = von_mises_stats(*s.solver, {st::region_of(mesh, "implant")});
  // Exact linear field up to direct-solve round-off, amplified by E = 1.1e5 MPa: 1e-8 relative.
  constexpr double tol = 1e-8;
  EXPECT_NEAR(implant.volume / 480, 1.0, 1e-12);
  EXPECT_NEAR(implant.mean / pressure, 1.0, tol);
  EXPECT_NEAR(implant.p95 / pressure, 1.0, tol);
  EXPECT_NEAR(implant.p99 / pressure, 1.0, tol);
  EXPECT_NEAR(implant.max / pressure, 1.0, tol);
  const VonMisesStats both = von_mises_stats(*s.solver, {0, 1});
  EXPECT_NEAR(both.volume / 960, 1.0, 1e-12);
  EXPECT_NEAR(both.p99 / pressure, 1.0, tol);
  std::cout << "P99/p - 1 = " << implant.p99 / pressure - 1 << "\n";
  EXPECT_THROW(von_mises_stats(*s.solver, {7}), InputError);
}
