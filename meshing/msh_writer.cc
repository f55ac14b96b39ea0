#include "meshing/msh_writer.h"

#include <iomanip>

namespace spinefe {

void write_msh(const MeshData& mesh, std::ostream& out) {
  out << "$MeshFormat\n2.2 0 8\n$EndMeshFormat\n$PhysicalNames\n"
      << mesh.region_names.size() + mesh.surface_names.size() << "\n";
  for (std::size_t s = 0; s < mesh.surface_names.size(); ++s)
    out << "2 " << s + 1 << " \"" << mesh.surface_names[s] << "\"\n";
  for (std::size_t r = 0; r < mesh.region_names.size(); ++r)
    out << "3 " << r + 1 << " \"" << mesh.region_names[r] << "\"\n";
  out << "$EndPhysicalNames\n$Nodes\n" << mesh.nodes.size() << "\n" << std::setprecision(17);
  for (std::size_t n = 0; n < mesh.nodes.size(); ++n)
    out << n + 1 << " " << mesh.nodes[n][0] << " " << mesh.nodes[n][1] << " " << mesh.nodes[n][2]
        << "\n";
  // Element lines: id, type (2 triangle, 4 tetrahedron), 2 tags (physical, elementary), nodes.
  out << "$EndNodes\n$Elements\n" << mesh.triangles.size() + mesh.tets.size() << "\n";
  std::size_t id = 1;
  for (std::size_t i = 0; i < mesh.triangles.size(); ++i) {
    const unsigned int s = mesh.triangle_surface[i] + 1;
    out << id++ << " 2 2 " << s << " " << s;
    for (const auto n : mesh.triangles[i])
      out << " " << n + 1;
    out << "\n";
  }
  for (std::size_t t = 0; t < mesh.tets.size(); ++t) {
    const unsigned int r = mesh.tet_region[t] + 1;
    out << id++ << " 4 2 " << r << " " << r;
    for (const auto n : mesh.tets[t])
      out << " " << n + 1;
    out << "\n";
  }
  out << "$EndElements\n";
}

} // namespace spinefe
