// Reads tetrahedral Abaqus/CalculiX input files (.inp). deal.II 9.4's read_abaqus handles
// hexahedra only, hence this reader.
//
// Understood keywords: *NODE, *ELEMENT (C3D4, C3D10 and their hybrid/modified variants; triangles
// S3, CPS3, STRI3, M3D3, S6, CPS6, STRI65, M3D6 as surface facets), *ELSET (with GENERATE),
// *SOLID SECTION and *SURFACE (TYPE=ELEMENT, faces S1..S4). Other keywords (materials, steps)
// are skipped. Regions are the ELSETs of *SOLID SECTION lines; without any, the ELSET= of each
// *ELEMENT block. Named surfaces are element-based *SURFACEs and ELSETs of triangle elements.
#pragma once

#include "meshing/mesh_data.h"

#include <string>

namespace spinefe {

MeshData read_abaqus_file(const std::string& file);

} // namespace spinefe
