// Checks what the user does with the CLI: --version, info --parameters (units from the
// declarations), a complete run of the smallest case with its outputs, and that a failed run
// leaves earlier results untouched. 1 MPI rank (the run itself uses 1 rank).
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

struct Result {
  int status;
  std::string output;
};

Result run(const std::string& arguments) {
  const std::string command = std::string(SPINEFE_BINARY) + " " + arguments + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer;
  while (fgets(buffer.data(), buffer.size(), pipe))
    output += buffer.data();
  const int status = pclose(pipe);
  return {WEXITSTATUS(status), output};
}

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

} // namespace

TEST(Cli, VersionAndUsage) {
  const Result version = run("--version");
  EXPECT_EQ(version.status, 0);
  EXPECT_NE(version.output.find("spinefe 0.1.0"), std::string::npos);
  const Result bad = run("frobnicate");
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.output.find("unknown command 'frobnicate'"), std::string::npos);
}

TEST(Cli, ParameterReferenceListsUnitsAndRanges) {
  const Result info = run("info --parameters");
  ASSERT_EQ(info.status, 0);
  EXPECT_NE(info.output.find("Boundary conditions/Total force"), std::string::npos);
  EXPECT_NE(info.output.find("unit: N\n"), std::string::npos);
  EXPECT_NE(info.output.find("unit: MPa"), std::string::npos);
  EXPECT_NE(info.output.find("[Integer range 1...2 (inclusive)]"), std::string::npos);
}

TEST(Cli, ParameterReferenceListsTheSpineModel) {
  const Result r = run("info --parameters");
  ASSERT_EQ(r.status, 0);
  EXPECT_NE(r.output.find("Spine model/Implant/Endcap area\n      default: '500'   unit: mm^2"),
            std::string::npos);
  EXPECT_NE(r.output.find("Mesh/Source"), std::string::npos);
}

TEST(Cli, RunWritesAllOutputsAndFailedRunKeepsThem) {
  const std::filesystem::path out = "cli_run";
  std::filesystem::remove_all(out);
  const Result ok = run("run " SPINEFE_SOURCE_DIR "/tests/data/unit_cube.prm --output cli_run");
  ASSERT_EQ(ok.status, 0) << ok.output;
  for (const char* file : {"solution.pvd", "solution.pvtu", "solution_0000.vtu", "summary.csv",
                           "summary.json", "summary.h5"})
    EXPECT_TRUE(std::filesystem::exists(out / file)) << file;
  EXPECT_NE(ok.output.find("[time] solve"), std::string::npos);
  EXPECT_NE(ok.output.find("iterations, residual"), std::string::npos);
  // The reaction at the fixed base balances the 10 N load (free-body check, to solver tolerance).
  const std::string csv = read(out / "summary.csv");
  EXPECT_NE(csv.find("surface,bottom,reaction_z,N,10"), std::string::npos) << csv;

  const std::string before = read(out / "summary.json");
  const Result failed =
      run("run " SPINEFE_SOURCE_DIR "/tests/fail/corrupt_mesh.prm --output cli_run");
  EXPECT_EQ(failed.status, 1);
  EXPECT_EQ(read(out / "summary.json"), before);
  for (const auto& entry : std::filesystem::directory_iterator(out))
    EXPECT_EQ(entry.path().string().find(".tmp"), std::string::npos) << entry.path();
}

TEST(Cli, LoadCasesAreSolvedInOneRunWithOneFolderEach) {
  const std::filesystem::path out = "cli_load_cases";
  std::filesystem::remove_all(out);
  const Result ok =
      run("run " SPINEFE_SOURCE_DIR "/tests/data/unit_cube_load_cases.prm --output cli_load_cases");
  ASSERT_EQ(ok.status, 0) << ok.output;
  for (const char* folder : {"compression", "torsion"})
    EXPECT_TRUE(std::filesystem::exists(out / folder / "summary.csv")) << folder;
  EXPECT_NE(ok.output.find("Load case 'torsion': moment [0, 0, 5] N mm on top"), std::string::npos);
  EXPECT_NE(ok.output.find("Load cases (rotation of"), std::string::npos) << ok.output;
  const std::string table = read(out / "load_cases.csv");
  EXPECT_EQ(table.rfind("load_case,kind,name,quantity,unit,value\n", 0), 0u);
  EXPECT_NE(table.find("compression,model,all,max_displacement,mm,"), std::string::npos);
  EXPECT_NE(table.find("torsion,model,all,max_displacement,mm,"), std::string::npos);
  // Both load cases carry the 10 N on the fixed base; the pure moment adds no resultant (to the
  // CG tolerance, 1e-8 relative).
  const std::string key = "surface,bottom,reaction_z,N,";
  for (const char* folder : {"compression", "torsion"}) {
    const std::string csv = read(out / folder / "summary.csv");
    const auto at = csv.find(key);
    ASSERT_NE(at, std::string::npos) << folder;
    EXPECT_NEAR(std::stod(csv.substr(at + key.size())), 10.0, 1e-6) << folder;
  }
}
