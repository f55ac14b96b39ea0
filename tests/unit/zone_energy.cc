// Checks the bone zones, their mean strain energy density and the stress shielding index
// (postprocess/zone_energy.h, postprocess/cell_energy_field.h), as the pipeline computes them:
// gather_cell_energy on a solved model, then zone_mean_energy and stress_shielding_index.
//  - FE, uniform: uniaxial stress p (layers in series, nu = 0) gives SED = p^2/(2E) in every cell;
//  - FE, non-uniform: two bone layers of different moduli in series carry the same p, so the zone
//    mean is the volume-weighted mean of p^2/(2 E_1) and p^2/(2 E_2); SSI of a stiffer layer;
//  - a hand-built field with a known SED distribution (SED linear in x, unequal volumes): exact
//    volume-weighted means in a cylinder, a footprint annulus and with a hole excluded;
//  - an empty zone, a degenerate cylinder or footprint and a zero intact SED are errors naming
//    the zone. 1 MPI rank.
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

// bone_a: z in [0, 3], bone_b: z in [3, 6], implant: z in [6, 12].
const MeshData& column() {
  static const MeshData mesh = layered_box(10, 8, 12, {3, 6}, {"bone_a", "bone_b", "implant"}, 2.5);
  return mesh;
}

CellEnergyField solved_field(const double e_a, const double e_b, const double e_implant) {
  ProblemDefinition p = st::roller_box(column(), {LinearIsotropic("bone_a", e_a, 0.0),
                                                  LinearIsotropic("bone_b", e_b, 0.0),
                                                  LinearIsotropic("implant", e_implant, 0.0)});
  p.neumann = {st::pressure_on(column(), "top", pressure)};
  const auto s = st::solve_mesh(column(), p, st::exact_settings());
  return gather_cell_energy(*s.solver, {0, 1});
}

/// The same column with bone_a at E = 100, nu = 0: the SED of a phase that shares its strain.
CellEnergyField phase_field(const LinearIsotropic& phase) {
  ProblemDefinition p = st::roller_box(column(), {LinearIsotropic("bone_a", 100, 0.0),
                                                  LinearIsotropic("bone_b", 100, 0.0),
                                                  LinearIsotropic("implant", 110000, 0.0)});
  p.neumann = {st::pressure_on(column(), "top", pressure)};
  const auto s = st::solve_mesh(column(), p, st::exact_settings());
  return gather_cell_energy(*s.solver, {0}, &phase);
}

EnergyZone bone() {
  return {"bone", {"bone_a", "bone_b"}, nullptr};
}

// The field is the exact uniform uniaxial state in each layer up to the round-off of the direct
// solve; SED is quadratic in it, so 1e-10 relative holds with margin.
constexpr double tolerance = 1e-10;

/// A field of 10 unit-spaced cells on the x axis, x_c = c + 0.5, volume 1 + c, SED = 2 x_c [MPa]
/// (a linear distribution), all of region "bone".
CellEnergyField linear_field() {
  CellEnergyField f;
  f.region_names = {"bone", "other"};
  for (unsigned int c = 0; c < 10; ++c) {
    f.region.push_back(0);
    f.centroid.emplace_back(c + 0.5, 0, 0);
    f.volume.push_back(1.0 + c);
    f.sed.push_back(2 * (c + 0.5));
  }
  return f;
}

/// sum V_c SED_c / sum V_c over the cells c in [first, last] of linear_field().
double linear_mean(const unsigned int first, const unsigned int last) {
  double v = 0, e = 0;
  for (unsigned int c = first; c <= last; ++c) {
    v += 1.0 + c;
    e += (1.0 + c) * 2 * (c + 0.5);
  }
  return e / v;
}

template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

} // namespace

TEST(ZoneEnergy, UniaxialSedIsSigmaSquaredOverTwoE) {
  const CellEnergyField field = solved_field(100, 100, 110000);
  const ZoneEnergy zone = zone_mean_energy(field, bone());
  EXPECT_EQ(zone.name, "bone");
  EXPECT_NEAR(zone.volume / 480, 1.0, 1e-12); // 10 x 8 x 6 mm, exact quadrature
  EXPECT_NEAR(zone.mean_sed / (pressure * pressure / (2 * 100)), 1.0, tolerance);
}

