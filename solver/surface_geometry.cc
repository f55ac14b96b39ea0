#include "solver/surface_geometry.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <sstream>

namespace spinefe {

using namespace dealii;

namespace {

/// Calls `add(surface index, x, JxW)` at every face quadrature point of every named boundary
/// surface on the locally owned cells. The rule is that of CellIntegrators::face_quadrature.
template <typename Add>
void integrate_surfaces(const FESpace& space, const std::size_t n_surfaces, const Add& add) {
  const QGaussSimplex<2> face_quadrature(space.degree() + 1);
  FEFaceValues<3> fe_face(space.mapping(), space.fe(), face_quadrature,
                          update_quadrature_points | update_JxW_values);
  for (const auto& cell : space.dof_handler().active_cell_iterators())
    if (cell->is_locally_owned() && cell->at_boundary())
      for (const auto f : cell->face_indices()) {
        const types::boundary_id id = cell->face(f)->boundary_id();
        if (!cell->at_boundary(f) || id == 0 || id > n_surfaces)
          continue;
        fe_face.reinit(cell, f);
        for (const unsigned int q : fe_face.quadrature_point_indices())
          add(id - 1, fe_face.quadrature_point(q), fe_face.JxW(q));
      }
}

} // namespace

std::vector<SurfaceGeometry> surface_geometry(const FESpace& space, const std::size_t n_surfaces) {
  // Pass 1: A and int x dA, then c.
  std::vector<double> first(4 * n_surfaces, 0.0);
  integrate_surfaces(space, n_surfaces, [&](const std::size_t s, const Point<3>& x, double jxw) {
    first[4 * s] += jxw;
    for (unsigned int d = 0; d < 3; ++d)
      first[4 * s + 1 + d] += x[d] * jxw;
  });
  Utilities::MPI::sum(first, space.comm(), first);
  std::vector<SurfaceGeometry> surfaces(n_surfaces);
  for (std::size_t s = 0; s < n_surfaces; ++s) {
    surfaces[s].area = first[4 * s];
    if (surfaces[s].area > 0)
      for (unsigned int d = 0; d < 3; ++d)
        surfaces[s].centroid[d] = first[4 * s + 1 + d] / surfaces[s].area;
  }

  // Pass 2: J = int (|r|^2 I - r (x) r) dA about c (6 independent components).
  std::vector<double> second(6 * n_surfaces, 0.0);
  integrate_surfaces(space, n_surfaces, [&](const std::size_t s, const Point<3>& x, double jxw) {
    const Tensor<1, 3> r = x - surfaces[s].centroid;
    const SymmetricTensor<2, 3> j =
        (r * r) * unit_symmetric_tensor<3>() - symmetrize(outer_product(r, r));
    for (unsigned int k = 0; k < 6; ++k)
      second[6 * s + k] += j.access_raw_entry(k) * jxw;
  });
  Utilities::MPI::sum(second, space.comm(), second);
  for (std::size_t s = 0; s < n_surfaces; ++s)
    for (unsigned int k = 0; k < 6; ++k)
      surfaces[s].inertia.access_raw_entry(k) = second[6 * s + k];
  return surfaces;
}

Tensor<1, 3> moment_rotation_rate(const SurfaceGeometry& surface,
                                  const std::array<double, 3>& moment) {
  Tensor<1, 3> m;
  for (unsigned int d = 0; d < 3; ++d)
    m[d] = moment[d];
  return invert(surface.inertia) * m;
}

void check_resultant_loads(const ProblemDefinition& problem,
                           const std::vector<SurfaceGeometry>& surfaces) {
  for (const auto& bc : problem.neumann) {
    const SurfaceGeometry& s = surfaces.at(bc.boundary - 1);
    const std::string where = "surface '" + bc.surface + "'";
    if (bc.kind == NeumannCondition::Kind::total_force && !(s.area > 0))
      throw InputError(where, "a total force needs a surface with area, but this one has none "
                              "on the mesh boundary");
    if (bc.kind != NeumannCondition::Kind::total_moment)
      continue;
    // Eigenvalues in descending order; for a flat surface: I_1, I_2 and the polar I_1 + I_2.
    const std::array<double, 3> eigen = eigenvalues(s.inertia);
    if (!(s.area > 0) || !(eigen[2] > 1e-10 * eigen[0])) {
      std::ostringstream message;
      message << "a total moment needs a surface whose area inertia tensor J = int (|r|^2 I - r r) "
                 "dA is invertible, but its eigenvalues are "
              << eigen[0] << ", " << eigen[1] << ", " << eigen[2] << " mm^4 (area " << s.area
              << " mm^2): the surface is empty or degenerates to a line";
      throw InputError(where, message.str());
    }
  }
}

} // namespace spinefe
