#include "meshing/mesh_vtu_writer.h"

#include "core/atomic_file.h"
#include "meshing/mesh_quality.h"

#include <array>
#include <cmath>
#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace spinefe {

namespace fs = std::filesystem;

namespace {

// VTK cell type numbers (vtkCellType.h).
constexpr int vtk_triangle = 5;
constexpr int vtk_tetra = 10;

/// `<stem><suffix>` in the directory of `file`.
fs::path companion(const fs::path& file, const std::string& suffix) {
  return file.parent_path() / (file.stem().string() + suffix);
}

/// A CSV field, quoted (RFC 4180) if the name contains a separator, a quote or a line break.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos)
    return s;
  std::string quoted = "\"";
  for (const char c : s)
    quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

/// Writes a complete ASCII .vtu with one cell type. `points` are the node coordinates, `cells`
/// the flattened corner lists (`corners` per cell); `cell_data` writes the <CellData> arrays.
template <typename CellData>
void write_vtu(const fs::path& file, const std::vector<std::array<double, 3>>& points,
               const std::vector<std::uint64_t>& cells, const unsigned int corners,
               const int cell_type, const CellData& cell_data) {
  const std::size_t n_cells = cells.size() / corners;
  write_text_atomically(file, [&](std::ostream& out) {
    out.precision(12); // 1e-9 mm relative is far below any mesh size
    out << "<?xml version=\"1.0\"?>\n"
        << "<VTKFile type=\"UnstructuredGrid\" version=\"0.1\" byte_order=\"LittleEndian\">\n"
        << "  <UnstructuredGrid>\n"
        << "    <Piece NumberOfPoints=\"" << points.size() << "\" NumberOfCells=\"" << n_cells
        << "\">\n"
        << "      <Points>\n"
        << "        <DataArray type=\"Float64\" NumberOfComponents=\"3\" format=\"ascii\">\n";
    for (const auto& p : points)
      out << p[0] << ' ' << p[1] << ' ' << p[2] << '\n';
    out << "        </DataArray>\n      </Points>\n      <Cells>\n"
        << "        <DataArray type=\"Int64\" Name=\"connectivity\" format=\"ascii\">\n";
    for (std::size_t c = 0; c < n_cells; ++c) {
      for (unsigned int k = 0; k < corners; ++k)
        out << (k ? " " : "") << cells[c * corners + k];
      out << '\n';
    }
    out << "        </DataArray>\n"
        << "        <DataArray type=\"Int64\" Name=\"offsets\" format=\"ascii\">\n";
    for (std::size_t c = 1; c <= n_cells; ++c)
      out << c * corners << (c % 16 == 0 || c == n_cells ? '\n' : ' ');
    out << "        </DataArray>\n"
        << "        <DataArray type=\"UInt8\" Name=\"types\" format=\"ascii\">\n";
    for (std::size_t c = 1; c <= n_cells; ++c)
      out << cell_type << (c % 32 == 0 || c == n_cells ? '\n' : ' ');
    out << "        </DataArray>\n      </Cells>\n      <CellData>\n";
    cell_data(out);
    out << "      </CellData>\n    </Piece>\n  </UnstructuredGrid>\n</VTKFile>\n";
  });
}

/// One cell data array, `value(c)` for each cell, one value per line.
template <typename Value>
void write_cell_array(std::ostream& out, const char* type, const char* name, const std::size_t n,
                      const Value& value) {
  out << "        <DataArray type=\"" << type << "\" Name=\"" << name << "\" format=\"ascii\">\n";
  for (std::size_t c = 0; c < n; ++c)
    out << value(c) << '\n';
  out << "        </DataArray>\n";
}

double triangle_area(const MeshData& mesh, const std::array<unsigned int, 3>& tri) {
  const auto& a = mesh.nodes[tri[0]];
  const auto& b = mesh.nodes[tri[1]];
  const auto& c = mesh.nodes[tri[2]];
  const double u[3] = {b[0] - a[0], b[1] - a[1], b[2] - a[2]};
  const double v[3] = {c[0] - a[0], c[1] - a[1], c[2] - a[2]};
  const double n[3] = {u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2],
                       u[0] * v[1] - u[1] * v[0]};
  return 0.5 * std::sqrt(n[0] * n[0] + n[1] * n[1] + n[2] * n[2]);
}

} // namespace

