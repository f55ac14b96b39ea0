#include "solver/vertex_pairs.h"

#include "core/input_error.h"
#include "solver/petsc_check.h"

#include <deal.II/base/mpi.h>
#include <deal.II/lac/affine_constraints.templates.h>

#include <boost/serialization/utility.hpp>
#include <boost/serialization/vector.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
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

/// A vertex of an owned cell, once per (vertex, material id), with a cell that has it.
struct Candidate {
  Point<3> x;
  unsigned int material;
  DoFHandler<3>::active_cell_iterator cell;
  unsigned int vertex;
};

std::vector<Candidate> owned_vertex_candidates(const DoFHandler<3>& dof_handler) {
  std::vector<Candidate> candidates;
  std::unordered_set<unsigned long long> seen;
  for (const auto& cell : dof_handler.active_cell_iterators())
    if (cell->is_locally_owned())
      for (const unsigned int v : cell->vertex_indices())
        if (seen.insert((static_cast<unsigned long long>(cell->vertex_index(v)) << 16) |
                        cell->material_id())
                .second)
          candidates.push_back({cell->vertex(v), cell->material_id(), cell, v});
  return candidates;
}

/// Candidates bucketed on a uniform grid, so that each end scans the buckets around it ring by
/// ring, and stops once every candidate outside the rings scanned is provably farther than the
/// nearest found (the distance from the point to the faces of the scanned cube of buckets).
class CandidateGrid {
public:
  explicit CandidateGrid(std::vector<Candidate> candidates) : candidates_(std::move(candidates)) {
    if (candidates_.empty())
      return;
    lo_ = hi_ = candidates_[0].x;
    for (const auto& c : candidates_)
      materials_.insert(c.material);
    for (const auto& c : candidates_)
      for (unsigned int d = 0; d < 3; ++d) {
        lo_[d] = std::min(lo_[d], c.x[d]);
        hi_[d] = std::max(hi_[d], c.x[d]);
      }
    double volume = 1;
    for (unsigned int d = 0; d < 3; ++d)
      volume *= std::max(hi_[d] - lo_[d], 1e-9);
    // About 8 candidates per bucket.
    cell_ = std::max(std::cbrt(8 * volume / candidates_.size()), 1e-6);
    for (unsigned int d = 0; d < 3; ++d)
      n_[d] = std::max(1, static_cast<int>((hi_[d] - lo_[d]) / cell_) + 1);
    buckets_.resize(static_cast<std::size_t>(n_[0]) * n_[1] * n_[2]);
    for (std::size_t i = 0; i < candidates_.size(); ++i)
      buckets_[bucket(index(candidates_[i].x))].push_back(static_cast<unsigned int>(i));
  }

  /// The nearest candidate whose material is in `regions` (any if empty), or null.
  const Candidate* nearest(const Point<3>& p, const std::vector<unsigned int>& regions,
                           double& distance) const {
    distance = std::numeric_limits<double>::max();
    const Candidate* best = nullptr;
    if (candidates_.empty() ||
        (!regions.empty() && std::none_of(regions.begin(), regions.end(),
                                          [&](unsigned int r) { return materials_.count(r) > 0; })))
      return best;
    const std::array<int, 3> c = index(p);
    for (int ring = 0;; ++ring) {
      scan_ring(c, ring, p, regions, best, distance);
      // Candidates outside the cube of rings 0..ring lie beyond one of its faces that is inside
      // the grid; faces on the grid's edge have no candidates beyond them.
      double bound = std::numeric_limits<double>::infinity();
      for (unsigned int d = 0; d < 3; ++d) {
        if (c[d] - ring > 0)
          bound = std::min(bound, p[d] - (lo_[d] + (c[d] - ring) * cell_));
        if (c[d] + ring < n_[d] - 1)
          bound = std::min(bound, lo_[d] + (c[d] + ring + 1) * cell_ - p[d]);
      }
      if (bound == std::numeric_limits<double>::infinity() || (best && bound >= distance))
        return best;
    }
  }

private:
  std::array<int, 3> index(const Point<3>& p) const {
    std::array<int, 3> i;
    for (unsigned int d = 0; d < 3; ++d)
      i[d] = std::clamp(static_cast<int>(std::floor((p[d] - lo_[d]) / cell_)), 0, n_[d] - 1);
    return i;
  }
  std::size_t bucket(const std::array<int, 3>& i) const {
    return (static_cast<std::size_t>(i[2]) * n_[1] + i[1]) * n_[0] + i[0];
  }
  void scan_ring(const std::array<int, 3>& c, const int ring, const Point<3>& p,
                 const std::vector<unsigned int>& regions, const Candidate*& best,
                 double& distance) const {
    // Only the shell of the cube: whole rows where k or j is on the shell, else its two ends.
    for (int k = std::max(c[2] - ring, 0); k <= std::min(c[2] + ring, n_[2] - 1); ++k)
      for (int j = std::max(c[1] - ring, 0); j <= std::min(c[1] + ring, n_[1] - 1); ++j) {
        const bool full_row = std::abs(k - c[2]) == ring || std::abs(j - c[1]) == ring;
        const int step = full_row ? 1 : std::max(2 * ring, 1);
        for (int i = c[0] - ring; i <= c[0] + ring; i += step)
          if (i >= 0 && i < n_[0])
            scan_bucket(bucket({i, j, k}), p, regions, best, distance);
      }
  }
  void scan_bucket(const std::size_t b, const Point<3>& p, const std::vector<unsigned int>& regions,
                   const Candidate*& best, double& distance) const {
    for (const unsigned int ci : buckets_[b]) {
      const Candidate& cand = candidates_[ci];
      if (!regions.empty() &&
          std::find(regions.begin(), regions.end(), cand.material) == regions.end())
        continue;
      const double d = cand.x.distance(p);
      if (d < distance) {
        distance = d;
        best = &cand;
      }
    }
  }

