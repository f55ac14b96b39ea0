// Checks that the role materials of a case resolve as the Materials section documents: the
// implant from 'Implant modulus', else from 'Implant porosity' by Gibson-Ashby on the solid, else
// the library entry; the rods from 'Rod material'; the bone tissues at 'Bone quality'; any other
// name as the library entry. 1 MPI rank.
#include "materials/material_choice.h"

#include <gtest/gtest.h>

using namespace spinefe;

namespace {
const MaterialLibrary& library() {
  static const MaterialLibrary l = MaterialLibrary::read(MaterialLibrary::builtin_file());
  return l;
}
} // namespace

TEST(MaterialChoice, ImplantFromModulusPorosityOrLibrary) {
  MaterialChoices c;
  // Neither modulus nor porosity: the library's porous_ti_3d_printed (3000 MPa, nu 0.3).
  EXPECT_DOUBLE_EQ(choose_material("implant", c, library()).youngs_modulus(), 3000);
  c.implant_modulus = 12000;
  const LinearIsotropic given = choose_material("implant", c, library());
  EXPECT_DOUBLE_EQ(given.youngs_modulus(), 12000);
  EXPECT_DOUBLE_EQ(given.poisson_ratio(), 0.3); // of the solid Ti6Al4V
  c.implant_modulus = 0;
  c.implant_porosity = 0.7; // Gibson-Ashby: 110000 (1 - 0.7)^2 = 9900 MPa, exact in doubles to 1e-9
  EXPECT_NEAR(choose_material("implant", c, library()).youngs_modulus(), 9900, 1e-9);
  EXPECT_NEAR(implant_modulus(c, library()), 9900, 1e-9);
}

TEST(MaterialChoice, RodsAndBoneByRole) {
  MaterialChoices c;
  EXPECT_DOUBLE_EQ(choose_material("rod", c, library()).youngs_modulus(), 110000);
  c.rod_material = "cocr";
  EXPECT_DOUBLE_EQ(choose_material("rod", c, library()).youngs_modulus(), 220000);
  c.rod_material = "peek";
  EXPECT_DOUBLE_EQ(choose_material("rod", c, library()).youngs_modulus(), 3600);
  EXPECT_DOUBLE_EQ(choose_material("cancellous_bone", c, library()).youngs_modulus(), 100);
  c.bone_quality = BoneQuality::osteoporotic;
  EXPECT_DOUBLE_EQ(choose_material("cancellous_bone", c, library()).youngs_modulus(), 34);
  EXPECT_DOUBLE_EQ(choose_material("cortical_bone", c, library()).youngs_modulus(), 8040);
  // A library name is taken as it is, whatever the bone quality.
  EXPECT_DOUBLE_EQ(choose_material("cancellous_bone_normal", c, library()).youngs_modulus(), 100);
  EXPECT_TRUE(is_role_material("implant"));
  EXPECT_FALSE(is_role_material("ti6al4v"));
}

TEST(MaterialChoice, UnknownRodMaterialIsAnError) {
  MaterialChoices c;
  c.rod_material = "unobtainium";
  EXPECT_THROW(choose_material("rod", c, library()), std::exception);
}
