#include "postprocess/field_output.h"

#include "core/atomic_file.h"
#include "core/input_error.h"
#include "postprocess/stress_measures.h"

#include <deal.II/base/mpi.h>
#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_postprocessor.h>

#include <fstream>
#include <memory>

namespace spinefe {

using namespace dealii;

namespace {

/// Evaluates stress measures from the displacement gradient, with each cell's own material.
class StressPostprocessor : public DataPostprocessor<3> {
public:
  explicit StressPostprocessor(const ProblemDefinition& problem) : problem_(problem) {}

  std::vector<std::string> get_names() const override {
    std::vector<std::string> names(9, "stress");
    for (const char* n :
         {"von_mises", "principal_1", "principal_2", "principal_3", "strain_energy_density"})
      names.emplace_back(n);
    return names;
  }

  std::vector<DataComponentInterpretation::DataComponentInterpretation>
  get_data_component_interpretation() const override {
    std::vector<DataComponentInterpretation::DataComponentInterpretation> kinds(
        9, DataComponentInterpretation::component_is_part_of_tensor);
    kinds.resize(14, DataComponentInterpretation::component_is_scalar);
    return kinds;
  }

  UpdateFlags get_needed_update_flags() const override { return update_gradients; }

  void evaluate_vector_field(const DataPostprocessorInputs::Vector<3>& inputs,
                             std::vector<Vector<double>>& out) const override {
    const auto cell = inputs.template get_cell<3>();
    const LinearIsotropic& material = problem_.materials.at(cell->material_id());
    for (unsigned int p = 0; p < inputs.solution_gradients.size(); ++p) {
      Tensor<2, 3> grad;
      for (unsigned int d = 0; d < 3; ++d)
        grad[d] = inputs.solution_gradients[p][d];
      const SymmetricTensor<2, 3> strain = symmetrize(grad);
      const SymmetricTensor<2, 3> stress = material.stress(strain);
      for (unsigned int i = 0; i < 3; ++i)
        for (unsigned int j = 0; j < 3; ++j)
          out[p](3 * i + j) = stress[i][j];
      const auto principal = principal_stresses(stress);
      out[p](9) = von_mises(stress);
      for (unsigned int k = 0; k < 3; ++k)
        out[p](10 + k) = principal[k];
      out[p](13) = 0.5 * (stress * strain);
    }
  }

private:
  const ProblemDefinition& problem_;
};

} // namespace

std::filesystem::path write_fields(const ElasticitySolver& solver, const std::filesystem::path& dir,
                                   const std::string& base) {
  return write_displacement_fields(solver.space(), solver.solution(), &solver.problem(), {}, dir,
                                   base);
}

std::filesystem::path write_displacement_fields(const FESpace& space,
                                                const PETScWrappers::MPI::Vector& u,
                                                const ProblemDefinition* elastic_problem,
                                                const std::vector<CellField>& cell_fields,
                                                const std::filesystem::path& dir,
                                                const std::string& base) {
  const MPI_Comm comm = space.comm();
  const unsigned int rank = Utilities::MPI::this_mpi_process(comm);
  const std::filesystem::path staging = dir / (".tmp-" + base);
  if (rank == 0)
    ensure_directory(staging);
  MPI_Barrier(comm);

  DataOut<3> data_out;
  data_out.attach_dof_handler(space.dof_handler());
  const std::vector<DataComponentInterpretation::DataComponentInterpretation> vector_kind(
      3, DataComponentInterpretation::component_is_part_of_vector);
  data_out.add_data_vector(u, std::vector<std::string>(3, "displacement"),
                           DataOut<3>::type_dof_data, vector_kind);
  std::unique_ptr<StressPostprocessor> stress;
  if (elastic_problem) {
    stress = std::make_unique<StressPostprocessor>(*elastic_problem);
    data_out.add_data_vector(u, *stress);
  }
  for (const auto& [name, values] : cell_fields)
    data_out.add_data_vector(values, name);
  Vector<float> region(space.dof_handler().get_triangulation().n_active_cells());
  Vector<float> owner(region.size());
  for (const auto& cell : space.dof_handler().active_cell_iterators())
    if (cell->is_locally_owned()) {
      region(cell->active_cell_index()) = cell->material_id();
      owner(cell->active_cell_index()) = rank;
    }
  data_out.add_data_vector(region, "region_id");
  data_out.add_data_vector(owner, "mpi_rank");
  data_out.build_patches(space.mapping(), space.degree());

  const std::string piece = base + "_" + Utilities::int_to_string(rank, 4) + ".vtu";
  // A piece that cannot be written (a full disk, a file-size limit) stops every rank together:
  // a rank that gave up alone would leave the others waiting at the next barrier.
  std::string error, where;
  const auto write_checked = [&](const std::filesystem::path& file, const auto& write) {
    std::ofstream out(file);
    try {
      write(out); // deal.II throws ExcIO on a failed stream
      out.flush();
    } catch (...) {
      out.setstate(std::ios::badbit);
    }
    if (!out && error.empty()) {
      where = file.string();
      error = "writing failed (disk full or file-size limit?)";
    }
  };
  write_checked(staging / piece, [&](std::ostream& out) { data_out.write_vtu(out); });
  std::vector<std::string> pieces;
  for (unsigned int r = 0; r < Utilities::MPI::n_mpi_processes(comm); ++r)
    pieces.push_back(base + "_" + Utilities::int_to_string(r, 4) + ".vtu");
  if (rank == 0)
    write_checked(staging / (base + ".pvtu"),
                  [&](std::ostream& out) { data_out.write_pvtu_record(out, pieces); });
  try {
    throw_if_any_rank_failed(comm, error, where);
  } catch (...) {
    if (rank == 0) {
      std::error_code ignored;
      std::filesystem::remove_all(staging, ignored);
    }
    throw;
  }
  MPI_Barrier(comm);
  // Only now, with every piece complete, do the files replace any earlier result.
  std::filesystem::rename(staging / piece, dir / piece);
  MPI_Barrier(comm);
  const std::filesystem::path pvd = dir / (base + ".pvd");
  if (rank == 0) {
    std::filesystem::rename(staging / (base + ".pvtu"), dir / (base + ".pvtu"));
    std::filesystem::remove(staging);
    write_text_atomically(pvd, [&](std::ostream& out) {
      DataOutBase::write_pvd_record(out, {{0.0, base + ".pvtu"}});
    });
  }
  MPI_Barrier(comm);
  return pvd;
}

} // namespace spinefe
