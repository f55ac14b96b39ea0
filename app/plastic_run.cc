#include "app/plastic_run.h"

#include "core/atomic_file.h"
#include "core/input_error.h"
#include "postprocess/endcap_subsidence.h"
#include "postprocess/load_displacement.h"
#include "postprocess/plastic_state.h"

#include <deal.II/base/mpi.h>

#include <cmath>
#include <iomanip>
#include <optional>

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

void log_step(const LoadStepReport& r, std::ostream& log) {
  log << "  [plasticity] lambda " << std::setprecision(4) << r.load_factor << ": "
      << r.newton_iterations << " Newton (" << r.linear_iterations << " Krylov";
  if (r.contact_updates > 0)
    log << ", " << r.contact_updates << " contact updates";
  log << "; " << std::setprecision(3) << r.preconditioner_seconds << " s in "
      << r.preconditioner_builds << " preconditioner set-ups, " << r.krylov_seconds
      << " s Krylov), residual";
  for (const double x : r.residuals)
    log << " " << std::scientific << std::setprecision(1) << x;
  log << std::defaultfloat;
  if (const auto orders = r.convergence_orders(); !orders.empty())
    log << ", order " << std::setprecision(2) << orders.back();
  log << std::setprecision(4) << "; " << r.cuts << " cuts; " << r.plastic_points
      << " plastic points";
}

void log_subsidence(const SubsidenceCurves& curves, std::ostream& log) {
  for (const auto& [patch, curve] : curves) {
    const SubsidencePoint& p = curve.back();
    log << "\n    " << patch << ": depth mean " << p.depth_mean << " mm, P95 " << p.depth_p95
        << " mm; crushed " << p.plastic_volume << " mm3 to " << p.plastic_depth
        << " mm deep; utilisation " << p.utilisation;
  }
}

/// Checks that a plastic run has something to draw its curve from, before any solve.
void check_curve_source(const CaseDefinition& c, const std::vector<Endcap>& endcaps,
                        const bool displacement_driven) {
  if (displacement_driven || !c.plasticity.curve_surface.empty())
    return;
  const std::string where = c.locator.where("Boundary conditions/Follower load");
  if (endcaps.empty())
    throw InputError(c.locator.where("Plasticity/Curve surface"),
                     "a plastic run needs a surface with a prescribed displacement for its "
                     "load-displacement curve (a bench test), or implant endcaps in contact for "
                     "its load-subsidence curve (a spine model); expected one in 'Boundary "
                     "conditions/Prescribed displacement', or 'Interfaces/Endcaps/Interface' "
                     "frictional or frictionless");
  if (c.follower_load <= 0)
    throw InputError(where, "a force-driven plastic spine run ramps the follower load; expected "
                            "'Follower load' > 0 [N]");
}

/// `y` null: no load-displacement curve (a force-driven spine run).
void write_plasticity_csv(const OffsetYield* y, const PlasticStateSummary& s, double offset,
                          const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "metric,value,unit\n" << std::setprecision(10);
    if (y)
      out << "stiffness," << y->stiffness << ",N/mm\n";
    if (y && offset > 0) {
      out << "yield_offset," << offset << ",mm\n";
      out << "yield_load," << y->yield_load << ",N\n";
      out << "yield_displacement," << y->yield_displacement << ",mm\n";
    }
    out << "plastic_volume," << s.plastic_volume << ",mm3\n";
    out << "max_equivalent_plastic_strain," << s.max_equivalent_plastic_strain << ",-\n";
  });
}

} // namespace

