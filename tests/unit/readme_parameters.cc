// Checks that every case-file parameter the README names exists, so that the README cannot drift
// from the declarations (app/case_definition.h, declare_case_parameters):
//  - full paths in backticks, `Section/.../Name` (optionally `= value`), and the paths of `vary`
//    lines in code blocks, must be declared parameters or subsections, or the tail of one (the
//    README writes `Mesh sizes/Minimum quality` inside the Spine model section);
//  - in the case-file table, every key named in a row (`Name`, `Name = value`) must be declared
//    under that row's section;
//  - a code block headed "# <path of a study file>" must hold that file's set and vary lines as
//    they are (the excerpt is the real file).
// The checker itself is tested on names that do not exist. 1 MPI rank.
#include "app/case_definition.h"

#include <deal.II/base/parameter_handler.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t");
  const auto last = s.find_last_not_of(" \t");
  return first == std::string::npos ? "" : s.substr(first, last - first + 1);
}

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> parts;
  std::stringstream in(path);
  for (std::string part; std::getline(in, part, '/');)
    parts.push_back(trim(part));
  return parts;
}

/// Every declared parameter and subsection as its path of names, from the handler's PRM listing.
std::vector<std::vector<std::string>> declared_paths() {
  dealii::ParameterHandler prm;
  spinefe::declare_case_parameters(prm);
  std::stringstream listing;
  prm.print_parameters(listing, dealii::ParameterHandler::ShortPRM);
  std::vector<std::vector<std::string>> paths;
  std::vector<std::string> sections;
  for (std::string line; std::getline(listing, line);) {
    line = trim(line);
    if (line.rfind("subsection ", 0) == 0) {
      sections.push_back(trim(line.substr(11)));
      paths.push_back(sections);
    } else if (line == "end") {
      sections.pop_back();
    } else if (line.rfind("set ", 0) == 0) {
      auto path = sections;
      path.push_back(trim(line.substr(4, line.find('=') - 4)));
      paths.push_back(path);
    }
  }
  return paths;
}

/// `name` (a path of one or more names) occurs as consecutive names of a declared path that
/// starts with `section` (empty: any declared path).
bool declared(const std::vector<std::string>& name, const std::string& section = "") {
  static const auto paths = declared_paths();
  for (const auto& p : paths) {
    if (!section.empty() && p.front() != section)
      continue;
    for (std::size_t start = 0; start + name.size() <= p.size(); ++start)
      if (std::equal(name.begin(), name.end(), p.begin() + start))
        return true;
  }
  return false;
}

std::string readme() {
  std::ifstream in(fs::path(SPINEFE_SOURCE_DIR) / "README.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

/// `Name = value` -> Name; `Endplate strength/…` -> Endplate strength.
std::string key_of(std::string token) {
  token = token.substr(0, token.find('='));
  const std::string ellipsis = "/\u2026";
  if (const auto e = token.find(ellipsis); e != std::string::npos)
    token = token.substr(0, e);
  return trim(token);
}

/// The README's full parameter paths (backticked A/B... and vary lines) that are not declared.
std::vector<std::string> undeclared_paths(const std::string& text) {
  std::vector<std::string> missing;
  const std::regex path("`([A-Z][A-Za-z0-9 ()-]*(/[A-Z][^/`=]*)+)( = [^`]*)?`");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), path); it != std::sregex_iterator();
       ++it)
    if (!declared(split_path(trim((*it)[1]))))
      missing.push_back((*it)[1]);
  const std::regex vary("^vary ([^=\n]+)=", std::regex::multiline);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), vary); it != std::sregex_iterator();
       ++it)
    if (!declared(split_path(trim((*it)[1]))))
      missing.push_back(trim((*it)[1]));
  return missing;
}

