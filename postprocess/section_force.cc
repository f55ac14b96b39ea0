#include "postprocess/section_force.h"

#include "core/input_error.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <cmath>
#include <set>
#include <sstream>

namespace spinefe {

using namespace dealii;

SectionForce section_force(const ElasticitySolver& solver, const SectionPlane& plane,
                           const std::vector<unsigned int>& regions) {
  const double n_norm = plane.normal.norm();
  if (!(n_norm > 0))
    throw InputError("section force", "the normal of the section plane is zero");
  const Tensor<1, 3> n = plane.normal / n_norm;
  const FESpace& space = solver.space();
  const ProblemDefinition& problem = solver.problem();
  const FESystem<3>& fe = space.fe();
  const std::set<unsigned int> in_regions(regions.begin(), regions.end());

  const QGaussSimplex<3> quadrature(space.degree() + 1);
  FEValues<3> fe_values(space.mapping(), fe, quadrature, update_gradients | update_JxW_values);
  // Real positions of the support points of each shape function.
  const Quadrature<3> support(fe.get_unit_support_points());
  FEValues<3> at_support(space.mapping(), fe, support, update_quadrature_points);
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strain(quadrature.size());
  std::vector<double> phi(fe.n_dofs_per_cell());

  // T[0..2], cut volume
  std::vector<double> sums(4, 0.0);
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    if (!cell->is_locally_owned() || in_regions.count(cell->material_id()) == 0)
      continue;
    at_support.reinit(cell);
    bool any_one = false, any_zero = false;
    for (unsigned int i = 0; i < phi.size(); ++i) {
      phi[i] = (at_support.quadrature_point(i) - plane.point) * n < 0 ? 1.0 : 0.0;
      (phi[i] > 0 ? any_one : any_zero) = true;
    }
    // On a cell with phi constant, grad(e_k phi_h) = 0 by partition of unity: no contribution.
    if (!(any_one && any_zero))
      continue;
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(solver.solution(), strain);
    const LinearIsotropic& material = problem.materials[cell->material_id()];
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      const SymmetricTensor<2, 3> stress = material.stress(strain[q]);
      const double w = fe_values.JxW(q);
      sums[3] += w;
      for (unsigned int i = 0; i < phi.size(); ++i) {
        if (phi[i] == 0)
          continue;
        // sigma : grad(N_i e_c) = (sigma grad N_i)_c for the shape function of component c.
        const unsigned int c = fe.system_to_component_index(i).first;
        const Tensor<1, 3> grad = fe_values.shape_grad_component(i, q, c);
        sums[c] -= phi[i] * (stress * grad)[c] * w;
      }
    }
  }
  Utilities::MPI::sum(sums, space.comm(), sums);
  if (!(sums[3] > 0))
    throw InputError("section force", "the section plane cuts no cell of the member's regions");
  SectionForce result;
  for (unsigned int d = 0; d < 3; ++d)
    result.force[d] = sums[d];
  result.axial_compression = -(result.force * n);
  result.cut_volume = sums[3];
  return result;
}

double load_share(const double implant_force, const double rods_force) {
  const double total = implant_force + rods_force;
  if (!(std::abs(total) > 1e-9 * (std::abs(implant_force) + std::abs(rods_force))) || total == 0) {
    std::ostringstream m;
    m << "load share undefined: implant force " << implant_force << " N and rod force "
      << rods_force << " N sum to ~0";
    throw InputError("load sharing", m.str());
  }
  return implant_force / total;
}

} // namespace spinefe
