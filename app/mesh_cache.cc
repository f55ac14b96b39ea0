#include "app/mesh_cache.h"

#include "core/atomic_file.h"
#include "core/hashing.h"
#include "core/version.h"
#include "meshing/anatomy_table.h"

#include <cstdint>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace spinefe {

namespace {

// Binary layout: a magic word, then length-prefixed arrays of fixed-size records and strings.
constexpr std::uint64_t magic = 0x3148534d45465053ull; // "SPFEMSH1"

template <typename T>
void put(std::ostream& out, const T& value) {
  out.write(reinterpret_cast<const char*>(&value), sizeof(T));
}
template <typename T>
T get(std::istream& in) {
  T value{};
  in.read(reinterpret_cast<char*>(&value), sizeof(T));
  return value;
}
template <typename T>
void put_vector(std::ostream& out, const std::vector<T>& v) {
  put<std::uint64_t>(out, v.size());
  out.write(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}
template <typename T>
std::vector<T> get_vector(std::istream& in) {
  std::vector<T> v(get<std::uint64_t>(in));
  in.read(reinterpret_cast<char*>(v.data()), v.size() * sizeof(T));
  return v;
}
void put_string(std::ostream& out, const std::string& s) {
  put<std::uint64_t>(out, s.size());
  out.write(s.data(), s.size());
}
std::string get_string(std::istream& in) {
  std::string s(get<std::uint64_t>(in), '\0');
  in.read(s.data(), s.size());
  return s;
}
void put_strings(std::ostream& out, const std::vector<std::string>& v) {
  put<std::uint64_t>(out, v.size());
  for (const auto& s : v)
    put_string(out, s);
}
std::vector<std::string> get_strings(std::istream& in) {
  std::vector<std::string> v(get<std::uint64_t>(in));
  for (auto& s : v)
    s = get_string(in);
  return v;
}
void put_point(std::ostream& out, const Vec3& p) {
  for (int d = 0; d < 3; ++d)
    put<double>(out, p[d]);
}
Vec3 get_point(std::istream& in) {
  Vec3 p;
  for (int d = 0; d < 3; ++d)
    p[d] = get<double>(in);
  return p;
}

} // namespace

std::string spine_mesh_key(const CaseDefinition& c) {
  std::ostringstream built; // what the (possibly derived) case really builds
  // An intact spine ignores the implant and instrumentation (Spine model/Surgery).
  const bool intact = c.spine.surgery == Surgery::intact;
  built << "surgery " << int(c.spine.surgery) << " implant "
        << int(intact ? ImplantType::none : c.spine.implant) << " instrumentation "
        << (!intact && c.spine.instrumentation.enabled) << "\n";
  return fnv1a_hex(
      canonical_parameters(c.file, {"Materials", "Boundary conditions", "Solver", "Output",
                                    "Metrics", "Spine model/Ligaments", "Spine model/Facet joints",
                                    "Spine model/Surgery", "Interfaces"}) +
      built.str() +
      file_contents(c.spine.anatomy_file.empty() ? AnatomyTable::builtin_file()
                                                 : c.spine.anatomy_file) +
      version() + git_hash());
}

std::filesystem::path spine_mesh_file(const std::filesystem::path& cache, const std::string& key) {
  return cache / ("mesh_" + key + ".bin");
}

std::optional<SpineModel> load_spine_mesh(const std::filesystem::path& cache,
                                          const std::string& key) {
  std::ifstream in(spine_mesh_file(cache, key), std::ios::binary);
  if (!in || get<std::uint64_t>(in) != magic)
    return std::nullopt;
  SpineModel model;
  MeshData& m = model.mesh;
  m.source = get_string(in);
  m.nodes = get_vector<std::array<double, 3>>(in);
  m.tets = get_vector<std::array<unsigned int, 4>>(in);
  m.tet_region = get_vector<unsigned int>(in);
  m.region_names = get_strings(in);
  m.triangles = get_vector<std::array<unsigned int, 3>>(in);
  m.triangle_surface = get_vector<unsigned int>(in);
  m.surface_names = get_strings(in);
  const auto n_fibres = get<std::uint64_t>(in);
  for (std::uint64_t i = 0; i < n_fibres; ++i) {
    LigamentFibre f;
    f.ligament = get_string(in);
    f.name = get_string(in);
    f.upper = get_string(in);
    f.lower = get_string(in);
    f.upper_point = get_point(in);
    f.lower_point = get_point(in);
    model.ligaments.push_back(f);
  }
  if (!in || get<std::uint64_t>(in) != magic) // truncated or foreign: rebuild
    return std::nullopt;
  return model;
}

void store_spine_mesh(const std::filesystem::path& cache, const std::string& key, const MeshData& m,
                      const std::vector<LigamentFibre>& ligaments) {
  ensure_directory(cache);
  const auto target = spine_mesh_file(cache, key);
  {
    std::ofstream out(temporary_path(target), std::ios::binary);
    put(out, magic);
    put_string(out, m.source);
    put_vector(out, m.nodes);
    put_vector(out, m.tets);
    put_vector(out, m.tet_region);
    put_strings(out, m.region_names);
    put_vector(out, m.triangles);
    put_vector(out, m.triangle_surface);
    put_strings(out, m.surface_names);
    put<std::uint64_t>(out, ligaments.size());
    for (const auto& f : ligaments) {
      put_string(out, f.ligament);
      put_string(out, f.name);
      put_string(out, f.upper);
      put_string(out, f.lower);
      put_point(out, f.upper_point);
      put_point(out, f.lower_point);
    }
    put(out, magic);
    if (!out)
      throw std::runtime_error("cannot write " + temporary_path(target).string());
  }
  commit_temporary(target);
}

} // namespace spinefe
