#include "meshing/anatomy_table.h"

#include "core/csv.h"
#include "core/input_error.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <sstream>

namespace spinefe {

const std::vector<std::string>& spine_level_names() {
  static const std::vector<std::string> names{"T10", "T11", "T12", "L1", "L2", "L3"};
  return names;
}

std::string AnatomyTable::builtin_file() {
  if (const char* dir = std::getenv("SPINEFE_DATA_DIR"))
    return std::string(dir) + "/anatomy_t10_l3.csv";
  return SPINEFE_MESHING_DATA_DIR "/anatomy_t10_l3.csv";
}

namespace {

constexpr double pi = 3.14159265358979323846;

/// One numeric column of the table and the range its values must lie in.
struct Column {
  const char* name;
  double LevelAnatomy::*member;
  bool is_length; ///< lengths must be positive and are in mm; the others are angles in degrees
  double min, max;
};

// Broad adult bounds (meshing/data/README.md): wide enough for any real T10-L3 vertebra, narrow
// enough to catch most lengths typed in cm or inches, swapped columns and slipped digits.
const std::vector<Column>& columns() {
  using L = LevelAnatomy;
  static const std::vector<Column> list{
      {"body_height_mm", &L::body_height, true, 10, 45},
      {"endplate_width_sup_mm", &L::endplate_width_sup, true, 20, 70},
      {"endplate_depth_sup_mm", &L::endplate_depth_sup, true, 15, 60},
      {"endplate_width_inf_mm", &L::endplate_width_inf, true, 20, 70},
      {"endplate_depth_inf_mm", &L::endplate_depth_inf, true, 15, 60},
      {"pedicle_width_mm", &L::pedicle_width, true, 2, 25},
      {"pedicle_height_mm", &L::pedicle_height, true, 5, 30},
      {"canal_width_mm", &L::canal_width, true, 8, 35},
      {"canal_depth_mm", &L::canal_depth, true, 8, 35},
      {"body_wedge_deg", &L::body_wedge, false, -15, 20},
      {"disc_below_height_mm", &L::disc_below_height, true, 1, 25},
      {"facet_angle_to_sagittal_deg", &L::facet_angle, false, 0, 90},
      {"pedicle_transverse_angle_deg", &L::pedicle_transverse_angle, false, -10, 45},
      {"disc_below_wedge_deg", &L::disc_below_wedge, false, -20, 20},
      {"spinous_length_mm", &L::spinous_length, true, 5, 80},
      {"transverse_process_length_mm", &L::transverse_process_length, true, 3, 60},
      {"spinous_inclination_deg", &L::spinous_inclination, false, -10, 60},
      {"facet_sagittal_inclination_deg", &L::facet_inclination, false, -20, 50}};
  return list;
}

/// A value as the user typed it (up to 6 significant digits).
std::string text(double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

/// A derived value, rounded to 0.01 mm so that it reads like the table's numbers.
std::string derived(double x) {
  const double rounded = std::round(x * 100) / 100;
  return text(rounded == 0 ? 0.0 : rounded); // no "-0"
}

std::string all_levels() {
  std::string list;
  for (const auto& name : spine_level_names())
    list += (list.empty() ? "" : ", ") + name;
  return list;
}

/// Every level exactly once, cranial to caudal; errors name the row where the fix belongs.
void check_levels(const CsvTable& table) {
  const auto& expected = spine_level_names();
  std::map<std::string, unsigned int> line_of;
  for (const auto& row : table.rows) {
    const std::string& name = row.field.at("level");
    const std::string where = file_line(table.file, row.line);
    if (std::find(expected.begin(), expected.end(), name) == expected.end())
      throw InputError(where, "unknown level '" + name + "'; the table must list " + all_levels());
    if (line_of.count(name))
      throw InputError(where, "level " + name + " is listed twice (first at line " +
                                  std::to_string(line_of[name]) + ")");
    line_of[name] = row.line;
  }
  if (table.rows.empty())
    throw InputError(file_line(table.file, 1), "the table has no levels; it must list " +
                                                   all_levels() + ", cranial to caudal");
  for (std::size_t k = 0; k < expected.size(); ++k) {
    if (line_of.count(expected[k]))
      continue;
    // Point at the first listed level that belongs after the missing one, else at the last row.
    for (const auto& row : table.rows) {
      const std::string& name = row.field.at("level");
      if (std::find(expected.begin(), expected.end(), name) - expected.begin() > long(k))
        throw InputError(file_line(table.file, row.line),
                         "level " + expected[k] + " is missing (expected before " + name +
                             "); the table must list " + all_levels() + ", cranial to caudal");
    }
    const CsvRow& last = table.rows.back();
    throw InputError(file_line(table.file, last.line),
                     "level " + expected[k] + " is missing (expected after " +
                         last.field.at("level") + "); the table must list " + all_levels() +
                         ", cranial to caudal");
  }
  for (std::size_t k = 0; k < expected.size(); ++k)
    if (table.rows[k].field.at("level") != expected[k])
      throw InputError(file_line(table.file, table.rows[k].line),
                       "level " + table.rows[k].field.at("level") + " is out of order: expected " +
                           expected[k] + " here; levels run cranial to caudal: " + all_levels());
}

/// Ranges of each value, then the relations between values of one level.
void check_values(const LevelAnatomy& a, const std::string& where) {
  const auto fail = [&](const std::string& message) {
    throw InputError(where, "level " + a.name + ": " + message);
  };
  for (const Column& c : columns()) {
    const double value = a.*c.member;
    const std::string unit = c.is_length ? " mm" : " degrees";
    const std::string shown = std::string(c.name) + " = " + text(value) + unit;
    if (c.is_length && !(value > 0))
      fail(shown + " must be positive");
    if (!(value >= c.min && value <= c.max))
      fail(shown + " is outside the broad adult range " + text(c.min) + " to " + text(c.max) +
           unit);
  }
  if (!(a.pedicle_width < a.endplate_width_inf / 2))
    fail("pedicle_width_mm = " + text(a.pedicle_width) +
         " mm must be smaller than half the inferior endplate width (" +
         text(a.endplate_width_inf) + " mm / 2 = " + derived(a.endplate_width_inf / 2) +
         " mm): a pedicle is narrower than half the body");
  if (!(a.pedicle_height < a.body_height))
    fail("pedicle_height_mm = " + text(a.pedicle_height) +
         " mm must be smaller than the body height (" + text(a.body_height) + " mm)");
  if (!(a.canal_width < a.endplate_width_sup))
    fail("canal_width_mm = " + text(a.canal_width) +
         " mm must be smaller than the superior endplate width (" + text(a.endplate_width_sup) +
         " mm)");
  // An endplate is wider than deep in every adult T10-L3 vertebra; 1.2 leaves room for outliers.
  const auto check_depth = [&](double depth, double width, const char* side) {
    if (!(depth < 1.2 * width))
      fail(std::string("endplate_depth_") + side + "_mm = " + text(depth) +
           " mm must be smaller than 1.2 times the " + (side[0] == 's' ? "superior" : "inferior") +
           " endplate width (1.2 x " + text(width) + " mm = " + derived(1.2 * width) + " mm)");
  };
  check_depth(a.endplate_depth_sup, a.endplate_width_sup, "sup");
  check_depth(a.endplate_depth_inf, a.endplate_width_inf, "inf");
  // A wedge of angle w between two plates of depth d, whose mid-depth distance is h, makes the
  // walls h +- (d / 2) tan w high. A wall below 30% of h would give near-degenerate geometry.
  const double depth_mean = 0.5 * (a.endplate_depth_sup + a.endplate_depth_inf);
  const double body_wall =
      a.body_height - 0.5 * depth_mean * std::tan(std::abs(a.body_wedge) * pi / 180);
  if (!(body_wall >= 0.3 * a.body_height))
    fail("body_wedge_deg = " + text(a.body_wedge) +
         " degrees is too steep for the body: over the mean endplate depth (" +
         derived(depth_mean) + " mm) the shorter wall would be " + derived(body_wall) +
         " mm high, less than 30% of the body height (" + derived(0.3 * a.body_height) + " mm)");
  const double disc_wall =
      a.disc_below_height -
      0.5 * a.endplate_depth_inf * std::tan(std::abs(a.disc_below_wedge) * pi / 180);
  if (!(disc_wall >= 0.3 * a.disc_below_height))
    fail("disc_below_wedge_deg = " + text(a.disc_below_wedge) +
         " degrees is too steep for the disc below: over the inferior endplate depth (" +
         text(a.endplate_depth_inf) + " mm) its thinner side would be " + derived(disc_wall) +
         " mm high, less than 30% of the disc height (" + derived(0.3 * a.disc_below_height) +
         " mm)");
}

} // namespace

AnatomyTable AnatomyTable::read(const std::string& file) {
  std::vector<std::string> required{"level"};
  for (const Column& c : columns())
    required.push_back(c.name);
  const CsvTable table = CsvTable::read(file, required);
  check_levels(table);
  AnatomyTable result;
  result.file_ = file;
  for (const auto& row : table.rows) {
    LevelAnatomy a;
    a.name = row.field.at("level");
    a.line = row.line;
    for (const Column& c : columns())
      a.*c.member = table.number(row, c.name);
    check_values(a, file_line(file, row.line));
    result.levels_.push_back(a);
  }
  return result;
}

const LevelAnatomy& AnatomyTable::level(const std::string& name) const {
  for (const auto& a : levels_)
    if (a.name == name)
      return a;
  throw InputError(file_, "no level '" + name + "' in the anatomy table; it lists " + all_levels());
}

} // namespace spinefe
