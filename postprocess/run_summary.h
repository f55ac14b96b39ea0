// The numbers a run reports, per region and per named surface, with their definitions:
//   volume [mm^3]                     int_region dV
//   mean von Mises [MPa]              int s_vm dV / volume
//   P95 / max von Mises [MPa]         volume-weighted 95th percentile / maximum over the
//                                     quadrature points (QGaussSimplex of order degree + 1)
//   mean strain energy density [MPa]  int W dV / volume   (1 MPa = 1 mJ/mm^3)
//   reaction force [N]                sum of the nodal residual over the surface's DoFs
//   max displacement [mm]             largest |u| over all FE nodes
#pragma once

#include "core/stage_log.h"
#include "postprocess/body_motion.h"
#include "solver/elasticity_solver.h"

#include <deal.II/base/tensor.h>

#include <string>
#include <vector>

namespace spinefe {

struct RegionSummary {
  std::string name, material;
  double volume = 0, mean_von_mises = 0, p95_von_mises = 0, max_von_mises = 0, mean_sed = 0;
};

struct SurfaceSummary {
  std::string name;
  double area = 0;
  dealii::Tensor<1, 3> reaction;
};

struct RunSummary {
  std::string case_name;
  unsigned int n_ranks = 1, degree = 2;
  unsigned long long n_dofs = 0, n_cells = 0;
  double max_displacement = 0;
  SolveReport solve;
  std::vector<RegionSummary> regions;
  std::vector<SurfaceSummary> surfaces;       ///< boundary surfaces, with their reactions
  std::vector<std::string> interior_surfaces; ///< bonded interfaces: named, no reaction
  /// Springs (ligament fibres): name, force [N, tension positive], elongation [mm], state.
  struct Spring {
    std::string name;
    double force = 0, elongation = 0;
    std::string state;
  };
  std::vector<Spring> springs;
  std::vector<BodyMotion> bodies;      ///< rigid motion of each body in 'Output/Rigid bodies'
  std::vector<SegmentMotion> segments; ///< relative motion of consecutive bodies, first to last
  std::vector<std::pair<std::string, double>> stages;
  PeakMemory memory;
};

/// Region and surface figures of a solved problem (collective over the solver's communicator).
RunSummary summarise(const ElasticitySolver& solver, const SolveReport& report);

/// Largest displacement magnitude [mm] over all nodes.
double max_displacement(const ElasticitySolver& solver);

} // namespace spinefe
