#include "postprocess/metrics_table.h"

#include "core/atomic_file.h"
#include "core/csv.h"
#include "core/input_error.h"
#include "postprocess/hdf5_tools.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <limits>
#include <map>
#include <sstream>

namespace spinefe {

double find_metric(const MetricTable& table, const std::string& model, const std::string& load_case,
                   const std::string& kind, const std::string& name, const std::string& quantity) {
  for (const auto& r : table)
    if (r.model == model && r.load_case == load_case && r.kind == kind && r.name == name &&
        r.quantity == quantity)
      return r.value;
  return std::numeric_limits<double>::quiet_NaN();
}

void write_metrics_csv(const MetricTable& table, const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    // Every digit a double needs to read back the same value: the baseline cache stores the
    // intact metrics in this file, and a cache hit must give the same figures as a solve.
    out << "model,load_case,kind,name,quantity,unit,value\n"
        << std::setprecision(std::numeric_limits<double>::max_digits10);
    for (const auto& r : table)
      out << r.model << ',' << r.load_case << ',' << r.kind << ',' << r.name << ',' << r.quantity
          << ',' << r.unit << ',' << r.value << '\n';
  });
}

void write_metrics_json(const MetricTable& table, const std::filesystem::path& file) {
  // model -> load case -> kind -> name -> quantity: {value, unit}
  std::map<std::string,
           std::map<std::string, std::map<std::string, std::map<std::string, MetricTable>>>>
      tree;
  for (const auto& r : table)
    tree[r.model][r.load_case][r.kind][r.name].push_back(r);
  write_text_atomically(file, [&](std::ostream& out) {
    out << std::setprecision(10) << "{";
    const char* sep1 = "\n";
    for (const auto& [model, cases] : tree) {
      out << sep1 << " \"" << model << "\": {";
      const char* sep2 = "\n";
      for (const auto& [load_case, kinds] : cases) {
        out << sep2 << "  \"" << load_case << "\": {";
        const char* sep3 = "\n";
        for (const auto& [kind, names] : kinds) {
          out << sep3 << "   \"" << kind << "\": {";
          const char* sep4 = "";
          for (const auto& [name, rows] : names) {
            out << sep4 << "\"" << name << "\": {";
            for (std::size_t i = 0; i < rows.size(); ++i) {
              const double v = rows[i].value;
              out << (i ? ", " : "") << "\"" << rows[i].quantity << "\": {\"value\": ";
              if (std::isfinite(v))
                out << v;
              else
                out << "null";
              out << ", \"unit\": \"" << rows[i].unit << "\"}";
            }
            out << "}";
            sep4 = ", ";
          }
          out << "}";
          sep3 = ",\n";
        }
        out << "\n  }";
        sep2 = ",\n";
      }
      out << "\n }";
      sep1 = ",\n";
    }
    out << "\n}\n";
  });
}