void write_mesh_vtu(const MeshData& mesh, const fs::path& file) {
  ensure_directory(file.parent_path());
  const std::size_t n_regions = mesh.region_names.size();
  std::vector<std::size_t> n_tets(n_regions, 0);
  std::vector<double> volume(n_regions, 0.0);
  std::vector<std::uint64_t> cells;
  cells.reserve(4 * mesh.tets.size());
  for (unsigned int t = 0; t < mesh.tets.size(); ++t) {
    ++n_tets[mesh.tet_region[t]];
    volume[mesh.tet_region[t]] += std::abs(signed_volume(mesh, t));
    cells.insert(cells.end(), mesh.tets[t].begin(), mesh.tets[t].end());
  }
  write_text_atomically(companion(file, "_regions.csv"), [&](std::ostream& out) {
    out << "region_id,region_name,n_tets,volume_mm3\n";
    for (std::size_t r = 0; r < n_regions; ++r)
      out << r << ',' << csv_field(mesh.region_names[r]) << ',' << n_tets[r] << ',' << volume[r]
          << '\n';
  });
  write_vtu(file, mesh.nodes, cells, 4, vtk_tetra, [&](std::ostream& out) {
    const std::size_t n = mesh.tets.size();
    write_cell_array(out, "Int32", "region_id", n,
                     [&](std::size_t t) { return mesh.tet_region[t]; });
    out.precision(8);
    write_cell_array(out, "Float64", "sicn", n,
                     [&](std::size_t t) { return tet_sicn(mesh, static_cast<unsigned int>(t)); });
  });
}

void write_surfaces_vtu(const MeshData& mesh, const fs::path& file) {
  ensure_directory(file.parent_path());
  // Keep only the nodes the triangles use, numbered in order of first use.
  constexpr std::uint64_t unused = ~std::uint64_t(0);
  std::vector<std::uint64_t> new_index(mesh.nodes.size(), unused);
  std::vector<std::array<double, 3>> points;
  std::vector<std::uint64_t> cells;
  cells.reserve(3 * mesh.triangles.size());
  const std::size_t n_surfaces = mesh.surface_names.size();
  std::vector<std::size_t> n_triangles(n_surfaces, 0);
  std::vector<double> area(n_surfaces, 0.0);
  for (std::size_t f = 0; f < mesh.triangles.size(); ++f) {
    for (const unsigned int v : mesh.triangles[f]) {
      if (new_index[v] == unused) {
        new_index[v] = points.size();
        points.push_back(mesh.nodes[v]);
      }
      cells.push_back(new_index[v]);
    }
    ++n_triangles[mesh.triangle_surface[f]];
    area[mesh.triangle_surface[f]] += triangle_area(mesh, mesh.triangles[f]);
  }
  write_text_atomically(companion(file, "_surfaces.csv"), [&](std::ostream& out) {
    out << "surface_id,surface_name,n_triangles,area_mm2\n";
    for (std::size_t s = 0; s < n_surfaces; ++s)
      out << s << ',' << csv_field(mesh.surface_names[s]) << ',' << n_triangles[s] << ',' << area[s]
          << '\n';
  });
  write_vtu(file, points, cells, 3, vtk_triangle, [&](std::ostream& out) {
    write_cell_array(out, "Int32", "surface_id", mesh.triangles.size(),
                     [&](std::size_t f) { return mesh.triangle_surface[f]; });
  });
}

} // namespace spinefe
