// Small HDF5 helpers shared by the result writers: 1-D/2-D double datasets with a `unit`
// attribute, variable-length string datasets, and reading them back.
#pragma once

#include <hdf5.h>

#include <string>
#include <vector>

namespace spinefe {

/// Throws an error naming `what` if an HDF5 call failed.
void hdf5_check(herr_t status, const std::string& what);

/// `values` as an n x columns dataset (1-D if columns == 1) with a string attribute "unit".
void write_doubles(hid_t group, const char* name, const std::vector<double>& values,
                   hsize_t columns, const char* unit);

void write_strings(hid_t group, const char* name, const std::vector<std::string>& values);

std::vector<double> read_doubles(hid_t group, const char* name);
std::vector<std::string> read_strings(hid_t group, const char* name);

} // namespace spinefe
