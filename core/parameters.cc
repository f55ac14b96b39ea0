#include "core/parameters.h"

#include <sstream>

#include <boost/algorithm/string.hpp>

namespace spinefe {

void declare(dealii::ParameterHandler& prm, const std::string& name, const std::string& value,
             const dealii::Patterns::PatternBase& pattern, const std::string& unit,
             const std::string& documentation) {
  prm.declare_entry(name, value, pattern, "[" + unit + "] " + documentation);
}

std::vector<std::pair<std::string, std::string>>
split_map(const std::string& text, const std::string& separator, const std::string& key_value) {
  std::vector<std::pair<std::string, std::string>> entries;
  std::vector<std::string> items;
  boost::split(items, text, boost::is_any_of(separator));
  for (auto& item : items) {
    boost::trim(item);
    if (item.empty())
      continue;
    const auto colon = item.find(key_value);
    entries.emplace_back(boost::trim_copy(item.substr(0, colon)),
                         boost::trim_copy(item.substr(colon + key_value.size())));
  }
  return entries;
}

std::vector<double> split_doubles(const std::string& text) {
  std::vector<std::string> items;
  boost::split(items, text, boost::is_any_of(","));
  std::vector<double> values;
  for (const auto& item : items)
    if (!boost::trim_copy(item).empty())
      values.push_back(std::stod(item));
  return values;
}

std::string number_text(const double value) {
  std::ostringstream s;
  s << value;
  return s.str();
}

} // namespace spinefe
