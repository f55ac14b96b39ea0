#include "postprocess/summary_writers.h"

#include "core/atomic_file.h"
#include "core/input_error.h"
#include "core/version.h"
#include "postprocess/hdf5_tools.h"

#include <hdf5.h>

#include <iomanip>
#include <map>
#include <sstream>

namespace spinefe {

namespace {

struct Quantity {
  const char* name;
  const char* unit;
  const char* json_unit; ///< the unit as a JSON-key suffix
  double RegionSummary::*member;
};

const Quantity region_quantities[] = {
    {"volume", "mm^3", "mm3", &RegionSummary::volume},
    {"mean_von_mises", "MPa", "MPa", &RegionSummary::mean_von_mises},
    {"p95_von_mises", "MPa", "MPa", &RegionSummary::p95_von_mises},
    {"max_von_mises", "MPa", "MPa", &RegionSummary::max_von_mises},
    {"mean_strain_energy_density", "MPa", "MPa", &RegionSummary::mean_sed},
};

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\')
      out += '\\';
    out += c;
  }
  return out + "\"";
}

} // namespace

void write_summary_csv(const RunSummary& summary, const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "kind,name,quantity,unit,value\n";
    out << "model,all,max_displacement,mm," << summary.max_displacement << "\n";
    for (const auto& r : summary.regions)
      for (const auto& q : region_quantities)
        out << "region," << r.name << "," << q.name << "," << q.unit << "," << r.*q.member << "\n";
    const char* axis[] = {"x", "y", "z"};
    for (const auto& s : summary.surfaces) {
      out << "surface," << s.name << ",area,mm^2," << s.area << "\n";
      for (unsigned int d = 0; d < 3; ++d)
        out << "surface," << s.name << ",reaction_" << axis[d] << ",N," << s.reaction[d] << "\n";
    }
    const char* angle[] = {"lateral_bending", "flexion_extension", "axial_rotation"};
    for (const auto& b : summary.bodies) {
      for (unsigned int d = 0; d < 3; ++d)
        out << "body," << b.name << "," << angle[d] << ",deg," << b.angles_deg[d] << "\n";
      for (unsigned int d = 0; d < 3; ++d)
        out << "body," << b.name << ",translation_" << axis[d] << ",mm," << b.translation[d]
            << "\n";
      out << "body," << b.name << ",fit_rms_residual,mm," << b.motion.rms_residual << "\n";
    }
    for (const auto& s : summary.springs) {
      out << "spring," << s.name << ",force,N," << s.force << "\n";
      out << "spring," << s.name << ",elongation,mm," << s.elongation << "\n";
    }
    for (const auto& s : summary.segments)
      for (unsigned int d = 0; d < 3; ++d)
        out << "segment," << s.upper << "-" << s.lower << "," << angle[d] << ",deg,"
            << s.angles_deg[d] << "\n";
    for (const auto& [stage, seconds] : summary.stages)
      out << "stage," << stage << ",wall_time,s," << seconds << "\n";
  });
}

