// `spinefe mesh CASE.prm [--output DIR]`: builds (or reads) the case's mesh, prints its quality
// table, and writes it for other tools: mesh.msh (gmsh), mesh.inp (Abaqus/CalculiX), and
// mesh_regions.vtu / mesh_surfaces.vtu (ParaView, renderings); for the spine model also
// ligaments.csv and model.json. Every file is written atomically. Runs on rank 0.
#pragma once

#include <mpi.h>

#include <string>

namespace spinefe {

void mesh_case(const std::string& case_file, const std::string& output_directory, MPI_Comm comm);

} // namespace spinefe
