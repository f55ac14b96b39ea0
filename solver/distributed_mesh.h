// Builds a parallel::fullydistributed triangulation: rank 0 alone builds the serial mesh,
// partitions it with METIS, and sends each rank only its own cells plus one ghost layer, so no
// rank other than 0 ever holds the whole mesh.
#pragma once

#include <deal.II/distributed/fully_distributed_tria.h>

#include <functional>

namespace spinefe {

void distribute_mesh(const std::function<void(dealii::Triangulation<3>&)>& build_serial,
                     dealii::parallel::fullydistributed::Triangulation<3>& tria);

} // namespace spinefe
