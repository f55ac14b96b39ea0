// Checks that the mesh and baseline caches are safe when several processes fill one cache at once
// (array tasks of a study on a shared file system): every process that writes the same key, and
// every process that reads it meanwhile, gets the same complete entry, never a torn file, over
// 20 repetitions. Processes, not threads: the temporary names are unique per process. 1 MPI rank
// (the children call no MPI).
#include "app/baseline_cache.h"
#include "app/mesh_cache.h"
#include "core/atomic_file.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

using namespace spinefe;
namespace fs = std::filesystem;

namespace {

constexpr int n_processes = 6;
constexpr int n_repetitions = 20;

/// A mesh of a few MB, so that a write takes long enough for the processes to overlap.
MeshData large_mesh() {
  MeshData m;
  m.source = "cache_concurrency";
  const unsigned int n = 60000;
  for (unsigned int i = 0; i < 4 * n; ++i)
    m.nodes.push_back({0.5 * i, 0.25 * i, -1.0 * i});
  for (unsigned int t = 0; t < n; ++t) {
    m.tets.push_back({4 * t, 4 * t + 1, 4 * t + 2, 4 * t + 3});
    m.tet_region.push_back(t % 3);
  }
  m.region_names = {"a", "b", "c"};
  m.triangles = {{0, 1, 2}};
  m.triangle_surface = {0};
  m.surface_names = {"top"};
  return m;
}

Baseline sample_baseline() {
  Baseline b;
  for (int i = 0; i < 200; ++i)
    b.metrics.push_back(
        {"intact", "standing", "segment", "T10-L3", "q" + std::to_string(i), "deg", 0.1 * i});
  CellEnergyField field;
  field.region_names = {"T12/cancellous"};
  for (int c = 0; c < 50000; ++c) {
    field.region.push_back(0);
    field.centroid.emplace_back(c, 2.0 * c, 3.0 * c);
    field.volume.push_back(1.0 + c);
    field.sed.push_back(1e-3 * c);
  }
  b.energy["standing"] = field;
  return b;
}

/// Runs `task` in `n_processes` child processes at once; the number that exited with 0.
int run_concurrently(const std::function<bool()>& task) {
  std::vector<pid_t> children;
  for (int p = 0; p < n_processes; ++p) {
    const pid_t pid = fork();
    if (pid == 0) {
      bool ok = false;
      try {
        ok = task();
      } catch (...) {
        ok = false;
      }
      _exit(ok ? 0 : 1); // no MPI, no atexit handlers in the child
    }
    children.push_back(pid);
  }
  int succeeded = 0;
  for (const pid_t pid : children) {
    int status = 0;
    waitpid(pid, &status, 0);
    succeeded += WIFEXITED(status) && WEXITSTATUS(status) == 0;
  }
  return succeeded;
}

bool no_temporary_files(const fs::path& dir) {
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.path().filename().string().find(".tmp.") != std::string::npos)
      return false;
  return true;
}

} // namespace

TEST(CacheConcurrency, TemporaryNamesAreUniquePerProcess) {
  const fs::path target = "cache_concurrency/file";
  const std::string name = temporary_path(target).filename().string();
  EXPECT_EQ(name.rfind("file.tmp.", 0), 0u) << name;
  EXPECT_NE(name.find("-" + std::to_string(getpid())), std::string::npos) << name;
}

TEST(CacheConcurrency, MeshEntryWrittenAndReadByManyProcesses) {
  const MeshData mesh = large_mesh();
  for (int repetition = 0; repetition < n_repetitions; ++repetition) {
    const fs::path cache = "cache_concurrency/mesh";
    fs::remove_all(cache);
    // Every process stores the same key, then reads it back: half read first (a miss, or a
    // complete entry of another writer), all read after their own write.
    const int ok = run_concurrently([&] {
      const auto early = load_spine_mesh(cache, "k");
      if (early && early->mesh.nodes != mesh.nodes)
        return false;
      store_spine_mesh(cache, "k", mesh, {});
      const auto entry = load_spine_mesh(cache, "k");
      return entry && entry->mesh.nodes == mesh.nodes && entry->mesh.tets == mesh.tets &&
             entry->mesh.tet_region == mesh.tet_region;
    });
    ASSERT_EQ(ok, n_processes) << "repetition " << repetition;
    const auto entry = load_spine_mesh(cache, "k");
    ASSERT_TRUE(entry.has_value());
    EXPECT_EQ(entry->mesh.nodes, mesh.nodes);
    EXPECT_TRUE(no_temporary_files(cache));
  }
}

TEST(CacheConcurrency, BaselineEntryFirstWriterWins) {
  const Baseline baseline = sample_baseline();
  const auto same = [&](const Baseline& b) {
    return b.metrics.size() == baseline.metrics.size() && b.energy.count("standing") &&
           b.energy.at("standing").sed == baseline.energy.at("standing").sed &&
           b.energy.at("standing").volume == baseline.energy.at("standing").volume;
  };
  for (int repetition = 0; repetition < n_repetitions; ++repetition) {
    const fs::path cache = "cache_concurrency/baseline";
    fs::remove_all(cache);
    fs::create_directories(cache);
    const int ok = run_concurrently([&] {
      const auto early = load_baseline(cache, "k");
      if (early && !same(*early))
        return false;
      store_baseline(cache, "k", baseline);
      const auto entry = load_baseline(cache, "k");
      return entry && same(*entry);
    });
    ASSERT_EQ(ok, n_processes) << "repetition " << repetition;
    EXPECT_TRUE(no_temporary_files(cache));
  }
}
