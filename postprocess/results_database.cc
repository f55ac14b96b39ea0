#include "postprocess/results_database.h"

#include "core/atomic_file.h"
#include "core/csv.h"
#include "core/input_error.h"
#include "core/version.h"
#include "postprocess/hdf5_tools.h"

#include <hdf5.h>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace spinefe {

namespace fs = std::filesystem;

std::string format_double(const double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

// ----- metrics files ---------------------------------------------------------------------------

std::vector<MetricRow> read_metrics_file(const std::string& file) {
  const CsvTable table =
      CsvTable::read(file, {"model", "load_case", "kind", "name", "quantity", "unit", "value"});
  std::vector<MetricRow> rows;
  for (const auto& r : table.rows)
    rows.push_back({r.field.at("model"), r.field.at("load_case"), r.field.at("kind"),
                    r.field.at("name"), r.field.at("quantity"), r.field.at("unit"),
                    table.number(r, "value")});
  return rows;
}

std::vector<MetricRow> read_summary_metrics(const std::string& file, const std::string& model,
                                            const std::string& load_case) {
  // Read by hand rather than as a CsvTable: summary.csv does not quote names that hold a comma
  // ("stage,setup (DoFs, sparsity),..."), so the name is everything between the first field
  // and the last three.
  std::ifstream in(file);
  if (!in)
    throw InputError(file, "cannot open the summary");
  std::string line;
  std::getline(in, line);
  if (line.rfind("kind,name,quantity,unit,value", 0) != 0)
    throw InputError(file_line(file, 1), "expected the header kind,name,quantity,unit,value");
  std::vector<MetricRow> rows;
  for (unsigned int number = 2; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.empty())
      continue;
    std::vector<std::string> f = split_csv_line(line);
    if (f.size() < 5)
      throw InputError(file_line(file, number),
                       "expected 5 comma-separated fields, found " + std::to_string(f.size()));
    std::string name = f[1];
    for (std::size_t i = 2; i + 3 < f.size(); ++i)
      name += "," + f[i];
    const std::size_t n = f.size();
    if (f[0] == "stage")
      continue;
    double value = 0;
    try {
      std::size_t used = 0;
      value = std::stod(f[n - 1], &used);
      if (used != f[n - 1].size())
        throw std::invalid_argument("trailing text");
    } catch (const std::exception&) {
      throw InputError(file_line(file, number),
                       "column 'value' must be a number, found '" + f[n - 1] + "'");
    }
    rows.push_back({model, load_case, f[0], name, f[n - 3], f[n - 2], value});
  }
  return rows;
}

CaseMetrics read_case_metrics(const fs::path& output) {
  CaseMetrics metrics;
  if (fs::is_regular_file(output / "metrics.csv")) {
    metrics.source = "metrics.csv";
    metrics.rows = read_metrics_file((output / "metrics.csv").string());
  } else if (fs::is_regular_file(output / "load_cases.csv")) {
    // The load cases in the order of the table's first column, each read from its own folder.
    const CsvTable table = CsvTable::read((output / "load_cases.csv").string(), {"load_case"});
    std::vector<std::string> load_cases;
    for (const auto& r : table.rows)
      if (std::find(load_cases.begin(), load_cases.end(), r.field.at("load_case")) ==
          load_cases.end())
        load_cases.push_back(r.field.at("load_case"));
    for (const auto& lc : load_cases) {
      const auto rows =
          read_summary_metrics((output / lc / "summary.csv").string(), "instrumented", lc);
      metrics.rows.insert(metrics.rows.end(), rows.begin(), rows.end());
      metrics.source += (metrics.source.empty() ? "" : " ") + lc + "/summary.csv";
    }
  } else if (fs::is_regular_file(output / "summary.csv")) {
    metrics.source = "summary.csv";
    metrics.rows =
        read_summary_metrics((output / "summary.csv").string(), "instrumented", "default");
  } else {
    throw InputError(output.string(), "the run wrote no metrics.csv (nor summary.csv)");
  }
  return metrics;
}

// ----- case records ----------------------------------------------------------------------------

