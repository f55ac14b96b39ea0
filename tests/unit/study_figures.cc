// Checks the study figures: from a fixture results database (endcap area x implant modulus x
// bone quality, metrics given by known formulas), postprocess/plots/study_figures.py (run with
// /usr/bin/python3) writes every figure as PNG and PDF, and every number it plots (its
// figures_data.csv) equals the database value at the plotted case, with the other parameter
// held at its middle value; a database without some metrics skips those figures with a message
// instead of failing; and render_interface_stress.py draws a run's stress field on the chosen
// regions (headless, under xvfb-run if needed). 1 MPI rank.
#include "postprocess/results_database.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

using namespace spinefe;
namespace fs = std::filesystem;

namespace {

const std::string script = SPINEFE_SOURCE_DIR "/postprocess/plots/study_figures.py";
const char* endcap = "Spine model/Implant/Endcap area";
const char* modulus = "Materials/Implant modulus";
const char* bone = "Materials/Bone quality";

struct Params {
  double area, modulus;
  bool osteoporotic;
};

double risk(const Params& p, const std::string& interface, const std::string& load_case) {
  return (p.modulus / 1000) * (100 / p.area) * (p.osteoporotic ? 2 : 1) *
         (interface == "T12_inferior" ? 1 : 0.5) * (load_case == "standing" ? 1 : 0.25);
}
double depth(const Params& p, const std::string& interface, const std::string& load_case) {
  return 0.05 * (400 / p.area) * (p.modulus < 10000 ? 0.8 : 1) * (p.osteoporotic ? 3 : 1) *
         (interface == "L2_superior" ? 1 : 0.9) * (load_case == "standing" ? 1 : 0.5);
}
double ssi(const Params& p, const std::string& region, const std::string& load_case) {
  return p.modulus / (p.modulus + 20000) * (region == "T12/body" ? 1 : 0.7) *
         (load_case == "flexion" ? 1 : 0.9) * (p.area / 400);
}
double share(const Params& p, const std::string& load_case) {
  return p.modulus / (p.modulus + 5000) * (load_case == "flexion" ? 0.8 : 1);
}
double rotation(const Params& p, const std::string& model, const std::string& segment) {
  return (model == "intact" ? 4.0 : 1.5) * (segment == "T12-L2" ? 1 : 1.3) * (1 + p.area / 1e4);
}

ResultsDatabase fixture(const bool all_metrics) {
  ResultsDatabase db;
  db.study_file = "fixture.prm";
  db.base_case = "base.prm";
  db.parameters = {endcap, modulus, bone};
  unsigned int n = 0;
  for (const double area : {200.0, 400.0, 600.0})
    for (const double e : {3000.0, 110000.0})
      for (const bool osteo : {false, true}) {
        const Params p{area, e, osteo};
        CaseRecord r;
        r.id = "00" + std::to_string(n++);
        r.parameters = {{endcap, format_double(area)},
                        {modulus, format_double(e)},
                        {bone, osteo ? "osteoporotic" : "normal"}};
        for (const char* lc : {"standing", "flexion"}) {
          for (const char* i : {"T12_inferior", "L2_superior"})
            r.metrics.push_back(
                {"instrumented", lc, "interface", i, "subsidence_risk_index", "-", risk(p, i, lc)});
          if (!all_metrics)
            continue;
          for (const char* i : {"T12_inferior", "L2_superior"})
            r.metrics.push_back({"instrumented", lc, "interface", i, "subsidence_depth_p95", "mm",
                                 depth(p, i, lc)});
          for (const char* region : {"T12/body", "L2/body"})
            r.metrics.push_back(
                {"instrumented", lc, "ssi", region, "ssi", "-", ssi(p, region, lc)});
          r.metrics.push_back(
              {"instrumented", lc, "load_share", "implant", "share", "-", share(p, lc)});
        }
        if (all_metrics)
          for (const char* model : {"intact", "instrumented"})
            for (const char* s : {"T12-L2", "L2-L3"}) {
              r.metrics.push_back({model, "flexion", "segment", s, "flexion_extension", "deg",
                                   rotation(p, model, s)});
              r.metrics.push_back({model, "flexion", "segment", s, "lateral_bending", "deg", 0.01});
            }
        db.cases.push_back(r);
      }
  db.n_cases = n;
  return db;
}

std::string run(const std::string& command) {
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  std::string output;
  std::array<char, 4096> buffer;
  while (fgets(buffer.data(), buffer.size(), pipe))
    output += buffer.data();
  EXPECT_EQ(WEXITSTATUS(pclose(pipe)), 0) << output;
  return output;
}

std::vector<std::vector<std::string>> read_csv(const fs::path& file) {
  std::ifstream in(file);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  std::getline(in, line); // header
  while (std::getline(in, line)) {
    std::vector<std::string> fields(1);
    bool quoted = false;
    for (const char c : line)
      if (c == '"')
        quoted = !quoted;
      else if (c == ',' && !quoted)
        fields.emplace_back();
      else
        fields.back() += c;
    rows.push_back(fields);
  }
  return rows;
}

} // namespace

