#include "study/export_csv.h"

#include "core/atomic_file.h"
#include "core/child_process.h"
#include "core/input_error.h"
#include "postprocess/results_database.h"

#include <filesystem>
#include <iomanip>
#include <sstream>

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

/// The tidy table: one row per metric, the case's parameters repeated on each row.
void write_tidy_csv(const ResultsDatabase& db, std::ostream& out) {
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
          << format_double(m.value) << "\n"; // every digit: the export is for analysis
  }
}

} // namespace

void export_results_csv(const std::string& database, const std::string& csv) {
  // HDF5 trusts the structure of the file it reads: a damaged database can make it crash, not
  // fail. The child process reads the database and sends the CSV text back; only the complete
  // text is written, atomically, by this process.
  // Limits: memory, 1 GB plus 64 bytes per byte of file; CPU time, 1 s plus 1 s per MB. Reading
  // a database takes milliseconds per MB; a damaged global heap made HDF5 1.10 loop for ever
  // (tests/fuzz).
  std::error_code no_size; // a missing file is reported by the reader, naming it
  const std::size_t size = std::filesystem::file_size(database, no_size);
  const ChildLimits limits = {no_size ? 0 : (std::size_t(1) << 30) + 64 * size,
                              no_size ? 1u : 1u + static_cast<unsigned int>(size >> 20)};
  const std::vector<char> text =
      run_in_child_process(database, "a results.h5 written by 'spinefe study'", limits, [&] {
        std::ostringstream out;
        write_tidy_csv(read_database(database), out);
        const std::string s = out.str();
        return std::vector<char>(s.begin(), s.end());
      });
  write_text_atomically(csv, [&](std::ostream& out) { out.write(text.data(), text.size()); });
}

} // namespace spinefe
