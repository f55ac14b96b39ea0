// Checks that mesh quality (SICN, gamma) matches its definition and that inverted or poor elements
// are rejected with a clear error. Also checks the VTU/CSV mesh export. Reference values:
// hand-derived for simple tetrahedra, and gmsh 4.8's own per-element SICN and gamma
// (Print.PostSICN/PostGamma .pos export). 1 MPI rank.
#include "meshing/mesh_quality.h"
#include "core/atomic_file.h"
#include "core/input_error.h"
#include "meshing/generators.h"
#include "meshing/gmsh_reader.h"
#include "meshing/gmsh_session.h"
#include "meshing/mesh_vtu_writer.h"

#include <gmsh.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace spinefe;

namespace {

using Point = std::array<double, 3>;

/// A mesh of separate tetrahedra (no shared nodes); tetrahedron i is in region `regions[i]`.
MeshData make_mesh(const std::vector<std::array<Point, 4>>& tets,
                   const std::vector<std::string>& regions) {
  MeshData mesh;
  mesh.source = "test.msh";
  for (std::size_t i = 0; i < tets.size(); ++i) {
    std::array<unsigned int, 4> tet;
    for (unsigned int k = 0; k < 4; ++k) {
      tet[k] = static_cast<unsigned int>(mesh.nodes.size());
      mesh.nodes.push_back(tets[i][k]);
    }
    mesh.tets.push_back(tet);
    mesh.tet_region.push_back(mesh.add_region(regions[i]));
  }
  return mesh;
}

const std::array<Point, 4> regular = {Point{0, 0, 0}, Point{1, 0, 0},
                                      Point{0.5, std::sqrt(3.0) / 2, 0},
                                      Point{0.5, std::sqrt(3.0) / 6, std::sqrt(2.0 / 3.0)}};
const std::array<Point, 4> right_corner = {Point{0, 0, 0}, Point{1, 0, 0}, Point{0, 1, 0},
                                           Point{0, 0, 1}};
/// right_corner with two corners swapped: the same shape, inverted.
const std::array<Point, 4> reflected = {Point{0, 0, 0}, Point{0, 1, 0}, Point{1, 0, 0},
                                        Point{0, 0, 1}};

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

/// The what() of the InputError that check_quality throws ("" if none).
std::string check_message(const MeshData& mesh, const double threshold) {
  try {
    check_quality(mesh, measure_quality(mesh), threshold);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}

/// Number of whitespace-separated values in the <DataArray Name="name"> of a .vtu.
std::size_t count_values(const std::string& vtu, const std::string& name) {
  const auto open = vtu.find("Name=\"" + name + "\"");
  if (open == std::string::npos)
    return 0;
  const auto begin = vtu.find('>', open) + 1;
  std::istringstream values(vtu.substr(begin, vtu.find("</DataArray>", begin) - begin));
  std::size_t n = 0;
  for (std::string v; values >> v;)
    ++n;
  return n;
}

std::vector<std::vector<std::string>> read_csv(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::vector<std::vector<std::string>> rows;
  for (std::string line; std::getline(in, line);) {
    rows.emplace_back();
    std::istringstream fields(line);
    for (std::string f; std::getline(fields, f, ',');)
      rows.back().push_back(f);
  }
  return rows;
}

} // namespace

TEST(MeshQuality, RegularTetrahedronIsOne) {
  const MeshData mesh = make_mesh({regular}, {"bone"});
  EXPECT_NEAR(tet_sicn(mesh, 0), 1.0, 1e-12);
  EXPECT_NEAR(tet_gamma(mesh, 0), 1.0, 1e-12);
  // Both measures are invariant under scaling and rigid motion.
  MeshData moved = mesh;
  for (auto& p : moved.nodes)
    p = {100 + 7 * p[1], -3 - 7 * p[0], 0.5 + 7 * p[2]}; // scale 7, rotate 90 deg about z, shift
  EXPECT_NEAR(tet_sicn(moved, 0), 1.0, 1e-12);
  EXPECT_NEAR(tet_gamma(moved, 0), 1.0, 1e-12);
}

TEST(MeshQuality, KnownTetrahedra) {
  // Right-corner tetrahedron, by hand: its edge matrix is I, so J = W^-1 with |W^-1|_F^2 = 9/2 and
  // |W|_F^2 = 3 (W the regular edge matrix), SICN = 3 / sqrt(27/2) = sqrt(2/3). Faces 3 x 1/2
  // and sqrt(3)/2, V = 1/6: r_in = 3V / area = 1 / (3 + sqrt(3)), R = sqrt(3)/2 (half the cube
  // diagonal), gamma = 3 r_in / R = sqrt(3) - 1. gmsh 4.8.4 prints 0.816497 and 0.732051.
  const MeshData corner = make_mesh({right_corner}, {"bone"});
  EXPECT_NEAR(tet_sicn(corner, 0), std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(tet_gamma(corner, 0), std::sqrt(3.0) - 1, 1e-12);

  // Stretched to (2,0,0): gmsh 4.8.4 prints SICN 0.666667 and gamma 0.612372 (= sqrt(6)/4); the
  // old gamma definition 2 sqrt(6) r_in / L_max would give 0.547723 here.
  const MeshData stretched =
      make_mesh({{Point{0, 0, 0}, Point{2, 0, 0}, Point{0, 1, 0}, Point{0, 0, 1}}}, {"bone"});
  EXPECT_NEAR(tet_sicn(stretched, 0), 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(tet_gamma(stretched, 0), std::sqrt(6.0) / 4, 1e-12);

  // A sliver: apex 1e-6 above the base plane. Both measures vanish with the height.
  const MeshData flat = make_mesh(
      {{Point{0, 0, 0}, Point{1, 0, 0}, Point{0.5, 0.8, 0}, Point{0.5, 0.3, 1e-6}}}, {"bone"});
  EXPECT_GT(tet_sicn(flat, 0), 0);
  EXPECT_LT(tet_sicn(flat, 0), 1e-5);
  EXPECT_LT(tet_gamma(flat, 0), 1e-5);
  const MeshData coplanar = make_mesh(
      {{Point{0, 0, 0}, Point{1, 0, 0}, Point{0.5, 0.8, 0}, Point{0.5, 0.3, 0}}}, {"bone"});
  EXPECT_EQ(tet_sicn(coplanar, 0), 0.0);
  EXPECT_EQ(tet_gamma(coplanar, 0), 0.0);

  // Reflection flips the sign of SICN; gamma, like gmsh's, ignores orientation.
  const MeshData mirrored = make_mesh({reflected}, {"bone"});
  EXPECT_NEAR(tet_sicn(mirrored, 0), -std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(tet_gamma(mirrored, 0), std::sqrt(3.0) - 1, 1e-12);
}

TEST(MeshQuality, InvertedElementsAreCountedAndRejected) {
  const MeshData mesh = make_mesh({regular, right_corner, reflected}, {"bone", "bone", "implant"});
  const MeshQuality q = measure_quality(mesh);
  EXPECT_EQ(q.n_tets, 3u);
  EXPECT_EQ(q.n_nodes, 12u);
  EXPECT_EQ(q.n_inverted, 1u);
  // The inverted element (SICN < 0) is also below the 0.1 target; the other two are well shaped.
  EXPECT_EQ(q.n_below_target, 1u);
  EXPECT_NEAR(q.min_sicn, -std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_EQ(q.p01_sicn, q.min_sicn); // fewer than 100 elements: P1 is the worst one
  ASSERT_EQ(q.regions.size(), 2u);
  EXPECT_EQ(q.regions[0].region, "bone");
  EXPECT_EQ(q.regions[0].n_tets, 2u);
  EXPECT_NEAR(q.regions[0].min_sicn, std::sqrt(2.0 / 3.0), 1e-12);
  EXPECT_NEAR(q.regions[1].volume, 1.0 / 6.0, 1e-15); // |signed volume|
  EXPECT_EQ(check_message(mesh, 0.1),
            "test.msh: tetrahedron 3 in region 'implant' is inverted (SICN -0.816497, the minimum "
            "allowed is 0.1); 1 of 3 tetrahedra are inverted (signed volume <= 0)");
}

TEST(MeshQuality, PoorElementsAreRejected) {
  const std::array<Point, 4> sliver = {Point{0, 0, 0}, Point{3, 0, 0}, Point{0, 1, 0},
                                       Point{0.1, 0.2, 0.05}};
  const MeshData mesh = make_mesh({regular, sliver, right_corner}, {"bone", "disc", "disc"});
  EXPECT_EQ(check_message(mesh, 0.04), ""); // the sliver's SICN is 0.0434571 (gmsh 4.8.4)
  EXPECT_EQ(
      check_message(mesh, 0.1),
      "test.msh: tetrahedron 2 in region 'disc' has SICN 0.0434571, below the minimum allowed "
      "0.1; 1 of 3 tetrahedra are below it. Use smaller or smoother mesh sizes there, or "
      "lower the threshold");
  EXPECT_NEAR(tet_gamma(mesh, 1), 0.0157089, 1e-7); // gmsh 4.8.4
  // At 0.9 the right-corner tetrahedron fails as well; the worst one is named.
  EXPECT_NE(check_message(mesh, 0.9).find("tetrahedron 2 in region 'disc' has SICN 0.0434571"),
            std::string::npos);
  EXPECT_NE(check_message(mesh, 0.9).find("2 of 3 tetrahedra are below it"), std::string::npos);
}

TEST(MeshQuality, PercentileIsByElementCount) {
  // 200 elements: 2 slivers and 198 regular ones. P1 is the 2nd worst, so both slivers set it.
  std::vector<std::array<Point, 4>> tets(198, regular);
  std::vector<std::string> regions(198, "bone");
  auto sliver = right_corner;
  sliver[3] = {0.3, 0.3, 0.01};
  tets.push_back(sliver);
  sliver[3] = {0.3, 0.3, 0.02};
  tets.push_back(sliver);
  regions.insert(regions.end(), 2, "bone");
  const MeshData mesh = make_mesh(tets, regions);
  const MeshQuality q = measure_quality(mesh);
  EXPECT_NEAR(q.min_sicn, tet_sicn(mesh, 198), 1e-15);
  EXPECT_NEAR(q.p01_sicn, tet_sicn(mesh, 199), 1e-15);
  EXPECT_LT(q.min_sicn, q.p01_sicn);
  EXPECT_LT(q.p01_sicn, 0.1);
}

TEST(MeshQuality, MatchesGmshOwnValuesOnABall) {
  // gmsh 4.8 has no API call for element qualities, but exports them per element in a .pos file.
  MeshData mesh;
  std::vector<double> gmsh_sicn, gmsh_gamma;
  {
    GmshSession session;
    const int ball = gmsh::model::occ::addSphere(0, 0, 0, 10);
    gmsh::model::occ::synchronize();
    gmsh::model::setPhysicalName(3, gmsh::model::addPhysicalGroup(3, {ball}), "ball");
    gmsh::option::setNumber("Mesh.MeshSizeMax", 4);
    gmsh::option::setNumber("General.NumThreads", 1);
    gmsh::model::mesh::generate(3);
    mesh = mesh_from_gmsh_model("ball");
    gmsh::option::setNumber("Print.PostElementary", 0);
    gmsh::option::setNumber("Print.PostElement", 0);
    gmsh::option::setNumber("Print.PostSICN", 1);
    gmsh::option::setNumber("Print.PostGamma", 1);
    gmsh::write("ball_quality.pos");
    session.throw_on_gmsh_error("ball");
  }
  // Lines "SS(x0,...,z3){s,s,s,s,g,g,g,g};" after the header naming the two fields in this order.
  const std::string pos = read_text("ball_quality.pos");
  ASSERT_NE(pos.find("{\"SICN\",\"Gamma\"}"), std::string::npos) << pos.substr(0, 200);
  std::istringstream lines(pos);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("SS(", 0) != 0)
      continue;
    std::replace(line.begin(), line.end(), ',', ' ');
    std::istringstream values(line.substr(line.find('{') + 1));
    double v[8];
    for (double& x : v)
      values >> x;
    gmsh_sicn.push_back(v[0]);
    gmsh_gamma.push_back(v[4]);
  }
  ASSERT_EQ(gmsh_sicn.size(), mesh.tets.size());
  ASSERT_GT(mesh.tets.size(), 500u);
  std::vector<double> sicn, gamma;
  for (unsigned int t = 0; t < mesh.tets.size(); ++t) {
    sicn.push_back(tet_sicn(mesh, t));
    gamma.push_back(tet_gamma(mesh, t));
  }
  // The element order may differ; the sorted distributions must agree to the 6 printed digits.
  for (auto* v : {&sicn, &gamma, &gmsh_sicn, &gmsh_gamma})
    std::sort(v->begin(), v->end());
  double max_sicn_diff = 0, max_gamma_diff = 0;
  for (std::size_t i = 0; i < sicn.size(); ++i) {
    max_sicn_diff = std::max(max_sicn_diff, std::abs(sicn[i] - gmsh_sicn[i]));
    max_gamma_diff = std::max(max_gamma_diff, std::abs(gamma[i] - gmsh_gamma[i]));
  }
  EXPECT_LT(max_sicn_diff, 1e-5);
  EXPECT_LT(max_gamma_diff, 1e-5);
  EXPECT_LT(sicn.front(), 0.9); // a real spread of shapes, not only near-regular elements
  const MeshQuality q = measure_quality(mesh);
  EXPECT_NEAR(q.min_sicn, gmsh_sicn.front(), 1e-5);
  EXPECT_NEAR(q.min_gamma, gmsh_gamma.front(), 1e-5);
}

TEST(MeshQuality, RegionsOfALayeredBox) {
  const MeshData mesh = layered_box(4, 3, 3, {2}, {"bone", "implant"}, 0.8);
  const MeshQuality q = measure_quality(mesh);
  EXPECT_EQ(q.n_tets, mesh.tets.size());
  EXPECT_EQ(q.n_nodes, mesh.nodes.size());
  EXPECT_EQ(q.n_inverted, 0u);
  ASSERT_EQ(q.regions.size(), 2u);
  EXPECT_EQ(q.regions[0].region, "bone");
  EXPECT_EQ(q.regions[1].region, "implant");
  EXPECT_EQ(q.regions[0].n_tets + q.regions[1].n_tets, q.n_tets);
  EXPECT_GT(q.regions[0].n_tets, q.regions[1].n_tets);
  EXPECT_NEAR(q.regions[0].volume, 24.0, 1e-9); // 4 x 3 x 2
  EXPECT_NEAR(q.regions[1].volume, 12.0, 1e-9); // 4 x 3 x 1
  for (const auto& r : q.regions) {
    EXPECT_GT(r.min_sicn, 0.1);
    EXPECT_LE(r.min_sicn, r.p01_sicn);
    EXPECT_LE(r.min_gamma, r.p01_gamma);
    EXPECT_LE(r.p01_sicn, 1.0);
  }
  EXPECT_EQ(q.min_sicn, std::min(q.regions[0].min_sicn, q.regions[1].min_sicn));
  EXPECT_NO_THROW(check_quality(mesh, q, 0.1));

  std::ostringstream table;
  print_quality(q, table);
  std::istringstream lines(table.str());
  std::vector<std::string> rows;
  for (std::string line; std::getline(lines, line);)
    rows.push_back(line);
  ASSERT_EQ(rows.size(), 5u) << table.str();
  EXPECT_EQ(rows[0].rfind("region ", 0), 0u);
  EXPECT_EQ(rows[1].rfind("bone ", 0), 0u);
  EXPECT_NE(rows[1].find(" 24.0 "), std::string::npos) << rows[1];
  EXPECT_EQ(rows[3].rfind("whole mesh ", 0), 0u);
  for (unsigned int i = 1; i < 4; ++i) // aligned: all table rows equally long
    EXPECT_EQ(rows[i].size(), rows[0].size()) << table.str();
  EXPECT_EQ(rows[4], std::to_string(mesh.nodes.size()) +
                         " nodes, 0 inverted tetrahedra, 0 tetrahedra below SICN 0.1");
}

TEST(MeshQuality, WritesVtuAndCsv) {
  const MeshData mesh = layered_box(4, 3, 3, {2}, {"bone", "implant"}, 0.8);
  const std::filesystem::path dir = "mesh_quality_vtu";
  std::filesystem::remove_all(dir);
  write_mesh_vtu(mesh, dir / "box.vtu");
  const std::string vtu = read_text(dir / "box.vtu");
  EXPECT_EQ(vtu.rfind("<?xml version=\"1.0\"?>\n<VTKFile type=\"UnstructuredGrid\"", 0), 0u);
  EXPECT_NE(vtu.find("<Piece NumberOfPoints=\"" + std::to_string(mesh.nodes.size()) +
                     "\" NumberOfCells=\"" + std::to_string(mesh.tets.size()) + "\">"),
            std::string::npos);
  EXPECT_EQ(count_values(vtu, "connectivity"), 4 * mesh.tets.size());
  EXPECT_EQ(count_values(vtu, "offsets"), mesh.tets.size());
  EXPECT_EQ(count_values(vtu, "types"), mesh.tets.size());
  EXPECT_EQ(count_values(vtu, "region_id"), mesh.tets.size());
  EXPECT_EQ(count_values(vtu, "sicn"), mesh.tets.size());
  EXPECT_NE(vtu.find("</VTKFile>\n"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(temporary_path(dir / "box.vtu")));

  const auto regions = read_csv(dir / "box_regions.csv");
  ASSERT_EQ(regions.size(), 3u);
  EXPECT_EQ(regions[0],
            (std::vector<std::string>{"region_id", "region_name", "n_tets", "volume_mm3"}));
  const MeshQuality q = measure_quality(mesh);
  for (unsigned int r = 0; r < 2; ++r) {
    ASSERT_EQ(regions[r + 1].size(), 4u);
    EXPECT_EQ(regions[r + 1][0], std::to_string(r));
    EXPECT_EQ(regions[r + 1][1], mesh.region_names[r]);
    EXPECT_EQ(regions[r + 1][2], std::to_string(q.regions[r].n_tets));
    EXPECT_NEAR(std::stod(regions[r + 1][3]), r == 0 ? 24.0 : 12.0, 1e-6);
  }

  write_surfaces_vtu(mesh, dir / "box_surfaces.vtu");
  const std::string surfaces_vtu = read_text(dir / "box_surfaces.vtu");
  EXPECT_NE(surfaces_vtu.find("NumberOfCells=\"" + std::to_string(mesh.triangles.size()) + "\""),
            std::string::npos);
  EXPECT_EQ(count_values(surfaces_vtu, "connectivity"), 3 * mesh.triangles.size());
  EXPECT_EQ(count_values(surfaces_vtu, "surface_id"), mesh.triangles.size());
  const auto surfaces = read_csv(dir / "box_surfaces_surfaces.csv");
  ASSERT_EQ(surfaces.size(), 7u);
  EXPECT_EQ(surfaces[0],
            (std::vector<std::string>{"surface_id", "surface_name", "n_triangles", "area_mm2"}));
  const std::map<std::string, double> areas = {{"xmin", 9},  {"xmax", 9},    {"ymin", 12},
                                               {"ymax", 12}, {"bottom", 12}, {"top", 12}};
  for (std::size_t s = 1; s < surfaces.size(); ++s) {
    ASSERT_EQ(surfaces[s].size(), 4u);
    EXPECT_EQ(surfaces[s][1], mesh.surface_names[s - 1]);
    EXPECT_NEAR(std::stod(surfaces[s][3]), areas.at(surfaces[s][1]), 1e-6) << surfaces[s][1];
  }
}

TEST(MeshQuality, CsvQuotesAwkwardRegionNames) {
  const MeshData mesh = make_mesh({regular, right_corner}, {"implant/cage, lower", "a\"b"});
  const std::filesystem::path dir = "mesh_quality_csv";
  std::filesystem::remove_all(dir);
  write_mesh_vtu(mesh, dir / "two.vtu");
  const std::string csv = read_text(dir / "two_regions.csv");
  EXPECT_NE(csv.find("\n0,\"implant/cage, lower\",1,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\n1,\"a\"\"b\",1,0.1666666667\n"), std::string::npos) << csv;
}
