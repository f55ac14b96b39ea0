// Checks the crushable-foam material table (materials/crushable_foam_table.h): the built-in table
// reads and holds the bone of each quality and the grade 15 foam, the bone entries scale by the
// modulus factor (osteoporotic/normal initial yield 0.34), hardening strings parse to their
// points, and a malformed, softening, k = 3 or duplicate entry is refused with file:line. 1 MPI
// rank.
#include "materials/crushable_foam_table.h"
#include "core/input_error.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

using namespace spinefe;

namespace {

const CrushableFoamTable& builtin_table() {
  static const CrushableFoamTable table =
      CrushableFoamTable::read(CrushableFoamTable::builtin_file());
  return table;
}

double initial_yield(const std::string& name) {
  return builtin_table().parameters(name).hardening.yield_stress(0.0);
}

const std::string header = "name,E_MPa,nu,k,nu_p,hardening,confidence,source\n";

/// Writes `rows` under the header to `file` (in the test's working directory) and returns the
/// full what() of the error that reading it gives.
std::string table_error(const std::string& file, const std::string& rows) {
  std::ofstream(file) << header << rows;
  try {
    CrushableFoamTable::read(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST(CrushableFoamTable, BuiltinTableHoldsBoneOfEachQualityAndTheFoam) {
  const CrushableFoamTable& table = builtin_table();
  EXPECT_EQ(table.file(), CrushableFoamTable::builtin_file());
  for (const char* name : {"cancellous_bone_normal_foam", "cancellous_bone_osteopenic_foam",
                           "cancellous_bone_osteoporotic_foam", "pu_foam_grade15_crushable"})
    EXPECT_TRUE(table.contains(name)) << name;
  EXPECT_FALSE(table.contains("cancellous_bone_normal")); // a linear material, not a foam
  const std::vector<std::string> names = table.names();
  EXPECT_EQ(names.size(), 4u);
  // grade 15 foam: E 100 MPa, nu 0.3, k 1, nu_p 0, plateau 4.1 MPa.
  const CrushableFoamParameters& foam = table.parameters("pu_foam_grade15_crushable");
  EXPECT_DOUBLE_EQ(foam.youngs_modulus, 100);
  EXPECT_DOUBLE_EQ(foam.poisson_ratio, 0.3);
  EXPECT_DOUBLE_EQ(foam.yield_stress_ratio, 1.0);
  EXPECT_DOUBLE_EQ(foam.plastic_poisson_ratio, 0.0);
  EXPECT_DOUBLE_EQ(foam.hardening.yield_stress(0.0), 4.1);
}

TEST(CrushableFoamTable, BoneYieldScalesByTheModulusFactor) {
  // Normal cancellous bone yields at 2.1 MPa; the osteoporotic entry is the normal one scaled by
  // the modulus factor 0.34 (yield strain independent of density), to the table's 2 digits.
  const double normal = initial_yield("cancellous_bone_normal_foam");
  EXPECT_DOUBLE_EQ(normal, 2.1);
  EXPECT_NEAR(initial_yield("cancellous_bone_osteoporotic_foam") / normal, 0.34, 0.01);
  EXPECT_NEAR(initial_yield("cancellous_bone_osteopenic_foam") / normal, 0.66, 0.01);
  const double E_normal = builtin_table().parameters("cancellous_bone_normal_foam").youngs_modulus;
  EXPECT_NEAR(builtin_table().parameters("cancellous_bone_osteoporotic_foam").youngs_modulus /
                  E_normal,
              0.34, 1e-12);
  // Osteoporotic bone and normal bone yield at the same strain sigma_c0 / E (within 1%).
  EXPECT_NEAR((initial_yield("cancellous_bone_osteoporotic_foam") / 34) / (normal / 100), 1.0,
              0.01);
}

TEST(CrushableFoamTable, UnknownNameIsAnErrorNamingTheTable) {
  try {
    builtin_table().parameters("no_such_foam");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()),
              CrushableFoamTable::builtin_file() + ": no crushable-foam material 'no_such_foam'");
  }
}

TEST(CrushableFoamTable, HardeningStringParsesToItsPoints) {
  const HardeningCurve curve = parse_hardening_curve("test", "0:2.1 0.5:2.6  0.8:2.6");
  EXPECT_EQ(curve.plastic_strains(), (std::vector<double>{0.0, 0.5, 0.8}));
  EXPECT_EQ(curve.yield_stresses(), (std::vector<double>{2.1, 2.6, 2.6}));
  EXPECT_DOUBLE_EQ(curve.yield_stress(0.25), 2.35);
  EXPECT_DOUBLE_EQ(curve.yield_stress(2.0), 2.6); // constant past the last point
  // One point: perfectly plastic.
  const HardeningCurve flat = parse_hardening_curve("test", "0:4.1");
  EXPECT_EQ(flat.yield_stresses(), (std::vector<double>{4.1}));
  try {
    parse_hardening_curve("case.prm:3", "0:2.1 0.5:2.6x");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "case.prm:3: hardening entry '0.5:2.6x': expected plastic "
                                     "strain:yield stress [MPa], e.g. 0.5:2.6");
  }
}

TEST(CrushableFoamTable, BadTablesAreRefusedWithFileAndLine) {
  const std::string good = "good_foam,100,0.3,1.0,0.0,0:2.1 0.5:2.6,test,test\n";
  EXPECT_EQ(
      table_error("crushable_foam_malformed.csv",
                  good + "bad_foam,100,0.3,1.0,0.0,0:2.1 0.5-2.6,test,test\n"),
      "crushable_foam_malformed.csv:3: hardening entry '0.5-2.6': expected plastic strain:yield "
      "stress [MPa], e.g. 0.5:2.6");
  EXPECT_EQ(
      table_error("crushable_foam_softening.csv",
                  "soft_foam,100,0.3,1.0,0.0,0:2.1 0.5:2.6 0.8:1.9,test,test\n"),
      "crushable_foam_softening.csv:2: hardening point 3 (plastic strain 0.8, yield stress 1.9 "
      "MPa): expected a yield stress that does not fall (softening makes subsidence "
      "mesh-dependent)");
  EXPECT_EQ(
      table_error("crushable_foam_k3.csv", "cone_foam,100,0.3,3,0.0,0:2.1,test,test\n"),
      "crushable_foam_k3.csv:2: material 'cone_foam': yield stress ratio k (= sigma_c0/p_c0) is 3: "
      "expected a value in [0, 3) (3 would make the ellipse a cone open to hydrostatic "
      "pressure)");
  EXPECT_EQ(table_error("crushable_foam_twice.csv", good + good),
            "crushable_foam_twice.csv:3: material 'good_foam' is defined twice");
}
