#include "meshing/gmsh_reader.h"

#include "core/input_error.h"
#include "meshing/gmsh_session.h"
#include "meshing/isolated_read.h"
#include "meshing/mesh_compaction.h"

#include <gmsh.h>

#include <filesystem>
#include <functional>
#include <map>

namespace spinefe {

namespace {

// gmsh element type numbers (gmsh reference manual, "MSH file format").
constexpr int gmsh_triangle3 = 2, gmsh_triangle6 = 9, gmsh_tet4 = 4, gmsh_tet10 = 11;

std::string physical_name(const int dim, const int tag, const char* fallback_prefix) {
  std::string name;
  gmsh::model::getPhysicalName(dim, tag, name);
  return name.empty() ? fallback_prefix + std::to_string(tag) : name;
}

struct EntityElements {
  std::vector<int> types;
  std::vector<std::vector<std::size_t>> tags, nodes;
};

EntityElements elements_of(const int dim, const int entity) {
  EntityElements e;
  gmsh::model::mesh::getElements(e.types, e.tags, e.nodes, dim, entity);
  return e;
}

void add_volume_entity(MeshData& mesh, RawMesh& raw, const int entity, const unsigned int region) {
  const EntityElements e = elements_of(3, entity);
  for (std::size_t k = 0; k < e.types.size(); ++k) {
    const int type = e.types[k];
    if (type != gmsh_tet4 && type != gmsh_tet10) {
      std::string name;
      int d, order, n_nodes, n_primary;
      std::vector<double> local;
      gmsh::model::mesh::getElementProperties(type, name, d, order, n_nodes, local, n_primary);
      throw InputError(mesh.source, "region '" + mesh.region_names[region] +
                                        "' contains elements of type '" + name +
                                        "'; spinefe reads tetrahedra only (4 or 10 nodes)");
    }
    const std::size_t per = type == gmsh_tet4 ? 4 : 10;
    for (std::size_t i = 0; i < e.tags[k].size(); ++i) {
      const std::size_t* n = &e.nodes[k][i * per];
      raw.add_tet(e.tags[k][i], {n[0], n[1], n[2], n[3]}, region);
      if (per == 10)
        raw.check_mid_nodes({n[0], n[1], n[2], n[3]}, {n[4], n[5], n[6], n[7], n[8], n[9]});
    }
  }
}

void add_surface_entity(MeshData& mesh, RawMesh& raw, const int entity,
                        const unsigned int surface) {
  const EntityElements e = elements_of(2, entity);
  for (std::size_t k = 0; k < e.types.size(); ++k) {
    if (e.types[k] != gmsh_triangle3 && e.types[k] != gmsh_triangle6)
      throw InputError(mesh.source, "surface '" + mesh.surface_names[surface] +
                                        "' contains non-triangular facets");
    const std::size_t per = e.types[k] == gmsh_triangle3 ? 3 : 6;
    for (std::size_t i = 0; i < e.tags[k].size(); ++i) {
      const std::size_t* n = &e.nodes[k][i * per];
      raw.add_triangle({n[0], n[1], n[2]}, surface);
    }
  }
}

} // namespace

MeshData mesh_from_gmsh_model(const std::string& source) {
  MeshData mesh;
  mesh.source = source;
  RawMesh raw(mesh);
  {
    std::vector<std::size_t> tags;
    std::vector<double> xyz, parametric;
    gmsh::model::mesh::getNodes(tags, xyz, parametric, -1, -1, true, false);
    for (std::size_t i = 0; i < tags.size(); ++i)
      raw.add_node(tags[i], {xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]});
  }
  gmsh::vectorpair volumes, surfaces;
  gmsh::model::getPhysicalGroups(volumes, 3);
  gmsh::model::getPhysicalGroups(surfaces, 2);
  if (volumes.empty()) {
    gmsh::vectorpair entities;
    gmsh::model::getEntities(entities, 3);
    for (const auto& [dim, tag] : entities)
      add_volume_entity(mesh, raw, tag, mesh.add_region("volume_" + std::to_string(tag)));
  }
  for (const auto& [dim, tag] : volumes) {
    const unsigned int region = mesh.add_region(physical_name(dim, tag, "region_"));
    std::vector<int> entities;
    gmsh::model::getEntitiesForPhysicalGroup(dim, tag, entities);
    for (const int entity : entities)
      add_volume_entity(mesh, raw, entity, region);
  }
  for (const auto& [dim, tag] : surfaces) {
    const unsigned int surface = mesh.add_surface(physical_name(dim, tag, "surface_"));
    std::vector<int> entities;
    gmsh::model::getEntitiesForPhysicalGroup(dim, tag, entities);
    for (const int entity : entities)
      add_surface_entity(mesh, raw, entity, surface);
  }
  raw.finish();
  return mesh;
}

namespace {

bool is_script(const std::string& file) {
  return std::filesystem::path(file).extension() == ".geo";
}

std::string expected_content(const std::string& file) {
  return is_script(file) ? "a gmsh .geo script that defines a meshable 3D geometry"
                         : "a complete gmsh .msh file (v2 or v4, ASCII or binary)";
}

/// Refuses a script whose geometry, at the largest element size, would need more than a billion
/// tetrahedra (a box of 1e23 mm, a NaN coordinate): gmsh would mesh it for ever.
void refuse_endless_meshing(const std::string& file) {
  double size = 0, x0 = 0, y0 = 0, z0 = 0, x1 = 0, y1 = 0, z1 = 0;
  gmsh::option::getNumber("Mesh.MeshSizeMax", size);
  gmsh::model::getBoundingBox(-1, -1, x0, y0, z0, x1, y1, z1);
  const double n_tets = 6 * (x1 - x0) * (y1 - y0) * (z1 - z0) / (size * size * size);
  if (!(n_tets < 1e9))
    throw InputError(file, "the geometry spans " + std::to_string(x1 - x0) + " x " +
                               std::to_string(y1 - y0) + " x " + std::to_string(z1 - z0) +
                               " mm, about " + std::to_string(n_tets) +
                               " tetrahedra at the largest element size " + std::to_string(size) +
                               " mm; expected a geometry in mm that meshes with fewer than 1e9");
}

MeshData read_gmsh_file_here(const std::string& file, const double mesh_size) {
  GmshSession session;
  const std::string doing = is_script(file) ? "mesh the script" : "read the mesh";
  // Step by step, so that an error gmsh only logs is reported before the next step hides it.
  const auto step = [&](const std::function<void()>& gmsh_calls) {
    session.run_on_user_file(file, doing, expected_content(file), gmsh_calls);
  };
  step([&] { gmsh::open(file); });
  if (is_script(file))
    step([&] {
      if (mesh_size > 0) {
        gmsh::option::setNumber("Mesh.MeshSizeMax", mesh_size);
        gmsh::option::setNumber("Mesh.MeshSizeFromPoints", 0);
      }
      refuse_endless_meshing(file);
      gmsh::model::mesh::generate(3);
    });
  MeshData mesh;
  step([&] { mesh = mesh_from_gmsh_model(file); });
  return mesh;
}

} // namespace

MeshData read_gmsh_file(const std::string& file, const double mesh_size) {
  // A .msh needs memory and time in proportion to its size; meshing a .geo needs what its
  // geometry asks for, so it has no limit.
  const bool script = is_script(file);
  return read_in_child_process(file, expected_content(file),
                               script ? 0 : mesh_reader_memory_allowance(file),
                               script ? 0 : mesh_reader_cpu_allowance(file),
                               [&] { return read_gmsh_file_here(file, mesh_size); });
}

} // namespace spinefe
