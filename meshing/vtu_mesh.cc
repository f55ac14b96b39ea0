#include "meshing/vtu_mesh.h"

#include "core/atomic_file.h"
#include "core/input_error.h"
#include "meshing/isolated_read.h"
#include "meshing/mesh_compaction.h"

#include <vtkCellData.h>
#include <vtkCellType.h>
#include <vtkDataArray.h>
#include <vtkFieldData.h>
#include <vtkIdList.h>
#include <vtkIntArray.h>
#include <vtkLogger.h>
#include <vtkNew.h>
#include <vtkOutputWindow.h>
#include <vtkPoints.h>
#include <vtkStringArray.h>
#include <vtkStringOutputWindow.h>
#include <vtkUnstructuredGrid.h>
#include <vtkXMLUnstructuredGridReader.h>
#include <vtkXMLUnstructuredGridWriter.h>

#include <cmath>
#include <fstream>
#include <sstream>

namespace spinefe {

namespace {

/// Captures what VTK objects print (errors and warnings of the reader and of its XML parser)
/// while it lives, instead of letting VTK write to the terminal.
class VtkMessageCapture {
public:
  VtkMessageCapture()
      : previous_(vtkOutputWindow::GetInstance()),
        verbosity_(vtkLogger::GetCurrentVerbosityCutoff()) {
    previous_->Register(nullptr);
    vtkOutputWindow::SetInstance(window_);
    // VTK 9 also logs errors straight to stderr (vtkLogger); they are reported as InputError.
    vtkLogger::SetStderrVerbosity(vtkLogger::VERBOSITY_OFF);
  }
  ~VtkMessageCapture() {
    vtkLogger::SetStderrVerbosity(verbosity_);
    vtkOutputWindow::SetInstance(previous_);
    previous_->UnRegister(nullptr);
  }
  VtkMessageCapture(const VtkMessageCapture&) = delete;
  VtkMessageCapture& operator=(const VtkMessageCapture&) = delete;

