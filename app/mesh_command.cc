#include "app/mesh_command.h"

#include "app/case_definition.h"
#include "app/mesh_source.h"
#include "core/atomic_file.h"
#include "core/input_error.h"
#include "core/version.h"
#include "meshing/abaqus_writer.h"
#include "meshing/ligament_attachments.h"
#include "meshing/mesh_quality.h"
#include "meshing/mesh_vtu_writer.h"
#include "meshing/msh_writer.h"
#include "meshing/vtu_mesh.h"

#include <filesystem>
#include <iomanip>
#include <iostream>

namespace spinefe {

namespace {

std::string vec(const Vec3& v) {
  std::ostringstream s;
  s << std::setprecision(6) << "[" << v.x() << ", " << v.y() << ", " << v.z() << "]";
  return s.str();
}

/// model.json: what was built, with the figures a user checks before solving.
void write_model_json(const CaseDefinition& c, const SpineModel& m, const MeshData& mesh,
                      const MeshQuality& q, std::ostream& out) {
  const double requested = c.spine.printed_body.endcap_area;
  out << std::setprecision(8) << "{\n  \"spinefe_version\": \"" << version() << "\",\n"
      << "  \"git_hash\": \"" << git_hash() << "\",\n  \"case\": \"" << c.file << "\",\n"
      << "  \"procedure\": \"" << (c.spine.surgery == Surgery::intact ? "intact" : "corpectomy")
      << "\",\n"
      << "  \"implant_contact_area_mm2\": {\"superior\": " << m.superior_contact_area
      << ", \"inferior\": " << m.inferior_contact_area
      << ", \"requested_endcap_area\": " << requested
      << "},\n  \"corpectomy_gap_mm\": " << m.gap_height
      << ",\n  \"kyphosis_T10_L3_deg\": " << m.kyphosis_t10_l3 << ",\n  \"screws\": [";
  for (std::size_t i = 0; i < m.screws.size(); ++i) {
    const auto& s = m.screws[i];
    out << (i ? ",\n" : "\n") << "    {\"name\": \"" << s.name
        << "\", \"diameter_mm\": " << s.diameter << ", \"length_mm\": " << s.length
        << ", \"volume_outside_bone_mm3\": " << s.outside_volume << "}";
  }
  out << "\n  ],\n  \"body_centres_mm\": {";
  bool first = true;
  for (const auto& [level, p] : m.body_centres) {
    out << (first ? "" : ", ") << "\"" << level << "\": " << vec(p);
    first = false;
  }
  out << "},\n  \"mesh\": {\"tetrahedra\": " << mesh.tets.size()
      << ", \"nodes\": " << mesh.nodes.size() << ", \"regions\": " << mesh.region_names.size()
      << ", \"min_sicn\": " << q.min_sicn << ", \"p01_sicn\": " << q.p01_sicn
      << ", \"min_gamma\": " << q.min_gamma << ", \"p01_gamma\": " << q.p01_gamma
      << ", \"inverted\": " << q.n_inverted << ", \"below_sicn_0.1\": " << q.n_below_target
      << "},\n  \"seconds\": {\"geometry\": " << m.geometry_seconds
      << ", \"meshing\": " << m.meshing_seconds << "}\n}\n";
}

} // namespace

void mesh_case(const std::string& case_file, const std::string& output_directory,
               const MPI_Comm comm) {
  run_on_root_collectively(comm, [&] {
    const CaseDefinition c = read_case_file(case_file);
    const std::filesystem::path dir =
        output_directory.empty() ? c.output.directory : output_directory;
    std::cout << "spinefe " << version() << " (" << git_hash() << "): mesh " << case_file << "\n";
    SpineModel spine;
    const MeshData mesh = case_mesh(c, std::cout, &spine);
    const MeshQuality q = measure_quality(mesh);
    if (!c.spine_model) {
      print_quality(q, std::cout);
      check_quality(mesh, q, c.spine.sizes.min_sicn);
    }
    ensure_directory(dir);
    const bool quadratic = c.solver.degree == 2;
    write_text_atomically(dir / "mesh.inp", [&](std::ostream& out) {
      AbaqusMeshWriter(mesh, quadratic).write_mesh(out);
    });
    write_text_atomically(dir / "mesh.msh", [&](std::ostream& out) { write_msh(mesh, out); });
    write_vtu_mesh(mesh, dir / "mesh.vtu");
    write_mesh_vtu(mesh, dir / "mesh_regions.vtu");
    write_surfaces_vtu(mesh, dir / "mesh_surfaces.vtu");
    std::cout << "Wrote " << (dir / "mesh.msh").string() << ", mesh.vtu, mesh.inp ("
              << (quadratic ? "C3D10" : "C3D4") << "), mesh_regions.vtu, mesh_surfaces.vtu";
    if (c.spine_model) {
      write_text_atomically(dir / "ligaments.csv",
                            [&](std::ostream& out) { out << ligaments_csv(spine.ligaments); });
      write_text_atomically(dir / "model.json",
                            [&](std::ostream& out) { write_model_json(c, spine, mesh, q, out); });
      std::cout << ", ligaments.csv (" << spine.ligaments.size() << " fibres), model.json";
      if (c.spine.surgery == Surgery::corpectomy && c.spine.implant != ImplantType::none) {
        const double requested = c.spine.implant == ImplantType::printed_body
                                     ? c.spine.printed_body.endcap_area
                                     : spine.superior_contact_area;
        std::cout << "\nImplant contact area: superior " << spine.superior_contact_area
                  << " mm^2, inferior " << spine.inferior_contact_area << " mm^2 (requested "
                  << requested << " mm^2, error "
                  << 100 * (spine.superior_contact_area - requested) / requested << " %)";
      }
      for (const auto& s : spine.screws)
        std::cout << "\n  " << s.name << ": " << s.diameter << " x " << s.length
                  << " mm, shaft volume outside bone " << s.outside_volume << " mm^3";
    }
    std::cout << "\n";
  });
}

} // namespace spinefe