namespace {

const char* record_magic = "spinefe study case record 1";

/// One line per value: backslash and newline escaped.
std::string escape(const std::string& s) {
  std::string out;
  for (const char c : s)
    out += c == '\\' ? "\\\\" : c == '\n' ? "\\n" : std::string(1, c);
  return out;
}

std::string unescape(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\\' && i + 1 < s.size())
      out += s[++i] == 'n' ? '\n' : s[i];
    else
      out += s[i];
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos)
    return s;
  std::string out = "\"";
  for (const char c : s)
    out += c == '"' ? std::string("'") : std::string(1, c); // the reader has no "" escape
  return out + "\"";
}

void fsync_path(const fs::path& path, const int flags) {
  const int fd = ::open(path.c_str(), flags);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

} // namespace

void write_case_record(const CaseRecord& r, const fs::path& file) {
  const fs::path tmp = temporary_path(file);
  {
    std::ofstream out(tmp);
    if (!out)
      throw InputError(file.string(), "cannot open the case record for writing");
    out << record_magic << "\n"
        << "id: " << escape(r.id) << "\nstatus: " << escape(r.status)
        << "\nerror: " << escape(r.error) << "\ncase_file: " << escape(r.case_file)
        << "\ncase_hash: " << r.case_hash << "\nmesh_hash: " << r.mesh_hash
        << "\nspinefe_version: " << escape(r.spinefe_version) << "\ngit_hash: " << r.git_hash
        << "\nstarted: " << r.started << "\nn_ranks: " << r.n_ranks
        << "\nwall_time_s: " << format_double(r.wall_time)
        << "\nmetrics_source: " << escape(r.metrics_source) << "\n";
    for (const auto& [path, value] : r.parameters)
      out << "parameter: " << escape(path) << " = " << escape(value) << "\n";
    out << "metrics: " << r.metrics.size() << "\nmodel,load_case,kind,name,quantity,unit,value\n";
    for (const auto& m : r.metrics)
      out << csv_field(m.model) << "," << csv_field(m.load_case) << "," << csv_field(m.kind) << ","
          << csv_field(m.name) << "," << csv_field(m.quantity) << "," << csv_field(m.unit) << ","
          << format_double(m.value) << "\n";
    out << "end\n";
    out.flush();
    if (!out)
      throw InputError(file.string(), "writing the case record failed (disk full?)");
  }
  fsync_path(tmp, O_RDONLY);
  commit_temporary(file);
  fsync_path(file.parent_path().empty() ? fs::path(".") : file.parent_path(),
             O_RDONLY | O_DIRECTORY);
}

CaseRecord read_case_record(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  const auto bad = [&](const std::string& what) {
    return InputError(file.string(), "malformed case record: " + what);
  };
  if (!std::getline(in, line) || line != record_magic)
    throw bad("first line is not '" + std::string(record_magic) + "'");
  CaseRecord r;
  while (std::getline(in, line)) {
    const auto colon = line.find(": ");
    if (colon == std::string::npos)
      throw bad("line '" + line + "'");
    const std::string key = line.substr(0, colon), value = line.substr(colon + 2);
    if (key == "id")
      r.id = unescape(value);
    else if (key == "status")
      r.status = unescape(value);
    else if (key == "error")
      r.error = unescape(value);
    else if (key == "case_file")
      r.case_file = unescape(value);
    else if (key == "case_hash")
      r.case_hash = value;
    else if (key == "mesh_hash")
      r.mesh_hash = value;
    else if (key == "spinefe_version")
      r.spinefe_version = unescape(value);
    else if (key == "git_hash")
      r.git_hash = value;
    else if (key == "started")
      r.started = value;
    else if (key == "n_ranks")
      r.n_ranks = std::stoul(value);
    else if (key == "wall_time_s")
      r.wall_time = std::stod(value);
    else if (key == "metrics_source")
      r.metrics_source = unescape(value);
    else if (key == "parameter") {
      const auto eq = value.find(" = ");
      if (eq == std::string::npos)
        throw bad("parameter line '" + line + "'");
      r.parameters.emplace_back(unescape(value.substr(0, eq)), unescape(value.substr(eq + 3)));
    } else if (key == "metrics") {
      const std::size_t n = std::stoul(value);
      std::getline(in, line); // header
      for (std::size_t i = 0; i < n; ++i) {
        if (!std::getline(in, line))
          throw bad("fewer metric rows than announced");
        const auto f = split_csv_line(line);
        if (f.size() != 7)
          throw bad("metric row '" + line + "'");
        r.metrics.push_back({f[0], f[1], f[2], f[3], f[4], f[5], std::stod(f[6])});
      }
      if (!std::getline(in, line) || line != "end")
        throw bad("no 'end' line (truncated?)");
      return r;
    } else
      throw bad("unknown key '" + key + "'");
  }
  throw bad("no metrics section (truncated?)");
}