TEST(ZoneEnergy, PhaseSharingTheStrainStoresItsOwnEnergy) {
  // Bone in the pores of an implant shares its strain (iso-strain): bone_a's uniaxial strain
  // p / 100 stores E_phase (p / 100)^2 / 2 in a phase of E_phase = 400, nu = 0.
  const CellEnergyField field = phase_field(LinearIsotropic("phase", 400, 0.0));
  const ZoneEnergy zone = zone_mean_energy(field, {"bone_a", {"bone_a"}, nullptr});
  EXPECT_NEAR(zone.volume / 240, 1.0, 1e-12); // bone_a only: 10 x 8 x 3 mm
  EXPECT_NEAR(zone.mean_sed / (0.5 * 400 * std::pow(pressure / 100, 2)), 1.0, tolerance);
}

TEST(ZoneEnergy, TwoLayersInSeriesGiveTheVolumeWeightedMean) {
  // Same p in both layers: SED_a = p^2/(2 100) = 0.02, SED_b = p^2/(2 400) = 0.005 MPa, equal
  // volumes (240 mm^3 each), so the zone mean is 0.0125 and each layer alone its own value.
  const CellEnergyField field = solved_field(100, 400, 110000);
  EXPECT_NEAR(zone_mean_energy(field, bone()).mean_sed / 0.0125, 1.0, tolerance);
  const ZoneEnergy a = zone_mean_energy(field, {"a", {"bone_a"}, nullptr});
  EXPECT_NEAR(a.mean_sed / 0.02, 1.0, tolerance);
  EXPECT_NEAR(a.volume / 240, 1.0, 1e-12);
  // A slab z in [0, 4.5]: every cell whose centroid lies below 4.5 mm. Its mean lies strictly
  // between the two layers' values and equals the volume-weighted mean of its cells.
  const ZoneShape slab = [](const dealii::Point<3>& x) { return x[2] <= 4.5; };
  double v = 0, e = 0;
  for (std::size_t c = 0; c < field.sed.size(); ++c)
    if (field.centroid[c][2] <= 4.5) {
      v += field.volume[c];
      e += field.volume[c] * (field.centroid[c][2] < 3 ? 0.02 : 0.005);
    }
  EXPECT_NEAR(zone_mean_energy(field, {"slab", {"bone_a", "bone_b"}, slab}).mean_sed / (e / v), 1.0,
              tolerance);

  // SSI against the all-100 MPa bone: layer b four times stiffer, same force, SED_b a quarter:
  // zone SSI = 1 - 0.0125 / 0.02 = 0.375; layer a unchanged, SSI = 0.
  const CellEnergyField intact = solved_field(100, 100, 110000);
  const auto ssi = [&](const EnergyZone& z) {
    return stress_shielding_index(zone_mean_energy(field, z).mean_sed,
                                  zone_mean_energy(intact, z).mean_sed);
  };
  EXPECT_NEAR(ssi(bone()), 0.375, tolerance);
  EXPECT_NEAR(ssi({"a", {"bone_a"}, nullptr}), 0.0, tolerance);
}

