#include "solver/fe_space.h"

#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_simplex_p.h>
#include <deal.II/numerics/vector_tools.h>

namespace spinefe {

FESpace::FESpace(const dealii::Triangulation<3>& tria, const unsigned int degree,
                 const ProblemDefinition& problem, const bool homogeneous)
    : degree_(degree), fe_(dealii::FE_SimplexP<3>(degree), 3), mapping_(dealii::FE_SimplexP<3>(1)),
      dof_handler_(tria) {
  dof_handler_.distribute_dofs(fe_);
  owned_ = dof_handler_.locally_owned_dofs();
  dealii::DoFTools::extract_locally_relevant_dofs(dof_handler_, relevant_);

  constraints_.reinit(relevant_);
  for (const auto& bc : problem.dirichlet) {
    const dealii::ComponentMask mask(std::vector<bool>(bc.components.begin(), bc.components.end()));
    if (homogeneous || !bc.displacement)
      dealii::VectorTools::interpolate_boundary_values(mapping_, dof_handler_, bc.boundary,
                                                       dealii::Functions::ZeroFunction<3>(3),
                                                       constraints_, mask);
    else
      dealii::VectorTools::interpolate_boundary_values(mapping_, dof_handler_, bc.boundary,
                                                       *bc.displacement, constraints_, mask);
  }
  if (problem.extra_constraints) {
    dealii::AffineConstraints<double> extra(relevant_);
    problem.extra_constraints(dof_handler_, mapping_, extra);
    // Surface conditions take precedence where both constrain a DoF.
    constraints_.merge(extra, dealii::AffineConstraints<double>::left_object_wins);
  }
  if (homogeneous)
    for (const auto& line : constraints_.get_lines())
      constraints_.set_inhomogeneity(line.index, 0.0);
  constraints_.close();
}

MPI_Comm FESpace::comm() const {
  return dof_handler_.get_triangulation().get_communicator();
}

} // namespace spinefe
