#include "core/parameter_locator.h"

#include "core/input_error.h"

#include <boost/algorithm/string.hpp>

#include <filesystem>
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
  scan(file, {}, 0);
}

void ParameterLocator::scan(const std::string& file, std::vector<std::string> sections,
                            const int depth) {
  if (depth > 16) // an include cycle; ParameterHandler itself reports it
    return;
  std::ifstream in(file);
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
      set_at_[joined(sections, key)] = {file, number};
    } else if (boost::algorithm::starts_with(text, "include ")) {
      const std::filesystem::path included = boost::algorithm::trim_copy(text.substr(8));
      scan(included.is_absolute() ? included.string()
                                  : (std::filesystem::path(file).parent_path() / included).string(),
           sections, depth + 1);
    }
  }
}

std::string ParameterLocator::where(const std::string& path) const {
  const auto it = set_at_.find(path);
  if (it != set_at_.end())
    return file_line(it->second.first, it->second.second);
  return file_ + ", parameter '" + path + "' (default value)";
}

std::string ParameterLocator::file_of(const std::string& path) const {
  const auto it = set_at_.find(path);
  return it == set_at_.end() ? file_ : it->second.first;
}

} // namespace spinefe
