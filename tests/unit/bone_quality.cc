// Checks the bone-quality presets (tabulated moduli of materials.csv; osteopenic between normal
// and osteoporotic; missing entries derived by the Polikeit 2003 rule) and the Gibson-Ashby
// porous-implant modulus, with pinned messages for bad input. 1 MPI rank.
#include "materials/bone_quality.h"
#include "core/input_error.h"
#include "materials/material_library.h"
#include "materials/porous_implant.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <string>

using namespace spinefe;

namespace {

const MaterialLibrary& builtin_library() {
  static const MaterialLibrary library = MaterialLibrary::read(MaterialLibrary::builtin_file());
  return library;
}

double modulus(const std::string& tissue, const BoneQuality quality) {
  return bone_material(builtin_library(), tissue, quality).youngs_modulus();
}

std::string gibson_ashby_error(const double solid, const double porosity, const double C = 1.0,
                               const double n = 2.0) {
  try {
    gibson_ashby_modulus(solid, porosity, C, n);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST(BoneQuality, PresetsGiveTheTabulatedModuli) {
  // materials.csv: cancellous 100 / 66 / 34 MPa, cortical 12000 / - / 8040 MPa. Exact to rounding.
  EXPECT_DOUBLE_EQ(modulus("cancellous_bone", BoneQuality::normal), 100);
  EXPECT_DOUBLE_EQ(modulus("cancellous_bone", BoneQuality::osteopenic), 66);
  EXPECT_DOUBLE_EQ(modulus("cancellous_bone", BoneQuality::osteoporotic), 34);
  EXPECT_DOUBLE_EQ(modulus("cortical_bone", BoneQuality::normal), 12000);
  EXPECT_DOUBLE_EQ(modulus("cortical_bone", BoneQuality::osteoporotic), 8040);
  EXPECT_EQ(bone_material(builtin_library(), "cancellous_bone", BoneQuality::osteoporotic).name(),
            "cancellous_bone_osteoporotic");
  // The tabulated entries agree with the rule that derives the missing ones (relative 1e-12).
  for (const auto& tissue : {"cancellous_bone", "cortical_bone"})
    for (const BoneQuality q : {BoneQuality::normal, BoneQuality::osteoporotic})
      EXPECT_NEAR(modulus(tissue, q),
                  bone_modulus_factor(tissue, q) * modulus(tissue, BoneQuality::normal),
                  1e-12 * modulus(tissue, BoneQuality::normal))
          << tissue << " " << to_string(q);
}

TEST(BoneQuality, MissingEntriesAreDerivedByThePolikeitRule) {
  // Not in materials.csv: E = f * E_normal with f = 0.835 (osteopenic) and 0.67 (osteoporotic)
  // for cortical-type tissue; nu unchanged. Relative tolerance 1e-12.
  struct Case {
    const char* tissue;
    BoneQuality quality;
    double E, nu;
    const char* name;
  };
  for (const Case& c :
       {Case{"cortical_bone", BoneQuality::osteopenic, 10020, 0.3, "cortical_bone_osteopenic"},
        Case{"bony_endplate", BoneQuality::osteopenic, 835, 0.3, "bony_endplate_osteopenic"},
        Case{"bony_endplate", BoneQuality::osteoporotic, 670, 0.3, "bony_endplate_osteoporotic"},
        Case{"posterior_elements", BoneQuality::osteopenic, 2922.5, 0.25,
             "posterior_elements_osteopenic"},
        Case{"posterior_elements", BoneQuality::osteoporotic, 2345, 0.25,
             "posterior_elements_osteoporotic"}}) {
    ASSERT_FALSE(builtin_library().contains(c.name)) << c.name << " is now tabulated";
    const LinearIsotropic m = bone_material(builtin_library(), c.tissue, c.quality);
    EXPECT_EQ(m.name(), c.name);
    EXPECT_NEAR(m.youngs_modulus(), c.E, 1e-12 * c.E) << c.name;
    EXPECT_DOUBLE_EQ(m.poisson_ratio(), c.nu) << c.name;
  }
  EXPECT_DOUBLE_EQ(modulus("bony_endplate", BoneQuality::normal), 1000);
  EXPECT_DOUBLE_EQ(modulus("posterior_elements", BoneQuality::normal), 3500);
}

TEST(BoneQuality, OsteopenicLiesBetweenNormalAndOsteoporotic) {
  for (const auto& tissue : bone_tissues()) {
    const double normal = modulus(tissue, BoneQuality::normal);
    const double osteopenic = modulus(tissue, BoneQuality::osteopenic);
    const double osteoporotic = modulus(tissue, BoneQuality::osteoporotic);
    EXPECT_LT(osteoporotic, osteopenic) << tissue;
    EXPECT_LT(osteopenic, normal) << tissue;
    // Halfway, within the 1% by which the tabulated 66 MPa rounds the cancellous midpoint 67.
    EXPECT_NEAR(osteopenic, 0.5 * (normal + osteoporotic), 0.01 * normal) << tissue;
  }
}

TEST(BoneQuality, NamesParseAndUnknownNamesAreRefused) {
  for (const auto& name : {"normal", "osteopenic", "osteoporotic"})
    EXPECT_EQ(to_string(parse_bone_quality(name)), name);
  try {
    parse_bone_quality("Osteoporotic");
    FAIL() << "a capitalised name was accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "unknown bone quality 'Osteoporotic'; valid names: normal, "
                           "osteopenic, osteoporotic");
  }
  try {
    bone_material_name("annulus", BoneQuality::normal);
    FAIL() << "an unknown tissue was accepted";
  } catch (const InputError& e) {
    EXPECT_STREQ(e.what(), "unknown bone tissue 'annulus'; tissues with bone-quality presets: "
                           "cancellous_bone, cortical_bone, bony_endplate, posterior_elements");
  }
  EXPECT_EQ(bone_material_name("cancellous_bone", BoneQuality::normal), "cancellous_bone_normal");
  EXPECT_EQ(bone_material_name("cortical_bone", BoneQuality::normal), "cortical_bone");
}

TEST(PorousImplant, GibsonAshbyModulus) {
  // E = C Es (1 - porosity)^n; relative tolerance 1e-12.
  EXPECT_NEAR(gibson_ashby_modulus(110000, 0.0), 110000, 1e-12 * 110000);
  EXPECT_NEAR(gibson_ashby_modulus(110000, 0.7), 9900, 1e-12 * 9900); // Ti6Al4V, 0.3^2 Es
  EXPECT_NEAR(gibson_ashby_modulus(110000, 0.7, 0.5, 1.0), 16500, 1e-12 * 16500);
  EXPECT_NEAR(gibson_ashby_modulus(3600, 0.95), 9, 1e-12 * 9); // upper bound is admissible
}

// The strut stress of a lattice per unit homogenised stress is sigma_ys / sigma_pl with
// sigma_pl = 0.3 sigma_ys rho^1.5 (Gibson & Ashby eq. 5.25): at porosity 0.835 (rho = 0.165)
// 1 / (0.3 * 0.165^1.5) = 49.7; a solid is no lattice (1). Relative tolerance 1e-12.
TEST(PorousImplant, LatticeStrutStressFactor) {
  const double expected = 1.0 / (0.3 * std::pow(0.165, 1.5));
  EXPECT_NEAR(lattice_strut_stress_factor(0.835), expected, 1e-12 * expected);
  EXPECT_NEAR(expected, 49.7, 0.05);
  EXPECT_EQ(lattice_strut_stress_factor(0.0), 1.0);
  try {
    lattice_strut_stress_factor(0.97);
    FAIL() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "lattice_strut_stress_factor: porosity 0.97 must lie in [0, 0.95]");
  }
}

TEST(PorousImplant, BadInputIsRefusedWithPinnedMessages) {
  EXPECT_EQ(gibson_ashby_error(110000, 0.96),
            "gibson_ashby_modulus: porosity 0.96 must lie in [0, 0.95]");
  EXPECT_EQ(gibson_ashby_error(110000, -0.1),
            "gibson_ashby_modulus: porosity -0.1 must lie in [0, 0.95]");
  EXPECT_EQ(gibson_ashby_error(110000, NAN),
            "gibson_ashby_modulus: porosity nan must lie in [0, 0.95]");
  EXPECT_EQ(gibson_ashby_error(0, 0.5), "gibson_ashby_modulus: solid modulus 0 MPa must be > 0");
  EXPECT_EQ(gibson_ashby_error(-110000, 0.5),
            "gibson_ashby_modulus: solid modulus -110000 MPa must be > 0");
  EXPECT_EQ(gibson_ashby_error(110000, 0.5, 0.0),
            "gibson_ashby_modulus: prefactor C 0 must be > 0");
  EXPECT_EQ(gibson_ashby_error(110000, 0.5, 1.0, -2.0),
            "gibson_ashby_modulus: exponent n -2 must be > 0");
}
