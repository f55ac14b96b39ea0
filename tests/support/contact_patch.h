// The contact patch test (tests/verification/contact_patch_test*.cc): two stacked blocks
// (layered_box with one cut at z = 5 of 10 mm) joined by contact at the cut (side a = lower,
// side b = upper), a uniform pressure p on the top, rollers on the bottom (u_z) and on the xmin
// (u_x) and ymin (u_y) faces of both blocks. The exact solution is uniform uniaxial stress -p in
// each block, so every pair carries exactly its share of a uniform pressure: lambda_n / A = p.
// P1 reproduces it exactly and the pair areas are the P1 load shares (meshing/interface_split.h),
// so the only error left is the contact iteration's (ContactSettings::tolerance, tightened here)
// and round-off. Header only; the test files choose the rank count.
#pragma once

#include "meshing/generators.h"
#include "solver/contact.h"
#include "tests/support/contact_geometry.h"
#include "tests/support/layered_column.h"

#include <deal.II/base/mpi.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <vector>

namespace spinefe::testing {

struct ContactPatchCase {
  InterfaceModel model = InterfaceModel::frictionless;
  double friction = 0;
  LinearIsotropic lower, upper;
};

/// Number of pairs whose two sides' cells at the pair's point are owned by different sets of
/// ranks (a pair "straddles" the partition). Collective.
inline unsigned int straddling_pairs(const ElasticitySolver& solver, const ContactSet& contact) {
  const auto& pairs = contact.definition().pairs;
  std::map<std::array<long, 3>, std::size_t> at;
  for (std::size_t i = 0; i < pairs.size(); ++i)
    at[{std::lround(pairs[i].x[0] * 1e6), std::lround(pairs[i].x[1] * 1e6),
        std::lround(pairs[i].x[2] * 1e6)}] = i;
  std::vector<unsigned int> side_mismatch(pairs.size(), 0), seen_a(pairs.size(), 0),
      seen_b(pairs.size(), 0);
  for (const auto& cell : solver.space().dof_handler().active_cell_iterators())
    if (cell->is_locally_owned())
      for (const unsigned int v : cell->vertex_indices()) {
        const auto& x = cell->vertex(v);
        const auto it =
            at.find({std::lround(x[0] * 1e6), std::lround(x[1] * 1e6), std::lround(x[2] * 1e6)});
        if (it == at.end())
          continue;
        (cell->material_id() == pairs[it->second].region_a ? seen_a : seen_b)[it->second] = 1;
      }
  for (std::size_t i = 0; i < pairs.size(); ++i)
    side_mismatch[i] = seen_a[i] != seen_b[i];
  const MPI_Comm comm = solver.space().comm();
  dealii::Utilities::MPI::max(side_mismatch, comm, side_mismatch);
  return static_cast<unsigned int>(std::count(side_mismatch.begin(), side_mismatch.end(), 1u));
}

inline void check_contact_patch(const ContactPatchCase& c) {
  const auto start = std::chrono::steady_clock::now();
  constexpr double lx = 10, ly = 10, lz = 10, z_cut = 5, p = 2.0; // MPa
  MeshData mesh = layered_box(lx, ly, lz, {z_cut}, {"lower", "upper"}, 2.0);
  ProblemDefinition problem = roller_box(mesh, {c.lower, c.upper});
  problem.neumann.push_back(pressure_on(mesh, "top", p));
  problem.contact = split_for_contact(mesh, {region_of(mesh, "lower")}, {region_of(mesh, "upper")},
                                      {"cut", c.model, c.friction});
  // The default tolerance (1e-4 relative multiplier change) leaves an Uzawa error of that order;
  // 1e-12 lets the test measure the law and the pair areas, not the stopping criterion.
  problem.contact.settings.tolerance = 1e-12;
  problem.contact.settings.max_iterations = 200;
  ASSERT_GT(problem.contact.pairs.size(), 10u);

  const Solved s = solve_mesh(mesh, problem, exact_settings(1));
  const ContactSet* contact = s.solver->springs()->contact();
  ASSERT_NE(contact, nullptr);
  const auto& pairs = contact->definition().pairs;
  const auto& responses = contact->responses();

  double max_pressure_error = 0, total = 0, total_area = 0, max_tangential = 0;
  unsigned int n_closed = 0, n_stick = 0;
  for (std::size_t i = 0; i < responses.size(); ++i) {
    const ContactPairResponse& r = responses[i];
    n_closed += r.state != ContactState::open;
    n_stick += r.state == ContactState::stick;
    max_pressure_error =
        std::max(max_pressure_error, std::abs(r.normal_force / pairs[i].area - p) / p);
    max_tangential = std::max(max_tangential, r.tangential.norm() / (p * pairs[i].area));
    total += r.normal_force;
    total_area += pairs[i].area;
  }
  const unsigned int n_ranks = dealii::Utilities::MPI::n_mpi_processes(s.solver->space().comm());
  const unsigned int straddling = straddling_pairs(*s.solver, *contact);
  if (n_ranks > 1)
    EXPECT_GT(straddling, 0u) << "no pair straddles the partition: the test would not cover it";
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const ActiveSetReport& report = s.solver->spring_report();

  EXPECT_EQ(n_closed, responses.size()) << "every pair carries the pressure";
  if (c.model == InterfaceModel::frictional) {
    EXPECT_EQ(n_stick, responses.size()) << "compatible lateral strains: nothing slides";
  }
  // Exact up to the contact tolerance (1e-12) and the direct solve's round-off (~1e-13 relative);
  // 1e-8 relative as asked, with a wide margin.
  EXPECT_LT(max_pressure_error, 1e-8);
  // The pairs tile the cut: their areas sum to lx * ly (round-off only), and the forces to p A.
  EXPECT_NEAR(total_area / (lx * ly), 1.0, 1e-12);
  EXPECT_NEAR(total / (p * lx * ly), 1.0, 1e-8);
  // No shear across the cut in uniaxial stress: frictional stick forces vanish too.
  EXPECT_LT(max_tangential, 1e-8);

  if (dealii::Utilities::MPI::this_mpi_process(s.solver->space().comm()) == 0)
    std::cout << "contact patch (" << to_string(c.model) << ", " << n_ranks
              << " ranks): " << responses.size() << " pairs (" << straddling << " straddle ranks), "
              << n_stick << " stick; max |p_i/p - 1| " << max_pressure_error
              << ", sum F / pA - 1 = " << total / (p * lx * ly) - 1 << ", max |t_i| / (p A_i) "
              << max_tangential << "; " << report.iterations << " contact solves; " << seconds
              << " s\n"
              << report.contact;
}

/// Frictionless: the same Poisson ratio on both sides, so the lateral strains nu p / E differ and
/// the upper block slides outwards over the lower one (a real test of frictionless sliding).
inline ContactPatchCase frictionless_patch() {
  return {InterfaceModel::frictionless, 0, LinearIsotropic("lower", 1000, 0.3),
          LinearIsotropic("upper", 20000, 0.3)};
}

/// Frictional (mu = 0.3): nu / E equal on both sides, so the lateral strains match, uniform
/// uniaxial stress is also the stick solution, and every pair must stick with t = 0.
inline ContactPatchCase frictional_patch() {
  return {InterfaceModel::frictional, 0.3, LinearIsotropic("lower", 1000, 0.015),
          LinearIsotropic("upper", 20000, 0.3)};
}

} // namespace spinefe::testing
