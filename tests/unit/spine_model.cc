// Checks that the T10-L3 corpectomy model with a 3D-printed body has every region, an endcap
// area within 1% of the request, screws inside their vertebrae, conforming bonded interfaces,
// open facet joints, ligament points on their bones, and no inverted element. 1 MPI rank.
#include "meshing/spine_model.h"
#include "meshing/mesh_quality.h"
#include "tests/support/spine_mesh_checks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

const SpineModel& model() {
  static const SpineModel m = build_spine_model(st::coarse_spine_spec());
  return m;
}

bool has_region(const std::string& name) {
  const auto& r = model().mesh.region_names;
  return std::find(r.begin(), r.end(), name) != r.end();
}

std::string level_of(const std::string& region) {
  return region.substr(0, region.find('/'));
}

} // namespace

TEST(SpineModel, HasEveryRegionOfTheCorpectomyConstruct) {
  for (const std::string level : {"T10", "T11", "T12", "L2", "L3"})
    for (const std::string part :
         {"cortical", "cancellous", "endplate_inferior", "endplate_superior", "posterior"})
      EXPECT_TRUE(has_region(level + "/" + part)) << level << "/" << part;
  for (const std::string disc : {"disc_T10_T11", "disc_T11_T12", "disc_L2_L3"}) {
    EXPECT_TRUE(has_region(disc + "/annulus"));
    EXPECT_TRUE(has_region(disc + "/nucleus"));
  }
  for (const std::string level : {"T10", "T11", "T12", "L2", "L3"})
    for (const std::string side : {"left", "right"}) {
      EXPECT_TRUE(has_region("screw_" + level + "_" + side));
      EXPECT_TRUE(has_region("tulip_" + level + "_" + side));
    }
  for (const std::string name : {"implant/endcap_superior", "implant/endcap_inferior",
                                 "implant/core", "rod_left", "rod_right", "pot_top", "pot_bottom"})
    EXPECT_TRUE(has_region(name)) << name;
  // The corpectomy removed L1 and both adjacent discs.
  for (const auto& name : model().mesh.region_names) {
    EXPECT_EQ(name.find("L1"), std::string::npos) << name;
  }
}

TEST(SpineModel, EndcapAreaWithinOnePercentOfTheRequest) {
  // Requirement: generated area within 1% of the request; measured both on the CAD faces and
  // on the mesh triangles of the implant-endplate interfaces.
  const double requested = SpineModelSpec().printed_body.endcap_area;
  EXPECT_NEAR(model().superior_contact_area, requested, 0.01 * requested);
  EXPECT_NEAR(model().inferior_contact_area, requested, 0.01 * requested);
  EXPECT_NEAR(st::surface_area(model().mesh, "interface/T12_inferior"), requested,
              0.01 * requested);
  EXPECT_NEAR(st::surface_area(model().mesh, "interface/L2_superior"), requested, 0.01 * requested);
}

TEST(SpineModel, ImplantVolumesMatchTheirDefinition) {
  // Endcaps are prisms (area x thickness, exact up to the faceting of the outline: 1%).
  const PrintedBodySpec p;
  const double cap = p.endcap_area * p.endcap_thickness;
  EXPECT_NEAR(st::region_volume(model().mesh, "implant/endcap_superior"), cap, 0.01 * cap);
  EXPECT_NEAR(st::region_volume(model().mesh, "implant/endcap_inferior"), cap, 0.01 * cap);
  // The core spans the gap between the endcaps; the endplates are 2 degrees apart, so a
  // prism of the core area over the centre-line length is exact to well within 2%.
  const double core =
      p.core_area_fraction * p.endcap_area * (model().gap_height - 2 * p.endcap_thickness);
  EXPECT_NEAR(st::region_volume(model().mesh, "implant/core"), core, 0.02 * core);
}

TEST(SpineModel, EveryScrewLiesInsideItsVertebra) {
  // CAD check: the shaft volume outside the vertebra's bone.
  ASSERT_EQ(model().screws.size(), 10u);
  for (const auto& s : model().screws)
    EXPECT_LT(s.outside_volume, 1e-3 * s.shaft_volume) << s.name;
  // Mesh check: every face of a screw's surface is shared with bone of its own vertebra or with
  // its own head, never with the outside, a disc, a pot or another vertebra.
  const MeshData& mesh = model().mesh;
  for (const auto& [face, tets] : st::face_adjacency(mesh)) {
    for (const unsigned int t : tets) {
      const std::string& name = mesh.region_names[mesh.tet_region[t]];
      if (name.rfind("screw_", 0) != 0)
        continue;
      ASSERT_EQ(tets.size(), 2u) << name << " has a face on the outer boundary";
      const unsigned int other = tets[0] == t ? tets[1] : tets[0];
      const std::string& neighbour = mesh.region_names[mesh.tet_region[other]];
      const std::string level = name.substr(6, name.rfind('_') - 6);
      const bool own = neighbour == name || level_of(neighbour) == level ||
                       neighbour == "tulip" + name.substr(5);
      EXPECT_TRUE(own) << name << " touches " << neighbour;
    }
  }
}

