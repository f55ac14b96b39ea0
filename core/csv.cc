#include "core/csv.h"

#include "core/input_error.h"

#include <boost/algorithm/string.hpp>

#include <fstream>

namespace spinefe {

std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> fields(1);
  bool quoted = false;
  for (const char c : line) {
    if (c == '"')
      quoted = !quoted;
    else if (c == ',' && !quoted)
      fields.emplace_back();
    else if (c != '\r')
      fields.back() += c;
  }
  for (auto& f : fields)
    boost::algorithm::trim(f);
  return fields;
}

CsvTable CsvTable::read(const std::string& file, const std::vector<std::string>& required_columns) {
  std::ifstream in(file);
  if (!in)
    throw InputError(file, "cannot open the table (missing file or no read permission)");
  CsvTable table;
  table.file = file;
  std::string line;
  unsigned int number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (boost::algorithm::trim_copy(line).empty() || line[0] == '#')
      continue;
    const auto fields = split_csv_line(line);
    if (table.columns.empty()) {
      table.columns = fields;
      continue;
    }
    if (fields.size() != table.columns.size())
      throw InputError(file_line(file, number), "expected " + std::to_string(table.columns.size()) +
                                                    " comma-separated fields, found " +
                                                    std::to_string(fields.size()));
    CsvRow row;
    row.line = number;
    for (std::size_t i = 0; i < fields.size(); ++i)
      row.field[table.columns[i]] = fields[i];
    table.rows.push_back(std::move(row));
  }
  for (const auto& column : required_columns)
    if (std::find(table.columns.begin(), table.columns.end(), column) == table.columns.end())
      throw InputError(file_line(file, 1), "missing required column '" + column + "'");
  return table;
}

double CsvTable::number(const CsvRow& row, const std::string& column) const {
  const std::string& text = row.field.at(column);
  try {
    std::size_t used = 0;
    const double value = std::stod(text, &used);
    if (used == text.size())
      return value;
  } catch (const std::exception&) {
  }
  throw InputError(file_line(file, row.line),
                   "column '" + column + "' must be a number, found '" + text + "'");
}

} // namespace spinefe
