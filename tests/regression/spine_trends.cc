// Checks the design trends validation.md requires, on the T10-L3 printed-body construct (coarse
// mesh, P1, standing and flexion, 2 MPI ranks through the CLI, endcaps in frictional contact): a
// larger endcap area gives a lower subsidence risk index; a lower implant modulus gives a lower
// stress-shielding index at the endplates next to the implant and in the bone grown into the
// printed body's core; osteoporotic bone gives a higher
// subsidence risk; the instrumentation reduces the ROM of the bridged segment T12-L2 against the
// intact spine. Also: the contact forces balance the implant's section force (0.5%). The four runs
// share one mesh cache and baseline cache, so the endcap variant is the only other mesh and the
// osteoporotic variant the only other intact baseline. A fifth run, the base model in flexion on 1
// rank, must give the interface metrics of 2 ranks, where pairs straddle the partition.
// The base run is also the end-to-end regression of the default case (cases/t10-l3-printed-body
// by include, on its coarse mesh): equilibrium, load share and reference values, asserted on it
// rather than on a sixth run of the same model.
#include "postprocess/metrics_table.h"

#include "tests/support/run_spinefe.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace {

using spinefe::find_metric;
using spinefe::MetricTable;

const std::filesystem::path root = "spine_trends";

/// Runs tests/regression/trends/<name>.prm on `ranks` ranks and reads its metrics.
MetricTable run(const std::string& name, const int ranks = 2) {
  const auto out = root / name;
  const auto log = root / (name + ".log");
  // A clean environment: this process is an MPI singleton whose variables would capture mpirun.
  const std::string command =
      "env -i PATH=/usr/bin:/bin OMPI_ALLOW_RUN_AS_ROOT=1 "
      "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 mpirun -np " +
      std::to_string(ranks) +
      " " SPINEFE_BINARY " run " SPINEFE_SOURCE_DIR "/tests/regression/trends/" + name +
      ".prm --output " + out.string() + " > " + log.string() + " 2>&1";
  if (std::system(command.c_str()) != 0)
    throw std::runtime_error("spinefe failed for " + name + ":\n" + spinefe::test::read_text(log));
  return spinefe::read_metrics_csv(out / "metrics.csv");
}

class SpineTrends : public ::testing::Test {
protected:
  static void SetUpTestSuite() {
    std::filesystem::remove_all(root);
    std::filesystem::create_directories(root);
    base = run("base");
    endcap_800 = run("endcap_800");
    solid_titanium = run("solid_titanium");
    osteoporotic = run("osteoporotic");
    flexion_one_rank = run("base_flexion", 1); // the mesh comes from the cache
  }
  static MetricTable base, endcap_800, solid_titanium, osteoporotic, flexion_one_rank;
};
MetricTable SpineTrends::base, SpineTrends::endcap_800, SpineTrends::solid_titanium,
    SpineTrends::osteoporotic, SpineTrends::flexion_one_rank;

double risk(const MetricTable& t, const std::string& lc, const std::string& interface) {
  return find_metric(t, "instrumented", lc, "interface", interface, "subsidence_risk_index");
}

/// The value of "surface,<name>,reaction_<axis>,N," in a summary.csv.
double reaction(const std::string& csv, const std::string& surface, const char axis) {
  const std::string prefix = "surface," + surface + ",reaction_" + axis + ",N,";
  const auto at = csv.find(prefix);
  if (at == std::string::npos)
    throw std::runtime_error("not in summary.csv: " + prefix);
  return std::stod(csv.substr(at + prefix.size()));
}

double ssi(const MetricTable& t, const std::string& lc, const std::string& zone) {
  return find_metric(t, "instrumented", lc, "ssi", zone, "ssi");
}

} // namespace

TEST_F(SpineTrends, LargerEndcapLowersSubsidenceRisk) {
  for (const char* lc : {"standing", "flexion"})
    for (const char* i : {"T12_inferior", "L2_superior"}) {
      SCOPED_TRACE(std::string(lc) + " " + i);
      const double r500 = risk(base, lc, i), r800 = risk(endcap_800, lc, i);
      std::cout << lc << " " << i << ": SRI 500 mm2 " << r500 << ", 800 mm2 " << r800 << "\n";
      ASSERT_TRUE(std::isfinite(r500) && std::isfinite(r800));
      EXPECT_LT(r800, r500);
    }
}

