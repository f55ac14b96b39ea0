// Checks the .vtu mesh route: a mesh written by write_vtu_mesh reads back node for node, with its
// region and surface names; the string-array naming form of other tools reads too; and a case run
// on the .vtu gives the same displacement as on the original mesh (the same mesh, so the same
// answer to round-off: 1e-12 relative). 1 MPI rank.
#include "meshing/vtu_mesh.h"
#include "meshing/mesh_reader.h"
#include "postprocess/hdf5_tools.h"
#include "tests/support/run_spinefe.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace spinefe;
namespace fs = std::filesystem;

namespace {

const std::string data = SPINEFE_SOURCE_DIR "/tests/data/";

double volume(const MeshData& mesh) {
  double v = 0;
  for (unsigned int t = 0; t < mesh.tets.size(); ++t)
    v += signed_volume(mesh, t);
  return v;
}

/// A dataset of the run's summary.h5 at full precision (the console prints 4 digits).
std::vector<double> summary_values(const fs::path& dir, const char* group, const char* name) {
  const hid_t file = H5Fopen((dir / "summary.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  EXPECT_GE(file, 0) << dir;
  const hid_t g = H5Gopen2(file, group, H5P_DEFAULT);
  const std::vector<double> values = read_doubles(g, name);
  H5Gclose(g);
  H5Fclose(file);
  return values;
}

} // namespace

TEST(VtuMesh, WrittenMeshReadsBackNodeForNode) {
  const MeshData mesh = read_mesh_file(data + "unit_cube.inp");
  fs::create_directories("vtu_mesh");
  write_vtu_mesh(mesh, "vtu_mesh/cube.vtu");
  const MeshData back = read_vtu_mesh("vtu_mesh/cube.vtu");
  EXPECT_EQ(back.nodes, mesh.nodes);
  EXPECT_EQ(back.tets, mesh.tets);
  ASSERT_EQ(back.tet_region.size(), mesh.tet_region.size());
  for (std::size_t t = 0; t < mesh.tets.size(); ++t)
    EXPECT_EQ(back.region_names[back.tet_region[t]], mesh.region_names[mesh.tet_region[t]]);
  EXPECT_EQ(back.triangles, mesh.triangles);
  ASSERT_EQ(back.triangle_surface.size(), mesh.triangle_surface.size());
  for (std::size_t t = 0; t < mesh.triangles.size(); ++t)
    EXPECT_EQ(back.surface_names[back.triangle_surface[t]],
              mesh.surface_names[mesh.triangle_surface[t]]);
}

TEST(VtuMesh, StringRegionArrayOfOtherTools) {
  // Six tetrahedra of a unit cube with a string cell-data array 'region', zlib-compressed
  // binary, as VTK's Python writer makes it.
  const MeshData mesh = read_vtu_mesh(data + "cube_region_strings.vtu");
  EXPECT_EQ(mesh.tets.size(), 6u);
  EXPECT_EQ(mesh.region_names, std::vector<std::string>{"bone"});
  EXPECT_NEAR(volume(mesh), 1.0, 1e-14);
  EXPECT_EQ(mesh.triangles.size(), 4u);
  EXPECT_EQ(mesh.surface_names, (std::vector<std::string>{"bottom", "top"}));
}

TEST(VtuMesh, QuadraticCellsReadAsTheirCorners) {
  // A 10-node tetrahedron (appended raw binary) with a 6-node triangle on its bottom face; the
  // mid-side nodes sit on the edge midpoints, so none is reported as curved. Volume 2^3/6.
  const MeshData mesh = read_vtu_mesh(data + "quadratic_tet.vtu");
  ASSERT_EQ(mesh.tets.size(), 1u);
  EXPECT_EQ(mesh.nodes.size(), 4u); // mid-side nodes dropped
  EXPECT_NEAR(std::abs(volume(mesh)), 8.0 / 6.0, 1e-14);
  EXPECT_EQ(mesh.n_curved_edges_dropped, 0u);
  ASSERT_EQ(mesh.triangles.size(), 1u);
  EXPECT_EQ(mesh.surface_names, std::vector<std::string>{"bottom"});
}

TEST(VtuMesh, RunOnTheVtuEqualsTheRunOnTheOriginalMesh) {
  fs::create_directories("vtu_mesh");
  write_vtu_mesh(read_mesh_file(data + "unit_cube.inp"), "vtu_mesh/unit_cube.vtu");
  std::ofstream("vtu_mesh/case.prm")
      << "include " << data << "unit_cube.prm\n"
      << "subsection Mesh\n  set File = " << fs::absolute("vtu_mesh/unit_cube.vtu").string()
      << "\nend\n";
  const auto original = test::run_spinefe("run " + data + "unit_cube.prm --output vtu_mesh/inp");
  const auto vtu = test::run_spinefe("run vtu_mesh/case.prm --output vtu_mesh/vtu");
  ASSERT_EQ(original.status, 0) << original.output;
  ASSERT_EQ(vtu.status, 0) << vtu.output;
  // The same mesh node for node, so the same system: equal to round-off.
  const auto u_original = summary_values("vtu_mesh/inp", "run", "max_displacement");
  const auto u_vtu = summary_values("vtu_mesh/vtu", "run", "max_displacement");
  ASSERT_EQ(u_original.size(), 1u);
  ASSERT_EQ(u_vtu.size(), 1u);
  EXPECT_GT(u_original[0], 0);
  EXPECT_NEAR(u_vtu[0], u_original[0], 1e-12 * u_original[0]);
  const auto f_original = summary_values("vtu_mesh/inp", "surfaces", "reaction_force");
  const auto f_vtu = summary_values("vtu_mesh/vtu", "surfaces", "reaction_force");
  ASSERT_EQ(f_vtu.size(), f_original.size());
  for (std::size_t i = 0; i < f_vtu.size(); ++i)
    EXPECT_NEAR(f_vtu[i], f_original[i], 1e-12 * 10) << i; // 10 N applied
}
