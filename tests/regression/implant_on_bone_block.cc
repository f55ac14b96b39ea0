// Checks the implant-on-bone-block case (cases/implant-on-bone-block, shrunk to P1 by include) end
// to end through the CLI on 2 MPI ranks: the support reaction balances the 800 N load, and the
// headline numbers stay at their reference values. 1 MPI rank for the test itself; the run uses
// mpirun -np 2.
#include "tests/support/run_spinefe.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <iostream>

namespace {

/// The value of `quantity` for `name` in the tidy summary.csv.
double csv_value(const std::string& csv, const std::string& prefix) {
  const auto at = csv.find(prefix);
  if (at == std::string::npos)
    throw std::runtime_error("not in summary.csv: " + prefix);

  return std::stod(csv.substr(csv.rfind(',', csv.find('\n', at)) + 1));
}

// Reference values of this P1 mesh, recorded 2026-11-22 (gmsh's Delaunay meshes are reproducible).
constexpr double reference_max_u = 0.29798;        // mm
constexpr double reference_endplate_p95 = 6.93415; // MPa

} // namespace

TEST(Regression, ImplantOnBoneBlockOnTwoRanks) {
  const std::filesystem::path out = "regression_bone_block";
  const spinefe::test::CommandResult run = spinefe::test::run_case_mpi(
      2, SPINEFE_SOURCE_DIR "/tests/regression/implant_on_bone_block.prm", out);
  ASSERT_EQ(run.status, 0) << run.output;
  const std::string csv = spinefe::test::read_text(out / "summary.csv");
  // Free-body balance: the base carries the 800 N load (solver tolerance 1e-8 relative).
  EXPECT_NEAR(csv_value(csv, "surface,bottom,reaction_z,N,"), 800.0, 1e-4);
  // 0.5% absorbs solver-tolerance and platform rounding differences, not physics changes.
  const double max_u = csv_value(csv, "model,all,max_displacement,mm,");
  const double endplate_p95 = csv_value(csv, "region,endplate,p95_von_mises,MPa,");
  const double endplate_mean = csv_value(csv, "region,endplate,mean_von_mises,MPa,");
  std::cout << "max displacement " << max_u << " mm, endplate mean/P95 von Mises " << endplate_mean
            << "/" << endplate_p95 << " MPa\n";
  EXPECT_NEAR(max_u / reference_max_u, 1.0, 0.005);
  EXPECT_NEAR(endplate_p95 / reference_endplate_p95, 1.0, 0.005);
  // The physics the case exists to show: a stress ring under the stiff endcap.
  EXPECT_GT(endplate_p95, 3.0 * endplate_mean);
}