// ----- HDF5 database ---------------------------------------------------------------------------

namespace {

hid_t create_group(const hid_t parent, const std::string& name) {
  const hid_t g = H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (g < 0)
    throw InputError("HDF5", "failed to create group " + name);
  return g;
}

hid_t string_type() {
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  H5Tset_cset(type, H5T_CSET_UTF8);
  return type;
}

void write_string_dataset(const hid_t group, const char* name,
                          const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const auto& v : values)
    pointers.push_back(v.c_str());
  const hsize_t dims[1] = {values.size()};
  const hid_t type = string_type();
  const hid_t space = H5Screate_simple(1, dims, nullptr);
  const hid_t set = H5Dcreate2(group, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (!values.empty())
    hdf5_check(H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
               std::string("write ") + name);
  H5Dclose(set);
  H5Sclose(space);
  H5Tclose(type);
}

void write_double_dataset(const hid_t group, const char* name, const std::vector<double>& values) {
  const hsize_t dims[1] = {values.size()};
  const hid_t space = H5Screate_simple(1, dims, nullptr);
  const hid_t set =
      H5Dcreate2(group, name, H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (!values.empty())
    hdf5_check(H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
               std::string("write ") + name);
  H5Dclose(set);
  H5Sclose(space);
}

void write_attribute(const hid_t object, const char* name, const std::string& value) {
  const hid_t type = string_type();
  const hid_t scalar = H5Screate(H5S_SCALAR);
  const hid_t attr = H5Acreate2(object, name, type, scalar, H5P_DEFAULT, H5P_DEFAULT);
  const char* pointer = value.c_str();
  hdf5_check(H5Awrite(attr, type, &pointer), std::string("write attribute ") + name);
  H5Aclose(attr);
  H5Sclose(scalar);
  H5Tclose(type);
}

template <typename T>
void write_attribute(const hid_t object, const char* name, const T value, const hid_t type) {
  const hid_t scalar = H5Screate(H5S_SCALAR);
  const hid_t attr = H5Acreate2(object, name, type, scalar, H5P_DEFAULT, H5P_DEFAULT);
  hdf5_check(H5Awrite(attr, type, &value), std::string("write attribute ") + name);
  H5Aclose(attr);
  H5Sclose(scalar);
}

std::vector<std::string> read_string_dataset(const hid_t group, const char* name) {
  const hid_t set = H5Dopen2(group, name, H5P_DEFAULT);
  if (set < 0)
    throw InputError("HDF5", std::string("no dataset ") + name);
  const hid_t space = H5Dget_space(set);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  std::vector<char*> pointers(n);
  const hid_t type = string_type();
  std::vector<std::string> values;
  if (n > 0) {
    hdf5_check(H5Dread(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
               std::string("read ") + name);
    for (const char* p : pointers)
      values.emplace_back(p ? p : "");
    H5Dvlen_reclaim(type, space, H5P_DEFAULT, pointers.data());
  }
  H5Tclose(type);
  H5Sclose(space);
  H5Dclose(set);
  return values;
}

std::vector<double> read_double_dataset(const hid_t group, const char* name) {
  const hid_t set = H5Dopen2(group, name, H5P_DEFAULT);
  if (set < 0)
    throw InputError("HDF5", std::string("no dataset ") + name);
  const hid_t space = H5Dget_space(set);
  std::vector<double> values(H5Sget_simple_extent_npoints(space));
  if (!values.empty())
    hdf5_check(H5Dread(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
               std::string("read ") + name);
  H5Sclose(space);
  H5Dclose(set);
  return values;
}

std::string read_string_attribute(const hid_t object, const char* name) {
  const hid_t attr = H5Aopen(object, name, H5P_DEFAULT);
  if (attr < 0)
    throw InputError("HDF5", std::string("no attribute ") + name);
  const hid_t type = string_type();
  char* pointer = nullptr;
  hdf5_check(H5Aread(attr, type, &pointer), std::string("read attribute ") + name);
  std::string value = pointer ? pointer : "";
  H5free_memory(pointer);
  H5Tclose(type);
  H5Aclose(attr);
  return value;
}

template <typename T>
T read_attribute(const hid_t object, const char* name, const hid_t type) {
  const hid_t attr = H5Aopen(object, name, H5P_DEFAULT);
  if (attr < 0)
    throw InputError("HDF5", std::string("no attribute ") + name);
  T value{};
  hdf5_check(H5Aread(attr, type, &value), std::string("read attribute ") + name);
  H5Aclose(attr);
  return value;
}

void write_case(const hid_t cases, const CaseRecord& r) {
  const hid_t g = create_group(cases, r.id);
  const hid_t parameters = create_group(g, "parameters");
  std::vector<std::string> names, values;
  for (const auto& [name, value] : r.parameters) {
    names.push_back(name);
    values.push_back(value);
  }
  write_string_dataset(parameters, "name", names);
  write_string_dataset(parameters, "value", values);
  H5Gclose(parameters);
  const hid_t metrics = create_group(g, "metrics");
  std::vector<std::string> columns[6];
  std::vector<double> value;
  for (const auto& m : r.metrics) {
    const std::string* fields[6] = {&m.model, &m.load_case, &m.kind, &m.name, &m.quantity, &m.unit};
    for (unsigned int c = 0; c < 6; ++c)
      columns[c].push_back(*fields[c]);
    value.push_back(m.value);
  }
  const char* column_names[6] = {"model", "load_case", "kind", "name", "quantity", "unit"};
  for (unsigned int c = 0; c < 6; ++c)
    write_string_dataset(metrics, column_names[c], columns[c]);
  write_double_dataset(metrics, "value", value);
  H5Gclose(metrics);
  const hid_t p = create_group(g, "provenance");
  write_attribute(p, "status", r.status);
  write_attribute(p, "error", r.error);
  write_attribute(p, "case_file", r.case_file);
  write_attribute(p, "case_hash", r.case_hash);
  write_attribute(p, "mesh_hash", r.mesh_hash);
  write_attribute(p, "spinefe_version", r.spinefe_version);
  write_attribute(p, "git_hash", r.git_hash);
  write_attribute(p, "metrics_source", r.metrics_source);
  write_attribute(p, "started", r.started);
  write_attribute(p, "n_ranks", static_cast<int>(r.n_ranks), H5T_NATIVE_INT);
  write_attribute(p, "wall_time_s", r.wall_time, H5T_NATIVE_DOUBLE);
  H5Gclose(p);
  H5Gclose(g);
}

CaseRecord read_case(const hid_t cases, const std::string& id) {
  CaseRecord r;
  r.id = id;
  const hid_t g = H5Gopen2(cases, id.c_str(), H5P_DEFAULT);
  const hid_t parameters = H5Gopen2(g, "parameters", H5P_DEFAULT);
  const auto names = read_string_dataset(parameters, "name");
  const auto values = read_string_dataset(parameters, "value");
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i)
    r.parameters.emplace_back(names[i], values[i]);
  H5Gclose(parameters);
  const hid_t metrics = H5Gopen2(g, "metrics", H5P_DEFAULT);
  const char* column_names[6] = {"model", "load_case", "kind", "name", "quantity", "unit"};
  std::vector<std::string> columns[6];
  for (unsigned int c = 0; c < 6; ++c)
    columns[c] = read_string_dataset(metrics, column_names[c]);
  const auto value = read_double_dataset(metrics, "value");
  for (std::size_t i = 0; i < value.size(); ++i)
    r.metrics.push_back({columns[0][i], columns[1][i], columns[2][i], columns[3][i], columns[4][i],
                         columns[5][i], value[i]});
  H5Gclose(metrics);
  const hid_t p = H5Gopen2(g, "provenance", H5P_DEFAULT);
  r.status = read_string_attribute(p, "status");
  r.error = read_string_attribute(p, "error");
  r.case_file = read_string_attribute(p, "case_file");
  r.case_hash = read_string_attribute(p, "case_hash");
  r.mesh_hash = read_string_attribute(p, "mesh_hash");
  r.spinefe_version = read_string_attribute(p, "spinefe_version");
  r.git_hash = read_string_attribute(p, "git_hash");
  r.metrics_source = read_string_attribute(p, "metrics_source");
  r.started = read_string_attribute(p, "started");
  r.n_ranks = read_attribute<int>(p, "n_ranks", H5T_NATIVE_INT);
  r.wall_time = read_attribute<double>(p, "wall_time_s", H5T_NATIVE_DOUBLE);
  H5Gclose(p);
  H5Gclose(g);
  return r;
}

herr_t collect_name(hid_t, const char* name, const H5L_info_t*, void* data) {
  static_cast<std::vector<std::string>*>(data)->push_back(name);
  return 0;
}

} // namespace

void write_results_database(const ResultsDatabase& db, const fs::path& file,
                            const std::string& suffix) {
  fs::path tmp = temporary_path(file);
  tmp += suffix;
  const hid_t h5 = create_hdf5_in_memory(file.string());
  try {
    write_attribute(h5, "format", "spinefe study results 1");
    write_attribute(h5, "study_file", db.study_file);
    write_attribute(h5, "base_case", db.base_case);
    write_attribute(h5, "n_cases", static_cast<int>(db.n_cases), H5T_NATIVE_INT);
    write_attribute(h5, "n_committed", static_cast<int>(db.cases.size()), H5T_NATIVE_INT);
    write_attribute(h5, "spinefe_version", version());
    write_attribute(h5, "git_hash", git_hash());
    write_string_dataset(h5, "parameters", db.parameters);
    const hid_t cases = create_group(h5, "cases");
    for (const auto& r : db.cases)
      write_case(cases, r);
    H5Gclose(cases);
  } catch (...) {
    H5Fclose(h5);
    throw;
  }
  save_hdf5_file(h5, tmp);
  fsync_path(tmp, O_RDONLY);
  std::error_code ec;
  fs::rename(tmp, file, ec);
  if (ec)
    throw InputError(file.string(),
                     "cannot move the finished database into place: " + ec.message());
}

namespace {
constexpr const char* database_expected = "expected a results.h5 written by 'spinefe study'";
} // namespace

ResultsDatabase read_results_database(const fs::path& file) {
  if (!fs::is_regular_file(file))
    throw InputError(file.string(), "results database not found");
  // A read that fails half-way leaves datasets, attributes and groups open. With HDF5's default
  // (weak) close degree the file then stays open inside the library after H5Fclose, and the next
  // H5Fopen of a file at the same path and inode is served from the stale copy: a crash found by
  // tests/fuzz. A strong close degree closes every object of the file with it.
  const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
  H5Pset_fclose_degree(access, H5F_CLOSE_STRONG);
  const hid_t h5 = H5Fopen(file.c_str(), H5F_ACC_RDONLY, access);
  H5Pclose(access);
  if (h5 < 0)
    throw InputError(file.string(), "HDF5 cannot open it (not an HDF5 file, or a truncated or "
                                    "damaged one); " +
                                        std::string(database_expected));
  ResultsDatabase db;
  try {
    if (read_string_attribute(h5, "format") != "spinefe study results 1")
      throw InputError(file.string(), "not a spinefe study results database");
    db.study_file = read_string_attribute(h5, "study_file");
    db.base_case = read_string_attribute(h5, "base_case");
    db.n_cases = read_attribute<int>(h5, "n_cases", H5T_NATIVE_INT);
    db.parameters = read_string_dataset(h5, "parameters");
    const hid_t cases = H5Gopen2(h5, "cases", H5P_DEFAULT);
    std::vector<std::string> ids;
    H5Literate(cases, H5_INDEX_NAME, H5_ITER_INC, nullptr, collect_name, &ids);
    for (const auto& id : ids)
      db.cases.push_back(read_case(cases, id));
    H5Gclose(cases);
  } catch (const InputError& e) {
    H5Fclose(h5);
    // The helpers name HDF5 as the place; an error of this function already names the file.
    const std::string what = e.where() == file.string() ? e.message() : e.what();
    throw InputError(file.string(), what + "; " + database_expected);
  }
  H5Fclose(h5);
  return db;
}

} // namespace spinefe