TEST(SpineModel, BondedInterfacesAreConforming) {
  // Conforming: no two nodes at the same place (a non-conforming interface duplicates them),
  // and every implant-endplate interface triangle is a face of one implant and one bone tet.
  const MeshData& mesh = model().mesh;
  std::vector<std::array<double, 3>> sorted = mesh.nodes;
  std::sort(sorted.begin(), sorted.end());
  for (std::size_t i = 1; i < sorted.size(); ++i) {
    const double d = std::hypot(sorted[i][0] - sorted[i - 1][0], sorted[i][1] - sorted[i - 1][1],
                                sorted[i][2] - sorted[i - 1][2]);
    ASSERT_GT(d, 1e-6) << "duplicate node near " << sorted[i][0] << " " << sorted[i][1];
  }
  const auto faces = st::face_adjacency(mesh);
  for (const std::string surface : {"interface/T12_inferior", "interface/L2_superior"}) {
    const auto s = static_cast<unsigned int>(
        std::find(mesh.surface_names.begin(), mesh.surface_names.end(), surface) -
        mesh.surface_names.begin());
    const std::string bone = surface.substr(10, surface.find('_') - 10);
    for (std::size_t i = 0; i < mesh.triangles.size(); ++i) {
      if (mesh.triangle_surface[i] != s)
        continue;
      const auto& tets = faces.at(st::sorted_face(mesh.triangles[i]));
      ASSERT_EQ(tets.size(), 2u) << surface;
      std::set<std::string> sides;
      for (const unsigned int t : tets)
        sides.insert(level_of(mesh.region_names[mesh.tet_region[t]]));
      EXPECT_EQ(sides, (std::set<std::string>{"implant", bone})) << surface;
    }
  }
}

TEST(SpineModel, FacetJointsAreOpenAcrossTheirGap) {
  // The articular faces of each joint exist, face each other 0.5 mm apart, and share no node.
  const MeshData& mesh = model().mesh;
  ASSERT_EQ(model().facet_joints.size(), 6u); // T10/T11, T11/T12, L2/L3, both sides
  for (const auto& j : model().facet_joints) {
    std::set<unsigned int> nodes[2];
    const std::string names[2] = {j.lower_surface(), j.upper_surface()};
    for (int k = 0; k < 2; ++k) {
      const auto s = static_cast<unsigned int>(
          std::find(mesh.surface_names.begin(), mesh.surface_names.end(), names[k]) -
          mesh.surface_names.begin());
      ASSERT_LT(s, mesh.surface_names.size()) << names[k];
      for (std::size_t i = 0; i < mesh.triangles.size(); ++i)
        if (mesh.triangle_surface[i] == s)
          nodes[k].insert(mesh.triangles[i].begin(), mesh.triangles[i].end());
    }
    for (const unsigned int n : nodes[0])
      EXPECT_EQ(nodes[1].count(n), 0u) << j.name;
    const Vec3 normal = j.frame.axes.col(0);
    for (int k = 0; k < 2; ++k)
      for (const unsigned int n : nodes[k]) {
        const Vec3 p(mesh.nodes[n][0], mesh.nodes[n][1], mesh.nodes[n][2]);
        EXPECT_NEAR((p - j.frame.origin).dot(normal), (k == 0 ? -0.5 : 0.5) * j.gap, 1e-6);
      }
  }
}

TEST(SpineModel, LigamentPointsLieOnTheirVertebrae) {
  // Every ligament type at every present segment, and each point on its vertebra: within
  // 0.8 element edges (the posterior elements' size, 1.5 x shell) of one of its nodes, since a
  // point on a face is at most that far from the face's corners.
  const MeshData& mesh = model().mesh;
  std::map<std::string, std::vector<Vec3>> nodes_of_level;
  std::vector<bool> seen(mesh.nodes.size(), false);
  for (unsigned int t = 0; t < mesh.tets.size(); ++t) {
    const std::string level = level_of(mesh.region_names[mesh.tet_region[t]]);
    for (const auto n : mesh.tets[t])
      nodes_of_level[level].emplace_back(mesh.nodes[n][0], mesh.nodes[n][1], mesh.nodes[n][2]);
  }
  std::set<std::string> kinds;
  auto distance = [&](const Vec3& p, const std::string& level) {
    double d = 1e30;
    for (const Vec3& q : nodes_of_level.at(level))
      d = std::min(d, (p - q).norm());
    return d;
  };
  for (const auto& f : model().ligaments) {
    kinds.insert(f.ligament + " " + f.upper + "_" + f.lower);
    const double tolerance = 0.8 * 1.5 * st::coarse_spine_spec().sizes.shell;
    EXPECT_LT(distance(f.upper_point, f.upper), tolerance) << f.name;
    EXPECT_LT(distance(f.lower_point, f.lower), tolerance) << f.name;
    EXPECT_GT(f.length(), 0.4) << f.name;
  }
  for (const std::string segment : {"T10_T11", "T11_T12", "L2_L3"})
    for (const std::string lig : {"ALL", "PLL", "LF", "ISL", "SSL", "ITL", "CL"})
      EXPECT_TRUE(kinds.count(lig + " " + segment)) << lig << " " << segment;
}

TEST(SpineModel, NoInvertedElement) {
  const MeshQuality q = measure_quality(model().mesh);
  EXPECT_EQ(q.n_inverted, 0u);
  EXPECT_GT(q.min_sicn, 0.0);
  // 99% of the elements are well shaped at this coarse resolution.
  EXPECT_GT(q.p01_sicn, 0.2);
}