/// The keys named in the case-file table's rows (| `Section` | what | `Key`, ... |) that are not
/// declared under that section. Backticked values (lower case: `file`, `*/cortical`) are skipped.
std::vector<std::string> undeclared_table_keys(const std::string& text) {
  std::vector<std::string> missing;
  const std::regex row("^\\| `([A-Z][A-Za-z ]*)` \\|[^|\n]*\\|([^\n]*)\\|$", std::regex::multiline);
  const std::regex token("`([A-Z][^`]*)`");
  for (auto r = std::sregex_iterator(text.begin(), text.end(), row); r != std::sregex_iterator();
       ++r) {
    const std::string section = (*r)[1], keys = (*r)[2];
    if (!declared({section}))
      continue; // not a case-file section row
    for (auto t = std::sregex_iterator(keys.begin(), keys.end(), token);
         t != std::sregex_iterator(); ++t)
      if (!declared(split_path(key_of((*t)[1])), section))
        missing.push_back(section + ": " + key_of((*t)[1]));
  }
  return missing;
}

/// Lines "set ..." / "vary ..." of the code blocks headed "# <file>...", as (file, line) pairs
/// with whitespace runs and trailing comments removed.
std::vector<std::pair<std::string, std::string>> excerpt_lines(const std::string& text) {
  std::vector<std::pair<std::string, std::string>> lines;
  const std::regex block("```[a-z]*\n# ([^ :\n]+\\.prm)[^\n]*\n([^`]*)```");
  for (auto b = std::sregex_iterator(text.begin(), text.end(), block); b != std::sregex_iterator();
       ++b) {
    std::stringstream body((*b)[2].str());
    for (std::string line; std::getline(body, line);)
      if (line.rfind("set ", 0) == 0 || line.rfind("vary ", 0) == 0)
        lines.emplace_back((*b)[1], line);
  }
  return lines;
}

std::string normalised(std::string line) {
  line = trim(line.substr(0, line.find('#')));
  return std::regex_replace(line, std::regex("[ \t]+"), " ");
}

std::set<std::string> file_lines(const std::string& file) {
  std::ifstream in(fs::path(SPINEFE_SOURCE_DIR) / file);
  std::set<std::string> lines;
  for (std::string line; std::getline(in, line);)
    if (!normalised(line).empty())
      lines.insert(normalised(line));
  return lines;
}

} // namespace

TEST(ReadmeParameters, CheckerRejectsNamesThatDoNotExist) {
  EXPECT_TRUE(declared({"Metrics", "Fatigue limit"}));
  EXPECT_TRUE(declared({"Mesh sizes", "Global"}));
  EXPECT_FALSE(declared({"Metrics", "Fatigue limits"}));
  EXPECT_TRUE(declared({"Cage diameter"}, "Spine model"));
  EXPECT_FALSE(declared({"Outer diameter"}, "Spine model"));
  const std::string wrong = "see `Metrics/Fatigue limit` and `Spine model/Implant/Outer diameter`\n"
                            "```text\nvary Materials/Implant stiffness = 1, 2\n```\n";
  EXPECT_EQ(undeclared_paths(wrong), (std::vector<std::string>{"Spine model/Implant/Outer diameter",
                                                               "Materials/Implant stiffness"}));
  EXPECT_EQ(
      undeclared_table_keys("| `Metrics` | the metrics | `Fatigue limit`, `Fatigue life` |\n"),
      std::vector<std::string>{"Metrics: Fatigue life"});
}

TEST(ReadmeParameters, EveryParameterTheReadmeNamesIsDeclared) {
  const std::string text = readme();
  ASSERT_GT(text.size(), 1000u);
  const auto paths = undeclared_paths(text);
  EXPECT_TRUE(paths.empty()) << "undeclared: " << ::testing::PrintToString(paths);
  const auto keys = undeclared_table_keys(text);
  EXPECT_TRUE(keys.empty()) << "undeclared: " << ::testing::PrintToString(keys);
}

TEST(ReadmeParameters, StudyFileExcerptIsTheRealFile) {
  const auto lines = excerpt_lines(readme());
  ASSERT_FALSE(lines.empty()) << "the README prints no study file";
  for (const auto& [file, line] : lines)
    EXPECT_EQ(file_lines(file).count(normalised(line)), 1u)
        << file << " has no line '" << line << "'";
}
