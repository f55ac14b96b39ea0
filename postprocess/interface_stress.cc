#include "postprocess/interface_stress.h"

#include "core/input_error.h"
#include "postprocess/stress_measures.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <algorithm>
#include <limits>

namespace spinefe {

using namespace dealii;

namespace {
/// Area-weighted percentile of samples spread over the ranks: gathered on rank 0, broadcast.
double global_percentile(const MPI_Comm comm, const std::vector<std::pair<double, double>>& local,
                         const double fraction) {
  std::vector<std::pair<double, double>> merged;
  for (const auto& part : Utilities::MPI::gather(comm, local, 0))
    merged.insert(merged.end(), part.begin(), part.end());
  double value = merged.empty() ? 0.0 : weighted_percentile(merged, fraction);
  return Utilities::MPI::broadcast(comm, value, 0);
}
} // namespace

InterfaceStress interface_stress(const ElasticitySolver& solver, const InterfaceFacets& facets,
                                 const std::vector<unsigned int>& bone_regions,
                                 const EndplateStrength* strength) {
  const FESpace& space = solver.space();
  const ProblemDefinition& problem = solver.problem();
  const MPI_Comm comm = space.comm();
  const std::vector<CellFace> faces = faces_on(space.dof_handler(), facets, bone_regions);
  const unsigned int n_faces = Utilities::MPI::sum(static_cast<unsigned int>(faces.size()), comm);
  if (n_faces == 0)
    throw InputError(facets.name, "no face of interface '" + facets.name +
                                      "' borders the bone regions given for its normal stress");

  const QGaussSimplex<2> quadrature(space.degree() + 1);
  FEFaceValues<3> fe_face(space.mapping(), space.fe(), quadrature,
                          update_gradients | update_normal_vectors | update_JxW_values |
                              update_quadrature_points);
  FEFaceValues<3> fe_other(space.mapping(), space.fe(), quadrature,
                           update_gradients | update_normal_vectors | update_JxW_values);
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strain(quadrature.size());
  // sums: area, loaded area, int sigma_n dA, area at risk
  std::vector<double> sums(4, 0.0);
  double max_stress = -std::numeric_limits<double>::max();
  double max_risk = -std::numeric_limits<double>::max();
  std::vector<std::pair<double, double>> stress_samples, risk_samples;
  for (const auto& [cell, f] : faces) {
    // The implant-side normal stress, averaged over the face: traction continuity holds only
    // weakly, so the two one-sided values differ by the discretisation error and their mean is
    // the better estimate (exact for P1, whose stress is constant per cell).
    double other_side = 0;
    bool two_sided = false;
    if (!cell->at_boundary(f)) {
      const auto neighbour = cell->neighbor(f);
      fe_other.reinit(neighbour, cell->neighbor_of_neighbor(f));
      fe_other[displacement].get_function_symmetric_gradients(solver.solution(), strain);
      const LinearIsotropic& m = problem.materials[neighbour->material_id()];
      double area = 0;
      for (const unsigned int q : fe_other.quadrature_point_indices()) {
        const Tensor<1, 3>& n = fe_other.normal_vector(q);
        other_side -= (n * (m.stress(strain[q]) * n)) * fe_other.JxW(q);
        area += fe_other.JxW(q);
      }
      other_side /= area;
      two_sided = true;
    }
    fe_face.reinit(cell, f);
    fe_face[displacement].get_function_symmetric_gradients(solver.solution(), strain);
    const LinearIsotropic& material = problem.materials[cell->material_id()];
    for (const unsigned int q : fe_face.quadrature_point_indices()) {
      const Tensor<1, 3>& n = fe_face.normal_vector(q);
      const double bone_side = -(n * (material.stress(strain[q]) * n));
      const double sigma_n = two_sided ? 0.5 * (bone_side + other_side) : bone_side;
      const double w = fe_face.JxW(q);
      sums[0] += w;
      if (sigma_n > 0)
        sums[1] += w;
      sums[2] += sigma_n * w;
      max_stress = std::max(max_stress, sigma_n);
      stress_samples.emplace_back(sigma_n, w);
      if (strength) {
        const double r = sigma_n / strength->strength(fe_face.quadrature_point(q));
        if (r > 1)
          sums[3] += w;
        max_risk = std::max(max_risk, r);
        risk_samples.emplace_back(r, w);
      }
    }
  }
  Utilities::MPI::sum(sums, comm, sums);
  InterfaceStress result;
  result.surface = facets.name;
  result.area = sums[0];
  result.loaded_area = sums[1];
  result.mean = sums[2] / sums[0];
  result.max = Utilities::MPI::max(max_stress, comm);
  result.p95 = global_percentile(comm, stress_samples, 0.95);
  if (strength) {
    result.has_risk = true;
    result.risk_max = Utilities::MPI::max(max_risk, comm);
    result.risk_p95 = global_percentile(comm, risk_samples, 0.95);
    result.area_fraction_at_risk = sums[3] / sums[0];
  }
  return result;
}

} // namespace spinefe
