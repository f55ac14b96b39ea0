// Checks that gmsh .msh (format 2.2 and 4.1) and Abaqus .inp (C3D4 and C3D10) meshes are read
// with the same tetrahedra, named regions and named surfaces. 1 MPI rank.
#include "meshing/abaqus_reader.h"
#include "meshing/abaqus_writer.h"
#include "meshing/generators.h"
#include "meshing/gmsh_session.h"
#include "meshing/mesh_reader.h"
#include "meshing/triangulation_builder.h"
#include "tests/support/spine_mesh_checks.h"

#include <gmsh.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

using namespace spinefe;

namespace {

/// A two-layer box written by gmsh itself in the given .msh format version.
std::string write_gmsh_box(const double version, const int order) {
  const std::string file =
      "box_v" + std::to_string(version).substr(0, 3) + "_o" + std::to_string(order) + ".msh";
  GmshSession session;
  const int lower = gmsh::model::occ::addBox(0, 0, 0, 4, 3, 2);
  const int upper = gmsh::model::occ::addBox(0, 0, 2, 4, 3, 1);
  gmsh::vectorpair out;
  std::vector<gmsh::vectorpair> map;
  gmsh::model::occ::fragment({{3, lower}}, {{3, upper}}, out, map);
  gmsh::model::occ::synchronize();
  gmsh::model::setPhysicalName(3, gmsh::model::addPhysicalGroup(3, {lower}), "bone");
  gmsh::model::setPhysicalName(3, gmsh::model::addPhysicalGroup(3, {upper}), "implant");
  gmsh::vectorpair bottom;
  gmsh::model::getEntitiesInBoundingBox(-1, -1, -1e-6, 5, 4, 1e-6, bottom, 2);
  gmsh::model::setPhysicalName(2, gmsh::model::addPhysicalGroup(2, {bottom[0].second}), "base");
  gmsh::option::setNumber("Mesh.MeshSizeMax", 0.8);
  gmsh::model::mesh::generate(3);
  gmsh::model::mesh::setOrder(order);
  gmsh::option::setNumber("Mesh.MshFileVersion", version);
  gmsh::write(file);
  return file;
}

void expect_box(const MeshData& mesh) {
  ASSERT_EQ(mesh.region_names, (std::vector<std::string>{"bone", "implant"}));
  ASSERT_EQ(mesh.surface_names, (std::vector<std::string>{"base"}));
  // The box is 4 x 3 x 3 mm^3; straight-sided tetrahedra fill it exactly (to rounding).
  EXPECT_NEAR(spinefe::testing::total_volume(mesh), 36.0, 1e-9);
  double base_area = 0;
  for (const auto& tri : mesh.triangles) {
    const auto& a = mesh.nodes[tri[0]];
    const auto& b = mesh.nodes[tri[1]];
    const auto& c = mesh.nodes[tri[2]];
    base_area += 0.5 * std::abs((b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]));
  }
  EXPECT_NEAR(base_area, 12.0, 1e-9);
  EXPECT_EQ(analyse_surfaces(mesh).boundary_surfaces.size(), 1u);
}

} // namespace

TEST(MeshImport, GmshFormat2And4LinearAndQuadratic) {
  for (const double version : {2.2, 4.1})
    for (const int order : {1, 2}) {
      SCOPED_TRACE("msh " + std::to_string(version) + " order " + std::to_string(order));
      const MeshData mesh = read_mesh_file(write_gmsh_box(version, order));
      expect_box(mesh);
      EXPECT_EQ(mesh.n_curved_edges_dropped, 0u); // flat faces: mid-side nodes are midpoints
    }
}

TEST(MeshImport, AbaqusRoundTripC3D4AndC3D10) {
  const MeshData original = read_mesh_file(write_gmsh_box(4.1, 1));
  for (const bool quadratic : {false, true}) {
    const std::string file = quadratic ? "box_c3d10.inp" : "box_c3d4.inp";
    {
      std::ofstream out(file);
      AbaqusMeshWriter(original, quadratic).write_mesh(out);
    }
    const MeshData mesh = read_abaqus_file(file);
    EXPECT_EQ(mesh.tets.size(), original.tets.size());
    expect_box(mesh);
    dealii::Triangulation<3> tria;
    build_triangulation(mesh, tria);
    unsigned int named_faces = 0;
    for (const auto& face : tria.active_face_iterators())
      named_faces += face->at_boundary() && face->boundary_id() == surface_boundary_id(0);
    EXPECT_EQ(named_faces, mesh.triangles.size());
  }
}

TEST(MeshImport, AbaqusElementBlocksWithoutSectionsBecomeRegions) {
  const MeshData mesh = read_abaqus_file(SPINEFE_SOURCE_DIR "/tests/data/two_region_cube.inp");
  EXPECT_EQ(mesh.region_names, (std::vector<std::string>{"bone", "core"}));
  EXPECT_EQ(mesh.tets.size(), 5u);
  EXPECT_NEAR(spinefe::testing::total_volume(mesh), 1.0, 1e-14); // the unit cube
}