  /// The first message's last line ("Error parsing XML in stream at line 12 ..."), or empty.
  std::string first_error() const {
    std::string text = window_->GetOutput();
    const auto start = text.find("ERROR");
    if (start == std::string::npos)
      return "";
    text = text.substr(start);
    std::string line, last;
    std::istringstream lines(text);
    while (std::getline(lines, line) && !line.empty())
      last = line;
    // "vtkXMLDataParser (0x55...): Error parsing XML ...": the object's address says nothing.
    const auto address = last.find("): ");
    return address == std::string::npos ? last : last.substr(address + 3);
  }

private:
  vtkOutputWindow* previous_;
  vtkLogger::Verbosity verbosity_;
  vtkNew<vtkStringOutputWindow> window_;
};

std::string number_text(const double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

/// A name table from the grid's field data; empty if it has none.
std::vector<std::string> name_table(vtkUnstructuredGrid* grid, const char* name) {
  std::vector<std::string> names;
  auto* array = vtkStringArray::SafeDownCast(grid->GetFieldData()->GetAbstractArray(name));
  if (array)
    for (vtkIdType i = 0; i < array->GetNumberOfValues(); ++i)
      names.push_back(array->GetValue(i));
  return names;
}

/// Reads the named cells of `grid` into `mesh`.
class VtuCells {
public:
  VtuCells(vtkUnstructuredGrid* grid, const std::string& file, MeshData& mesh)
      : grid_(grid), file_(file), mesh_(mesh), raw_(mesh) {
    ids_ = grid->GetCellData()->GetArray("region_id"); // any numeric type
    names_ = vtkStringArray::SafeDownCast(grid->GetCellData()->GetAbstractArray("region"));
    region_table_ = name_table(grid, "region_names");
    surface_table_ = name_table(grid, "surface_names");
    // In table order, so that the indices stay those of the writer (a round trip is exact).
    if (!names_) {
      for (const auto& name : region_table_)
        mesh.add_region(name);
      for (const auto& name : surface_table_)
        mesh.add_surface(name);
    }
    if (!names_ && !ids_)
      throw InputError(file, "no region names: expected an integer cell-data array 'region_id' "
                             "(with field-data string arrays 'region_names' and "
                             "'surface_names') or a string cell-data array 'region'");
  }

  void read() {
    for (vtkIdType p = 0; p < grid_->GetNumberOfPoints(); ++p) {
      double x[3];
      grid_->GetPoint(p, x);
      raw_.add_node(static_cast<std::size_t>(p), {x[0], x[1], x[2]});
    }
    vtkNew<vtkIdList> points;
    for (vtkIdType c = 0; c < grid_->GetNumberOfCells(); ++c) {
      grid_->GetCellPoints(c, points);
      const int type = grid_->GetCellType(c);
      const auto id = [&](int i) { return static_cast<std::size_t>(points->GetId(i)); };
      const std::string where = file_ + ": cell " + std::to_string(c);
      if (type == VTK_TETRA || type == VTK_QUADRATIC_TETRA) {
        raw_.add_tet(c, {id(0), id(1), id(2), id(3)}, region(c, false), where);
        if (type == VTK_QUADRATIC_TETRA)
          raw_.check_mid_nodes({id(0), id(1), id(2), id(3)},
                               {id(4), id(5), id(6), id(7), id(8), id(9)});
      } else if (type == VTK_TRIANGLE || type == VTK_QUADRATIC_TRIANGLE) {
        raw_.add_triangle({id(0), id(1), id(2)}, region(c, true), where);
      } else {
        throw InputError(where, "VTK cell type " + std::to_string(type) +
                                    " is not supported; expected tetrahedra (10, 24) and "
                                    "triangles (5, 22)");
      }
    }
    raw_.finish();
  }

private:
  /// The region (or, for a triangle, surface) index of cell `c` in `mesh_`.
  unsigned int region(const vtkIdType c, const bool surface) {
    std::string name;
    if (names_) {
      name = names_->GetValue(c);
    } else {
      const double value = ids_->GetTuple1(c);
      const long id = std::isfinite(value) && value == std::floor(value) ? long(value) : -1;
      const auto& table = surface ? surface_table_ : region_table_;
      const char* table_name = surface ? "surface_names" : "region_names";
      if (table.empty())
        throw InputError(file_, std::string("cell-data 'region_id' needs the field-data string "
                                            "array '") +
                                    table_name + "' naming each id");
      if (id < 0 || id >= static_cast<long>(table.size()))
        throw InputError(file_ + ": cell " + std::to_string(c),
                         "region_id " + number_text(value) + " is not an index into '" +
                             table_name + "' (" + std::to_string(table.size()) + " names)");
      name = table[id];
    }
    if (name.empty())
      throw InputError(file_ + ": cell " + std::to_string(c), "empty region name");
    return surface ? mesh_.add_surface(name) : mesh_.add_region(name);
  }

  vtkUnstructuredGrid* grid_;
  const std::string& file_;
  MeshData& mesh_;
  RawMesh raw_;
  vtkDataArray* ids_ = nullptr;
  vtkStringArray* names_ = nullptr;
  std::vector<std::string> region_table_, surface_table_;
};

vtkNew<vtkStringArray> string_array(const char* name, const std::vector<std::string>& values) {
  vtkNew<vtkStringArray> array;
  array->SetName(name);
  for (const auto& v : values)
    array->InsertNextValue(v);
  return array;
}

/// VTK takes NumberOfComponents as given: 4294967296 (2^32) wraps and sends its reader into an
/// endless loop (found by tests/fuzz, vtu_mesh input 2570 of seed 1). A mesh's arrays have 1
/// (ids, connectivity, names) to 9 (a tensor) components, so anything else is refused here,
/// with its line, before VTK sees the file.
void check_component_counts(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  const std::string key = "NumberOfComponents=\"";
  std::string line;
  for (unsigned int number = 1; std::getline(in, line); ++number) {
    if (line.find("<AppendedData") != std::string::npos)
      return; // the binary payload follows
    for (auto at = line.find(key); at != std::string::npos; at = line.find(key, at + 1)) {
      const std::size_t start = at + key.size();
      const std::string value = line.substr(start, line.find('"', start) - start);
      // One digit 1-9: the only counts a mesh array has.
      if (value.size() != 1 || value[0] < '1' || value[0] > '9')
        throw InputError(file + ":" + std::to_string(number),
                         "NumberOfComponents=\"" + value.substr(0, 20) +
                             "\" is not a mesh array's; expected 1 to 9 (points have 3)");
    }
  }
}

MeshData read_vtu_mesh_here(const std::string& file) {
  check_component_counts(file);
  const VtkMessageCapture messages;
  vtkNew<vtkXMLUnstructuredGridReader> reader;
  reader->SetFileName(file.c_str());
  reader->Update();
  vtkUnstructuredGrid* grid = reader->GetOutput();
  const std::string error = messages.first_error();
  if (!error.empty() || reader->GetErrorCode() != 0 || !grid)
    throw InputError(file, "VTK could not read the file (" +
                               (error.empty() ? std::string("no message") : error) +
                               "); expected a complete VTK XML UnstructuredGrid (.vtu)");
  if (grid->GetNumberOfCells() == 0 || grid->GetNumberOfPoints() == 0)
    throw InputError(file, "the grid has no cells; expected tetrahedra with region names");
  MeshData mesh;
  mesh.source = file;
  VtuCells(grid, file, mesh).read();
  return mesh;
}

} // namespace

MeshData read_vtu_mesh(const std::string& file) {
  // VTK's XML reader trusts the counts in the file: a damaged NumberOfCells makes it allocate
  // and fill far beyond its buffers (a segmentation fault inside vtkXMLUnstructuredGridReader,
  // found by tests/fuzz). The child's memory limit turns absurd counts into std::bad_alloc.
  return read_in_child_process(file, "a complete VTK XML UnstructuredGrid (.vtu)",
                               mesh_reader_memory_allowance(file), mesh_reader_cpu_allowance(file),
                               [&] { return read_vtu_mesh_here(file); });
}

void write_vtu_mesh(const MeshData& mesh, const std::filesystem::path& file) {
  vtkNew<vtkPoints> points;
  points->SetDataType(VTK_DOUBLE); // coordinates exactly as the mesh holds them
  for (const auto& x : mesh.nodes)
    points->InsertNextPoint(x[0], x[1], x[2]);
  vtkNew<vtkUnstructuredGrid> grid;
  grid->SetPoints(points);
  vtkNew<vtkIntArray> ids;
  ids->SetName("region_id");
  for (std::size_t t = 0; t < mesh.tets.size(); ++t) {
    const vtkIdType c[4] = {mesh.tets[t][0], mesh.tets[t][1], mesh.tets[t][2], mesh.tets[t][3]};
    grid->InsertNextCell(VTK_TETRA, 4, c);
    ids->InsertNextValue(static_cast<int>(mesh.tet_region[t]));
  }
  for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
    const auto& tri = mesh.triangles[t];
    const vtkIdType c[3] = {tri[0], tri[1], tri[2]};
    grid->InsertNextCell(VTK_TRIANGLE, 3, c);
    ids->InsertNextValue(static_cast<int>(mesh.triangle_surface[t]));
  }
  grid->GetCellData()->AddArray(ids);
  grid->GetFieldData()->AddArray(string_array("region_names", mesh.region_names));
  grid->GetFieldData()->AddArray(string_array("surface_names", mesh.surface_names));

  vtkNew<vtkXMLUnstructuredGridWriter> writer;
  writer->SetFileName(temporary_path(file).c_str());
  writer->SetInputData(grid);
  writer->SetDataModeToBinary();
  writer->SetCompressorTypeToNone(); // readable by every VTK version and by meshio
  if (writer->Write() != 1)
    throw InputError(file.string(), "cannot write the mesh (disk full or no permission?)");
  commit_temporary(file);
}

} // namespace spinefe
