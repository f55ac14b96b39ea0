// Checks that a damaged gmsh .msh (truncated ASCII or binary, v2 or v4, bytes changed) is an
// InputError naming the file and what was expected, and that the next file read in the same
// process is still read whole (a study reads many meshes in one process). 1 MPI rank.
#include "core/input_error.h"
#include "meshing/mesh_reader.h"

#include <gtest/gtest.h>

#include <string>

using namespace spinefe;

namespace {
const std::string data = SPINEFE_SOURCE_DIR "/tests/data/";
}

TEST(GmshDamagedFiles, ErrorNamesTheFileAndTheNextReadIsWhole) {
  for (const char* damaged : {"truncated_cube_v41_ascii.msh", "truncated_cube_v41_binary.msh",
                              "truncated_cube_v22_ascii.msh", "flipped_cube_v41_ascii.msh"}) {
    try {
      read_mesh_file(data + damaged, 0);
      ADD_FAILURE() << damaged << " was read without an error";
    } catch (const InputError& e) {
      EXPECT_EQ(e.where(), data + damaged);
      EXPECT_NE(e.message().find("gmsh could not read the mesh: "), std::string::npos);
      EXPECT_NE(e.message().find("expected a complete gmsh .msh file"), std::string::npos);
    }
    // The four formats of the same cube: 14 nodes, 24 tetrahedra, region and both surfaces.
    for (const char* good : {"unit_cube_v41_ascii.msh", "unit_cube_v41_binary.msh",
                             "unit_cube_v22_ascii.msh", "unit_cube_v22_binary.msh"}) {
      const MeshData mesh = read_mesh_file(data + good, 0);
      EXPECT_EQ(mesh.tets.size(), 24u) << good << " after " << damaged;
      EXPECT_EQ(mesh.nodes.size(), 14u) << good;
      EXPECT_EQ(mesh.region_names, std::vector<std::string>{"bone"}) << good;
      EXPECT_EQ(mesh.surface_names.size(), 2u) << good;
    }
  }
}
