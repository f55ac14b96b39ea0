// Checks the intact-baseline cache (app/baseline_cache.h) the stress-shielding metrics read: a
// stored entry reads back identical (every energy-field value and metric row bit for bit, so a
// cache hit gives the same SSI as a solve), a missing key is a miss, and the key changes with
// what changes the intact model (bone quality, follower load) but not with what does not
// (implant modulus, metric settings). 1 MPI rank.
#include "app/baseline_cache.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

using namespace spinefe;
namespace fs = std::filesystem;

namespace {

/// The key of the printed-body case with `overrides` (case-file lines) appended.
std::string key_with(const std::string& overrides) {
  const fs::path file = fs::absolute("baseline_key_case.prm");
  std::ofstream(file) << "include " SPINEFE_SOURCE_DIR "/cases/t10-l3-printed-body/case.prm\n"
                      << overrides;
  return baseline_key(read_case_file(file.string()));
}

CellEnergyField field_of(const double scale) {
  CellEnergyField f;
  f.region_names = {"T12/cancellous", "T12/cortical"};
  for (unsigned int c = 0; c < 5; ++c) {
    f.region.push_back(c % 2);
    f.centroid.emplace_back(0.1 * c, std::sqrt(2.0) * c, -M_PI * c);
    f.volume.push_back(1.0 / 3 + c);
    f.sed.push_back(scale * std::exp(-double(c)) / 7);
  }
  return f;
}

} // namespace

TEST(BaselineCache, StoredEntryReadsBackIdentical) {
  const fs::path cache = "baseline_cache_test";
  fs::remove_all(cache);
  EXPECT_FALSE(has_baseline(cache, "0123456789abcdef"));
  EXPECT_FALSE(load_baseline(cache, "0123456789abcdef").has_value());
  Baseline b;
  b.energy["standing"] = field_of(1);
  b.energy["flexion"] = field_of(3);
  b.metrics = {{"intact", "standing", "segment", "T12-L2", "flexion_extension", "deg", 1.0 / 3},
               {"intact", "flexion", "disc", "disc_T12_L1", "nucleus_pressure", "MPa", M_PI / 7}};
  store_baseline(cache, "0123456789abcdef", b);
  ASSERT_TRUE(has_baseline(cache, "0123456789abcdef"));
  const auto hit = load_baseline(cache, "0123456789abcdef");
  ASSERT_TRUE(hit.has_value());
  ASSERT_EQ(hit->energy.size(), 2u);
  for (const auto& [lc, field] : b.energy) {
    const CellEnergyField& read = hit->energy.at(lc);
    EXPECT_EQ(read.region_names, field.region_names);
    EXPECT_EQ(read.region, field.region);
    EXPECT_EQ(read.volume, field.volume); // bit for bit
    EXPECT_EQ(read.sed, field.sed);
    ASSERT_EQ(read.centroid.size(), field.centroid.size());
    for (std::size_t c = 0; c < field.centroid.size(); ++c)
      EXPECT_EQ(read.centroid[c], field.centroid[c]);
  }
  ASSERT_EQ(hit->metrics.size(), b.metrics.size());
  for (std::size_t r = 0; r < b.metrics.size(); ++r) {
    EXPECT_EQ(hit->metrics[r].name, b.metrics[r].name);
    EXPECT_EQ(hit->metrics[r].value, b.metrics[r].value) << "row " << r; // bit for bit
  }
}

TEST(BaselineCache, KeyFollowsWhatChangesTheIntactModel) {
  const std::string base = key_with("");
  EXPECT_EQ(base.size(), 16u);
  EXPECT_EQ(key_with(""), base); // deterministic
  // Not part of the intact twin: same key.
  EXPECT_EQ(key_with("subsection Materials\n  set Implant modulus = 500\nend\n"), base);
  EXPECT_EQ(key_with("subsection Metrics\n  set Endplate zone depth = 3\nend\n"), base);
  // Part of it: a different key.
  EXPECT_NE(key_with("subsection Materials\n  set Bone quality = osteoporotic\nend\n"), base);
  EXPECT_NE(key_with("subsection Boundary conditions\n  set Follower load = 500\nend\n"), base);
  // The output section is not, except the frame the twin's ROM is reported in.
  EXPECT_EQ(key_with("subsection Output\n  set Write fields = false\nend\n"), base);
  EXPECT_NE(key_with("subsection Output\n  set Segment frame = global\nend\n"), base);
}