  std::vector<Candidate> candidates_;
  Point<3> lo_, hi_;
  double cell_ = 1;
  std::array<int, 3> n_ = {1, 1, 1};
  std::vector<std::vector<unsigned int>> buckets_;
  std::set<unsigned int> materials_; ///< present among the candidates
};

} // namespace

VertexPairDofs::VertexPairDofs(const FESpace& space, const std::vector<VertexPairRequest>& pairs,
                               const double tolerance, const std::string& error_section)
    : comm_(space.comm()), rank_(Utilities::MPI::this_mpi_process(comm_)),
      n_ranks_(Utilities::MPI::n_mpi_processes(comm_)) {
  const std::size_t n_ends = 2 * pairs.size();
  const int rank = static_cast<int>(rank_);
  const FiniteElement<3>& fe = space.fe();
  for (unsigned int c = 0; c < 3; ++c)
    Assert(fe.system_to_component_index(c).first == c, ExcInternalError());
  (void)fe;

  // 1. The nearest vertex of this rank's owned cells to each end, among the end's regions.
  const CandidateGrid grid(owned_vertex_candidates(space.dof_handler()));
  std::vector<DistanceRank> best(n_ends, {std::numeric_limits<double>::max(), rank});
  std::vector<std::pair<DoFHandler<3>::active_cell_iterator, unsigned int>> where(n_ends);
  for (std::size_t e = 0; e < n_ends; ++e) {
    const VertexPairRequest& pair = pairs[e / 2];
    double distance;
    if (const Candidate* c = grid.nearest(e % 2 == 0 ? pair.a : pair.b,
                                          e % 2 == 0 ? pair.regions_a : pair.regions_b, distance)) {
      best[e].distance = distance;
      where[e] = {c->cell, c->vertex};
    }
  }
  std::vector<DistanceRank> global(n_ends);
  MPI_Allreduce(best.data(), global.data(), static_cast<int>(n_ends), MPI_DOUBLE_INT, MPI_MINLOC,
                comm_);
  for (std::size_t e = 0; e < n_ends; ++e)
    if (!(global[e].distance <= tolerance)) {
      const VertexPairRequest& p = pairs[e / 2];
      std::ostringstream msg;
      msg << p.name << ": end " << (e % 2 == 0 ? "a" : "b") << " at "
          << point_string(e % 2 == 0 ? p.a : p.b) << " is " << global[e].distance
          << " mm from the nearest mesh vertex"
          << ((e % 2 == 0 ? p.regions_a : p.regions_b).empty() ? "" : " of its regions")
          << ", more than the tolerance of " << tolerance
          << " mm; its ends attach to mesh vertices, so the point must lie on the mesh";
      throw InputError(error_section, msg.str());
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

  for (std::size_t s = 0; s < pairs.size(); ++s) {
    std::array<GlobalIndex, 6> d;
    for (unsigned int i = 0; i < 6; ++i)
      d[i] = dofs[6 * s + i];
    std::array<Point<3>, 2> x;
    for (unsigned int c = 0; c < 3; ++c) {
      x[0][c] = points[6 * s + c];
      x[1][c] = points[6 * s + 3 + c];
    }
    if (d[0] == d[3])
      throw InputError(error_section,
                       pairs[s].name + ": both ends attach to the same mesh vertex " +
                           point_string(x[0]) + "; the points must be farther apart");
    dofs_.push_back(d);
    vertices_.push_back(x);
  }
}

void VertexPairDofs::distribute(const std::size_t pair, const FullMatrix<double>& k,
                                const Vector<double>& f, SystemMatrix& matrix,
                                PETScWrappers::MPI::Vector* rhs) const {
  const std::vector<GlobalIndex> dofs(dofs_[pair].begin(), dofs_[pair].end());
  if (rhs)
    end_constraints_.distribute_local_to_global(k, f, dofs, matrix, *rhs);
  else
    end_constraints_.distribute_local_to_global(k, dofs, matrix);
}

void VertexPairDofs::reserve_entries(SystemMatrix& matrix) const {
  allow_pair_entries(matrix);
  std::vector<PetscInt> rows;
  std::vector<double> zeros;
  for (std::size_t pair = 0; pair < dofs_.size(); ++pair) {
    if (!adds(pair))
      continue;
    // A constrained DoF writes into the DoFs it is constrained to (a Dirichlet DoF into none).
    rows.clear();
    for (const GlobalIndex dof : dofs_[pair]) {
      if (!end_constraints_.is_constrained(dof))
        rows.push_back(static_cast<PetscInt>(dof));
      else if (const auto* entries = end_constraints_.get_constraint_entries(dof))
        for (const auto& [to, weight] : *entries)
          rows.push_back(static_cast<PetscInt>(to));
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    zeros.assign(rows.size() * rows.size(), 0.0);
    const auto n = static_cast<PetscInt>(rows.size());
    SPINEFE_PETSC(MatSetValues(matrix.petsc_matrix(), n, rows.data(), n, rows.data(), zeros.data(),
                               ADD_VALUES));
  }
  matrix.compress();
}

std::vector<std::array<Tensor<1, 3>, 2>>
VertexPairDofs::end_displacements(const PETScWrappers::MPI::Vector& u) const {
  const IndexSet owned = u.locally_owned_elements();
  std::vector<double> values(6 * dofs_.size(), 0.0);
  for (std::size_t s = 0; s < dofs_.size(); ++s)
    for (unsigned int i = 0; i < 6; ++i)
      if (owned.is_element(dofs_[s][i]))
        values[6 * s + i] = u[dofs_[s][i]];
  MPI_Allreduce(MPI_IN_PLACE, values.data(), static_cast<int>(values.size()), MPI_DOUBLE, MPI_SUM,
                comm_);
  std::vector<std::array<Tensor<1, 3>, 2>> ends(dofs_.size());
  for (std::size_t s = 0; s < dofs_.size(); ++s)
    for (unsigned int end = 0; end < 2; ++end)
      for (unsigned int c = 0; c < 3; ++c)
        ends[s][end][c] = values[6 * s + 3 * end + c];
  return ends;
}

std::vector<Tensor<1, 3>>
VertexPairDofs::relative_displacements(const PETScWrappers::MPI::Vector& u) const {
  const std::vector<std::array<Tensor<1, 3>, 2>> ends = end_displacements(u);
  std::vector<Tensor<1, 3>> du(ends.size());
  for (std::size_t s = 0; s < ends.size(); ++s)
    du[s] = ends[s][1] - ends[s][0];
  return du;
}

void VertexPairDofs::add_vector(const std::size_t pair, const Vector<double>& f,
                                PETScWrappers::MPI::Vector* condensed,
                                PETScWrappers::MPI::Vector* raw) const {
  const std::vector<GlobalIndex> dofs(dofs_[pair].begin(), dofs_[pair].end());
  // The vector-only distribution ignores inhomogeneities (they enter with a matrix only).
  if (condensed)
    end_constraints_.distribute_local_to_global(f, dofs, *condensed);
  if (raw)
    raw->add(dofs, f);
}

void allow_pair_entries(SystemMatrix& matrix) {
  SPINEFE_PETSC(MatSetOption(matrix.petsc_matrix(), MAT_NEW_NONZERO_ALLOCATION_ERR, PETSC_FALSE));
}

FullMatrix<double> two_node_stiffness(const Tensor<2, 3>& m, const double k) {
  FullMatrix<double> out(6, 6);
  for (unsigned int i = 0; i < 3; ++i)
    for (unsigned int j = 0; j < 3; ++j) {
      const double v = k * m[i][j];
      out(i, j) = out(i + 3, j + 3) = v;
      out(i, j + 3) = out(i + 3, j) = -v;
    }
  return out;
}

} // namespace spinefe
