// Checks the default case (cases/t10-l3-printed-body, by include on its coarse mesh, standing and
// flexion, no intact twin: tests/regression/default_case.prm) end to end through the CLI on 2 MPI
// ranks:
//  - equilibrium: the follower load is self-equilibrated and the moment is pure, so the support
//    reaction is zero; |R| within 0.5% of the 400 N follower load (validation.md's free-body
//    check);
//  - load share: the implant and rod section forces at mid-implant add up to the 400 N follower
//    load that crosses the corpectomy, within 0.5%; each interface's contact resultant equals the
//    implant's section force within 0.5%;
//  - reference values (implant share, T12 subsidence risk index) within 0.5% (reason below).
// 1 MPI rank for the test itself; the run uses mpirun -np 2.
#include "postprocess/metrics_table.h"

#include "tests/support/run_spinefe.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>

namespace {

/// The value of "surface,<name>,<quantity>,N," in a summary.csv.
double reaction(const std::string& csv, const std::string& surface, const char axis) {
  const std::string prefix = "surface," + surface + ",reaction_" + axis + ",N,";
  const auto at = csv.find(prefix);
  if (at == std::string::npos)
    throw std::runtime_error("not in summary.csv: " + prefix);
  return std::stod(csv.substr(at + prefix.size()));
}

constexpr double follower_load = 400; // N, cases/t10-l3-printed-body/case.prm
// validation.md: equilibrium checks hold within 0.5% of the load.
constexpr double equilibrium = 0.005;

// Reference values of this mesh (coarse.prm), recorded 2026-12-06 on 2 ranks (gmsh 4 meshes are
// reproducible for one gmsh version): implant share and T12 subsidence risk index per load case.
// 0.5% absorbs the CG (1e-8) and contact-iteration tolerances and platform rounding (1 vs 2 ranks
// differ by <= 3.3e-7 in SRI, README 'Verification'); a change of the mechanics or the metric
// definitions moves them by more (an 800 mm^2 endcap halves the SRI).
struct Reference {
  const char* load_case;
  double share, sri_t12;
};
constexpr Reference references[] = {{"standing", 0.9577471951, 0.4062157881},
                                    {"flexion", 1.31636062, 0.5574588299}};
constexpr double reference_tolerance = 0.005;

} // namespace

TEST(Regression, DefaultCaseOnTwoRanks) {
  const std::filesystem::path out = "regression_default_case";
  const spinefe::test::CommandResult run =
      spinefe::test::run_case_mpi(2, SPINEFE_SOURCE_DIR "/tests/regression/default_case.prm", out);
  ASSERT_EQ(run.status, 0) << run.output;
  const spinefe::MetricTable metrics = spinefe::read_metrics_csv(out / "metrics.csv");
  const auto metric = [&](const std::string& lc, const std::string& kind, const std::string& name,
                          const std::string& quantity) {
    const double v = spinefe::find_metric(metrics, "instrumented", lc, kind, name, quantity);
    EXPECT_FALSE(std::isnan(v)) << lc << " " << kind << " " << name << " " << quantity;
    return v;
  };
  for (const std::string lc : {"standing", "flexion"}) {
    SCOPED_TRACE(lc);
    const std::string csv = spinefe::test::read_text(out / lc / "summary.csv");
    const double r =
        std::hypot(reaction(csv, "pot_bottom/fixed", 'x'), reaction(csv, "pot_bottom/fixed", 'y'),
                   reaction(csv, "pot_bottom/fixed", 'z'));
    EXPECT_LT(r, equilibrium * follower_load) << "support reaction " << r << " N";
    const double implant = metric(lc, "load_share", "implant", "axial_force");
    const double rods = metric(lc, "load_share", "rods", "axial_force");
    EXPECT_NEAR((implant + rods) / follower_load, 1.0, equilibrium)
        << "implant " << implant << " N + rods " << rods << " N";
    for (const char* side : {"T12_inferior", "L2_superior"})
      EXPECT_NEAR(
          metric(lc, "load_share", "implant", std::string("axial_force_from_contact_") + side) /
              implant,
          1.0, equilibrium)
          << side;
    for (const Reference& ref : references)
      if (lc == ref.load_case) {
        EXPECT_NEAR(metric(lc, "load_share", "implant", "share") / ref.share, 1.0,
                    reference_tolerance);
        EXPECT_NEAR(metric(lc, "interface", "T12_inferior", "subsidence_risk_index") / ref.sri_t12,
                    1.0, reference_tolerance);
      }
    std::cout << lc << ": reaction " << r << " N, implant " << implant << " N, rods " << rods
              << " N, share " << metric(lc, "load_share", "implant", "share") << ", SRI T12 "
              << metric(lc, "interface", "T12_inferior", "subsidence_risk_index") << ", SRI L2 "
              << metric(lc, "interface", "L2_superior", "subsidence_risk_index") << "\n";
  }
}
