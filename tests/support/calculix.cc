#include "tests/support/calculix.h"

#include "postprocess/stress_measures.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <fcntl.h>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace spinefe::testing {

namespace fs = std::filesystem;

namespace {
void write_node_set(std::ostream& out, const std::string& name,
                    const std::vector<std::size_t>& nodes) {
  out << "*NSET, NSET=" << name << "\n";
  for (std::size_t i = 0; i < nodes.size(); ++i)
    out << nodes[i] << ((i % 12 == 11 || i + 1 == nodes.size()) ? ",\n" : ", ");
}

unsigned int surface_index(const MeshData& mesh, const std::string& name) {
  for (unsigned int s = 0; s < mesh.surface_names.size(); ++s)
    if (mesh.surface_names[s] == name)
      return s;
  throw std::runtime_error("calculix deck: no surface " + name);
}
} // namespace

void write_calculix_deck(const MeshData& mesh, const ProblemDefinition& problem,
                         const CalculixJob& job, const fs::path& dir) {
  fs::create_directories(dir);
  std::ofstream out(dir / "job.inp");
  out.precision(12);
  const AbaqusMeshWriter writer(mesh, job.quadratic);
  writer.write_mesh(out);
  for (unsigned int r = 0; r < mesh.region_names.size(); ++r) {
    const std::string name = AbaqusMeshWriter::abaqus_name(mesh.region_names[r]);
    out << "*MATERIAL, NAME=M_" << name << "\n*ELASTIC\n"
        << problem.materials.at(r).youngs_modulus() << ", "
        << problem.materials.at(r).poisson_ratio() << "\n*SOLID SECTION, ELSET=" << name
        << ", MATERIAL=M_" << name << "\n";
  }
  for (const auto& surface : job.fixed_surfaces)
    write_node_set(out, "FIX_" + AbaqusMeshWriter::abaqus_name(surface),
                   writer.surface_nodes(surface_index(mesh, surface)));
  out << "*STEP\n*STATIC, SOLVER=" << job.solver << "\n*BOUNDARY\n";
  for (const auto& surface : job.fixed_surfaces)
    out << "FIX_" << AbaqusMeshWriter::abaqus_name(surface) << ", 1, 3\n";
  if (!job.pressures.empty()) {
    out << "*DLOAD\n";
    for (const auto& [surface, p] : job.pressures)
      for (const auto& [element, face] : writer.surface_faces(surface_index(mesh, surface)))
        out << element << ", P" << face << ", " << p << "\n";
  }
  out << "*NODE PRINT, NSET=NALL\nU\n";
  if (job.print_stresses)
    for (const auto& region : mesh.region_names)
      out << "*EL PRINT, ELSET=" << AbaqusMeshWriter::abaqus_name(region) << "\nS, EVOL\n";
  out << "*END STEP\n";
}

namespace {
/// Runs ccx, returning wall time and peak RSS of the child (from wait4's rusage).
std::pair<double, double> execute_ccx(const fs::path& dir, const unsigned int threads) {
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    if (chdir(dir.c_str()) != 0)
      _exit(127);
    const int log = open("job.log", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    dup2(log, 1);
    dup2(log, 2);
    const std::string n = std::to_string(threads);
    setenv("OMP_NUM_THREADS", n.c_str(), 1);
    setenv("CCX_NPROC_EQUATION_SOLVER", n.c_str(), 1);
    setenv("CCX_NPROC_STIFFNESS", n.c_str(), 1);
    setenv("CCX_NPROC_RESULTS", n.c_str(), 1);
    execlp(SPINEFE_CCX, SPINEFE_CCX, "-i", "job", static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    throw std::runtime_error("ccx failed in " + dir.string() + " (see job.log)");
  return {seconds, usage.ru_maxrss / 1024.0};
}

/// Parses the blocks of job.dat: displacements, stresses and volumes.
void parse_dat(const fs::path& file, CalculixResult& result) {
  std::ifstream in(file);
  std::string line, block, set;
  std::map<std::string, std::map<long, std::pair<double, int>>> element_vm; // set -> elem -> sum,n
  std::map<std::string, std::map<long, double>> element_volume;
  while (std::getline(in, line)) {
    if (line.find("displacements") != std::string::npos) {
      block = "U";
      continue;
    }
    if (line.find("stresses") != std::string::npos || line.find("volume") != std::string::npos) {
      block = line.find("stresses") != std::string::npos ? "S" : "EVOL";
      const auto at = line.find("for set ");
      std::istringstream(line.substr(at + 8)) >> set;
      continue;
    }
    std::istringstream fields(line);
    std::vector<double> v;
    double x;
    while (fields >> x)
      v.push_back(x);
    if (v.empty())
      continue;
    if (block == "U" && v.size() == 4) {
      const auto id = static_cast<std::size_t>(v[0]);
      if (result.displacement.size() < id)
        result.displacement.resize(id);
      result.displacement[id - 1] = {v[1], v[2], v[3]};
      result.max_displacement =
          std::max(result.max_displacement, std::sqrt(v[1] * v[1] + v[2] * v[2] + v[3] * v[3]));
    } else if (block == "S" && v.size() == 8) {
      dealii::SymmetricTensor<2, 3> s;
      s[0][0] = v[2], s[1][1] = v[3], s[2][2] = v[4], s[0][1] = v[5], s[0][2] = v[6],
      s[1][2] = v[7];
      auto& e = element_vm[set][static_cast<long>(v[0])];
      e.first += von_mises(s);
      e.second += 1;
    } else if (block == "EVOL" && v.size() == 2) {
      element_volume[set][static_cast<long>(v[0])] = v[1];
    }
  }
  // C3D10 integration points have equal weights, so the element mean is the point average.
  for (const auto& [name, elements] : element_vm) {
    double sum = 0, volume = 0;
    for (const auto& [id, vm] : elements) {
      const double ve = element_volume[name][id];
      sum += ve * vm.first / vm.second;
      volume += ve;
    }
    result.mean_von_mises[name] = volume > 0 ? sum / volume : 0;
  }
}
} // namespace

CalculixResult run_calculix(const fs::path& dir, const unsigned int threads) {
  CalculixResult result;
  std::tie(result.wall_seconds, result.peak_memory_mib) = execute_ccx(dir, threads);
  std::ifstream log(dir / "job.log");
  std::stringstream text;
  text << log.rdbuf();
  result.log = text.str();
  result.has_warning = result.log.find("WARNING") != std::string::npos;
  parse_dat(dir / "job.dat", result);
  return result;
}

} // namespace spinefe::testing
