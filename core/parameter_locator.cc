#include "core/parameter_locator.h"

#include "core/input_error.h"

#include <boost/algorithm/string.hpp>

#include <fstream>
#include <vector>

namespace spinefe {

namespace {
std::string joined(const std::vector<std::string>& sections, const std::string& key) {
  std::string path;
  for (const auto& s : sections)
    path += s + "/";
  return path + key;
}
} // namespace

ParameterLocator::ParameterLocator(const std::string& file) : file_(file) {
  std::ifstream in(file);
  std::vector<std::string> sections;
  std::string line;
  for (unsigned int number = 1; std::getline(in, line); ++number) {
    const auto hash = line.find('#');
    std::string text = boost::algorithm::trim_copy(line.substr(0, hash));
    if (boost::algorithm::starts_with(text, "subsection ")) {
      sections.push_back(boost::algorithm::trim_copy(text.substr(11)));
    } else if (text == "end" && !sections.empty()) {
      sections.pop_back();
    } else if (boost::algorithm::starts_with(text, "set ")) {
      const auto eq = text.find('=');
      const std::string key = boost::algorithm::trim_copy(text.substr(4, eq - 4));
      line_of_[joined(sections, key)] = number;
    }
  }
}

std::string ParameterLocator::where(const std::string& path) const {
  const auto it = line_of_.find(path);
  if (it != line_of_.end())
    return file_line(file_, it->second);
  return file_ + ", parameter '" + path + "' (default value)";
}

} // namespace spinefe
