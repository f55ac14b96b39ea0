// Checks the splitting of a conforming mesh at an interface (meshing/interface_split.h): on a
// 10 x 8 x 12 mm box cut at z = 5 into "bone" and "implant", every node of the cut plane becomes a
// pair whose tributary areas sum to the plane's 80 mm^2 (to 1e-12: each triangle gives a third of
// its area to each corner), whose normals point from the bone into the implant (+z), whose
// implant cells use only the copies, and the mesh still builds; a third region touching the
// implant at the rim, and a region on both sides, are input errors. When part of the plane is a
// named surface, its pairs (the border nodes included) cover exactly the named triangles' area.
// 1 MPI rank.
#include "meshing/interface_split.h"
#include "core/input_error.h"
#include "meshing/generators.h"
#include "meshing/triangulation_builder.h"

#include <deal.II/grid/tria.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

using namespace spinefe;

namespace {

MeshData two_layers() {
  return layered_box(10, 8, 12, {5}, {"bone", "implant"}, 2.0);
}

} // namespace

TEST(InterfaceSplit, PairsCoverThePlaneWithNormalsIntoTheImplant) {
  MeshData mesh = two_layers();
  const std::size_t n_nodes = mesh.nodes.size();
  std::set<unsigned int> plane_nodes;
  for (unsigned int i = 0; i < n_nodes; ++i)
    if (std::abs(mesh.nodes[i][2] - 5) < 1e-9)
      plane_nodes.insert(i);
  const SplitInterface split = split_interface(mesh, {0}, {1});
  EXPECT_EQ(split.pairs.size(), plane_nodes.size());
  EXPECT_EQ(mesh.nodes.size(), n_nodes + plane_nodes.size());
  EXPECT_NEAR(split.area, 80.0, 1e-9);
  double area = 0;
  std::set<unsigned int> copies;
  for (const SplitNodePair& p : split.pairs) {
    area += p.area;
    EXPECT_TRUE(plane_nodes.count(p.node_a));
    EXPECT_NEAR(p.normal[2], 1.0, 1e-12);
    for (unsigned int d = 0; d < 3; ++d)
      EXPECT_EQ(mesh.nodes[p.node_b][d], mesh.nodes[p.node_a][d]);
    EXPECT_EQ(mesh.region_names[p.region_a], "bone");
    EXPECT_EQ(mesh.region_names[p.region_b], "implant");
    copies.insert(p.node_b);
  }
  EXPECT_NEAR(area, 80.0, 1e-12);
  // Implant cells hold no original plane node; bone cells no copy.
  for (std::size_t t = 0; t < mesh.tets.size(); ++t)
    for (const unsigned int c : mesh.tets[t]) {
      if (mesh.tet_region[t] == 1)
        EXPECT_EQ(plane_nodes.count(c), 0u);
      else
        EXPECT_EQ(copies.count(c), 0u);
    }
  dealii::Triangulation<3> tria;
  EXPECT_NO_THROW(build_triangulation(mesh, tria));
  EXPECT_EQ(tria.n_active_cells(), mesh.tets.size());
}

TEST(InterfaceSplit, NamedSurfacePairsCoverItsOwnArea) {
  // Name the plane's triangles with centroid x < 4 "ring" (as a mesh cage's ring beside the graft
  // in its lumen); the rest of the plane stays unnamed (patch "implant").
  MeshData mesh = two_layers();
  std::set<std::array<unsigned int, 3>> plane;
  for (const auto& t : mesh.tets)
    for (unsigned int skip = 0; skip < 4; ++skip) {
      std::array<unsigned int, 3> f;
      unsigned int k = 0;
      for (unsigned int c = 0; c < 4; ++c)
        if (c != skip)
          f[k++] = t[c];
      if (std::all_of(f.begin(), f.end(),
                      [&](unsigned int n) { return std::abs(mesh.nodes[n][2] - 5) < 1e-9; })) {
        std::sort(f.begin(), f.end());
        plane.insert(f);
      }
    }
  const auto ring = static_cast<unsigned int>(mesh.surface_names.size());
  mesh.surface_names.push_back("ring");
  double ring_area = 0;
  for (const auto& f : plane) {
    const auto &a = mesh.nodes[f[0]], &b = mesh.nodes[f[1]], &c = mesh.nodes[f[2]];
    if ((a[0] + b[0] + c[0]) / 3 >= 4)
      continue;
    mesh.triangles.push_back(f);
    mesh.triangle_surface.push_back(ring);
    ring_area += 0.5 * std::abs((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1]));
  }
  ASSERT_GT(ring_area, 10.0);
  ASSERT_LT(ring_area, 70.0);
  const SplitInterface split = split_interface(mesh, {0}, {1});
  double named = 0, other = 0;
  for (const SplitNodePair& p : split.pairs)
    (split.patches[p.patch] == "ring" ? named : other) += p.area;
  EXPECT_NEAR(named, ring_area, 1e-12);
  EXPECT_NEAR(split.area, 80.0, 1e-9);
  EXPECT_LT(other, 80.0 - ring_area); // the border nodes' unnamed share is left out
}

TEST(InterfaceSplit, NoSharedFacesGiveNoPairs) {
  MeshData mesh = layered_box(10, 8, 12, {4, 8}, {"bone", "gap", "implant"}, 2.0);
  const std::size_t n_nodes = mesh.nodes.size();
  const SplitInterface split = split_interface(mesh, {0}, {2});
  EXPECT_TRUE(split.pairs.empty());
  EXPECT_EQ(mesh.nodes.size(), n_nodes);
}

TEST(InterfaceSplit, ThirdRegionAtTheRimIsAnError) {
  // Relabel the implant cells at x < 2 that touch the plane: a third region that shares faces
  // with the implant at split nodes would be cut off from it along those faces.
  MeshData mesh = two_layers();
  const unsigned int other = mesh.add_region("other");
  for (std::size_t t = 0; t < mesh.tets.size(); ++t) {
    if (mesh.tet_region[t] != 1)
      continue;
    double x = 0;
    bool on_plane = false;
    for (const unsigned int c : mesh.tets[t]) {
      x += mesh.nodes[c][0] / 4;
      on_plane = on_plane || std::abs(mesh.nodes[c][2] - 5) < 1e-9;
    }
    if (x < 2 && on_plane)
      mesh.tet_region[t] = other;
  }
  try {
    split_interface(mesh, {0}, {1});
    FAIL() << "a third region at the rim must be an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("region 'other' touches 'implant' at the rim of a "
                                         "contact interface"),
              std::string::npos)
        << e.what();
  }
}

TEST(InterfaceSplit, RegionOnBothSidesIsAnError) {
  MeshData mesh = two_layers();
  try {
    split_interface(mesh, {0}, {0, 1});
    FAIL() << "a region on both sides must be an error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'bone' is on both sides of a contact interface"),
              std::string::npos)
        << e.what();
  }
}
