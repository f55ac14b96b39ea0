// Checks that the spine model's ligament fibres become the right springs: k1 = E_small A/(n L0),
// k2 = E_large A/(n L0) and delta_t = transition strain x L0 from the built-in table (the
// fibres of one ligament at one segment share its area), that a lax ligament (slack_strain s)
// refers them to its zero-force length L = (1 + s) L0 and gets the slack delta_s = s L0 (also
// after broadcast_springs), that a table without the slack column reads as taut, that every
// fibre of the model gets a spring, and that a bad ligament table is refused with file:line.
// 1 MPI rank.
#include "mechanics/ligament_springs.h"
#include "core/input_error.h"

#include <gtest/gtest.h>
#include <mpi.h>

#include <fstream>

using namespace spinefe;

namespace {

LigamentFibre fibre(const std::string& ligament, const std::string& name, const double length) {
  return {ligament, name, "T11", "T12", Vec3(0, 0, length), Vec3(0, 0, 0)};
}

std::string read_error(const std::string& file) {
  try {
    LigamentTable::read(file);
  } catch (const InputError& e) {
    return e.where() + ": " + e.message();
  }
  return "no error";
}

} // namespace

TEST(LigamentSprings, StiffnessFollowsTheTableAndTheFibreShare) {
  const LigamentTable table = LigamentTable::read(LigamentTable::builtin_file());
  // ALL: E 7.8 / 20.0 MPa, transition strain 0.12, area 53 mm^2 (BMC MSD 11:151, Tab. 3).
  const auto springs =
      ligament_springs({fibre("ALL", "ALL_T11_T12_1", 10), fibre("ALL", "ALL_T11_T12_2", 20),
                        fibre("SSL", "SSL_T11_T12_1", 8)},
                       table);
  ASSERT_EQ(springs.size(), 3u);
  EXPECT_NEAR(springs[0].stiffness_small, 7.8 * 53 / (2 * 10.0), 1e-12);
  EXPECT_NEAR(springs[1].stiffness_large, 20.0 * 53 / (2 * 20.0), 1e-12);
  EXPECT_NEAR(springs[1].transition_elongation, 0.12 * 20, 1e-12);
  EXPECT_EQ(springs[0].slack_elongation, 0.0); // the ALL has no lax region
  // SSL: E 8.0 MPa, area 23 mm^2, a single fibre, lax by 15% (calibrated): its zero-force length
  // is 1.15 x 8 mm.
  EXPECT_NEAR(springs[2].stiffness_small, 8.0 * 23 / (1.15 * 8.0), 1e-12);
  EXPECT_NEAR(springs[2].slack_elongation, 0.15 * 8.0, 1e-12);
  EXPECT_EQ(springs[2].response, SpringResponse::tension_only);
  EXPECT_EQ(springs[2].name, "SSL_T11_T12_1");
  EXPECT_DOUBLE_EQ(springs[0].a[2], 10.0);
}

TEST(LigamentSprings, LaxLigamentStretchesByItsSlackFirst) {
  const std::string header =
      "name,E_small_MPa,transition_strain,E_large_MPa,area_mm2,source,slack_strain\n";
  std::ofstream("ligaments_lax.csv") << header << "ISL,10,0.14,11.6,26,test,0.25\n";
  const LigamentTable table = LigamentTable::read("ligaments_lax.csv");
  EXPECT_DOUBLE_EQ(table.get("ISL").slack_strain, 0.25);
  const auto springs =
      broadcast_springs(MPI_COMM_WORLD, ligament_springs({fibre("ISL", "ISL_1", 20)}, table));
  const double length = 1.25 * 20; // zero-force length [mm]
  EXPECT_NEAR(springs[0].slack_elongation, 5.0, 1e-12);
  EXPECT_NEAR(springs[0].stiffness_small, 10 * 26 / length, 1e-12);
  EXPECT_NEAR(springs[0].transition_elongation, 0.14 * length, 1e-12);
  EXPECT_EQ(springs[0].force(5.0), 0.0);
  EXPECT_NEAR(springs[0].force(6.0), 10 * 26 / length, 1e-12);
  // Without the column every ligament is taut at the neutral posture.
  std::ofstream("ligaments_taut.csv") << header.substr(0, header.rfind(',')) << "\n"
                                      << "ISL,10,0.14,11.6,26,test\n";
  EXPECT_EQ(LigamentTable::read("ligaments_taut.csv").get("ISL").slack_strain, 0.0);
  std::ofstream("ligaments_bad_slack.csv") << header << "SSL,8,0.2,15,23,test,0.6\n";
  EXPECT_EQ(read_error("ligaments_bad_slack.csv"),
            "ligaments_bad_slack.csv:2: slack_strain of ligament 'SSL' must lie in [0, 0.5), "
            "got 0.600000");
}

TEST(LigamentSprings, UnknownLigamentAndBadTablesAreErrors) {
  const LigamentTable table = LigamentTable::read(LigamentTable::builtin_file());
  EXPECT_THROW(ligament_springs({fibre("XYZ", "XYZ_1", 5)}, table), InputError);
  const std::string header = "name,E_small_MPa,transition_strain,E_large_MPa,area_mm2,source\n";
  std::ofstream("ligaments_bad_strain.csv") << header << "ALL,7.8,1.2,20,53,test\n";
  EXPECT_EQ(read_error("ligaments_bad_strain.csv"),
            "ligaments_bad_strain.csv:2: transition_strain of ligament 'ALL' must lie in (0, 1), "
            "got 1.200000");
  std::ofstream("ligaments_bad_area.csv") << header << "PLL,10,0.11,50,0,test\n";
  EXPECT_EQ(read_error("ligaments_bad_area.csv"),
            "ligaments_bad_area.csv:2: area_mm2 of ligament 'PLL' must be > 0, got 0.000000");
  std::ofstream("ligaments_twice.csv")
      << header << "LF,15,0.062,19.5,67,a\nLF,15,0.062,19.5,67,b\n";
  EXPECT_EQ(read_error("ligaments_twice.csv"),
            "ligaments_twice.csv:3: ligament 'LF' is defined twice");
}

TEST(LigamentSprings, EndsAttachOnlyToTheirOwnVertebra) {
  const LigamentTable table = LigamentTable::read(LigamentTable::builtin_file());
  const std::vector<std::string> regions = {"T11/cortical", "T11/posterior", "T12/cortical",
                                            "disc_T11_T12/annulus", "T110/cortical"};
  const auto springs = ligament_springs({fibre("CL", "CL_T11_T12_left_1", 3)}, table, regions);
  EXPECT_EQ(springs[0].regions_a, (std::vector<unsigned int>{0, 1})); // not the disc, not T110
  EXPECT_EQ(springs[0].regions_b, (std::vector<unsigned int>{2}));
}