TEST_F(SpineTrends, LowerImplantModulusLowersStressShielding) {
  for (const char* lc : {"standing", "flexion"})
    for (const char* zone : {"T12/endplate_zone", "L2/endplate_zone"}) {
      SCOPED_TRACE(std::string(lc) + " " + zone);
      const double porous = ssi(base, lc, zone), solid = ssi(solid_titanium, lc, zone);
      std::cout << lc << " " << zone << ": SSI 3 GPa " << porous << ", 110 GPa " << solid << "\n";
      ASSERT_TRUE(std::isfinite(porous) && std::isfinite(solid));
      EXPECT_LT(porous, solid);
    }
}

// Where fusion happens: bone in the printed body's porous core (iso-strain with the lattice,
// postprocess/graft_metrics.h) is shielded against the intact L1 body in the same volume, and
// more so in a stiffer body (the mission's second question, asked at the graft).
TEST_F(SpineTrends, StifferImplantShieldsTheIngrowthZoneMore) {
  for (const char* lc : {"standing", "flexion"}) {
    SCOPED_TRACE(lc);
    const auto graft_ssi = [&](const MetricTable& t) {
      return find_metric(t, "instrumented", lc, "graft", "ingrowth_core", "ssi");
    };
    const double porous = graft_ssi(base), solid = graft_ssi(solid_titanium);
    std::cout << lc << " ingrowth core: graft SSI 3 GPa " << porous << ", 110 GPa " << solid
              << "\n";
    ASSERT_TRUE(std::isfinite(porous) && std::isfinite(solid));
    EXPECT_GT(porous, 0.0);
    EXPECT_LT(porous, solid);
    EXPECT_LE(solid, 1.0);
  }
}

TEST_F(SpineTrends, OsteoporoticBoneRaisesSubsidenceRisk) {
  for (const char* lc : {"standing", "flexion"})
    for (const char* i : {"T12_inferior", "L2_superior"}) {
      SCOPED_TRACE(std::string(lc) + " " + i);
      const double normal = risk(base, lc, i), weak = risk(osteoporotic, lc, i);
      std::cout << lc << " " << i << ": SRI normal " << normal << ", osteoporotic " << weak << "\n";
      EXPECT_GT(weak, normal);
    }
}

TEST_F(SpineTrends, InstrumentationReducesBridgedSegmentMotion) {
  const double instrumented =
      find_metric(base, "instrumented", "flexion", "segment", "T12-L2", "flexion_extension");
  const double intact =
      find_metric(base, "intact", "flexion", "segment", "T12-L2", "flexion_extension");
  std::cout << "T12-L2 flexion: instrumented " << instrumented << " deg, intact " << intact
            << " deg\n";
  ASSERT_TRUE(std::isfinite(instrumented) && std::isfinite(intact));
  EXPECT_LT(std::abs(instrumented), std::abs(intact));
  // The standing follower load must also leave the construct far stiffer than the intact spine
  // in flexion at every instrumented level: the rods bridge T10-L3.
  const double t10_l3_instr =
      find_metric(base, "instrumented", "flexion", "segment", "T10-L3", "flexion_extension");
  const double t10_l3_intact =
      find_metric(base, "intact", "flexion", "segment", "T10-L3", "flexion_extension");
  EXPECT_LT(std::abs(t10_l3_instr), std::abs(t10_l3_intact));
}

