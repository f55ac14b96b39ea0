#include "app/problem_builder.h"

#include "core/input_error.h"
#include "materials/crushable_foam_table.h"
#include "materials/material_choice.h"
#include "materials/porous_implant.h"
#include "meshing/triangulation_builder.h"

#include <deal.II/base/function.h>

#include <algorithm>

#include <fnmatch.h>

namespace spinefe {

namespace {

std::string list(const std::vector<std::string>& names) {
  std::string text;
  for (const auto& n : names)
    text += (text.empty() ? "" : ", ") + n;
  return text.empty() ? "(none)" : text;
}

dealii::types::boundary_id surface_id(const CaseDefinition& c, const MeshNames& mesh,
                                      const std::string& surface, const std::string& parameter) {
  const auto it = std::find(mesh.surfaces.begin(), mesh.surfaces.end(), surface);
  if (it == mesh.surfaces.end())
    throw InputError(c.locator.where(parameter),
                     "surface '" + surface + "' is not in mesh " + mesh.source +
                         "; its named surfaces are: " + list(mesh.surfaces));
  const auto index = static_cast<unsigned int>(it - mesh.surfaces.begin());
  if (mesh.interior_surfaces.count(index))
    throw InputError(c.locator.where(parameter),
                     "surface '" + surface +
                         "' lies inside the mesh (an interface between "
                         "regions), so it cannot carry a boundary condition");
  return surface_boundary_id(index);
}

/// Does the 'Region materials' key (an exact name or a shell pattern with * and ?) name it?
bool matches(const std::string& key, const std::string& region) {
  return fnmatch(key.c_str(), region.c_str(), 0) == 0;
}

/// The material the case gives `region`: the first 'Region materials' entry that names it, so
/// specific names go before broad patterns; nullptr if none does.
const std::string* material_of(const CaseDefinition& c, const std::string& region) {
  const auto it = std::find_if(c.region_materials.begin(), c.region_materials.end(),
                               [&](const auto& entry) { return matches(entry.first, region); });
  return it == c.region_materials.end() ? nullptr : &it->second;
}

/// Bone grows into the printed body's porous core ('Materials/Ingrowth fraction').
bool is_ingrown_core(const std::string& region, const std::string& material) {
  return region == "implant/core" && material == "implant";
}

/// The material of every region: linear from the library, or crushable foam from `foams` (then
/// recorded in `plastic` by region index, with its elastic constants as the linear entry).
std::vector<LinearIsotropic>
region_materials(const CaseDefinition& c, const MaterialLibrary& library,
                 const CrushableFoamTable& foams, const MeshNames& mesh,
                 std::map<unsigned int, CrushableFoamParameters>& plastic) {
  const std::string where = c.locator.where("Materials/Region materials");
  for (const auto& [key, material] : c.region_materials)
    if (!c.allow_unmatched_materials &&
        std::none_of(mesh.regions.begin(), mesh.regions.end(),
                     [&](const std::string& r) { return matches(key, r); }))
      throw InputError(
          where,
          std::string(key.find_first_of("*?") == std::string::npos ? "region '" : "pattern '") +
              key + "' " +
              (key.find_first_of("*?") == std::string::npos ? "is not in mesh "
                                                            : "matches no region of mesh ") +
              mesh.source + "; the mesh regions are: " + list(mesh.regions));
  std::vector<LinearIsotropic> materials;
  for (const auto& region : mesh.regions) {
    const std::string* material = material_of(c, region);
    if (!material)
      throw InputError(where, "mesh region '" + region + "' has no material; add '" + region +
                                  ": <material>' (materials: " + list(library.names()) + ")");
    if (foams.contains(*material)) {
      const CrushableFoamParameters& foam = foams.parameters(*material);
      plastic[static_cast<unsigned int>(materials.size())] = foam;
      materials.emplace_back(foam.name, foam.youngs_modulus, foam.poisson_ratio);
      continue;
    }
    try {
      materials.push_back(is_ingrown_core(region, *material)
                              ? ingrown_implant(c.material_choices, library)
                              : choose_material(*material, c.material_choices, library));
    } catch (const InputError& e) {
      throw InputError(where, "region '" + region + "': " + e.message());
    }
  }
  return materials;
}

} // namespace

std::map<std::string, double> lattice_strut_factors(const CaseDefinition& c,
                                                    const MaterialLibrary& library,
                                                    const std::vector<std::string>& regions) {
  std::map<std::string, double> factors;
  const double porosity = implant_porosity(c.material_choices, library);
  if (porosity == 0)
    return factors;
  const double strut = lattice_strut_stress_factor(porosity);
  const double lattice = choose_material("implant", c.material_choices, library).youngs_modulus();
  for (const auto& region : regions) {
    const std::string* material = material_of(c, region);
    if (!material || *material != "implant")
      continue;
    const double own = is_ingrown_core(region, *material)
                           ? ingrown_implant(c.material_choices, library).youngs_modulus()
                           : lattice;
    factors[region] = strut * lattice / own;
  }
  return factors;
}

ProblemDefinition build_problem(const CaseDefinition& c, const MaterialLibrary& library,
                                const MeshNames& mesh) {
  ProblemDefinition p;
  const CrushableFoamTable foams = CrushableFoamTable::read(
      c.crushable_foam_table.empty() ? CrushableFoamTable::builtin_file() : c.crushable_foam_table);
  p.materials = region_materials(c, library, foams, mesh, p.crushable_foam);
  p.region_names = mesh.regions;
  p.surface_names = mesh.surfaces;
  p.interior_surfaces = mesh.interior_surfaces;
  for (const auto& f : c.fixed)
    p.dirichlet.push_back({f.surface, surface_id(c, mesh, f.surface, "Boundary conditions/Fixed"),
                           f.components, nullptr});
  for (const auto& d : c.displacements) {
    auto value = std::make_shared<dealii::Functions::ConstantFunction<3>>(
        std::vector<double>(d.value.begin(), d.value.end()));
    p.dirichlet.push_back(
        {d.surface, surface_id(c, mesh, d.surface, "Boundary conditions/Prescribed displacement"),
         d.components, value});
  }
  for (const auto& l : c.loads) {
    const char* parameter = l.kind == NeumannCondition::Kind::pressure       ? "Pressure"
                            : l.kind == NeumannCondition::Kind::traction     ? "Traction"
                            : l.kind == NeumannCondition::Kind::total_moment ? "Total moment"
                                                                             : "Total force";
    NeumannCondition n;
    n.surface = l.surface;
    n.boundary = surface_id(c, mesh, l.surface, std::string("Boundary conditions/") + parameter);
    n.kind = l.kind;
    n.vector = l.vector;
    n.pressure = l.pressure;
    p.neumann.push_back(n);
  }
  if (c.body_force != std::array<double, 3>{0, 0, 0})
    p.body_force = std::make_shared<dealii::Functions::ConstantFunction<3>>(
        std::vector<double>(c.body_force.begin(), c.body_force.end()));
  if (p.dirichlet.empty())
    throw InputError(c.locator.where("Boundary conditions/Fixed"),
                     "no surface is fixed or has a prescribed displacement; the body could move "
                     "as a rigid body and the problem has no unique solution");
  return p;
}

std::vector<RigidBodyDefinition>
resolve_region_groups(const RegionGroups& groups, const MeshNames& mesh, const std::string& where) {
  std::vector<RigidBodyDefinition> bodies;
  for (const auto& [name, patterns] : groups) {
    RigidBodyDefinition body{name, {}};
    for (const auto& pattern : patterns) {
      bool found = false;
      for (unsigned int r = 0; r < mesh.regions.size(); ++r)
        if (matches(pattern, mesh.regions[r])) {
          found = true;
          if (std::find(body.regions.begin(), body.regions.end(), r) == body.regions.end())
            body.regions.push_back(r);
        }
      if (!found)
        throw InputError(where, "body '" + name + "': pattern '" + pattern +
                                    "' matches no region of mesh " + mesh.source +
                                    "; the mesh regions are: " + list(mesh.regions));
    }
    bodies.push_back(body);
  }
  return bodies;
}

std::vector<RigidBodyDefinition> rigid_bodies(const CaseDefinition& c, const MeshNames& mesh) {
  return resolve_region_groups(c.output.rigid_bodies, mesh, c.locator.where("Output/Rigid bodies"));
}

std::vector<RigidBodyDefinition> follower_path(const CaseDefinition& c, const MeshNames& mesh) {
  return resolve_region_groups(c.follower_path, mesh,
                               c.locator.where("Boundary conditions/Follower path"));
}

NeumannCondition load_case_moment(const CaseDefinition& c, const MeshNames& mesh,
                                  const std::array<double, 3>& moment) {
  NeumannCondition n;
  n.surface = c.load_case_surface;
  n.boundary = surface_id(c, mesh, c.load_case_surface, "Boundary conditions/Load case surface");
  n.kind = NeumannCondition::Kind::total_moment;
  n.vector = moment;
  return n;
}

} // namespace spinefe