void write_summary_json(const RunSummary& summary, const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "{\n  \"spinefe_version\": " << json_string(version())
        << ",\n  \"git_hash\": " << json_string(git_hash())
        << ",\n  \"case\": " << json_string(summary.case_name)
        << ",\n  \"mpi_ranks\": " << summary.n_ranks
        << ",\n  \"element_degree\": " << summary.degree << ",\n  \"n_dofs\": " << summary.n_dofs
        << ",\n  \"n_cells\": " << summary.n_cells
        << ",\n  \"max_displacement_mm\": " << summary.max_displacement
        << ",\n  \"solver\": {\"method\": " << json_string(summary.solve.method)
        << ", \"iterations\": " << summary.solve.iterations
        << ", \"initial_residual_N\": " << summary.solve.initial_residual
        << ", \"final_residual_N\": " << summary.solve.final_residual << "},\n";
    out << "  \"peak_memory_MiB\": {\"max_rank\": " << summary.memory.max_rank_mib
        << ", \"total\": " << summary.memory.total_mib << "},\n  \"regions\": [";
    for (std::size_t i = 0; i < summary.regions.size(); ++i) {
      const auto& r = summary.regions[i];
      out << (i ? "," : "") << "\n    {\"name\": " << json_string(r.name)
          << ", \"material\": " << json_string(r.material);
      for (const auto& q : region_quantities)
        out << ", \"" << q.name << "_" << q.json_unit << "\": " << r.*q.member;
      out << "}";
    }
    out << "\n  ],\n  \"surfaces\": [";
    for (std::size_t i = 0; i < summary.surfaces.size(); ++i) {
      const auto& s = summary.surfaces[i];
      out << (i ? "," : "") << "\n    {\"name\": " << json_string(s.name)
          << ", \"area_mm2\": " << s.area << ", \"reaction_N\": [" << s.reaction[0] << ", "
          << s.reaction[1] << ", " << s.reaction[2] << "]}";
    }
    const auto angles = [](const Eigen::Vector3d& a) {
      std::ostringstream s;
      s << "{\"lateral_bending\": " << a[0] << ", \"flexion_extension\": " << a[1]
        << ", \"axial_rotation\": " << a[2] << "}";
      return s.str();
    };
    out << "\n  ],\n  \"bodies\": [";
    for (std::size_t i = 0; i < summary.bodies.size(); ++i) {
      const auto& b = summary.bodies[i];
      out << (i ? "," : "") << "\n    {\"name\": " << json_string(b.name)
          << ", \"rotation_deg\": " << angles(b.angles_deg) << ", \"translation_mm\": ["
          << b.translation[0] << ", " << b.translation[1] << ", " << b.translation[2]
          << "], \"fit_rms_residual_mm\": " << b.motion.rms_residual
          << ", \"n_nodes\": " << b.n_nodes << "}";
    }
    out << "\n  ],\n  \"springs\": [";
    for (std::size_t i = 0; i < summary.springs.size(); ++i) {
      const auto& s = summary.springs[i];
      out << (i ? "," : "") << "\n    {\"name\": " << json_string(s.name)
          << ", \"force_N\": " << s.force << ", \"elongation_mm\": " << s.elongation
          << ", \"state\": " << json_string(s.state) << "}";
    }
    out << "\n  ],\n  \"segments\": [";
    for (std::size_t i = 0; i < summary.segments.size(); ++i) {
      const auto& s = summary.segments[i];
      out << (i ? "," : "") << "\n    {\"upper\": " << json_string(s.upper)
          << ", \"lower\": " << json_string(s.lower)
          << ", \"rotation_deg\": " << angles(s.angles_deg) << "}";
    }
    out << "\n  ],\n  \"stages_s\": {";
    for (std::size_t i = 0; i < summary.stages.size(); ++i)
      out << (i ? ", " : "") << json_string(summary.stages[i].first) << ": "
          << summary.stages[i].second;
    out << "}\n}\n";
  });
}

