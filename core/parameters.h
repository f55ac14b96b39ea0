// Declaring case-file parameters with a unit, and reading the list-valued ones. Each folder
// declares its own section (meshing/ -> "Mesh", solver/ -> "Solver" ...). The unit is stored at
// the start of the documentation as "[unit]" so that `spinefe info --parameters` can print it in
// its own column from the declarations alone.
#pragma once

#include <deal.II/base/parameter_handler.h>

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace spinefe {

void declare(dealii::ParameterHandler& prm, const std::string& name, const std::string& value,
             const dealii::Patterns::PatternBase& pattern, const std::string& unit,
             const std::string& documentation);

/// Splits "a: x; b: y" into {{"a","x"},{"b","y"}} (already validated by a Patterns::Map).
std::vector<std::pair<std::string, std::string>> split_map(const std::string& text,
                                                           const std::string& separator = ";",
                                                           const std::string& key_value = ":");

/// A number as a parameter's default text, in the shortest stream form ("0.8", "1e-05").
std::string number_text(double value);

/// Splits "1, 2, 3" into numbers (already validated by a Patterns::List of Doubles).
std::vector<double> split_doubles(const std::string& text);

} // namespace spinefe
