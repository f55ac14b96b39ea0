#include "app/baseline_cache.h"

#include "core/atomic_file.h"
#include "core/hashing.h"
#include "core/input_error.h"
#include "core/version.h"
#include "materials/ligament_table.h"
#include "materials/material_library.h"
#include "meshing/anatomy_table.h"
#include "postprocess/hdf5_tools.h"

#include <cstdint>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace spinefe {

std::string baseline_key(const CaseDefinition& c) {
  const std::string text =
      canonical_parameters(
          c.file,
          {"Spine model/Surgery", "Spine model/Implant", "Spine model/Instrumentation", "Output",
           "Metrics", "Interfaces", "Materials/Implant modulus", "Materials/Implant porosity",
           "Materials/Implant solid material", "Materials/Implant material",
           "Materials/Rod material", "Materials/Graft stage", "Materials/Ingrowth fraction"}) +
      file_contents(c.spine.anatomy_file.empty() ? AnatomyTable::builtin_file()
                                                 : c.spine.anatomy_file) +
      file_contents(c.ligaments.table.empty() ? LigamentTable::builtin_file() : c.ligaments.table) +
      file_contents(c.material_library.empty() ? MaterialLibrary::builtin_file()
                                               : c.material_library) +
      version() + git_hash() +
      // The twin's ROM is reported in this frame, though the rest of "Output" does not matter.
      (c.output.segment_frame == SegmentFrame::global ? "segment frame global" : "");
  return fnv1a_hex(text);
}

namespace {
bool complete_entry(const std::filesystem::path& dir) {
  return std::filesystem::is_regular_file(dir / "baseline.h5") &&
         std::filesystem::is_regular_file(dir / "metrics.csv");
}
} // namespace

bool has_baseline(const std::filesystem::path& cache, const std::string& key) {
  return complete_entry(cache / key);
}

std::optional<Baseline> load_baseline(const std::filesystem::path& cache, const std::string& key) {
  const auto dir = cache / key;
  if (!complete_entry(dir))
    return std::nullopt;
  Baseline b;
  b.metrics = read_metrics_csv(dir / "metrics.csv");
  const hid_t h5 = H5Fopen((dir / "baseline.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  hdf5_check(h5, "open " + (dir / "baseline.h5").string());
  for (const auto& name : read_strings(h5, "load_cases")) {
    const hid_t g = H5Gopen2(h5, name.c_str(), H5P_DEFAULT);
    hdf5_check(g, "open group " + name);
    b.energy[name] = read_cell_energy(g);
    H5Gclose(g);
  }
  H5Fclose(h5);
  return b;
}

void store_baseline(const std::filesystem::path& cache, const std::string& key,
                    const Baseline& baseline) {
  const auto final_dir = cache / key;
  // A directory of this writer's own (array tasks of one study may solve the same baseline at
  // once), renamed into place complete: the first writer wins, and a reader never sees a
  // half-written entry or one that another writer is replacing.
  const auto tmp = temporary_path(final_dir);
  std::filesystem::remove_all(tmp);
  ensure_directory(tmp);
  write_metrics_csv(baseline.metrics, tmp / "metrics.csv");
  const hid_t h5 = create_hdf5_in_memory((tmp / "baseline.h5").string());
  std::vector<std::string> names;
  for (const auto& [name, field] : baseline.energy) {
    names.push_back(name);
    const hid_t g = H5Gcreate2(h5, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    write_cell_energy(g, field);
    H5Gclose(g);
  }
  write_strings(h5, "load_cases", names);
  save_hdf5_file(h5, tmp / "baseline.h5");
  std::error_code ec;
  std::filesystem::rename(tmp, final_dir, ec); // fails if another writer's entry is in place
  if (ec && complete_entry(final_dir)) {
    std::filesystem::remove_all(tmp, ec); // theirs is identical (same key): keep it
    return;
  }
  if (ec) { // an entry damaged by hand (a file deleted): replace it
    std::filesystem::remove_all(final_dir);
    ec.clear();
    std::filesystem::rename(tmp, final_dir, ec);
  }
  if (ec)
    throw InputError(final_dir.string(),
                     "cannot move the intact baseline into the cache: " + ec.message());
}

} // namespace spinefe
