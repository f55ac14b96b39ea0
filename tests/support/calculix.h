// CalculiX (ccx) as a cross-code peer: write the identical mesh and problem as an .inp deck, run
// ccx, and read back nodal displacements and per-region volume-averaged von Mises stress.
// Supports what the cross-code checks and benchmarks use: fully fixed surfaces and pressure.
#pragma once

#include "meshing/abaqus_writer.h"
#include "meshing/mesh_data.h"
#include "solver/problem_definition.h"

#include <array>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace spinefe::testing {

struct CalculixJob {
  std::vector<std::string> fixed_surfaces;               ///< all three components fixed
  std::vector<std::pair<std::string, double>> pressures; ///< surface, pressure [MPa]
  std::string solver = "SPOOLES";                        ///< or "ITERATIVE CHOLESKY"
  bool quadratic = true;                                 ///< C3D10 (else C3D4)
  bool print_stresses = true;
};

struct CalculixResult {
  std::vector<std::array<double, 3>> displacement; ///< by ccx node id - 1 (corners first)
  std::map<std::string, double> mean_von_mises;    ///< per region (Abaqus-safe name)
  double max_displacement = 0;
  double wall_seconds = 0;
  double peak_memory_mib = 0;
  std::string log;
  bool has_warning = false;
};

/// Writes `<dir>/job.inp` for the mesh; materials come from problem.materials by region index.
void write_calculix_deck(const MeshData& mesh, const ProblemDefinition& problem,
                         const CalculixJob& job, const std::filesystem::path& dir);

/// Runs ccx in `dir` with `threads` threads and parses job.dat. Throws if ccx fails.
CalculixResult run_calculix(const std::filesystem::path& dir, unsigned int threads);

} // namespace spinefe::testing
