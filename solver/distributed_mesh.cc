#include "solver/distributed_mesh.h"

#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/tria_description.h>

namespace spinefe {

void distribute_mesh(const std::function<void(dealii::Triangulation<3>&)>& build_serial,
                     dealii::parallel::fullydistributed::Triangulation<3>& tria) {
  const MPI_Comm comm = tria.get_communicator();
  const unsigned int n_ranks = dealii::Utilities::MPI::n_mpi_processes(comm);
  // One group spanning all ranks: only its root (rank 0) runs `build_serial`.
  const auto description =
      dealii::TriangulationDescription::Utilities::create_description_from_triangulation_in_groups<
          3, 3>(
          build_serial,
          [n_ranks](dealii::Triangulation<3>& serial, const MPI_Comm, const unsigned int) {
            dealii::GridTools::partition_triangulation(n_ranks, serial);
          },
          comm, n_ranks);
  tria.create_triangulation(description);
}

} // namespace spinefe