TEST(StudyFigures, EveryFigureIsWrittenAndPlotsTheDatabaseValues) {
  const fs::path dir = "study_figures_full";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const ResultsDatabase db = fixture(true);
  write_results_database(db, dir / "results.h5");
  const std::string output =
      run("/usr/bin/python3 " + script + " " + (dir / "results.h5").string() + " --output " +
          (dir / "figures").string());
  for (const char* figure :
       {"subsidence_vs_endcap_area", "subsidence_depth_vs_endcap_area", "ssi_vs_modulus",
        "load_share_vs_modulus", "rom_bars", "subsidence_heat_map"})
    for (const char* ext : {".png", ".pdf"}) {
      const fs::path file = dir / "figures" / (std::string(figure) + ext);
      ASSERT_TRUE(fs::is_regular_file(file)) << file << "\n" << output;
      EXPECT_GT(fs::file_size(file), 1000u) << file;
    }

  std::map<std::string, Params> params;
  for (const auto& r : db.cases)
    params[r.id] = {std::stod(r.parameters[0].second), std::stod(r.parameters[1].second),
                    r.parameters[2].second == "osteoporotic"};
  std::map<std::string, unsigned int> n_points;
  for (const auto& row : read_csv(dir / "figures" / "figures_data.csv")) {
    ASSERT_EQ(row.size(), 5u);
    const std::string &figure = row[0], &series = row[1], &case_id = row[4];
    const Params& p = params.at(case_id);
    const double y = std::stod(row[3]);
    ++n_points[figure];
    EXPECT_FALSE(p.osteoporotic) << figure << ": bone quality not held at its middle value";
    double expected = 0;
    if (figure == "subsidence_vs_endcap_area" || figure == "subsidence_heat_map") {
      expected = risk(p, "T12_inferior", "standing"); // the largest over interfaces, load cases
      EXPECT_DOUBLE_EQ(std::stod(row[2]), p.area);
      EXPECT_DOUBLE_EQ(std::stod(series), p.modulus / 1000) << series;
    } else if (figure == "subsidence_depth_vs_endcap_area") {
      expected = depth(p, "L2_superior", "standing"); // the largest over interfaces, load cases
      EXPECT_DOUBLE_EQ(std::stod(row[2]), p.area);
      EXPECT_DOUBLE_EQ(std::stod(series), p.modulus / 1000) << series;
    } else if (figure == "ssi_vs_modulus") {
      expected = ssi(p, series, "flexion");
      EXPECT_DOUBLE_EQ(std::stod(row[2]), p.modulus / 1000);
      EXPECT_EQ(p.area, 400) << "endcap area not held at its middle value";
    } else if (figure == "load_share_vs_modulus") {
      expected = share(p, series);
      EXPECT_DOUBLE_EQ(std::stod(row[2]), p.modulus / 1000);
    } else if (figure == "rom_bars") {
      const auto slash = series.find('/'), last = series.rfind('/');
      EXPECT_EQ(series.substr(0, slash), "flexion");
      expected = rotation(p, series.substr(slash + 1, last - slash - 1), series.substr(last + 1));
    } else {
      ADD_FAILURE() << "unknown figure " << figure;
    }
    EXPECT_DOUBLE_EQ(y, expected) << figure << " " << series << " case " << case_id;
  }
  EXPECT_EQ(n_points["subsidence_vs_endcap_area"], 6u); // 3 areas x 2 moduli
  EXPECT_EQ(n_points["subsidence_depth_vs_endcap_area"], 6u);
  EXPECT_EQ(n_points["subsidence_heat_map"], 6u);
  EXPECT_EQ(n_points["ssi_vs_modulus"], 4u); // 2 regions x 2 moduli
  EXPECT_EQ(n_points["load_share_vs_modulus"], 4u);
  EXPECT_EQ(n_points["rom_bars"], 4u); // 2 models x 2 segments x 1 load case
}

TEST(StudyFigures, MissingMetricsSkipTheirFigures) {
  const fs::path dir = "study_figures_partial";
  fs::remove_all(dir);
  fs::create_directories(dir);
  write_results_database(fixture(false), dir / "results.h5");
  const std::string output =
      run("/usr/bin/python3 " + script + " " + (dir / "results.h5").string() + " --output " +
          (dir / "figures").string());
  EXPECT_NE(output.find("skipping ssi_vs_modulus: no ssi metric"), std::string::npos) << output;
  EXPECT_NE(output.find("skipping load_share_vs_modulus"), std::string::npos) << output;
  EXPECT_NE(output.find("skipping rom_bars"), std::string::npos) << output;
  EXPECT_TRUE(fs::is_regular_file(dir / "figures" / "subsidence_vs_endcap_area.png"));
  EXPECT_FALSE(fs::exists(dir / "figures" / "ssi_vs_modulus.png"));
}

TEST(StudyFigures, InterfaceStressIsRenderedFromARunsFields) {
  const fs::path dir = "study_figures_render";
  fs::remove_all(dir);
  run(std::string(SPINEFE_BINARY) +
      " run " SPINEFE_SOURCE_DIR "/tests/data/unit_cube.prm --output " +
      (dir / "case_000").string());
  const std::string output =
      run("/usr/bin/python3 " SPINEFE_SOURCE_DIR "/postprocess/plots/render_interface_stress.py " +
          (dir / "case_000").string() + " " + (dir / "missing").string() +
          " --regions bone --output " + (dir / "figures").string());
  EXPECT_NE(output.find("skipping " + (dir / "missing").string()), std::string::npos) << output;
  // sigma_zz under 10 N on the 1 mm^2 top face: -10 MPa on average.
  EXPECT_NE(output.find("(szz from -10."), std::string::npos) << output;
  const fs::path png = dir / "figures" / "interface_stress_case_000.png";
  ASSERT_TRUE(fs::is_regular_file(png)) << output;
  EXPECT_GT(fs::file_size(png), 10000u);
}
