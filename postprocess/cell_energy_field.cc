#include "postprocess/cell_energy_field.h"

#include "postprocess/hdf5_tools.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <algorithm>

namespace spinefe {

using namespace dealii;

CellEnergyField gather_cell_energy(const ElasticitySolver& solver,
                                   const std::vector<unsigned int>& regions,
                                   const LinearIsotropic* phase) {
  const FESpace& space = solver.space();
  const auto& materials = solver.problem().materials;
  const QGaussSimplex<3> quadrature(space.degree() + 1);
  FEValues<3> fe_values(space.mapping(), space.fe(), quadrature,
                        update_gradients | update_JxW_values);
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strain(quadrature.size());
  std::vector<double> local; // region, x, y, z, volume, sed per cell
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    const unsigned int r = cell->material_id();
    if (!cell->is_locally_owned() || std::find(regions.begin(), regions.end(), r) == regions.end())
      continue;
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(solver.solution(), strain);
    const LinearIsotropic& law = phase ? *phase : materials[r];
    double volume = 0, energy = 0;
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      volume += fe_values.JxW(q);
      energy += law.energy_density(strain[q]) * fe_values.JxW(q);
    }
    const Point<3> c = cell->center();
    local.insert(local.end(), {double(r), c[0], c[1], c[2], volume, energy / volume});
  }
  const MPI_Comm comm = space.comm();
  const auto all = Utilities::MPI::gather(comm, local, 0);
  CellEnergyField field;
  if (Utilities::MPI::this_mpi_process(comm) != 0)
    return field;
  field.region_names = solver.problem().region_names;
  for (const auto& part : all)
    for (std::size_t i = 0; i + 5 < part.size(); i += 6) {
      field.region.push_back(static_cast<unsigned int>(part[i]));
      field.centroid.emplace_back(part[i + 1], part[i + 2], part[i + 3]);
      field.volume.push_back(part[i + 4]);
      field.sed.push_back(part[i + 5]);
    }
  return field;
}

void write_cell_energy(const hid_t group, const CellEnergyField& field) {
  std::vector<double> xyz, region;
  for (std::size_t c = 0; c < field.region.size(); ++c) {
    xyz.insert(xyz.end(), {field.centroid[c][0], field.centroid[c][1], field.centroid[c][2]});
    region.push_back(field.region[c]);
  }
  write_doubles(group, "centroid", xyz, 3, "mm");
  write_doubles(group, "volume", field.volume, 1, "mm^3");
  write_doubles(group, "sed", field.sed, 1, "MPa");
  write_doubles(group, "region", region, 1, "-");
  write_strings(group, "region_names", field.region_names);
}

CellEnergyField read_cell_energy(const hid_t group) {
  CellEnergyField field;
  field.region_names = read_strings(group, "region_names");
  const auto xyz = read_doubles(group, "centroid");
  field.volume = read_doubles(group, "volume");
  field.sed = read_doubles(group, "sed");
  for (const double r : read_doubles(group, "region"))
    field.region.push_back(static_cast<unsigned int>(r));
  for (std::size_t i = 0; i + 2 < xyz.size(); i += 3)
    field.centroid.emplace_back(xyz[i], xyz[i + 1], xyz[i + 2]);
  return field;
}

} // namespace spinefe
