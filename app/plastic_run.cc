#include "app/plastic_run.h"

#include "core/atomic_file.h"
#include "core/input_error.h"
#include "postprocess/load_displacement.h"
#include "postprocess/plastic_state.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <iomanip>

namespace spinefe {

using namespace dealii;

namespace {

/// The curve's surface: 'Plasticity/Curve surface' or the first prescribed displacement; its
/// boundary id and the unit direction a and magnitude |g| of its displacement.
struct CurveSurface {
  std::string name;
  types::boundary_id boundary = 0;
  Tensor<1, 3> direction;
  double magnitude = 0;
};

CurveSurface curve_surface(const CaseDefinition& c, const ProblemDefinition& problem) {
  const std::string where = c.locator.where("Plasticity/Curve surface");
  for (const auto& d : c.displacements) {
    if (!c.plasticity.curve_surface.empty() && d.surface != c.plasticity.curve_surface)
      continue;
    CurveSurface s;
    s.name = d.surface;
    for (const auto& bc : problem.dirichlet)
      if (bc.surface == d.surface)
        s.boundary = bc.boundary;
    for (unsigned int k = 0; k < 3; ++k)
      s.direction[k] = d.components[k] ? d.value[k] : 0.0;
    s.magnitude = s.direction.norm();
    if (s.magnitude == 0)
      throw InputError(where, "the curve surface '" + d.surface +
                                  "' has a zero prescribed displacement; expected the surface "
                                  "that drives the test (its displacement sets the curve's axis)");
    s.direction /= s.magnitude;
    return s;
  }
  throw InputError(where, c.plasticity.curve_surface.empty()
                              ? "a plastic run needs a surface with a prescribed displacement "
                                "for its load-displacement curve; expected one in 'Boundary "
                                "conditions/Prescribed displacement'"
                              : "surface '" + c.plasticity.curve_surface +
                                    "' has no prescribed displacement; expected one of the "
                                    "surfaces in 'Boundary conditions/Prescribed displacement'");
}

void log_step(const LoadStepReport& r, const LoadDisplacementPoint& p, std::ostream& log) {
  log << "  [plasticity] lambda " << std::setprecision(4) << r.load_factor << ": "
      << r.newton_iterations << " Newton (" << r.linear_iterations << " Krylov), residual";
  for (const double x : r.residuals)
    log << " " << std::scientific << std::setprecision(1) << x;
  log << std::defaultfloat;
  if (const auto orders = r.convergence_orders(); !orders.empty())
    log << ", order " << std::setprecision(2) << orders.back();
  log << std::setprecision(4) << "; " << r.cuts << " cuts; " << r.plastic_points
      << " plastic points; d " << p.displacement << " mm, F " << p.force << " N\n";
}

void write_plasticity_csv(const OffsetYield& y, const PlasticStateSummary& s, double offset,
                          const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "metric,value,unit\n" << std::setprecision(10);
    out << "stiffness," << y.stiffness << ",N/mm\n";
    if (offset > 0) {
      out << "yield_offset," << offset << ",mm\n";
      out << "yield_load," << y.yield_load << ",N\n";
      out << "yield_displacement," << y.yield_displacement << ",mm\n";
    }
    out << "plastic_volume," << s.plastic_volume << ",mm3\n";
    out << "max_equivalent_plastic_strain," << s.max_equivalent_plastic_strain << ",-\n";
  });
}

} // namespace

RunSummary run_plastic_model(const CaseDefinition& c, const ProblemDefinition& problem,
                             const Triangulation<3>& tria, const std::filesystem::path& dir,
                             StageLog& stages, const std::string& label, std::ostream& log,
                             const MPI_Comm comm) {
  if (!c.load_cases.empty())
    throw InputError(c.locator.where("Boundary conditions/Load cases"),
                     "load cases are not yet combined with crushable-foam plasticity; expected "
                     "one load path ('Plasticity/Load factors')");
  const CurveSurface surface = curve_surface(c, problem);
  ElastoplasticSolver solver(tria, problem, c.solver, c.plasticity.stepping);
  stages.time(label + "setup (DoFs, sparsity)", [&] { solver.setup(); });
  log << "  [plasticity] " << problem.crushable_foam.size() << " crushable-foam region(s), "
      << solver.space().dof_handler().n_dofs() << " DoFs (P" << c.solver.degree << "); curve on '"
      << surface.name << "'\n";

  std::vector<LoadDisplacementPoint> curve;
  auto record = [&](const LoadStepReport& r) {
    LoadDisplacementPoint p;
    p.load_factor = r.load_factor;
    p.displacement = r.load_factor * surface.magnitude;
    p.force = solver.reaction_force(surface.boundary) * surface.direction;
    p.newton_iterations = r.newton_iterations;
    p.cuts = r.cuts;
    p.plastic_points = r.plastic_points;
    curve.push_back(p);
    log_step(r, p, log);
  };
  stages.time(label + "solve (load steps)", [&] {
    for (const double target : c.plasticity.load_factors)
      solver.advance_to(target, record);
  });

  RunSummary summary;
  stages.time(label + "postprocess", [&] {
    const OffsetYield yield = offset_yield(curve, c.plasticity.yield_offset);
    const PlasticStateSummary state = summarise_plastic_state(solver);
    log << "  [plasticity] stiffness " << yield.stiffness << " N/mm";
    if (c.plasticity.yield_offset > 0)
      log << (yield.reached ? "; yield load " + std::to_string(yield.yield_load) + " N at " +
                                  std::to_string(yield.yield_displacement) + " mm"
                            : std::string("; yield not reached (the curve stays above the "
                                          "offset line)"));
    log << "; plastic volume " << state.plastic_volume << " mm3, largest eps_bar "
        << state.max_equivalent_plastic_strain << "\n";
    run_on_root_collectively(comm, [&] {
      ensure_directory(dir);
      write_load_displacement_csv(curve, dir / "load_displacement.csv");
      write_plasticity_csv(yield, state, c.plasticity.yield_offset, dir / "plasticity.csv");
    });
  });
  if (c.output.write_fields)
    stages.time(label + "output (fields)", [&] {
      write_displacement_fields(solver.space(), solver.solution(), nullptr,
                                plastic_cell_fields(solver), dir, c.output.base_name);
    });
  summary.case_name = c.file;
  summary.n_ranks = Utilities::MPI::n_mpi_processes(comm);
  summary.degree = c.solver.degree;
  summary.n_dofs = solver.space().dof_handler().n_dofs();
  summary.n_cells = tria.n_global_active_cells();
  summary.stages = stages.stages();
  summary.memory = peak_memory(comm);
  return summary;
}

} // namespace spinefe
