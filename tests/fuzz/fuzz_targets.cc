#include "tests/fuzz/fuzz_targets.h"

#include "app/case_definition.h"
#include "app/study_case_hooks.h"
#include "materials/ligament_table.h"
#include "materials/material_library.h"
#include "meshing/anatomy_table.h"
#include "meshing/mesh_quality.h"
#include "meshing/mesh_reader.h"
#include "study/export_csv.h"
#include "study/study_definition.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace spinefe::fuzz {

namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool is_study_file(const fs::path& file) {
  return read_file(file).find("Base case") != std::string::npos;
}

/// Files under `folders` (not recursive) ending in `extension` and passing `keep`.
std::vector<std::string> files_in(const std::string& root, const std::vector<std::string>& folders,
                                  const std::string& extension,
                                  const std::function<bool(const fs::path&)>& keep = nullptr) {
  std::vector<std::string> files;
  for (const auto& folder : folders) {
    if (!fs::is_directory(fs::path(root) / folder))
      continue;
    for (const auto& entry : fs::directory_iterator(fs::path(root) / folder))
      if (entry.path().extension() == extension && (!keep || keep(entry.path())))
        files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end()); // the sweep must not depend on directory order
  return files;
}

std::vector<std::string> case_folders(const std::string& root) {
  std::vector<std::string> folders;
  for (const auto& entry : fs::directory_iterator(fs::path(root) / "cases"))
    if (entry.is_directory())
      folders.push_back("cases/" + entry.path().filename().string());
  std::sort(folders.begin(), folders.end());
  return folders;
}

/// What `spinefe mesh` does with a mesh file: read it, then measure and check its quality.
void read_and_check_mesh(const std::string& file, const double geo_mesh_size) {
  const MeshData mesh = read_mesh_file(file, geo_mesh_size);
  check_quality(mesh, measure_quality(mesh), 0.0);
}

void read_study(const std::string& file) {
  const StudyDefinition study = read_study_file(file, study_case_hooks());
  for (const auto& c : study.cases)
    generated_case_text(study, c);
}

/// Formats that may hold binary data, where rewriting path-like words would corrupt the seed.
bool is_binary_format(const std::string& extension) {
  return extension == ".msh" || extension == ".vtu" || extension == ".h5";
}

} // namespace

std::vector<FuzzTarget> fuzz_targets(const std::string& root) {
  std::vector<std::string> prm_folders = case_folders(root);
  prm_folders.insert(prm_folders.begin(), {"tests/data", "tests/fail"});
  const auto is_case = [](const fs::path& f) { return !is_study_file(f); };
  const auto is_anatomy = [](const fs::path& f) {
    return f.filename().string().rfind("anatomy", 0) == 0;
  };
  const auto is_ligaments = [](const fs::path& f) {
    return f.filename().string().find("ligament") != std::string::npos;
  };
  const auto is_materials = [&](const fs::path& f) { return !is_anatomy(f) && !is_ligaments(f); };
  return {
      {"gmsh_msh", ".msh", files_in(root, {"tests/data"}, ".msh"),
       [](const std::string& f) { read_and_check_mesh(f, 0); }},
      // A coarse size keeps the meshing of a mutated script short.
      {"gmsh_geo", ".geo", files_in(root, {"tests/data"}, ".geo"),
       [](const std::string& f) { read_and_check_mesh(f, 0.5); }},
      {"vtu_mesh", ".vtu", files_in(root, {"tests/data"}, ".vtu"),
       [](const std::string& f) { read_and_check_mesh(f, 0); }},
      {"abaqus_inp", ".inp", files_in(root, {"tests/data"}, ".inp"),
       [](const std::string& f) { read_and_check_mesh(f, 0); }},
      {"case_file", ".prm", files_in(root, prm_folders, ".prm", is_case),
       [](const std::string& f) { read_case_file(f); }},
      {"study_file", ".prm", files_in(root, prm_folders, ".prm", is_study_file), read_study},
      {"anatomy_table", ".csv", files_in(root, {"meshing/data", "tests/data"}, ".csv", is_anatomy),
       [](const std::string& f) { AnatomyTable::read(f); }},
      {"material_table", ".csv",
       files_in(root, {"materials/data", "tests/data", "tests/fail"}, ".csv", is_materials),
       [](const std::string& f) { MaterialLibrary::read(f); }},
      {"ligament_table", ".csv",
       files_in(root, {"materials/data", "tests/data"}, ".csv", is_ligaments),
       [](const std::string& f) { LigamentTable::read(f); }},
      // What `spinefe export` does with a study's database: read it, write it as a CSV.
      {"results_database", ".h5", files_in(root, {"tests/data"}, ".h5"),
       [](const std::string& f) { export_results_csv(f, f + ".csv"); }},
  };
}

std::vector<std::string> load_seeds(const FuzzTarget& target) {
  // A path-like word: letters, digits and ._/- with a dot in it ("../data/unit_cube.inp").
  static const std::regex path_like(R"([A-Za-z0-9_./-]*\.[A-Za-z0-9_./-]+)");
  std::vector<std::string> seeds;
  for (const auto& file : target.seed_files) {
    const std::string text = read_file(file);
    if (is_binary_format(target.extension)) { // keep byte for byte
      seeds.push_back(text);
      continue;
    }
    const fs::path folder = fs::path(file).parent_path();
    std::string out;
    std::size_t last = 0;
    for (auto it = std::sregex_iterator(text.begin(), text.end(), path_like);
         it != std::sregex_iterator(); ++it) {
      const std::string word = it->str();
      const fs::path candidate = folder / word;
      out += text.substr(last, it->position() - last);
      out += word[0] != '/' && fs::is_regular_file(candidate)
                 ? fs::absolute(candidate).lexically_normal().string()
                 : word;
      last = it->position() + it->length();
    }
    seeds.push_back(out + text.substr(last));
  }
  return seeds;
}

} // namespace spinefe::fuzz