void write_metrics_hdf5(const MetricTable& table, const std::filesystem::path& file) {
  const hid_t h5 = create_hdf5_in_memory(file.string());
  const hid_t g = H5Gcreate2(h5, "metrics", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<std::string> columns[6];
  std::vector<double> values;
  for (const auto& r : table) {
    const std::string* fields[6] = {&r.model, &r.load_case, &r.kind, &r.name, &r.quantity, &r.unit};
    for (int k = 0; k < 6; ++k)
      columns[k].push_back(*fields[k]);
    values.push_back(r.value);
  }
  const char* names[6] = {"model", "load_case", "kind", "name", "quantity", "unit"};
  for (int k = 0; k < 6; ++k)
    write_strings(g, names[k], columns[k]);
  write_doubles(g, "value", values, 1, "see /metrics/unit");
  H5Gclose(g);
  save_hdf5_atomically(h5, file);
}

MetricTable read_metrics_csv(const std::filesystem::path& file) {
  const CsvTable csv = CsvTable::read(
      file.string(), {"model", "load_case", "kind", "name", "quantity", "unit", "value"});
  MetricTable table;
  for (const auto& row : csv.rows) {
    const auto& f = row.field;
    table.push_back({f.at("model"), f.at("load_case"), f.at("kind"), f.at("name"), f.at("quantity"),
                     f.at("unit"), csv.number(row, "value")});
  }
  return table;
}

namespace {
std::vector<std::string> load_cases_in_order(const MetricTable& table, const std::string& model) {
  std::vector<std::string> names;
  for (const auto& r : table)
    if (r.model == model && std::find(names.begin(), names.end(), r.load_case) == names.end())
      names.push_back(r.load_case);
  return names;
}

std::string cell(const double v, const int width, const int precision = 3) {
  std::ostringstream s;
  if (std::isfinite(v))
    s << std::setw(width) << std::setprecision(precision) << v;
  else
    s << std::setw(width) << "-";
  return s.str();
}

/// The name of the first row of `kind` (e.g. the first segment) for a compact column.
std::vector<std::string> names_of(const MetricTable& table, const std::string& kind,
                                  const std::string& quantity) {
  std::vector<std::string> names;
  for (const auto& r : table)
    if (r.model == "instrumented" && r.kind == kind && r.quantity == quantity &&
        std::find(names.begin(), names.end(), r.name) == names.end())
      names.push_back(r.name);
  return names;
}
} // namespace

void print_metrics_table(const MetricTable& table, std::ostream& out) {
  const std::string primary =
      load_cases_in_order(table, "instrumented").empty() ? "intact" : "instrumented";
  const auto cases = load_cases_in_order(table, primary);
  if (cases.empty())
    return;
  const auto interfaces = names_of(table, "interface", "subsidence_risk_index");
  std::vector<std::string> zones; // the bodies and endplate zones; screws are in the files
  for (const auto& z : names_of(table, "ssi", "ssi"))
    if (z.rfind("screw_", 0) != 0)
      zones.push_back(z);
  out << "\nSpine metrics per load case (definitions: README, 'Spine metrics'):\n";
  out << "  load case      ROM T10-L3 deg        share   P99 vM MPa";
  for (const auto& i : interfaces)
    out << "  SRI " << std::setw(13) << std::left << i << std::right;
  out << "  SSI (mean SED vs intact)\n";
  out << "                 instr.     intact   implant  rods   impl.";
  for (std::size_t i = 0; i < interfaces.size(); ++i)
    out << "  P95  >1 area  ";
  out << "\n";
  for (const auto& lc : cases) {
    // The rotation of the first-to-last segment about the axis the load case moves most: the
    // largest component of the intact spine (or of the model itself when there is no twin).
    const auto component = [&](const std::string& model) {
      std::string axis;
      double largest = -1;
      for (const auto& r : table)
        if (r.model == model && r.load_case == lc && r.kind == "segment" && r.name == "T10-L3" &&
            std::abs(r.value) > largest) {
          largest = std::abs(r.value);
          axis = r.quantity;
        }
      return axis;
    };
    const std::string axis = component("intact").empty() ? component(primary) : component("intact");
    const auto rom = [&](const std::string& model) {
      return find_metric(table, model, lc, "segment", "T10-L3", axis);
    };
    out << "  " << std::setw(12) << std::left << lc << std::right << cell(rom(primary), 9)
        << cell(rom("intact"), 11)
        << cell(find_metric(table, "instrumented", lc, "load_share", "implant", "share"), 10)
        << cell(find_metric(table, "instrumented", lc, "implant_stress", "rods", "von_mises_p99"),
                6, 3)
        << cell(
               find_metric(table, "instrumented", lc, "implant_stress", "implant", "von_mises_p99"),
               8, 3);
    for (const auto& i : interfaces)
      out << cell(find_metric(table, "instrumented", lc, "interface", i, "subsidence_risk_index"),
                  6)
          << " "
          << cell(find_metric(table, "instrumented", lc, "interface", i, "area_fraction_above_1"),
                  7, 2)
          << "   ";
    for (const auto& z : zones)
      out << "  " << z << " "
          << cell(find_metric(table, "instrumented", lc, "ssi", z, "ssi"), 5, 2);
    out << "\n";
  }
}

} // namespace spinefe
