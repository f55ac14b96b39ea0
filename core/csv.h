// A small RFC-4180 style CSV reader for the project's data tables (materials, anatomy ...).
// Every row remembers its line so that a bad value is reported as "file:line".
#pragma once

#include <map>
#include <string>
#include <vector>

namespace spinefe {

struct CsvRow {
  unsigned int line = 0;
  std::map<std::string, std::string> field; ///< column name -> raw text
};

struct CsvTable {
  std::string file;
  std::vector<std::string> columns;
  std::vector<CsvRow> rows;

  /// Reads `file`; throws InputError naming the file (and line) if it is missing, has a row
  /// with the wrong number of fields, or lacks one of `required_columns`.
  static CsvTable read(const std::string& file, const std::vector<std::string>& required_columns);

  /// The field parsed as a number; an empty or non-numeric field is an error naming file:line.
  double number(const CsvRow& row, const std::string& column) const;
};

/// Splits one CSV line, honouring double quotes.
std::vector<std::string> split_csv_line(const std::string& line);

} // namespace spinefe
