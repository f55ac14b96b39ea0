// Meshing benchmark of the parametric T10-L3 model: time per stage (geometry, meshing), element
// counts, quality (min and 1st-percentile SICN and gamma, inverted elements) and peak memory.
//
//   spinefe_bench_mesh [--global H] [--shell H] [--interface H] [--screw H]
//                      [--procedure intact|corpectomy] [--implant printed-body|mesh-cage|none]
//                      [--vtu regions.vtu] [--worst REGION]
// Prints one "key value" line per figure; bench/run_benchmarks.py collects them.
#include "core/stage_log.h"
#include "meshing/mesh_quality.h"
#include "meshing/mesh_vtu_writer.h"
#include "meshing/spine_model.h"

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <iostream>
#include <set>
#include <string>

namespace {
/// The 8 worst elements of a region: SICN, centroid, and the regions sharing their nodes.
void print_worst(const spinefe::MeshData& mesh, const std::string& region) {
  std::vector<std::set<unsigned int>> node_regions(mesh.nodes.size());
  for (unsigned int t = 0; t < mesh.tets.size(); ++t)
    for (const auto n : mesh.tets[t])
      node_regions[n].insert(mesh.tet_region[t]);
  std::vector<std::pair<double, unsigned int>> ranked;
  for (unsigned int t = 0; t < mesh.tets.size(); ++t)
    if (mesh.region_names[mesh.tet_region[t]] == region)
      ranked.emplace_back(spinefe::tet_sicn(mesh, t), t);
  std::sort(ranked.begin(), ranked.end());
  for (std::size_t i = 0; i < std::min<std::size_t>(8, ranked.size()); ++i) {
    const auto& tet = mesh.tets[ranked[i].second];
    std::array<double, 3> c = {0, 0, 0};
    std::set<std::string> touching;
    for (const auto n : tet) {
      for (int k = 0; k < 3; ++k)
        c[k] += 0.25 * mesh.nodes[n][k];
      for (const auto r : node_regions[n])
        touching.insert(mesh.region_names[r]);
    }
    std::cerr << "worst " << ranked[i].first << " at " << c[0] << " " << c[1] << " " << c[2]
              << " touching";
    for (const auto& name : touching)
      std::cerr << " " << name;
    std::cerr << "\n";
  }
}
} // namespace

int main(int argc, char** argv) {
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  spinefe::SpineModelSpec spec;
  std::string worst_region; // diagnostics: where the worst elements of a region sit
  std::string vtu_file;     // the regions as VTU, for renderings
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i], value = argv[i + 1];
    if (key == "--global")
      spec.sizes.global = std::stod(value);
    else if (key == "--shell")
      spec.sizes.shell = std::stod(value);
    else if (key == "--interface")
      spec.sizes.interface = std::stod(value);
    else if (key == "--screw")
      spec.sizes.screw = std::stod(value);
    else if (key == "--procedure")
      spec.surgery = value == "intact" ? spinefe::Surgery::intact : spinefe::Surgery::corpectomy;
    else if (key == "--implant")
      spec.implant = value == "mesh-cage" ? spinefe::ImplantType::mesh_cage
                     : value == "none"    ? spinefe::ImplantType::none
                                          : spinefe::ImplantType::printed_body;
    else if (key == "--vtu")
      vtu_file = value;
    else if (key == "--worst")
      worst_region = value;
    else {
      std::cerr << "unknown option " << key << "\n";
      return 2;
    }
  }
  try {
    const spinefe::SpineModel model = spinefe::build_spine_model(spec, &std::cerr);
    const spinefe::MeshQuality q = spinefe::measure_quality(model.mesh);
    spinefe::print_quality(q, std::cerr);
    if (!vtu_file.empty())
      spinefe::write_mesh_vtu(model.mesh, vtu_file);
    if (!worst_region.empty())
      print_worst(model.mesh, worst_region);
    std::cout << "geometry_seconds " << model.geometry_seconds << "\n"
              << "meshing_seconds " << model.meshing_seconds << "\n"
              << "tets " << model.mesh.tets.size() << "\n"
              << "nodes " << model.mesh.nodes.size() << "\n"
              << "regions " << model.mesh.region_names.size() << "\n"
              << "inverted " << q.n_inverted << "\n"
              << "below_sicn_0.1 " << q.n_below_target << "\n"
              << "min_sicn " << q.min_sicn << "\n"
              << "p01_sicn " << q.p01_sicn << "\n"
              << "min_gamma " << q.min_gamma << "\n"
              << "p01_gamma " << q.p01_gamma << "\n"
              << "endcap_area_superior " << model.superior_contact_area << "\n"
              << "peak_memory_mib " << spinefe::peak_memory(MPI_COMM_SELF).max_rank_mib << "\n";
  } catch (const std::exception& e) {
    std::cerr << "error: " << e.what() << "\n";
    return 1;
  }
}