namespace {

/// /bodies/{name, rotation_deg (n x 3: lateral bending, flexion-extension, axial rotation),
/// translation (n x 3), fit_rms_residual} and /segments/{upper, lower, rotation_deg}.
void write_motions_hdf5(const RunSummary& summary, const hid_t h5) {
  const hid_t bodies = H5Gcreate2(h5, "bodies", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<std::string> names;
  std::vector<double> rotation, translation, residual;
  for (const auto& b : summary.bodies) {
    names.push_back(b.name);
    for (unsigned int d = 0; d < 3; ++d) {
      rotation.push_back(b.angles_deg[d]);
      translation.push_back(b.translation[d]);
    }
    residual.push_back(b.motion.rms_residual);
  }
  write_strings(bodies, "name", names);
  write_doubles(bodies, "rotation_deg", rotation, 3, "deg");
  write_doubles(bodies, "translation", translation, 3, "mm");
  write_doubles(bodies, "fit_rms_residual", residual, 1, "mm");
  H5Gclose(bodies);
  const hid_t segments = H5Gcreate2(h5, "segments", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<std::string> upper, lower;
  std::vector<double> relative;
  for (const auto& s : summary.segments) {
    upper.push_back(s.upper);
    lower.push_back(s.lower);
    for (unsigned int d = 0; d < 3; ++d)
      relative.push_back(s.angles_deg[d]);
  }
  write_strings(segments, "upper", upper);
  write_strings(segments, "lower", lower);
  write_doubles(segments, "rotation_deg", relative, 3, "deg");
  H5Gclose(segments);
}

} // namespace

void write_summary_hdf5(const RunSummary& summary, const std::filesystem::path& file) {
  const hid_t h5 = create_hdf5_in_memory(file.string());
  const hid_t regions = H5Gcreate2(h5, "regions", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<std::string> names, materials;
  for (const auto& r : summary.regions) {
    names.push_back(r.name);
    materials.push_back(r.material);
  }
  write_strings(regions, "name", names);
  write_strings(regions, "material", materials);
  for (const auto& q : region_quantities) {
    std::vector<double> values;
    for (const auto& r : summary.regions)
      values.push_back(r.*q.member);
    write_doubles(regions, q.name, values, 1, q.unit);
  }
  H5Gclose(regions);
  const hid_t surfaces = H5Gcreate2(h5, "surfaces", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<std::string> surface_names;
  std::vector<double> area, reaction;
  for (const auto& s : summary.surfaces) {
    surface_names.push_back(s.name);
    area.push_back(s.area);
    for (unsigned int d = 0; d < 3; ++d)
      reaction.push_back(s.reaction[d]);
  }
  write_strings(surfaces, "name", surface_names);
  write_doubles(surfaces, "area", area, 1, "mm^2");
  write_doubles(surfaces, "reaction_force", reaction, 3, "N");
  H5Gclose(surfaces);
  write_motions_hdf5(summary, h5);
  const hid_t run = H5Gcreate2(h5, "run", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  write_doubles(run, "max_displacement", {summary.max_displacement}, 1, "mm");
  write_doubles(run, "n_dofs", {static_cast<double>(summary.n_dofs)}, 1, "-");
  write_doubles(run, "solver_iterations", {static_cast<double>(summary.solve.iterations)}, 1, "-");
  write_strings(run, "spinefe_version", {version(), git_hash()});
  H5Gclose(run);
  save_hdf5_atomically(h5, file);
}

void print_summary(const RunSummary& summary, std::ostream& out) {
  out << "\nRegions (von Mises and strain energy density over quadrature points, "
         "volume-weighted):\n";
  out << std::left << std::setw(26) << "  region" << std::setw(24) << "material" << std::right
      << std::setw(12) << "volume mm3" << std::setw(12) << "mean vM MPa" << std::setw(12)
      << "P95 vM MPa" << std::setw(14) << "mean SED MPa"
      << "\n";
  for (const auto& r : summary.regions)
    out << "  " << std::left << std::setw(24) << r.name << std::setw(24) << r.material << std::right
        << std::setprecision(4) << std::setw(12) << r.volume << std::setw(12) << r.mean_von_mises
        << std::setw(12) << r.p95_von_mises << std::setw(14) << r.mean_sed << "\n";
  out << "Surfaces (reaction = force the supports exert on the body):\n";
  for (const auto& s : summary.surfaces)
    out << "  " << std::left << std::setw(34) << s.name << std::right << " area " << std::setw(10)
        << s.area << " mm2   reaction [" << s.reaction[0] << ", " << s.reaction[1] << ", "
        << s.reaction[2] << "] N\n";
  if (!summary.interior_surfaces.empty()) {
    out << "Interior surfaces (bonded interfaces; no reaction):";
    for (const auto& name : summary.interior_surfaces)
      out << " " << name;
    out << "\n";
  }
  if (!summary.springs.empty()) {
    // Per ligament type: total force of its taut fibres, and how many are slack.
    std::map<std::string, std::pair<double, unsigned int>> by_type;
    unsigned int slack = 0;
    for (const auto& s : summary.springs) {
      auto& entry = by_type[s.name.substr(0, s.name.find('_'))];
      entry.first += s.force;
      ++entry.second;
      slack += s.state == "slack";
    }
    out << "Ligaments (" << summary.springs.size() << " tension-only fibres, " << slack
        << " slack): total fibre force per type [N]:";
    for (const auto& [type, entry] : by_type)
      out << " " << type << " " << std::setprecision(4) << entry.first;
    out << "\n";
  }
  if (!summary.bodies.empty()) {
    out << "Rigid-body motion (least-squares fit of each body's vertices; degrees, mm):\n"
        << "  body          lat. bending   flex.-ext.   axial rot.   |translation|   fit RMS\n";
    for (const auto& b : summary.bodies)
      out << "  " << std::left << std::setw(12) << b.name << std::right << std::setprecision(4)
          << std::setw(13) << b.angles_deg[0] << std::setw(13) << b.angles_deg[1] << std::setw(13)
          << b.angles_deg[2] << std::setw(16) << b.translation.norm() << std::setw(10)
          << b.motion.rms_residual << "\n";
    for (const auto& s : summary.segments)
      out << "  " << std::left << std::setw(12) << (s.upper + "-" + s.lower) << std::right
          << std::setw(13) << s.angles_deg[0] << std::setw(13) << s.angles_deg[1] << std::setw(13)
          << s.angles_deg[2] << "   (relative: upper to lower)\n";
  }
  out << "Max displacement: " << summary.max_displacement << " mm;  DoFs: " << summary.n_dofs
      << ", cells: " << summary.n_cells << ", ranks: " << summary.n_ranks
      << ";  peak memory: " << std::setprecision(4) << summary.memory.max_rank_mib
      << " MiB (largest rank), " << summary.memory.total_mib << " MiB (all ranks)\n";
}

} // namespace spinefe
