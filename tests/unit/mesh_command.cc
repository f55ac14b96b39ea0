// Checks `spinefe mesh` on the T10-L3 corpectomy case (coarse): every output file is written,
// the .msh round-trips through the reader with the same regions, surfaces and volume, the
// endcap area in model.json is within 1% of the request, region materials accept
// first-match patterns with pinned errors, and the implant's lattice regions get the strut
// stress factor of their porosity. 1 MPI rank.
// gmock first: deal.II defines a macro Assert that clashes with gmock's function of that name.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "app/problem_builder.h"
#include "core/input_error.h"
#include "materials/material_choice.h"
#include "meshing/generators.h"
#include "meshing/mesh_reader.h"
#include "meshing/msh_writer.h"
#include "tests/support/spine_mesh_checks.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/wait.h>

using namespace spinefe;

namespace {

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

int run(const std::string& arguments, std::string& output) {
  const std::string command = std::string(SPINEFE_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer;
  while (fgets(buffer.data(), buffer.size(), pipe))
    output += buffer.data();
  return WEXITSTATUS(pclose(pipe));
}

} // namespace

TEST(MeshCommand, MshWriterRoundTrips) {
  const MeshData box = layered_box(4, 3, 3, {1.0}, {"bone", "implant"}, 0.8);
  {
    std::ofstream out("round_trip.msh");
    write_msh(box, out);
  }
  const MeshData back = read_mesh_file("round_trip.msh");
  EXPECT_EQ(back.tets.size(), box.tets.size());
  EXPECT_EQ(back.nodes.size(), box.nodes.size());
  EXPECT_EQ(back.region_names, box.region_names);
  EXPECT_EQ(back.surface_names, box.surface_names);
  EXPECT_EQ(back.triangles.size(), box.triangles.size());
  EXPECT_NEAR(spinefe::testing::total_volume(back), 36.0, 1e-9);
}

TEST(MeshCommand, RegionMaterialPatternsFirstMatchWins) {
  CaseDefinition c;
  c.region_materials = {
      {"screw_T10_left", "cortical_bone"}, {"screw_*", "ti6al4v"}, {"*/cortical", "cortical_bone"}};
  c.fixed.push_back({"pot_bottom/fixed", {true, true, true}});
  MeshNames mesh{
      "test", {"T10/cortical", "screw_T10_left", "screw_L3_right"}, {"pot_bottom/fixed"}, {}};
  const MaterialLibrary library = MaterialLibrary::read(MaterialLibrary::builtin_file());
  const ProblemDefinition p = build_problem(c, library, mesh);
  EXPECT_EQ(p.materials[0].name(), "cortical_bone");
  EXPECT_EQ(p.materials[1].name(), "cortical_bone"); // the exact name came first
  EXPECT_EQ(p.materials[2].name(), "ti6al4v");
  c.region_materials.push_back({"rod_*", "ti6al4v"});
  try {
    build_problem(c, library, mesh);
    FAIL() << "a pattern that matches nothing must be an error";
  } catch (const InputError& e) {
    EXPECT_THAT(e.what(), ::testing::HasSubstr("pattern 'rod_*' matches no region of mesh test"));
  }
}

// A printed body of 3 GPa on Ti6Al4V (110 GPa) is a lattice of porosity 1 - sqrt(3/110): its core
// and any other region of the role 'implant' get 1 / (0.3 rho^1.5) (materials/porous_implant.h),
// the solid endcaps nothing. Half the pores filled with fused graft stiffen the core, whose
// lattice then carries E_lattice / E_core of its stress. A solid implant has no lattice.
TEST(MeshCommand, LatticeRegionsGetTheStrutStressFactorOfTheirPorosity) {
  CaseDefinition c;
  c.region_materials = {{"implant/endcap_*", "ti6al4v"}, {"implant/*", "implant"}};
  c.material_choices.implant_modulus = 3000;
  const MaterialLibrary library = MaterialLibrary::read(MaterialLibrary::builtin_file());
  const std::vector<std::string> regions = {"implant/endcap_superior", "implant/core",
                                            "implant/strut"};
  const double rho = std::sqrt(3000.0 / 110000.0);
  const double strut = 1 / (0.3 * std::pow(rho, 1.5));
  auto factors = lattice_strut_factors(c, library, regions);
  ASSERT_EQ(factors.size(), 2u);
  EXPECT_NEAR(factors.at("implant/core"), strut, 1e-9 * strut);
  EXPECT_NEAR(factors.at("implant/strut"), strut, 1e-9 * strut);
  c.material_choices.ingrowth_fraction = 0.5;
  c.material_choices.graft_stage = GraftStage::fused;
  factors = lattice_strut_factors(c, library, regions);
  const double core = ingrown_implant(c.material_choices, library).youngs_modulus();
  EXPECT_GT(core, 3000);
  EXPECT_NEAR(factors.at("implant/core"), strut * 3000 / core, 1e-9 * strut);
  EXPECT_NEAR(factors.at("implant/strut"), strut, 1e-9 * strut);
  c.material_choices.implant_modulus = 0;
  c.material_choices.implant_material = "ti6al4v";
  EXPECT_TRUE(lattice_strut_factors(c, library, regions).empty());
}

TEST(MeshCommand, WritesEveryFileOfTheSpineModel) {
  const std::filesystem::path dir = "mesh_command_out";
  std::string output;
  const int status = run("mesh " + std::string(SPINEFE_SOURCE_DIR) +
                             "/tests/data/spine_coarse.prm --output " + dir.string(),
                         output);
  ASSERT_EQ(status, 0) << output;
  for (const char* file : {"mesh.msh", "mesh.inp", "mesh_regions.vtu", "mesh_surfaces.vtu",
                           "ligaments.csv", "model.json", "mesh_regions_regions.csv"})
    EXPECT_TRUE(std::filesystem::exists(dir / file)) << file;
  EXPECT_THAT(output, ::testing::HasSubstr("whole mesh"));
  EXPECT_THAT(output, ::testing::HasSubstr("0 inverted tetrahedra"));
  const std::string inp = read(dir / "mesh.inp");
  EXPECT_THAT(inp, ::testing::HasSubstr("ELSET=implant_endcap_superior"));
  EXPECT_THAT(inp, ::testing::HasSubstr("C3D4")); // the case solves with P1
  const std::string json = read(dir / "model.json");
  EXPECT_THAT(json, ::testing::HasSubstr("\"requested_endcap_area\": 500"));
  // The .msh reads back with the spine model's regions and surfaces.
  const MeshData back = read_mesh_file((dir / "mesh.msh").string());
  EXPECT_EQ(back.region_names.size(), 58u);
  EXPECT_NE(std::find(back.surface_names.begin(), back.surface_names.end(), "pot_top/load"),
            back.surface_names.end());
  // 7 ligament types x 3 segments plus capsular fibres; one header line.
  const std::string ligaments = read(dir / "ligaments.csv");
  EXPECT_EQ(std::count(ligaments.begin(), ligaments.end(), '\n'), 67);
}
