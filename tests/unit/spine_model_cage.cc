// Checks the corpectomy model reconstructed with a titanium mesh cage: its annular contact area
// on both endplates and its volume match the tube's definition, and its ends are flush with the
// endplates (conforming interface triangles between cage and bone); the graft fills the lumen,
// meeting the cage's inner wall and both endplates. 1 MPI rank.
#include "meshing/spine_model.h"
#include "tests/support/spine_mesh_checks.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

using namespace spinefe;
namespace st = spinefe::testing;

namespace {

const SpineModel& model() {
  static const SpineModel m = [] {
    SpineModelSpec spec = st::coarse_spine_spec();
    spec.implant = ImplantType::mesh_cage;
    return build_spine_model(spec);
  }();
  return m;
}

double ring_area() {
  const MeshCageSpec c;
  const double r = 0.5 * c.outer_diameter;
  return M_PI * (r * r - std::pow(r - c.wall_thickness, 2));
}

} // namespace

TEST(MeshCage, ContactAreaIsTheTubeWallRing) {
  // The faceted circles of the mesh lose (2 pi / n)^2 / 6 of the area, under 0.5% here.
  for (const std::string s : {"interface/T12_inferior", "interface/L2_superior"})
    EXPECT_NEAR(st::surface_area(model().mesh, s), ring_area(), 0.01 * ring_area()) << s;
}

TEST(MeshCage, VolumeIsTheRingOverTheGap) {
  // The endplates are 2 degrees apart, so ring area x centre-line gap is exact within 1%.
  const double expected = ring_area() * model().gap_height;
  EXPECT_NEAR(st::region_volume(model().mesh, "implant/cage"), expected, 0.01 * expected);
}

TEST(MeshCage, GraftFillsTheLumen) {
  // A cylinder cut by two planes through its axis points a and b holds pi r^2 |b - a|; the
  // faceted mesh loses under 0.5%, 1.5% allowed.
  const MeshCageSpec c;
  const double r = 0.5 * c.outer_diameter - c.wall_thickness;
  const double expected = M_PI * r * r * model().gap_height;
  EXPECT_NEAR(st::region_volume(model().mesh, "graft"), expected, 0.015 * expected);
  // Its neighbours across shared faces: the cage and the two endplates, nothing else.
  const MeshData& mesh = model().mesh;
  std::set<std::string> neighbours;
  for (const auto& [face, tets] : st::face_adjacency(mesh)) {
    if (tets.size() != 2)
      continue;
    const std::string a = mesh.region_names[mesh.tet_region[tets[0]]],
                      b = mesh.region_names[mesh.tet_region[tets[1]]];
    if ((a == "graft") != (b == "graft"))
      neighbours.insert(a == "graft" ? b : a);
  }
  EXPECT_EQ(neighbours, (std::set<std::string>{"implant/cage", "T12/endplate_inferior",
                                               "L2/endplate_superior"}));
}

TEST(MeshCage, EndsAreBondedToBothEndplates) {
  const MeshData& mesh = model().mesh;
  const auto faces = st::face_adjacency(mesh);
  for (const std::string surface : {"interface/T12_inferior", "interface/L2_superior"}) {
    const auto s = static_cast<unsigned int>(
        std::find(mesh.surface_names.begin(), mesh.surface_names.end(), surface) -
        mesh.surface_names.begin());
    unsigned int n = 0;
    for (std::size_t i = 0; i < mesh.triangles.size(); ++i) {
      if (mesh.triangle_surface[i] != s)
        continue;
      ++n;
      const auto& tets = faces.at(st::sorted_face(mesh.triangles[i]));
      ASSERT_EQ(tets.size(), 2u);
      std::set<std::string> sides;
      for (const unsigned int t : tets) {
        const std::string& name = mesh.region_names[mesh.tet_region[t]];
        sides.insert(name.substr(0, name.find('/')));
      }
      EXPECT_EQ(sides.count("implant"), 1u) << surface;
    }
    EXPECT_GT(n, 20u) << surface;
  }
}
