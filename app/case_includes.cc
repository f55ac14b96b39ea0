#include "app/case_includes.h"

#include "core/input_error.h"

#include <cctype>
#include <filesystem>
#include <fstream>
#include <regex>

namespace spinefe {

namespace {

constexpr unsigned int max_depth = 16;

/// The path of an `include` line, or empty if the line is not one.
std::string included_path(const std::string& line) {
  const auto start = line.find_first_not_of(" \t");
  if (start == std::string::npos || line.compare(start, 8, "include ") != 0)
    return "";
  std::string path = line.substr(start + 8);
  path = path.substr(0, path.find('#'));
  while (!path.empty() && std::isspace(static_cast<unsigned char>(path.back())))
    path.pop_back();
  const auto first = path.find_first_not_of(" \t");
  return first == std::string::npos ? "" : path.substr(first);
}

void expand_into(const std::string& file, const unsigned int depth, ExpandedCase& out) {
  std::ifstream in(file);
  std::string line;
  for (unsigned int number = 1; std::getline(in, line); ++number) {
    const std::string path = included_path(line);
    if (path.empty()) {
      out.text += line + "\n";
      out.origin.emplace_back(file, number);
      continue;
    }
    const std::string where = file + ":" + std::to_string(number);
    const std::string target = resolve(path, file);
    if (depth + 1 >= max_depth)
      throw InputError(where, "includes are nested more than " + std::to_string(max_depth) +
                                  " deep; does '" + path + "' include itself?");
    if (!std::filesystem::is_regular_file(target))
      throw InputError(where,
                       "cannot open the included file '" + path + "' (looked for " + target + ")");
    expand_into(target, depth + 1, out);
  }
}

} // namespace

std::string resolve(const std::string& path, const std::string& including_file) {
  if (path.empty() || std::filesystem::path(path).is_absolute())
    return path;
  return (std::filesystem::path(including_file).parent_path() / path).lexically_normal().string();
}

std::string existing_case_path(const ParameterLocator& locator, const std::string& key,
                               const std::string& value, const std::string& what) {
  const std::string path = resolve(value, locator.file_of(key));
  if (!std::filesystem::is_regular_file(path))
    throw InputError(locator.where(key), what + " '" + path + "' not found");
  return path;
}

ExpandedCase expand_includes(const std::string& file) {
  ExpandedCase out;
  expand_into(file, 0, out);
  return out;
}

std::string with_original_lines(const std::string& message, const ExpandedCase& expanded) {
  static const std::regex reference(R"(Line <([0-9]+)> of file <[^>]*>)");
  std::string out;
  auto begin = message.cbegin();
  std::smatch m;
  while (std::regex_search(begin, message.cend(), m, reference)) {
    out.append(begin, m[0].first);
    const unsigned long n = std::stoul(m[1].str());
    if (n >= 1 && n <= expanded.origin.size()) {
      const auto& [file, line] = expanded.origin[n - 1];
      out += "Line <" + std::to_string(line) + "> of file <" + file + ">";
    } else {
      out += m[0].str();
    }
    begin = m[0].second;
  }
  out.append(begin, message.cend());
  return out;
}

} // namespace spinefe