TEST(ZoneEnergy, KnownSedDistributionInEachShape) {
  const CellEnergyField field = linear_field();
  // All cells: sum (1+c) 2 (c+0.5) / sum (1+c) = 715 / 55 = 13 MPa.
  EXPECT_NEAR(zone_mean_energy(field, {"all", {"bone"}, nullptr}).mean_sed, 13.0, 1e-12);
  EXPECT_NEAR(linear_mean(0, 9), 13.0, 1e-12);
  // A cylinder about the x axis from x = 2 to 6: cells 2..5.
  Cylinder c{dealii::Point<3>(0, 0, 0), dealii::Tensor<1, 3>({3, 0, 0}), 1.0, 2.0, 6.0};
  const ZoneEnergy in_cylinder =
      zone_mean_energy(field, {"cylinder", {"bone"}, cylinder_shape("cylinder", c)});
  EXPECT_NEAR(in_cylinder.mean_sed, linear_mean(2, 5), 1e-12);
  EXPECT_NEAR(in_cylinder.volume, 3 + 4 + 5 + 6, 1e-12);
  // Footprints in the plane x = 0, seen along +x: a 4 x 4 mm square covers every cell of the
  // axis (to the prism's depth); a square annulus (outer half-width 2, inner 1 mm, like a mesh
  // cage's wall around its hollow) covers none of them, since they lie in its hollow.
  InterfaceFacets square{"square", {}}, ring{"ring", {}};
  const auto p = [](double y, double z) { return dealii::Point<3>(0, y, z); };
  square.triangles = {{p(-2, -2), p(2, -2), p(2, 2)}, {p(-2, -2), p(2, 2), p(-2, 2)}};
  for (const double s : {-1.0, 1.0}) // two bands |y| in [1, 2] and two |z| in [1, 2]
    ring.triangles.insert(ring.triangles.end(), {{p(s, -2), p(2 * s, -2), p(2 * s, 2)},
                                                 {p(s, -2), p(2 * s, 2), p(s, 2)},
                                                 {p(-1, s), p(1, s), p(1, 2 * s)},
                                                 {p(-1, s), p(1, 2 * s), p(-1, 2 * s)}});
  const dealii::Tensor<1, 3> along_x({1, 0, 0});
  const auto prism = [&](const InterfaceFacets& f, double depth) {
    const FootprintPrism fp = footprint_prism(f.name, f, dealii::Point<3>(), along_x, depth);
    return ZoneShape([fp](const dealii::Point<3>& x) { return fp.contains(x); });
  };
  EXPECT_NEAR(zone_mean_energy(field, {"under square", {"bone"}, prism(square, 10)}).mean_sed, 13.0,
              1e-12);
  EXPECT_NEAR(zone_mean_energy(field, {"under square", {"bone"}, prism(square, 4)}).mean_sed,
              linear_mean(0, 3), 1e-12);
  EXPECT_NE(error_of([&] {
              zone_mean_energy(field, {"T12/endplate_zone", {"bone"}, prism(ring, 10)});
            }).find("zone 'T12/endplate_zone' contains no bone cell"),
            std::string::npos);
  // Cells off the axis inside a band of the annulus are in it.
  CellEnergyField shifted = field;
  for (auto& x : shifted.centroid)
    x[1] = 1.5;
  EXPECT_NEAR(zone_mean_energy(shifted, {"ring", {"bone"}, prism(ring, 10)}).mean_sed, 13.0, 1e-12);
  // A hole cut out of the whole zone: cells 0..3 removed.
  const ZoneShape holed =
      excluding(nullptr, {cylinder_shape("hole", {dealii::Point<3>(), along_x, 0.5, 0, 4})});
  EXPECT_NEAR(zone_mean_energy(field, {"holed", {"bone"}, holed}).mean_sed, linear_mean(4, 9),
              1e-12);
  // Regions select: no cell is of region "other".
  EXPECT_NE(error_of([&] {
              zone_mean_energy(field, {"other zone", {"other"}, nullptr});
            }).find("zone 'other zone' contains no bone cell"),
            std::string::npos);
}

TEST(ZoneEnergy, BadInputIsAnErrorNamingTheZone) {
  EXPECT_NE(error_of([] {
              stress_shielding_index(0.01, 0);
            }).find("intact mean strain energy density must be > 0"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              cylinder_shape("screw_T12_left/bone",
                             {dealii::Point<3>(), dealii::Tensor<1, 3>({0, 0, 1}), 0, 0, 5});
            }).find("zone 'screw_T12_left/bone': a cylinder needs"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              footprint_prism("L2/endplate_zone", {"interface/L2_superior", {}}, dealii::Point<3>(),
                              dealii::Tensor<1, 3>({0, 0, 1}), 5);
            }).find("zone 'L2/endplate_zone': the footprint 'interface/L2_superior' has no facets"),
            std::string::npos);
  // The empty zone of a solved model: a cylinder outside the box.
  const CellEnergyField field = solved_field(100, 100, 110000);
  const ZoneShape outside = cylinder_shape(
      "screw T12 left", {dealii::Point<3>(50, 50, 0), dealii::Tensor<1, 3>({0, 0, 1}), 1, 0, 5});
  EXPECT_NE(error_of([&] {
              zone_mean_energy(field, {"screw T12 left", {"bone_a"}, outside});
            }).find("zone 'screw T12 left' contains no bone cell"),
            std::string::npos);
}