// The contact forces are the interface forces: their axial resultant at each endcap must equal
// the compression carried through the implant's mid-height section (an independent discrete
// section integral of the stresses, postprocess/section_force.h). The implant carries no other
// load, so the two agree to the solver and contact tolerances (1e-8, 1e-4); 0.5% is the
// requirement for the interface metrics to be called consistent.
TEST_F(SpineTrends, ContactForcesBalanceTheImplantSectionForce) {
  for (const auto* table : {&base, &endcap_800, &solid_titanium, &osteoporotic})
    for (const char* lc : {"standing", "flexion"}) {
      const double section =
          find_metric(*table, "instrumented", lc, "load_share", "implant", "axial_force");
      for (const char* i : {"T12_inferior", "L2_superior"}) {
        SCOPED_TRACE(std::string(lc) + " " + i);
        const double contact = find_metric(*table, "instrumented", lc, "load_share", "implant",
                                           std::string("axial_force_from_contact_") + i);
        std::cout << lc << " " << i << ": section force " << section << " N, contact " << contact
                  << " N, relative difference " << std::abs(contact - section) / std::abs(section)
                  << "\n";
        ASSERT_TRUE(std::isfinite(section) && std::isfinite(contact));
        EXPECT_LT(std::abs(contact - section), 0.005 * std::abs(section));
      }
    }
}

// The same model on 1 and 2 ranks (pairs straddle the partition on 2), in flexion, where part of
// the endcap lifts off: the interface metrics agree to the contact tolerance (forces converged to
// 1e-4 of their norm), 1e-3 relative. The 1-rank run starts flexion from the unloaded state, the
// 2-rank run from standing: the answer must not depend on the starting guess either.
TEST_F(SpineTrends, OneAndTwoRanksGiveTheSameInterfaceMetrics) {
  for (const char* i : {"T12_inferior", "L2_superior"})
    for (const char* q : {"normal_stress_mean", "normal_stress_p95", "subsidence_risk_index",
                          "normal_force", "lift_off_fraction", "cop_anterior"}) {
      SCOPED_TRACE(std::string(i) + " " + q);
      const double two = find_metric(base, "instrumented", "flexion", "interface", i, q);
      const double one =
          find_metric(flexion_one_rank, "instrumented", "flexion", "interface", i, q);
      std::cout << "flexion " << i << " " << q << ": 2 ranks " << two << ", 1 rank " << one << "\n";
      // Forces and pressures to 1e-3 relative; the lift-off fraction to one pair's share of the
      // area (a pair at the edge of contact may close on one run and not on the other); the
      // centre of pressure to 1e-3 mm.
      const double tolerance = std::string(q) == "lift_off_fraction" ? 0.005
                               : std::string(q) == "cop_anterior"    ? 1e-3
                                                                     : 1e-3 * std::abs(two);
      EXPECT_NEAR(one, two, tolerance);
    }
}

// Every metric of the construct in flexion, not only the interface ones (ROM, load share,
// section forces, von Mises percentiles, zone energies, ...), on 1 and 2 ranks. Bound: 1e-4 of the
// largest magnitude of the same quantity in the table, the contact tolerance (a near-zero
// component of a rotation or a force is measured against its siblings, as the solver tolerance is
// relative to the whole solution), and the lift-off fraction to 0.005 as above. Measured
// 2026-12-07: 94 metrics, largest difference 7.2e-6 (T12 interface peak slip). The Krylov
// iteration count is a property of the partition's preconditioner, not a result: left out.
TEST_F(SpineTrends, EveryConstructMetricAgreesOnOneAndTwoRanks) {
  std::map<std::string, double> scale; // kind/quantity/unit -> largest |value|
  const auto group = [](const spinefe::MetricRow& r) {
    return r.kind + "/" + r.quantity + "/" + r.unit;
  };
  for (const auto& r : base)
    if (r.model == "instrumented" && r.load_case == "flexion")
      scale[group(r)] = std::max(scale[group(r)], std::abs(r.value));
  unsigned int compared = 0;
  double worst = 0;
  std::string worst_at;
  for (const auto& r : flexion_one_rank) {
    if (r.model != "instrumented" || r.load_case != "flexion" || r.quantity == "krylov_iterations")
      continue;
    SCOPED_TRACE(r.kind + " " + r.name + " " + r.quantity);
    const double two = find_metric(base, r.model, r.load_case, r.kind, r.name, r.quantity);
    const double allowed = r.quantity == "lift_off_fraction" ? 0.005 : 1e-4 * scale[group(r)];
    EXPECT_NEAR(r.value, two, allowed);
    const double relative = scale[group(r)] > 0 ? std::abs(r.value - two) / scale[group(r)] : 0;
    if (relative > worst) {
      worst = relative;
      worst_at = r.kind + " " + r.name + " " + r.quantity;
    }
    ++compared;
  }
  std::cout << compared << " metrics compared on 1 and 2 ranks; largest difference " << worst
            << " of its quantity's scale, at " << worst_at << "\n";
  EXPECT_GT(compared, 50u) << "the flexion run lost its metrics";
}

