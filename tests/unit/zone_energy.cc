// Checks the zone strain energy density and the stress shielding index
// (postprocess/zone_energy.h): in uniaxial stress p (layers in series, nu = 0), mean SED = p^2/(2E)
// to 1e-10 relative, also in a cylinder zone; SSI = 0 for identical models; for layers in series
// under the same applied force the bone's SED is p^2/(2 E_bone), so doubling E_bone gives SSI = 1 -
// E/(2E) = 0.5 and changing the implant modulus gives SSI = 0 (no shielding in series); bad input
// is an error. 1 MPI rank.
#include "postprocess/zone_energy.h"
#include "core/input_error.h"
#include "meshing/generators.h"
#include "tests/support/layered_column.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

constexpr double pressure = 2.0; // MPa on the 10 x 8 mm top

const MeshData& column() {
  static const MeshData mesh = layered_box(10, 8, 12, {6}, {"bone", "implant"}, 2.5);
  return mesh;
}

st::Solved solve_column(const double e_bone, const double e_implant) {
  ProblemDefinition p = st::roller_box(
      column(), {LinearIsotropic("bone", e_bone, 0.0), LinearIsotropic("implant", e_implant, 0.0)});
  p.neumann = {st::pressure_on(column(), "top", pressure)};
  return st::solve_mesh(column(), p, st::exact_settings());
}

Zone bone_body() {
  return {"bone", {st::region_of(column(), "bone")}, std::nullopt};
}

// The field is the exact uniform uniaxial state up to the round-off of the direct solve; SED is
// quadratic in it, so 1e-10 relative holds with margin.
constexpr double tolerance = 1e-10;

} // namespace

TEST(ZoneEnergy, UniaxialSedIsSigmaSquaredOverTwoE) {
  const auto s = solve_column(100, 110000);
  const ZoneEnergy bone = zone_energy(*s.solver, bone_body());
  EXPECT_EQ(bone.name, "bone");
  EXPECT_NEAR(bone.volume / 480, 1.0, 1e-12); // 10 x 8 x 6 mm, exact quadrature
  EXPECT_NEAR(bone.mean_sed / (pressure * pressure / (2 * 100)), 1.0, tolerance);
  const ZoneEnergy implant =
      zone_energy(*s.solver, {"implant", {st::region_of(column(), "implant")}, std::nullopt});
  EXPECT_NEAR(implant.mean_sed / (pressure * pressure / (2 * 110000)), 1.0, tolerance);
  std::cout << "bone SED " << bone.mean_sed << " MPa, relative error "
            << bone.mean_sed / (pressure * pressure / 200) - 1 << "\n";

  // The 5 mm endplate zone under a 3 mm "endcap": cylinder from the interface (z = 6) into the
  // bone (axis -z). Same SED; the volume is pi 3^2 5 = 141.4 mm^3 counted at quadrature points
  // of ~2.5 mm cells, so 10% is the bound for it.
  Zone endplate = bone_body();
  endplate.name = "endplate zone";
  endplate.cylinder =
      Cylinder{dealii::Point<3>(5, 4, 6), dealii::Tensor<1, 3>({0, 0, -2}), 3.0, 0.0, 5.0};
  const ZoneEnergy zone = zone_energy(*s.solver, endplate);
  EXPECT_NEAR(zone.mean_sed / (pressure * pressure / 200), 1.0, tolerance);
  EXPECT_NEAR(zone.volume / (M_PI * 9 * 5), 1.0, 0.1) << zone.volume;
}

TEST(ZoneEnergy, StressShieldingIndexOfKnownModulusChanges) {
  const auto intact = solve_column(100, 110000);
  const double sed_intact = zone_energy(*intact.solver, bone_body()).mean_sed;
  // Identical model: the same deterministic solve, so 0 to round-off.
  const auto same = solve_column(100, 110000);
  EXPECT_NEAR(stress_shielding_index(zone_energy(*same.solver, bone_body()).mean_sed, sed_intact),
              0.0, 1e-12);
  // Same force, bone twice as stiff: SED = p^2 / (2 E) halves, SSI = 1 - 100/200 = 0.5.
  const auto stiffer_bone = solve_column(200, 110000);
  EXPECT_NEAR(
      stress_shielding_index(zone_energy(*stiffer_bone.solver, bone_body()).mean_sed, sed_intact),
      0.5, tolerance);
  // In series the bone carries the whole force whatever the implant: a PEEK implant shields
  // nothing, SSI = 0.
  const auto peek = solve_column(100, 3600);
  EXPECT_NEAR(stress_shielding_index(zone_energy(*peek.solver, bone_body()).mean_sed, sed_intact),
              0.0, tolerance);
}

TEST(ZoneEnergy, BadInputIsAnError) {
  try {
    stress_shielding_index(0.01, 0);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("intact mean strain energy density must be > 0"),
              std::string::npos)
        << e.what();
  }
  const auto s = solve_column(100, 110000);
  Zone zone = bone_body();
  zone.name = "screw T12 left";
  zone.cylinder = Cylinder{dealii::Point<3>(5, 4, 0), dealii::Tensor<1, 3>({0, 0, 1}), 0, 0, 5};
  try {
    zone_energy(*s.solver, zone);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("cylinder of zone 'screw T12 left' needs"),
              std::string::npos)
        << e.what();
  }
  zone.cylinder->radius = 1;
  zone.cylinder->axis_point = dealii::Point<3>(50, 50, 0); // outside the box
  try {
    zone_energy(*s.solver, zone);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("zone 'screw T12 left' contains no bone volume"),
              std::string::npos)
        << e.what();
  }
}
