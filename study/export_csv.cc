#include "study/export_csv.h"

#include "core/atomic_file.h"
#include "core/input_error.h"
#include "postprocess/results_database.h"

#include <iomanip>

namespace spinefe {

namespace {

std::string field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos)
    return s;
  std::string out = "\"";
  for (const char c : s)
    out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

/// The database, or an InputError naming it: a damaged file can make HDF5 or a number parser fail
/// with a message that names neither the file nor what was expected.
ResultsDatabase read_database(const std::string& file) {
  try {
    return read_results_database(file);
  } catch (const InputError&) {
    throw;
  } catch (...) {
    throw InputError(file, "could not read the results database: " + current_exception_message() +
                               "; expected a results.h5 written by 'spinefe study'");
  }
}

} // namespace

void export_results_csv(const std::string& database, const std::string& csv) {
  const ResultsDatabase db = read_database(database);
  write_text_atomically(csv, [&](std::ostream& out) {
    out << "case,status";
    for (const auto& p : db.parameters)
      out << "," << field(p);
    out << ",model,load_case,kind,name,quantity,unit,value\n";
    for (const auto& r : db.cases) {
      std::string prefix = field(r.id) + "," + field(r.status);
      for (const auto& p : db.parameters) {
        std::string value;
        for (const auto& [name, v] : r.parameters)
          if (name == p)
            value = v;
        prefix += "," + field(value);
      }
      if (r.metrics.empty())
        out << prefix << ",,,,,,,\n";
      for (const auto& m : r.metrics)
        out << prefix << "," << field(m.model) << "," << field(m.load_case) << "," << field(m.kind)
            << "," << field(m.name) << "," << field(m.quantity) << "," << field(m.unit) << ","
            << m.value << "\n";
    }
  });
}

} // namespace spinefe
