// Contact at the implant-bone interfaces of a spine model: which regions form each interface,
// splitting the mesh there (meshing/interface_split.h) and turning the node pairs into the
// solver's contact pairs (solver/contact_law.h).
//
//   endcaps  bone of any vertebra (<level>/cortical|cancellous|endplate_*|posterior) against
//            the implant (implant/*): the printed body's endcaps or the mesh cage's ends;
//   screws   bone against the pedicle screws (screw_*).
// A bonded interface is left as meshed (shared nodes).
#pragma once

#include "meshing/mesh_data.h"
#include "solver/problem_definition.h"

#include <mpi.h>

#include <ostream>

namespace spinefe {

struct InterfaceSettings {
  ContactInterface endcaps{"endcaps", InterfaceModel::frictional, 0.8};
  ContactInterface screws{"screws", InterfaceModel::bonded, 0.3};
  ContactSettings settings;
  bool any_contact() const {
    return endcaps.model != InterfaceModel::bonded || screws.model != InterfaceModel::bonded;
  }
};

/// Splits `mesh` at every interface that is not bonded and returns the contact pairs; logs one
/// line per interface to `log`. Call on the rank that holds the mesh.
ProblemDefinition::ContactPairs
split_contact_interfaces(MeshData& mesh, const InterfaceSettings& settings, std::ostream& log);

/// Sends `contact` from `root` to every rank of `comm`. Collective.
ProblemDefinition::ContactPairs broadcast_contact(MPI_Comm comm,
                                                  const ProblemDefinition::ContactPairs& contact,
                                                  unsigned int root = 0);

} // namespace spinefe
