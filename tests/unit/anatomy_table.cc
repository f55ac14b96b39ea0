// Checks the T10-L3 anatomy table: the built-in values, and that every plausibility rule rejects
// a bad table with file:line, level, column and the expected range. 1 MPI rank.
#include "meshing/anatomy_table.h"
#include "core/input_error.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using namespace spinefe;

namespace {

/// Splits a CSV line at unquoted commas, keeping quotes so that the line can be rejoined.
std::vector<std::string> raw_fields(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (const char c : line) {
    if (c == '"')
      quoted = !quoted;
    if (c == ',' && !quoted)
      fields.emplace_back();
    else
      fields.back() += c;
  }
  return fields;
}

std::string join(const std::vector<std::string>& fields) {
  std::string line;
  for (const auto& f : fields)
    line += (line.empty() ? "" : ",") + f;
  return line;
}

/// The built-in table as header + rows of raw fields, to be edited by a test and written out.
struct EditableTable {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;

  EditableTable() {
    std::ifstream in(AnatomyTable::builtin_file());
    std::string line;
    std::getline(in, line);
    header = raw_fields(line);
    while (std::getline(in, line))
      rows.push_back(raw_fields(line));
  }
  std::size_t column(const std::string& name) const {
    for (std::size_t i = 0; i < header.size(); ++i)
      if (header[i] == name)
        return i;
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
  std::vector<std::string>& row(const std::string& level) {
    for (auto& r : rows)
      if (r[0] == level)
        return r;
    ADD_FAILURE() << "no level " << level;
    return rows[0];
  }
  EditableTable& set(const std::string& level, const std::string& name, const std::string& value) {
    row(level)[column(name)] = value;
    return *this;
  }
  /// Writes the table to `file` in the working directory and returns its name.
  std::string write(const std::string& file) const {
    std::ofstream out(file);
    out << join(header) << "\n";
    for (const auto& r : rows)
      out << join(r) << "\n";
    return file;
  }
};

/// The message of the InputError that reading `file` throws ("" if none).
std::string read_error(const std::string& file) {
  try {
    AnatomyTable::read(file);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

} // namespace

TEST(AnatomyTable, BuiltInTableHasTheSpecValuesInOrder) {
  const AnatomyTable table = AnatomyTable::read(AnatomyTable::builtin_file());
  ASSERT_EQ(table.levels().size(), 6u);
  for (std::size_t k = 0; k < 6; ++k) {
    EXPECT_EQ(table.levels()[k].name, spine_level_names()[k]);
    EXPECT_EQ(table.levels()[k].line, k + 2); // header on line 1
  }
  EXPECT_EQ(spine_level_names(), (std::vector<std::string>{"T10", "T11", "T12", "L1", "L2", "L3"}));
  // Values of the specification table, copied unchanged.
  const LevelAnatomy& t10 = table.level("T10");
  EXPECT_DOUBLE_EQ(t10.body_height, 21.0);
  EXPECT_DOUBLE_EQ(t10.endplate_width_sup, 33.8);
  EXPECT_DOUBLE_EQ(t10.endplate_depth_inf, 29.2);
  EXPECT_DOUBLE_EQ(t10.facet_angle, 70);
  EXPECT_DOUBLE_EQ(table.level("T11").body_wedge, 5.4);
  EXPECT_DOUBLE_EQ(table.level("T12").disc_below_height, 8.1);
  EXPECT_DOUBLE_EQ(table.level("L1").pedicle_width, 10.4);
  EXPECT_DOUBLE_EQ(table.level("L2").canal_depth, 18.8);
  const LevelAnatomy& l3 = table.level("L3");
  EXPECT_DOUBLE_EQ(l3.endplate_width_inf, 45.9);
  EXPECT_DOUBLE_EQ(l3.pedicle_height, 16.7);
  EXPECT_DOUBLE_EQ(l3.canal_width, 17.1);
  EXPECT_DOUBLE_EQ(l3.disc_below_height, 12.8);
  // The added columns.
  EXPECT_DOUBLE_EQ(t10.pedicle_transverse_angle, 5);
  EXPECT_DOUBLE_EQ(l3.pedicle_transverse_angle, 14);
  EXPECT_DOUBLE_EQ(t10.disc_below_wedge, 1.0);
  EXPECT_DOUBLE_EQ(l3.disc_below_wedge, -8.0);
  EXPECT_DOUBLE_EQ(t10.spinous_length, 38);
  EXPECT_DOUBLE_EQ(table.level("T12").transverse_process_length, 10);
  EXPECT_DOUBLE_EQ(l3.transverse_process_length, 22);
  EXPECT_DOUBLE_EQ(t10.spinous_inclination, 35);
  EXPECT_DOUBLE_EQ(table.level("T11").spinous_inclination, 25);
  EXPECT_DOUBLE_EQ(table.level("T12").spinous_inclination, 15);
  EXPECT_DOUBLE_EQ(l3.spinous_inclination, 5);
  EXPECT_DOUBLE_EQ(t10.facet_inclination, 15);
  EXPECT_DOUBLE_EQ(l3.facet_inclination, 15);
  EXPECT_EQ(table.file(), AnatomyTable::builtin_file());
  EXPECT_THROW(table.level("T9"), InputError);
}

TEST(AnatomyTable, DataDirEnvironmentVariableOverridesTheFolder) {
  const char* before = std::getenv("SPINEFE_DATA_DIR");
  const std::string saved = before ? before : "";
  ::setenv("SPINEFE_DATA_DIR", "/somewhere", 1);
  EXPECT_EQ(AnatomyTable::builtin_file(), "/somewhere/anatomy_t10_l3.csv");
  ::unsetenv("SPINEFE_DATA_DIR");
  EXPECT_THAT(AnatomyTable::builtin_file(),
              ::testing::EndsWith("/meshing/data/anatomy_t10_l3.csv"));
  if (before) // leave the environment as found, for the tests that follow
    ::setenv("SPINEFE_DATA_DIR", saved.c_str(), 1);
}

TEST(AnatomyTable, RejectsValuesOutsideTheAdultRanges) {
  struct Case {
    const char* column;
    const char* value;
    const char* message;
  };
  const std::vector<Case> cases{
      {"body_height_mm", "0", "body_height_mm = 0 mm must be positive"},
      {"body_height_mm", "210",
       "body_height_mm = 210 mm is outside the broad adult range 10 to 45 mm"},
      {"endplate_width_sup_mm", "71", "endplate_width_sup_mm = 71 mm is outside"},
      {"endplate_depth_sup_mm", "14", "endplate_depth_sup_mm = 14 mm is outside"},
      {"endplate_width_inf_mm", "19", "endplate_width_inf_mm = 19 mm is outside"},
      {"endplate_depth_inf_mm", "61", "endplate_depth_inf_mm = 61 mm is outside"},
      {"pedicle_width_mm", "45",
       "pedicle_width_mm = 45 mm is outside the broad adult range 2 to 25 mm"},
      {"pedicle_height_mm", "-3", "pedicle_height_mm = -3 mm must be positive"},
      {"canal_width_mm", "36",
       "canal_width_mm = 36 mm is outside the broad adult range 8 to 35 mm"},
      {"canal_depth_mm", "7", "canal_depth_mm = 7 mm is outside the broad adult range 8 to 35 mm"},
      {"disc_below_height_mm", "0", "disc_below_height_mm = 0 mm must be positive"},
      {"disc_below_height_mm", "0.5",
       "disc_below_height_mm = 0.5 mm is outside the broad adult range 1 to 25 mm"},
      {"spinous_length_mm", "81",
       "spinous_length_mm = 81 mm is outside the broad adult range 5 to 80 mm"},
      {"transverse_process_length_mm", "2",
       "transverse_process_length_mm = 2 mm is outside the broad adult range 3 to 60 mm"},
      {"body_wedge_deg", "-16",
       "body_wedge_deg = -16 degrees is outside the broad adult range -15 to 20 degrees"},
      {"disc_below_wedge_deg", "21",
       "disc_below_wedge_deg = 21 degrees is outside the broad adult range -20 to 20 degrees"},
      {"facet_angle_to_sagittal_deg", "95",
       "facet_angle_to_sagittal_deg = 95 degrees is outside the broad adult range 0 to 90 degrees"},
      {"pedicle_transverse_angle_deg", "-11",
       "pedicle_transverse_angle_deg = -11 degrees is outside the broad adult range -10 to 45 "
       "degrees"},
      {"spinous_inclination_deg", "-11",
       "spinous_inclination_deg = -11 degrees is outside the broad adult range -10 to 60 degrees"},
      {"spinous_inclination_deg", "61",
       "spinous_inclination_deg = 61 degrees is outside the broad adult range -10 to 60 degrees"},
      {"facet_sagittal_inclination_deg", "51",
       "facet_sagittal_inclination_deg = 51 degrees is outside the broad adult range -20 to 50 "
       "degrees"}};
  for (const Case& c : cases) {
    const std::string file =
        EditableTable().set("T12", c.column, c.value).write("anatomy_range.csv");
    EXPECT_THAT(read_error(file),
                ::testing::HasSubstr(std::string("anatomy_range.csv:4: level T12: ") + c.message))
        << c.column << " = " << c.value;
  }
  EXPECT_THROW(AnatomyTable::read(
                   EditableTable().set("T10", "body_height_mm", "46").write("anatomy_high.csv")),
               InputError);
}

TEST(AnatomyTable, RejectsImplausibleRelationsBetweenValues) {
  // T10: body height 21, endplate widths 33.8 (superior) and 36.2 (inferior).
  EXPECT_THAT(
      read_error(
          EditableTable().set("T10", "pedicle_width_mm", "20").write("anatomy_relation.csv")),
      ::testing::HasSubstr(
          "anatomy_relation.csv:2: level T10: pedicle_width_mm = 20 mm must be smaller "
          "than half the inferior endplate width (36.2 mm / 2 = 18.1 "
          "mm): a pedicle is narrower than half the body"));
  EXPECT_THAT(
      read_error(
          EditableTable().set("T10", "pedicle_height_mm", "22").write("anatomy_relation.csv")),
      ::testing::HasSubstr("anatomy_relation.csv:2: level T10: pedicle_height_mm = 22 mm must be "
                           "smaller than the body height (21 mm)"));
  EXPECT_THAT(
      read_error(EditableTable().set("T10", "canal_width_mm", "34").write("anatomy_relation.csv")),
      ::testing::HasSubstr(
          "anatomy_relation.csv:2: level T10: canal_width_mm = 34 mm must be smaller "
          "than the superior endplate width (33.8 mm)"));
  EXPECT_THAT(
      read_error(
          EditableTable().set("T10", "endplate_depth_sup_mm", "41").write("anatomy_relation.csv")),
      ::testing::HasSubstr(
          "anatomy_relation.csv:2: level T10: endplate_depth_sup_mm = 41 mm must be "
          "smaller than 1.2 times the superior endplate width (1.2 x "
          "33.8 mm = 40.56 mm)"));
  EXPECT_THAT(
      read_error(
          EditableTable().set("T10", "endplate_depth_inf_mm", "44").write("anatomy_relation.csv")),
      ::testing::HasSubstr(
          "anatomy_relation.csv:2: level T10: endplate_depth_inf_mm = 44 mm must be "
          "smaller than 1.2 times the inferior endplate width (1.2 x "
          "36.2 mm = 43.44 mm)"));
  // A low, deep body: walls 10 +- 20 tan(20 deg) = 10 +- 7.28 mm; 2.72 mm < 30% of 10 mm.
  EXPECT_THAT(read_error(EditableTable()
                             .set("T10", "body_height_mm", "10")
                             .set("T10", "pedicle_height_mm", "8")
                             .set("T10", "endplate_depth_sup_mm", "40")
                             .set("T10", "endplate_depth_inf_mm", "40")
                             .set("T10", "body_wedge_deg", "20")
                             .write("anatomy_relation.csv")),
              ::testing::HasSubstr(
                  "anatomy_relation.csv:2: level T10: body_wedge_deg = 20 degrees is too steep "
                  "for the body: over the mean endplate depth (40 mm) the "
                  "shorter wall would be 2.72 mm high, less than 30% of the body "
                  "height (3 mm)"));
  // Disc: 1 - 14.6 tan(10 deg) = -1.57 mm.
  EXPECT_THAT(read_error(EditableTable()
                             .set("T10", "disc_below_height_mm", "1")
                             .set("T10", "disc_below_wedge_deg", "-10")
                             .write("anatomy_relation.csv")),
              ::testing::HasSubstr(
                  "anatomy_relation.csv:2: level T10: disc_below_wedge_deg = -10 degrees is "
                  "too steep for the disc below: over the inferior endplate "
                  "depth (29.2 mm) its thinner side would be -1.57 mm high, less "
                  "than 30% of the disc height (0.3 mm)"));
}

TEST(AnatomyTable, RejectsUnknownMissingDuplicateAndMisorderedLevels) {
  EXPECT_THROW(
      AnatomyTable::read(EditableTable().set("T10", "level", "T9").write("anatomy_levels.csv")),
      InputError);
  EXPECT_THAT(read_error(EditableTable().set("T10", "level", "T9").write("anatomy_levels.csv")),
              ::testing::HasSubstr(
                  "anatomy_levels.csv:2: unknown level 'T9'; the table must list T10, T11, "
                  "T12, L1, L2, L3"));
  EditableTable missing;
  missing.rows.erase(missing.rows.begin() + 2); // T12
  EXPECT_THAT(
      read_error(missing.write("anatomy_levels.csv")),
      ::testing::HasSubstr("anatomy_levels.csv:4: level T12 is missing (expected before L1)"));
  EditableTable no_l3;
  no_l3.rows.pop_back();
  EXPECT_THAT(
      read_error(no_l3.write("anatomy_levels.csv")),
      ::testing::HasSubstr("anatomy_levels.csv:6: level L3 is missing (expected after L2)"));
  EXPECT_THAT(
      read_error(EditableTable().set("T12", "level", "T11").write("anatomy_levels.csv")),
      ::testing::HasSubstr("anatomy_levels.csv:4: level T11 is listed twice (first at line 3)"));
  EditableTable swapped;
  std::swap(swapped.rows[1], swapped.rows[2]);
  EXPECT_THAT(read_error(swapped.write("anatomy_levels.csv")),
              ::testing::HasSubstr(
                  "anatomy_levels.csv:3: level T12 is out of order: expected T11 here; levels "
                  "run cranial to caudal: T10, T11, T12, L1, L2, L3"));
  EditableTable empty;
  empty.rows.clear();
  EXPECT_THAT(read_error(empty.write("anatomy_levels.csv")),
              ::testing::HasSubstr("anatomy_levels.csv:1: the table has no levels"));
}

TEST(AnatomyTable, RejectsNonNumericValuesAndMissingColumns) {
  EXPECT_THAT(
      read_error(
          EditableTable().set("T11", "canal_depth_mm", "18,5mm").write("anatomy_numbers.csv")),
      ::testing::HasSubstr("anatomy_numbers.csv:3: expected 21 comma-separated fields, found 22"));
  EXPECT_THAT(
      read_error(
          EditableTable().set("T11", "canal_depth_mm", "18.5mm").write("anatomy_numbers.csv")),
      ::testing::HasSubstr("anatomy_numbers.csv:3: column 'canal_depth_mm' must be a number, found "
                           "'18.5mm'"));
  EXPECT_THAT(
      read_error(
          EditableTable().set("L2", "disc_below_wedge_deg", "").write("anatomy_numbers.csv")),
      ::testing::HasSubstr(
          "anatomy_numbers.csv:6: column 'disc_below_wedge_deg' must be a number"));
  EditableTable no_column;
  const std::size_t k = no_column.column("spinous_length_mm");
  no_column.header.erase(no_column.header.begin() + k);
  for (auto& r : no_column.rows)
    r.erase(r.begin() + k);
  EXPECT_THAT(
      read_error(no_column.write("anatomy_numbers.csv")),
      ::testing::HasSubstr("anatomy_numbers.csv:1: missing required column 'spinous_length_mm'"));
}
