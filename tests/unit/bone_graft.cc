// Checks the bone graft and ingrowth materials (materials/bone_graft.h, material_choice.h):
//  - the three healing stages resolve to their library entries with the documented moduli;
//  - the lattice porosity inverts Gibson-Ashby exactly, and solid titanium has no pores;
//  - the iso-strain (Voigt) mixture stores exactly W_lattice + c W_bone for any strain (its
//    defining property), and is the lattice itself at c = 0;
//  - 'Ingrowth fraction' applies the mixture at c = f p to the role 'implant'. 1 MPI rank.
#include "materials/bone_graft.h"
#include "core/input_error.h"
#include "materials/material_choice.h"
#include "materials/porous_implant.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace spinefe;

namespace {
const MaterialLibrary& library() {
  static const MaterialLibrary l = MaterialLibrary::read(MaterialLibrary::builtin_file());
  return l;
}

dealii::SymmetricTensor<2, 3> general_strain() {
  dealii::SymmetricTensor<2, 3> e;
  e[0][0] = -1.2e-3;
  e[1][1] = 0.4e-3;
  e[2][2] = 0.3e-3;
  e[0][1] = 0.25e-3;
  e[1][2] = -0.1e-3;
  e[0][2] = 0.05e-3;
  return e;
}
} // namespace

TEST(BoneGraft, StagesResolveToTheirLibraryModuli) {
  MaterialChoices c;
  const std::vector<std::pair<GraftStage, double>> stages = {
      {GraftStage::fresh, 100}, {GraftStage::partly_fused, 1000}, {GraftStage::fused, 6000}};
  for (const auto& [stage, modulus] : stages) {
    c.graft_stage = stage;
    EXPECT_DOUBLE_EQ(choose_material("graft", c, library()).youngs_modulus(), modulus);
    EXPECT_EQ(parse_graft_stage(graft_stage_name(stage)), stage);
  }
  EXPECT_TRUE(is_role_material("graft"));
  try {
    parse_graft_stage("healed");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), "Materials/Graft stage: unknown stage 'healed'; expected "
                                     "fresh, partly fused or fused");
  }
}

TEST(BoneGraft, PorosityInvertsGibsonAshby) {
  for (const double p : {0.0, 0.3, 0.6, 0.835, 0.95})
    EXPECT_NEAR(lattice_porosity(gibson_ashby_modulus(110000, p), 110000), p, 1e-12) << p;
  EXPECT_EQ(lattice_porosity(110000, 110000), 0.0); // solid titanium: no pores
  EXPECT_EQ(lattice_porosity(220000, 110000), 0.0);
  EXPECT_THROW(lattice_porosity(0, 110000), std::invalid_argument);
}

TEST(BoneGraft, VoigtMixtureStoresTheSumOfThePhaseEnergies) {
  const LinearIsotropic lattice("lattice", 3000, 0.3), bone("bone", 1000, 0.2);
  const auto e = general_strain();
  for (const double c : {0.0, 0.25, 0.8}) {
    const LinearIsotropic mix = ingrown_lattice(lattice, bone, c);
    const double expected = lattice.energy_density(e) + c * bone.energy_density(e);
    EXPECT_NEAR(mix.energy_density(e) / expected, 1.0, 1e-12) << c;
  }
  const LinearIsotropic none = ingrown_lattice(lattice, bone, 0);
  EXPECT_NEAR(none.youngs_modulus(), 3000, 1e-9);
  EXPECT_NEAR(none.poisson_ratio(), 0.3, 1e-12);
  EXPECT_THROW(ingrown_lattice(lattice, bone, 1.5), std::invalid_argument);
}

TEST(BoneGraft, IngrowthFractionFillsThePores) {
  MaterialChoices c;
  c.implant_modulus = 3000;
  EXPECT_NEAR(implant_porosity(c, library()), 1 - std::sqrt(3000.0 / 110000), 1e-12);
  EXPECT_DOUBLE_EQ(ingrown_implant(c, library()).youngs_modulus(), 3000); // fraction 0
  c.ingrowth_fraction = 0.5;
  c.graft_stage = GraftStage::fused;
  const double bone_fraction = 0.5 * (1 - std::sqrt(3000.0 / 110000));
  const auto e = general_strain();
  const double expected = choose_material("implant", c, library()).energy_density(e) +
                          bone_fraction * LinearIsotropic("b", 6000, 0.3).energy_density(e);
  EXPECT_NEAR(ingrown_implant(c, library()).energy_density(e) / expected, 1.0, 1e-12);
  c.implant_modulus = 110000; // solid: nothing grows in
  EXPECT_NEAR(ingrown_implant(c, library()).youngs_modulus(), 110000, 1e-6);
}
