#include "postprocess/hdf5_tools.h"

#include "core/atomic_file.h"
#include "core/input_error.h"

#include <fstream>
#include <system_error>

namespace spinefe {

void hdf5_check(const herr_t status, const std::string& what) {
  if (status < 0)
    throw InputError("HDF5", "failed to " + what);
}

hid_t create_hdf5_in_memory(const std::string& name) {
  const hid_t access = H5Pcreate(H5P_FILE_ACCESS);
  H5Pset_fapl_core(access, 1 << 16, 0); // grow in 64 kB steps; never written by HDF5
  const hid_t file = H5Fcreate(name.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, access);
  H5Pclose(access);
  if (file < 0)
    throw InputError(name, "cannot create the HDF5 file");
  return file;
}

namespace {
/// Closes the in-memory `file` and returns its bytes.
std::vector<char> close_to_image(const hid_t file, const std::filesystem::path& path) {
  H5Fflush(file, H5F_SCOPE_GLOBAL);
  const ssize_t size = H5Fget_file_image(file, nullptr, 0);
  std::vector<char> image(size > 0 ? size : 0);
  const bool got = size > 0 && H5Fget_file_image(file, image.data(), image.size()) == size;
  H5Fclose(file);
  if (!got)
    throw InputError(path.string(), "HDF5 could not produce the file's contents");
  return image;
}
} // namespace

void save_hdf5_file(const hid_t file, const std::filesystem::path& path) {
  const std::vector<char> image = close_to_image(file, path);
  std::ofstream out(path, std::ios::binary);
  out.write(image.data(), static_cast<std::streamsize>(image.size()));
  out.flush();
  if (!out) {
    out.close();
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
    throw InputError(path.string(), "writing failed (disk full or file-size limit?)");
  }
}

void save_hdf5_atomically(const hid_t file, const std::filesystem::path& target) {
  const std::vector<char> image = close_to_image(file, target);
  write_text_atomically(target, [&](std::ostream& out) {
    out.write(image.data(), static_cast<std::streamsize>(image.size()));
  });
}

void write_doubles(hid_t group, const char* name, const std::vector<double>& values,
                   hsize_t columns, const char* unit) {
  const hsize_t dims[2] = {values.size() / columns, columns};
  const hid_t space = H5Screate_simple(columns > 1 ? 2 : 1, dims, nullptr);
  const hid_t set =
      H5Dcreate2(group, name, H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (!values.empty())
    hdf5_check(H5Dwrite(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
               std::string("write dataset ") + name);
  const hid_t str = H5Tcopy(H5T_C_S1);
  H5Tset_size(str, std::string(unit).size() + 1);
  const hid_t scalar = H5Screate(H5S_SCALAR);
  const hid_t attr = H5Acreate2(set, "unit", str, scalar, H5P_DEFAULT, H5P_DEFAULT);
  H5Awrite(attr, str, unit);
  H5Aclose(attr);
  H5Sclose(scalar);
  H5Tclose(str);
  H5Dclose(set);
  H5Sclose(space);
}

void write_strings(hid_t group, const char* name, const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  for (const auto& v : values)
    pointers.push_back(v.c_str());
  const hsize_t dims[1] = {values.size()};
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  const hid_t space = H5Screate_simple(1, dims, nullptr);
  const hid_t set = H5Dcreate2(group, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  if (!values.empty())
    hdf5_check(H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
               std::string("write dataset ") + name);
  H5Dclose(set);
  H5Sclose(space);
  H5Tclose(type);
}

namespace {
hsize_t n_elements(const hid_t set) {
  const hid_t space = H5Dget_space(set);
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  H5Sclose(space);
  return n < 0 ? 0 : static_cast<hsize_t>(n);
}
} // namespace

std::vector<double> read_doubles(hid_t group, const char* name) {
  const hid_t set = H5Dopen2(group, name, H5P_DEFAULT);
  hdf5_check(set, std::string("open dataset ") + name);
  std::vector<double> values(n_elements(set));
  if (!values.empty())
    hdf5_check(H5Dread(set, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()),
               std::string("read dataset ") + name);
  H5Dclose(set);
  return values;
}

std::vector<std::string> read_strings(hid_t group, const char* name) {
  const hid_t set = H5Dopen2(group, name, H5P_DEFAULT);
  hdf5_check(set, std::string("open dataset ") + name);
  std::vector<char*> pointers(n_elements(set), nullptr);
  const hid_t type = H5Tcopy(H5T_C_S1);
  H5Tset_size(type, H5T_VARIABLE);
  if (!pointers.empty())
    hdf5_check(H5Dread(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
               std::string("read dataset ") + name);
  std::vector<std::string> values;
  for (char* p : pointers)
    values.emplace_back(p ? p : "");
  const hid_t space = H5Dget_space(set);
  H5Dvlen_reclaim(type, space, H5P_DEFAULT, pointers.data());
  H5Sclose(space);
  H5Tclose(type);
  H5Dclose(set);
  return values;
}

} // namespace spinefe