namespace {
constexpr double follower_load = 400; // N, cases/t10-l3-printed-body/case.prm
// validation.md: equilibrium checks hold within 0.5% of the load.
constexpr double equilibrium = 0.005;

// Reference values of the coarse default model (base.prm), recorded 2026-12-06 on 2 ranks (gmsh 4
// meshes are reproducible for one gmsh version): implant share and T12 subsidence risk index per
// load case. 0.5% absorbs the CG (1e-8) and contact-iteration tolerances and platform rounding
// (1 vs 2 ranks differ by <= 3.3e-7 in SRI, README 'Verification'); a change of the mechanics or
// the metric definitions moves them by more (an 800 mm^2 endcap halves the SRI). The solver
// changes of 2026-12-06 (operator assembled once, flat restore) reproduced all ten digits.
// Re-recorded 2026-12-07 with the facet faces inclined 15 deg and the posterior ligaments lax by
// 15% (materials/data/ligaments.csv): share -0.09%, SRI +0.45% against the earlier values.
struct Reference {
  const char* load_case;
  double share, sri_t12;
};
constexpr Reference references[] = {{"standing", 0.9569352402, 0.4080626275},
                                    {"flexion", 1.315427657, 0.5599863247}};
constexpr double reference_tolerance = 0.005;
} // namespace

// The default case end to end through the CLI on 2 ranks: the follower load is self-equilibrated
// and the moment pure, so the support reaction is zero (within 0.5% of the 400 N follower load,
// validation.md's free-body check); the implant and rod section forces at mid-implant add up to
// the 400 N that crosses the corpectomy within 0.5%; the reference values hold within 0.5%.
TEST_F(SpineTrends, DefaultCaseBalancesAndMatchesItsReference) {
  const auto metric = [&](const std::string& lc, const std::string& kind, const std::string& name,
                          const std::string& quantity) {
    const double v = find_metric(base, "instrumented", lc, kind, name, quantity);
    EXPECT_FALSE(std::isnan(v)) << lc << " " << kind << " " << name << " " << quantity;
    return v;
  };
  for (const Reference& ref : references) {
    const std::string lc = ref.load_case;
    SCOPED_TRACE(lc);
    const std::string csv = spinefe::test::read_text(root / "base" / lc / "summary.csv");
    const double r =
        std::hypot(reaction(csv, "pot_bottom/fixed", 'x'), reaction(csv, "pot_bottom/fixed", 'y'),
                   reaction(csv, "pot_bottom/fixed", 'z'));
    EXPECT_LT(r, equilibrium * follower_load) << "support reaction " << r << " N";
    const double implant = metric(lc, "load_share", "implant", "axial_force");
    const double rods = metric(lc, "load_share", "rods", "axial_force");
    EXPECT_NEAR((implant + rods) / follower_load, 1.0, equilibrium)
        << "implant " << implant << " N + rods " << rods << " N";
    const double share = metric(lc, "load_share", "implant", "share");
    const double sri = metric(lc, "interface", "T12_inferior", "subsidence_risk_index");
    EXPECT_NEAR(share / ref.share, 1.0, reference_tolerance);
    EXPECT_NEAR(sri / ref.sri_t12, 1.0, reference_tolerance);
    std::cout << lc << ": reaction " << r << " N, implant " << implant << " N, rods " << rods
              << " N, share " << share << ", SRI T12 " << sri << "\n";
  }
}
