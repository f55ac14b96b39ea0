// Small HDF5 helpers shared by the result writers: 1-D/2-D double datasets with a `unit`
// attribute, variable-length string datasets, and reading them back.
#pragma once

#include <hdf5.h>

#include <filesystem>
#include <string>
#include <vector>

namespace spinefe {

/// Throws an error naming `what` if an HDF5 call failed.
void hdf5_check(herr_t status, const std::string& what);

/// A new HDF5 file built in memory (core driver, no backing store), to be saved with
/// save_hdf5_file. The library then never writes to the disk itself: a full disk or a file-size
/// limit surfaces as one clear error from our own write, instead of inside HDF5, which after a
/// failed flush keeps the file open and crashes at exit trying to flush it again. Throws an
/// error naming `name` if the file cannot be created.
hid_t create_hdf5_in_memory(const std::string& name);

/// Closes the in-memory `file` and writes its bytes to `path` (not atomically: callers write to a
/// temporary name). Throws an error naming `path`, after removing the partial file, if the bytes
/// cannot be written.
void save_hdf5_file(hid_t file, const std::filesystem::path& path);

/// save_hdf5_file to a temporary name beside `target`, renamed into place when complete.
void save_hdf5_atomically(hid_t file, const std::filesystem::path& target);

/// `values` as an n x columns dataset (1-D if columns == 1) with a string attribute "unit".
void write_doubles(hid_t group, const char* name, const std::vector<double>& values,
                   hsize_t columns, const char* unit);

void write_strings(hid_t group, const char* name, const std::vector<std::string>& values);

std::vector<double> read_doubles(hid_t group, const char* name);
std::vector<std::string> read_strings(hid_t group, const char* name);

} // namespace spinefe
