#include "meshing/isolated_read.h"

#include "core/child_process.h"

#include <deal.II/base/utilities.h>

#include <boost/serialization/array.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <filesystem>

namespace boost::serialization {
template <class Archive>
void serialize(Archive& ar, spinefe::MeshData& m, const unsigned int) {
  ar& m.source& m.nodes& m.tets& m.tet_region& m.region_names& m.triangles& m.triangle_surface& m
      .surface_names& m.n_curved_edges_dropped;
}
} // namespace boost::serialization

namespace spinefe {

MeshData read_in_child_process(const std::string& file, const std::string& expected,
                               const std::size_t memory_allowance, const unsigned int cpu_allowance,
                               const std::function<MeshData()>& read) {
  const std::vector<char> bytes =
      run_in_child_process(file, expected, ChildLimits{memory_allowance, cpu_allowance},
                           [&] { return dealii::Utilities::pack(read(), false); });
  return dealii::Utilities::unpack<MeshData>(bytes, false);
}

std::size_t mesh_reader_memory_allowance(const std::string& file) {
  return (std::size_t(1) << 30) + 64 * std::filesystem::file_size(file);
}

unsigned int mesh_reader_cpu_allowance(const std::string& file) {
  std::error_code error; // a missing file is the reader's to report
  const auto bytes = std::filesystem::file_size(file, error);
  return 600 + static_cast<unsigned int>(error ? 0 : bytes / 100000);
}

} // namespace spinefe
