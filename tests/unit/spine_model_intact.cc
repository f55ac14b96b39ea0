// Checks the intact T10-L3 model: region volumes against the analytic loft volumes, the nucleus
// area fraction, the sagittal posture from the wedges, a mesh that is identical node for node
// when built twice, and an Abaqus deck that CalculiX runs without a WARNING. 1 MPI rank.
#include "meshing/anatomy_table.h"
#include "meshing/endplate_outline.h"
#include "meshing/spine_model.h"
#include "tests/support/calculix.h"
#include "tests/support/spine_mesh_checks.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

SpineModelSpec intact_spec() {
  SpineModelSpec spec = st::coarse_spine_spec();
  spec.surgery = Surgery::intact;
  return spec;
}

const SpineModel& model() {
  static const SpineModel m = build_spine_model(intact_spec());
  return m;
}

} // namespace

TEST(IntactSpine, BodyVolumesMatchTheLoftBetweenTheEndplates) {
  // The body is a ruled loft between the inferior and superior outlines. Its cross-section
  // area is k W D with a shape factor k (endplate_outline.h), and W, D vary linearly, so
  // V = k h [W1 D1 / 3 + W2 D2 / 3 + (W1 D2 + W2 D1) / 6]. The wedge tilts the top plane about
  // the outline's box centre rather than its centroid, which changes V by under 0.3%; 1% allowed.
  const AnatomyTable table = AnatomyTable::read(AnatomyTable::builtin_file());
  for (const auto& a : table.levels()) {
    const OutlineShape unit{1, 1, TissueGeometry().posterior_exponent};
    const double k = outline_area(unit);
    const double w1 = a.endplate_width_inf, d1 = a.endplate_depth_inf;
    const double w2 = a.endplate_width_sup, d2 = a.endplate_depth_sup;
    const double expected =
        k * a.body_height * (w1 * d1 / 3 + w2 * d2 / 3 + (w1 * d2 + w2 * d1) / 6);
    double volume = 0;
    for (const std::string part :
         {"/cortical", "/cancellous", "/endplate_inferior", "/endplate_superior"})
      volume += st::region_volume(model().mesh, a.name + part);
    EXPECT_NEAR(volume, expected, 0.01 * expected) << a.name;
  }
}

TEST(IntactSpine, NucleusHasItsAreaFractionOfTheDisc) {
  // The nucleus outline is the disc outline scaled by sqrt(fraction) at both ends, so in a
  // parallel disc its volume fraction is the area fraction. It sits 2 mm posterior of the box
  // centre, where a wedged disc is thinner or thicker: with wedges up to 6 degrees over a 34 mm
  // deep, 10-12 mm high disc that shifts the fraction by up to about 3%.
  const double f = TissueGeometry().nucleus_area_fraction;
  for (const std::string disc :
       {"disc_T10_T11", "disc_T11_T12", "disc_T12_L1", "disc_L1_L2", "disc_L2_L3"}) {
    const double n = st::region_volume(model().mesh, disc + "/nucleus");
    const double a = st::region_volume(model().mesh, disc + "/annulus");
    EXPECT_NEAR(n / (n + a), f, 0.03 * f) << disc;
  }
}

TEST(IntactSpine, PostureFollowsTheBodyAndDiscWedges) {
  // T10 superior to L3 inferior: the sum of the six body wedges and the five disc wedges
  // between them (exact: frames compose rotations about the same lateral axis).
  const AnatomyTable table = AnatomyTable::read(AnatomyTable::builtin_file());
  double sum = 0;
  for (const auto& a : table.levels()) {
    sum += a.body_wedge;
    if (a.name != "L3")
      sum += a.disc_below_wedge;
  }
  EXPECT_NEAR(model().kyphosis_t10_l3, sum, 1e-9);
}

TEST(IntactSpine, SameParametersGiveTheSameMesh) {
  const SpineModel again = build_spine_model(intact_spec());
  ASSERT_EQ(again.mesh.nodes.size(), model().mesh.nodes.size());
  ASSERT_EQ(again.mesh.tets.size(), model().mesh.tets.size());
  EXPECT_EQ(again.mesh.nodes, model().mesh.nodes);
  EXPECT_EQ(again.mesh.tets, model().mesh.tets);
  EXPECT_EQ(again.mesh.tet_region, model().mesh.tet_region);
  EXPECT_EQ(again.mesh.triangles, model().mesh.triangles);
}

TEST(IntactSpine, CalculixRunsTheGeneratedDeckWithoutWarning) {
  // Bone 12 GPa / discs 4 MPa / PMMA 3 GPa is enough for ccx to solve; only its log matters.
  ProblemDefinition problem;
  problem.region_names = model().mesh.region_names;
  for (const auto& name : problem.region_names) {
    const bool disc = name.rfind("disc_", 0) == 0;
    problem.materials.emplace_back(name, disc ? 4.0 : 12000.0, disc ? 0.45 : 0.3);
  }
  st::CalculixJob job;
  job.fixed_surfaces = {"pot_bottom/fixed"};
  job.pressures = {{"pot_top/load", 0.1}};
  job.quadratic = false;
  job.print_stresses = false;
  const std::filesystem::path dir = "ccx_intact_spine";
  std::filesystem::create_directories(dir);
  st::write_calculix_deck(model().mesh, problem, job, dir);
  const st::CalculixResult result = st::run_calculix(dir, 2);
  EXPECT_FALSE(result.has_warning) << result.log.substr(0, 2000);
  EXPECT_GT(result.max_displacement, 0.0);
}