RunSummary run_plastic_model(const CaseDefinition& c, const ProblemDefinition& problem,
                             const Triangulation<3>& tria,
                             const std::vector<RigidBodyDefinition>& bodies,
                             const std::filesystem::path& dir, StageLog& stages,
                             const std::string& label, std::ostream& log, const MPI_Comm comm) {
  if (!c.load_cases.empty())
    throw InputError(c.locator.where("Boundary conditions/Load cases"),
                     "load cases are not yet combined with crushable-foam plasticity; expected "
                     "one load path ('Plasticity/Load factors')");
  const std::vector<Endcap> endcaps = find_endcaps(problem, bodies);
  const bool displacement_driven = !c.displacements.empty();
  check_curve_source(c, endcaps, displacement_driven);
  std::optional<CurveSurface> surface;
  if (displacement_driven || !c.plasticity.curve_surface.empty())
    surface = curve_surface(c, problem);
  ElastoplasticSolver solver(tria, problem, c.solver, c.plasticity.stepping);
  stages.time(label + "setup (DoFs, sparsity)", [&] { solver.setup(); });
  log << "  [plasticity] " << problem.crushable_foam.size() << " crushable-foam region(s), "
      << solver.space().dof_handler().n_dofs() << " DoFs (P" << c.solver.degree << ")";
  if (surface)
    log << "; curve on '" << surface->name << "'";
  if (!endcaps.empty())
    log << "; load-subsidence curves of " << endcaps.size() << " endcaps under the follower load";
  log << "\n";

  std::vector<LoadDisplacementPoint> curve;
  SubsidenceCurves subsidence;
  double step_start = MPI_Wtime();
  auto record = [&](const LoadStepReport& r) {
    log_step(r, log);
    log << "; " << std::setprecision(3) << MPI_Wtime() - step_start << " s" << std::setprecision(4);
    if (surface) {
      LoadDisplacementPoint p;
      p.load_factor = r.load_factor;
      p.displacement = r.load_factor * surface->magnitude;
      p.force = solver.reaction_force(surface->boundary) * surface->direction;
      p.newton_iterations = r.newton_iterations;
      p.cuts = r.cuts;
      p.plastic_points = r.plastic_points;
      curve.push_back(p);
      log << "; d " << p.displacement << " mm, F " << p.force << " N";
    }
    if (!endcaps.empty()) {
      record_subsidence(solver, endcaps, r.load_factor * c.follower_load, subsidence);
      log << "; follower load " << r.load_factor * c.follower_load << " N";
      log_subsidence(subsidence, log);
    }
    log << "\n";
    step_start = MPI_Wtime();
  };
  stages.time(label + "solve (load steps)", [&] {
    for (const double target : c.plasticity.load_factors)
      solver.advance_to(target, record);
  });

  RunSummary summary;
  stages.time(label + "postprocess", [&] {
    const PlasticStateSummary state = summarise_plastic_state(solver);
    const OffsetYield yield = offset_yield(curve, c.plasticity.yield_offset);
    if (surface) {
      log << "  [plasticity] stiffness " << yield.stiffness << " N/mm";
      if (c.plasticity.yield_offset > 0)
        log << (yield.reached ? "; yield load " + std::to_string(yield.yield_load) + " N at " +
                                    std::to_string(yield.yield_displacement) + " mm"
                              : std::string("; yield not reached (the curve stays above the "
                                            "offset line)"));
      log << "\n";
    }
    for (const auto& [patch, points] : subsidence) {
      const SubsidenceSummary s = summarise_subsidence(points);
      log << "  [subsidence] " << patch << ": first yield at " << s.first_yield_load
          << " N follower load (between " << s.first_yield_bracket[0] << " and "
          << s.first_yield_bracket[1] << " N); depth at " << s.peak_load << " N: mean "
          << s.depth_mean_at_peak << " mm, P95 " << s.depth_p95_at_peak << " mm";
      if (!std::isnan(s.residual_depth_mean))
        log << "; residual after unloading: mean " << s.residual_depth_mean << " mm, P95 "
            << s.residual_depth_p95 << " mm";
      log << "\n";
    }
    log << "  [plasticity] plastic volume " << state.plastic_volume << " mm3, largest eps_bar "
        << state.max_equivalent_plastic_strain << "\n";
    run_on_root_collectively(comm, [&] {
      ensure_directory(dir);
      if (surface)
        write_load_displacement_csv(curve, dir / "load_displacement.csv");
      if (!subsidence.empty()) {
        write_load_subsidence_csv(subsidence, dir / "load_subsidence.csv");
        write_subsidence_summary_csv(subsidence, dir / "subsidence.csv");
      }
      write_plasticity_csv(surface ? &yield : nullptr, state, c.plasticity.yield_offset,
                           dir / "plasticity.csv");
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
