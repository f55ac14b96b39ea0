// Checks that a study file expands into the right cases (cartesian and list), that each generated
// case file includes the base case and sets the overrides in their nested subsections, and that
// every bad study (unknown parameter, empty or duplicate axis, a value the case parser rejects...)
// is refused before anything runs, with a message naming the study file and line (pinned here).
// 1 MPI rank.
#include "study/study_definition.h"
#include "app/study_case_hooks.h"
#include "core/input_error.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

using namespace spinefe;
namespace fs = std::filesystem;

namespace {

const std::string data = SPINEFE_SOURCE_DIR "/tests/data";

/// Writes `text` as study file `name` (in the test's working directory) and returns its path.
std::string study_file(const std::string& name, const std::string& text) {
  fs::create_directories("study_definition");
  const std::string file = "study_definition/" + name;
  std::ofstream(file) << text;
  return file;
}

/// The message of the InputError that reading (and checking) the study throws; empty if none.
std::string error_of(const std::string& file) {
  try {
    const StudyDefinition study = read_study_file(file, study_case_hooks());
    write_and_check_cases(study, "study_definition/cases_" + fs::path(file).stem().string(),
                          study_case_hooks());
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

const std::string base = "set Base case = " + data + "/study_cube_base.prm\n";

} // namespace

TEST(StudyDefinition, CartesianProductWithTheFirstAxisSlowest) {
  const StudyDefinition study = read_study_file(data + "/study_cube.prm", study_case_hooks());
  ASSERT_EQ(study.cases.size(), 6u);
  EXPECT_EQ(study.base_case, fs::path(data + "/study_cube_base.prm").lexically_normal().string());
  EXPECT_EQ(study.cases[0].id, "000");
  EXPECT_EQ(study.cases[5].id, "005");
  const auto& c = study.cases[3]; // second load, second degree
  ASSERT_EQ(c.overrides.size(), 2u);
  EXPECT_EQ(c.overrides[0].first, "Boundary conditions/Total force");
  EXPECT_EQ(c.overrides[0].second, "top: 0, 0, -20");
  EXPECT_EQ(c.overrides[1].first, "Solver/Element degree");
  EXPECT_EQ(c.overrides[1].second, "2");
}

TEST(StudyDefinition, GeneratedCaseIncludesTheBaseAndNestsTheOverrides) {
  const std::string file =
      study_file("nested.prm", base + "vary Spine model / Implant / Endcap area = 200, 400\n"
                                      "vary Materials/Bone quality = normal, osteoporotic\n");
  const StudyDefinition study = read_study_file(file, study_case_hooks());
  ASSERT_EQ(study.cases.size(), 4u);
  const std::string text = generated_case_text(study, study.cases[1]);
  const std::string expected_tail = "include " + study.base_case +
                                    "\n"
                                    "subsection Spine model\n"
                                    "  subsection Implant\n"
                                    "    set Endcap area = 200\n"
                                    "  end\n"
                                    "end\n"
                                    "subsection Materials\n"
                                    "  set Bone quality = osteoporotic\n"
                                    "end\n";
  ASSERT_GE(text.size(), expected_tail.size());
  EXPECT_EQ(text.substr(text.size() - expected_tail.size()), expected_tail) << text;
  EXPECT_EQ(text.rfind("# Case 001 of study ", 0), 0u) << text;
}

TEST(StudyDefinition, ListCombinationZipsTheAxes) {
  const std::string file = study_file("list.prm", base + "set Combination = list\n"
                                                         "vary Solver/Element degree = 1, 2\n"
                                                         "vary Solver/Relative tolerance = "
                                                         "1e-6, 1e-8\n");
  const StudyDefinition study = read_study_file(file, study_case_hooks());
  ASSERT_EQ(study.cases.size(), 2u);
  EXPECT_EQ(study.cases[1].overrides[0].second, "2");
  EXPECT_EQ(study.cases[1].overrides[1].second, "1e-8");
  EXPECT_EQ(error_of(file), "");
  // A list may repeat a value on one axis (paired with different values of another axis), as
  // long as no two positions give the same case.
  const std::string repeated =
      study_file("list_repeat.prm", base + "set Combination = list\n"
                                           "vary Solver/Element degree = 1, 1, 2\n"
                                           "vary Solver/Relative tolerance = 1e-6, 1e-8, 1e-6\n");
  EXPECT_EQ(read_study_file(repeated, study_case_hooks()).cases.size(), 3u);
}

TEST(StudyDefinition, GeneratedCasesPassTheCaseParser) {
  const StudyDefinition study = read_study_file(data + "/study_cube.prm", study_case_hooks());
  write_and_check_cases(study, "study_definition/cases_cube", study_case_hooks());
  for (const auto& c : study.cases)
    EXPECT_TRUE(fs::is_regular_file("study_definition/cases_cube/" + c.id + "/case.prm"));
}

TEST(StudyDefinition, ErrorsNameTheStudyFileAndLine) {
  struct Bad {
    const char* name;
    std::string text;
    std::string message;
  };
  const std::string f = "study_definition/";
  const std::vector<Bad> bad = {
      {"unknown.prm", base + "vary Spine model/Implant/Endcap aera = 200, 400\n",
       f + "unknown.prm:2: unknown case parameter 'Spine model/Implant/Endcap aera'; give its "
           "full path"},
      {"subsection.prm", base + "vary Spine model/Implant = 1, 2\n",
       f + "subsection.prm:2: unknown case parameter 'Spine model/Implant'"},
      {"empty.prm", base + "vary Solver/Element degree =\n",
       f + "empty.prm:2: axis 'Solver/Element degree' has no values"},
      {"empty_value.prm", base + "vary Solver/Element degree = 1, , 2\n",
       f + "empty_value.prm:2: value 2 of axis 'Solver/Element degree' is empty"},
      {"duplicate.prm",
       base + "vary Solver/Element degree = 1, 2\n# comment\nvary Solver/Element degree = 2\n",
       f + "duplicate.prm:4: parameter 'Solver/Element degree' is varied twice (first at " + f +
           "duplicate.prm:2)"},
      {"duplicate_value.prm", base + "vary Solver/Element degree = 1, 2, 1\n",
       f + "duplicate_value.prm:2: value '1' appears twice in axis 'Solver/Element degree'"},
      {"same_case.prm",
       base + "set Combination = list\nvary Solver/Element degree = 1, 2, 1\n"
              "vary Solver/Relative tolerance = 1e-6, 1e-8, 1e-6\n",
       f + "same_case.prm:3: positions 1 and 3 of the list give the same case (the same value on "
           "every axis)"},
      {"setting.prm", base + "set Group sise = 2\n",
       f + "setting.prm:2: unknown setting 'Group "
           "sise'"},
      {"malformed.prm", base + "Solver/Element degree = 1, 2\n",
       f + "malformed.prm:2: expected 'set NAME = VALUE' or 'vary PARAMETER = V1, V2, ...', "
           "found 'Solver/Element degree = 1, 2'"},
      {"no_base.prm", "vary Solver/Element degree = 1, 2\n",
       f + "no_base.prm: no base case; add 'set Base case = PATH'"},
      {"missing_base.prm", "\nset Base case = nowhere.prm\nvary Solver/Element degree = 1, 2\n",
       f + "missing_base.prm:2: base case '"},
      {"nothing.prm", base, f + "nothing.prm: the study varies nothing"},
      {"lengths.prm",
       base + "set Combination = list\nvary Solver/Element degree = 1, 2\n"
              "vary Solver/Relative tolerance = 1e-6\n",
       f + "lengths.prm:4: with 'Combination = list' every axis needs the same number of values: "
           "'Solver/Relative tolerance' has 1, 'Solver/Element degree' (line 3) has 2"},
      {"group.prm", base + "set Group size = two\n",
       f + "group.prm:2: 'Group size' must be a whole number of MPI ranks >= 1, found 'two'"},
      {"output.prm", base + "vary Output/Directory = a, b\n",
       f + "output.prm:2: 'Output/Directory' cannot be varied"},
      // A value the case-file parser rejects: reported at the axis's line, with the case id
      // and the parser's own message (pattern, parameter).
      {"bad_value.prm", base + "vary Solver/Element degree = 1, 3\n",
       f + "bad_value.prm:2: case 001: 'Solver/Element degree = 3' is rejected: "},
  };
  for (const auto& b : bad) {
    const std::string message = error_of(study_file(b.name, b.text));
    EXPECT_EQ(message.rfind(b.message, 0), 0u) << b.name << ": " << message;
  }
  const std::string value = error_of(study_file("bad_value.prm", bad.back().text));
  EXPECT_NE(value.find("Element degree"), std::string::npos) << value;
  EXPECT_NE(value.find("does not match the given pattern"), std::string::npos) << value;
  EXPECT_EQ(error_of("study_definition/none.prm"), "study_definition/none.prm: study file not "
                                                   "found");
}

TEST(StudyDefinition, CommandLineRefusesABadStudyBeforeRunning) {
  const std::string file = study_file("cli_bad.prm", base + "vary Solver/Element degre = 1, 2\n");
  const std::string command =
      std::string(SPINEFE_BINARY) + " study " + file + " --output study_definition/cli 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer;
  while (fgets(buffer.data(), buffer.size(), pipe))
    output += buffer.data();
  const int status = pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 1);
  EXPECT_NE(
      output.find("spinefe: error: " + file + ":2: unknown case parameter 'Solver/Element degre'"),
      std::string::npos)
      << output;
  EXPECT_FALSE(fs::exists("study_definition/cli/results.h5"));
  const std::string usage = std::string(SPINEFE_BINARY) + " study --group-size 0 2>&1";
  pipe = popen(usage.c_str(), "r");
  output.clear();
  while (fgets(buffer.data(), buffer.size(), pipe))
    output += buffer.data();
  EXPECT_EQ(WEXITSTATUS(pclose(pipe)), 2);
  EXPECT_NE(output.find("--group-size needs a whole number of ranks >= 1, found '0'"),
            std::string::npos)
      << output;
}
