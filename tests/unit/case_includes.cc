// Checks that `include` in case files is resolved relative to the file that names it at every
// depth (a variant of a variant of a case runs from any folder), that a value set in an included
// file is overridden by the including one, and that errors point at the real file and line:
// an include that cannot be opened, a cycle, and deal.II's own messages inside included files.
#include "app/case_definition.h"
#include "core/input_error.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace spinefe;
namespace fs = std::filesystem;

namespace {

/// Writes `text` to `path` (creating folders) and returns the path.
std::string write(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path) << text;
  return path.string();
}

/// base/base.prm (the unit cube, P2) <- variants/p1.prm <- deeper/variant.prm, each in its own
/// folder, all relative includes.
fs::path make_chain() {
  const fs::path root = fs::absolute("case_includes");
  fs::remove_all(root);
  const fs::path cube = fs::path(SPINEFE_SOURCE_DIR) / "tests" / "data" / "unit_cube.prm";
  write(root / "base" / "base.prm", "include " + cube.string() + "\n");
  write(root / "variants" / "p1.prm", "include ../base/base.prm\n"
                                      "subsection Solver\n  set Element degree = 1\nend\n");
  return root;
}

std::string error_of(const std::string& file) {
  try {
    read_case_file(file);
  } catch (const InputError& e) {
    return e.where() + ": " + e.message();
  }
  return "no error";
}

} // namespace

TEST(CaseIncludes, NestedRelativeIncludesResolveAtEveryDepth) {
  const fs::path root = make_chain();
  const std::string file = write(root / "deeper" / "more" / "variant.prm",
                                 "include ../../variants/p1.prm\n"
                                 "subsection Output\n  set Base name = variant\nend\n");
  // Read from an unrelated working directory: nothing may depend on it.
  const fs::path here = fs::current_path();
  fs::current_path(fs::temp_directory_path());
  const CaseDefinition c = read_case_file(file);
  fs::current_path(here);
  EXPECT_EQ(c.solver.degree, 1u);           // from the middle file, over the base's 2
  EXPECT_EQ(c.output.base_name, "variant"); // from the top file
  EXPECT_EQ(fs::path(c.mesh_file).filename(), "unit_cube.inp"); // relative to the base's folder
  EXPECT_TRUE(fs::exists(c.mesh_file)) << c.mesh_file;
}

TEST(CaseIncludes, MissingIncludeNamesTheIncludingLine) {
  const fs::path root = make_chain();
  const std::string file = write(root / "top.prm", "# a comment\ninclude variants/none.prm\n");
  EXPECT_EQ(error_of(file),
            file + ":2: cannot open the included file 'variants/none.prm' (looked for " +
                (root / "variants" / "none.prm").string() + ")");
}

TEST(CaseIncludes, IncludeCycleIsAnError) {
  const fs::path root = make_chain();
  const std::string file = write(root / "loop.prm", "include loop.prm\n");
  EXPECT_NE(error_of(file).find("includes are nested more than 16 deep; does 'loop.prm' include "
                                "itself?"),
            std::string::npos);
}

TEST(CaseIncludes, DealIiMessagesPointAtTheIncludedFileAndLine) {
  const fs::path root = make_chain();
  const std::string bad =
      write(root / "variants" / "bad.prm", "include ../base/base.prm\n"
                                           "subsection Solver\n  set Element degree = 7\nend\n");
  const std::string file = write(root / "top_bad.prm", "include variants/bad.prm\n");
  const std::string message = error_of(file);
  EXPECT_NE(message.find("Line <3> of file <" + bad + ">"), std::string::npos) << message;
  EXPECT_NE(message.find("Element degree"), std::string::npos) << message;
}
