#include "solver/springs.h"

#include "core/input_error.h"
#include "solver/petsc_check.h"

#include <deal.II/base/mpi.h>
#include <deal.II/lac/affine_constraints.templates.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <algorithm>
#include <limits>
#include <sstream>
#include <unordered_set>

namespace spinefe {

using namespace dealii;

namespace {

using GlobalIndex = types::global_dof_index;
/// A constraint line: ((dof, inhomogeneity), entries).
using Line = std::pair<std::pair<GlobalIndex, double>, std::vector<std::pair<GlobalIndex, double>>>;

std::string point_string(const Point<3>& p) {
  std::ostringstream s;
  s << "(" << p[0] << ", " << p[1] << ", " << p[2] << ")";
  return s.str();
}

struct DistanceRank {
  double distance;
  int rank;
};

} // namespace

SpringDofs::SpringDofs(const FESpace& space, const std::vector<SpringDefinition>& springs,
                       const double tolerance)
    : springs_(springs), comm_(space.comm()) {
  for (const auto& s : springs_)
    s.check();
  const std::size_t n_ends = 2 * springs_.size();
  const int rank = static_cast<int>(Utilities::MPI::this_mpi_process(comm_));
  const FiniteElement<3>& fe = space.fe();
  for (unsigned int c = 0; c < 3; ++c)
    Assert(fe.system_to_component_index(c).first == c, ExcInternalError());
  (void)fe;

  // 1. The nearest vertex of this rank's owned cells to each end. An end restricted to some
  //    regions only sees the vertices of cells of those regions, so the candidates are the
  //    distinct (vertex, region) pairs of the owned cells, each with the first cell that has it;
  //    the cost is (candidates) x (ends) distance evaluations (well under a second for the
  //    hundreds of ligament and facet springs of the spine model).
  struct Candidate {
    Point<3> x;
    unsigned int material;
    DoFHandler<3>::active_cell_iterator cell;
    unsigned int vertex;
  };
  std::vector<Candidate> candidates;
  {
    std::unordered_set<unsigned long long> seen;
    for (const auto& cell : space.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        for (const unsigned int v : cell->vertex_indices())
          if (seen.insert((static_cast<unsigned long long>(cell->vertex_index(v)) << 16) |
                          cell->material_id())
                  .second)
            candidates.push_back({cell->vertex(v), cell->material_id(), cell, v});
  }
  std::vector<DistanceRank> best(n_ends, {std::numeric_limits<double>::max(), rank});
  std::vector<std::pair<DoFHandler<3>::active_cell_iterator, unsigned int>> where(n_ends);
  for (std::size_t e = 0; e < n_ends; ++e) {
    const SpringDefinition& spring = springs_[e / 2];
    const auto& regions = e % 2 == 0 ? spring.regions_a : spring.regions_b;
    const Point<3>& p = e % 2 == 0 ? spring.a : spring.b;
    for (const Candidate& c : candidates) {
      if (!regions.empty() &&
          std::find(regions.begin(), regions.end(), c.material) == regions.end())
        continue;
      const double d = c.x.distance(p);
      if (d < best[e].distance) {
        best[e].distance = d;
        where[e] = {c.cell, c.vertex};
      }
    }
  }
  std::vector<DistanceRank> global(n_ends);
  MPI_Allreduce(best.data(), global.data(), static_cast<int>(n_ends), MPI_DOUBLE_INT, MPI_MINLOC,
                comm_);
  for (std::size_t e = 0; e < n_ends; ++e)
    if (!(global[e].distance <= tolerance)) {
      const SpringDefinition& s = springs_[e / 2];
      std::ostringstream msg;
      msg << "spring '" << s.name << "': end " << (e % 2 == 0 ? "a" : "b") << " at "
          << point_string(e % 2 == 0 ? s.a : s.b) << " is " << global[e].distance
          << " mm from the nearest mesh vertex"
          << ((e % 2 == 0 ? s.regions_a : s.regions_b).empty() ? "" : " of its regions")
          << ", more than the tolerance of " << tolerance
          << " mm; springs attach to mesh vertices, so the point must lie on the mesh";
      throw InputError("springs", msg.str());
    }

  // 2. The winning rank of each end publishes its vertex, DoFs and the constraints on them.
  std::vector<unsigned long long> dofs(3 * n_ends, 0);
  std::vector<double> points(3 * n_ends, 0.0);
  std::vector<Line> lines;
  const AffineConstraints<double>& constraints = space.constraints();
  for (std::size_t e = 0; e < n_ends; ++e) {
    if (global[e].rank != rank)
      continue;
    const auto& [cell, v] = where[e];
    for (unsigned int c = 0; c < 3; ++c) {
      const GlobalIndex dof = cell->vertex_dof_index(v, c);
      dofs[3 * e + c] = dof;
      points[3 * e + c] = cell->vertex(v)[c];
      if (constraints.is_constrained(dof)) {
        const auto* entries = constraints.get_constraint_entries(dof);
        lines.push_back({{dof, constraints.get_inhomogeneity(dof)},
                         entries ? *entries : std::vector<std::pair<GlobalIndex, double>>()});
      }
    }
  }
  MPI_Allreduce(MPI_IN_PLACE, dofs.data(), static_cast<int>(dofs.size()), MPI_UNSIGNED_LONG_LONG,
                MPI_SUM, comm_);
  MPI_Allreduce(MPI_IN_PLACE, points.data(), static_cast<int>(points.size()), MPI_DOUBLE, MPI_SUM,
                comm_);

  IndexSet relevant(space.dof_handler().n_dofs());
  for (const auto d : dofs)
    relevant.add_index(d);
  const auto all_lines = Utilities::MPI::all_gather(comm_, lines);
  for (const auto& part : all_lines)
    for (const auto& line : part)
      for (const auto& entry : line.second)
        relevant.add_index(entry.first);
  end_constraints_.reinit(relevant);
  for (const auto& part : all_lines)
    for (const auto& line : part)
      if (!end_constraints_.is_constrained(line.first.first)) {
        end_constraints_.add_line(line.first.first);
        end_constraints_.add_entries(line.first.first, line.second);
        end_constraints_.set_inhomogeneity(line.first.first, line.first.second);
      }
  end_constraints_.close();

  // 3. Reference geometry between the attachment vertices.
  for (std::size_t s = 0; s < springs_.size(); ++s) {
    std::array<GlobalIndex, 6> d;
    for (unsigned int i = 0; i < 6; ++i)
      d[i] = dofs[6 * s + i];
    Point<3> xa, xb;
    for (unsigned int c = 0; c < 3; ++c) {
      xa[c] = points[6 * s + c];
      xb[c] = points[6 * s + 3 + c];
    }
    if (d[0] == d[3])
      throw InputError("springs", "spring '" + springs_[s].name +
                                      "': both ends attach to the same mesh vertex " +
                                      point_string(xa) + "; the points must be farther apart");
    dofs_.push_back(d);
    lengths_.push_back(xa.distance(xb));
    directions_.push_back(springs_[s].direction ? *springs_[s].direction
                                                : (xb - xa) / lengths_.back());
  }
}

void SpringDofs::add(const std::vector<SpringState>& states, SystemMatrix& matrix,
                     PETScWrappers::MPI::Vector* rhs) const {
  AssertDimension(states.size(), springs_.size());
  // Spring ends need not share a cell, so their couplings are outside the cell sparsity pattern;
  // PETSc allocates them on first insertion (a few entries per spring).
  SPINEFE_PETSC(MatSetOption(matrix.petsc_matrix(), MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_FALSE));
  // Spring s is added by rank s mod n_ranks; PETSc sends rows owned elsewhere on compress.
  const unsigned int rank = Utilities::MPI::this_mpi_process(comm_);
  const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(comm_);
  FullMatrix<double> k(6, 6);
  Vector<double> f(6);
  std::vector<GlobalIndex> dofs(6);
  for (std::size_t s = 0; s < springs_.size(); ++s) {
    if (s % n_ranks != rank || states[s] == SpringState::slack)
      continue;
    const SpringDefinition& spring = springs_[s];
    const bool stiff = states[s] == SpringState::stiff;
    const double stiffness = stiff ? spring.stiffness_large : spring.stiffness_small;
    // F = k2 delta + c in the stiff branch; c moves to the right-hand side.
    const double c =
        stiff ? (spring.stiffness_small - spring.stiffness_large) * spring.transition_elongation
              : 0.0;
    const Tensor<1, 3>& n = directions_[s];
    for (unsigned int i = 0; i < 3; ++i) {
      for (unsigned int j = 0; j < 3; ++j) {
        const double nn = stiffness * n[i] * n[j];
        k(i, j) = k(i + 3, j + 3) = nn;
        k(i, j + 3) = k(i + 3, j) = -nn;
      }
      f(i) = c * n[i];
      f(i + 3) = -c * n[i];
    }
    std::copy(dofs_[s].begin(), dofs_[s].end(), dofs.begin());
    if (rhs)
      end_constraints_.distribute_local_to_global(k, f, dofs, matrix, *rhs);
    else
      end_constraints_.distribute_local_to_global(k, dofs, matrix);
  }
  matrix.compress();
  if (rhs)
    rhs->compress(VectorOperation::add);
}

void SpringDofs::add_internal_forces(const std::vector<double>& forces,
                                     PETScWrappers::MPI::Vector& residual) const {
  AssertDimension(forces.size(), springs_.size());
  const unsigned int rank = Utilities::MPI::this_mpi_process(comm_);
  const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(comm_);
  std::vector<GlobalIndex> dofs(6);
  std::vector<double> values(6);
  for (std::size_t s = 0; s < springs_.size(); ++s) {
    if (s % n_ranks != rank)
      continue;
    for (unsigned int c = 0; c < 3; ++c) {
      values[c] = -forces[s] * directions_[s][c];
      values[c + 3] = forces[s] * directions_[s][c];
    }
    std::copy(dofs_[s].begin(), dofs_[s].end(), dofs.begin());
    residual.add(dofs, values);
  }
}

std::vector<double> SpringDofs::elongations(const PETScWrappers::MPI::Vector& u) const {
  const IndexSet owned = u.locally_owned_elements();
  std::vector<double> values(6 * springs_.size(), 0.0);
  for (std::size_t s = 0; s < springs_.size(); ++s)
    for (unsigned int i = 0; i < 6; ++i)
      if (owned.is_element(dofs_[s][i]))
        values[6 * s + i] = u[dofs_[s][i]];
  MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM,
                comm_);
  std::vector<double> delta(springs_.size());
  for (std::size_t s = 0; s < springs_.size(); ++s) {
    delta[s] = 0;
    for (unsigned int c = 0; c < 3; ++c)
      delta[s] += directions_[s][c] * (values[6 * s + 3 + c] - values[6 * s + c]);
  }
  return delta;
}

} // namespace spinefe
