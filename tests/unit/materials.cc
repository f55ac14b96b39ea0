// Checks material admissibility (E > 0, -1 < nu < 0.5), the library table and the Hooke law.
// 1 MPI rank.
#include "core/input_error.h"
#include "materials/linear_isotropic.h"
#include "materials/material_library.h"

#include <gtest/gtest.h>

using namespace spinefe;

TEST(Materials, RejectsInadmissibleConstantsWithNameAndBound) {
  try {
    LinearIsotropic("cancellous_bone", 100, 0.52);
    FAIL() << "nu = 0.52 accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "material 'cancellous_bone': Poisson's ratio 0.52 must lie in (-1, "
                           "0.5); 0.5 is incompressible and needs a mixed formulation");
  }
  EXPECT_THROW(LinearIsotropic("x", 100, 0.5), InputError);
  EXPECT_THROW(LinearIsotropic("x", 100, -1.0), InputError);
  EXPECT_THROW(LinearIsotropic("x", 0, 0.3), InputError);
  EXPECT_THROW(LinearIsotropic("x", -5, 0.3), InputError);
  EXPECT_NO_THROW(LinearIsotropic("auxetic", 10, -0.5));
}

TEST(Materials, HookeLawMatchesLameConstants) {
  const LinearIsotropic ti("ti6al4v", 110000, 0.3);
  // lambda = E nu / ((1 + nu)(1 - 2 nu)), mu = E / (2 (1 + nu)); exact to rounding.
  EXPECT_NEAR(ti.lambda(), 110000 * 0.3 / (1.3 * 0.4), 1e-9);
  EXPECT_NEAR(ti.mu(), 110000 / 2.6, 1e-9);
  dealii::SymmetricTensor<2, 3> strain;
  strain[2][2] = 1e-3; // uniaxial stress needs lateral strain -nu * eps
  strain[0][0] = strain[1][1] = -0.3e-3;
  const auto stress = ti.stress(strain);
  EXPECT_NEAR(stress[2][2], 110.0, 1e-9); // sigma = E eps
  EXPECT_NEAR(stress[0][0], 0.0, 1e-9);
  EXPECT_NEAR(ti.energy_density(strain), 0.5 * 110.0 * 1e-3, 1e-12);
}

TEST(Materials, BuiltInLibraryHasSourcedSpineMaterials) {
  const MaterialLibrary library = MaterialLibrary::read(MaterialLibrary::builtin_file());
  for (const char* name :
       {"cortical_bone", "cancellous_bone_normal", "cancellous_bone_osteoporotic", "bony_endplate",
        "ti6al4v", "peek", "pmma", "porous_ti_3d_printed"}) {
    ASSERT_TRUE(library.contains(name)) << name;
    EXPECT_FALSE(library.record(name).source.empty()) << name;
  }
  EXPECT_DOUBLE_EQ(library.linear_isotropic("ti6al4v").youngs_modulus(), 110000);
  // Nonlinear models are listed but cannot be given to the linear solver.
  EXPECT_THROW(library.linear_isotropic("nucleus_mooney_rivlin"), InputError);
  EXPECT_THROW(library.record("unobtainium"), InputError);
}
