#include "meshing/spine_mesh_sizes.h"

#include <gmsh.h>

#include <algorithm>
#include <cstdlib>

namespace spinefe {

namespace field = gmsh::model::mesh::field;

namespace {

bool contains(const std::string& name, const std::string& part) {
  return name.find(part) != std::string::npos;
}

std::vector<double> boundary_surfaces(const std::vector<int>& volumes) {
  gmsh::vectorpair in, out;
  for (const int v : volumes)
    in.emplace_back(3, v);
  gmsh::model::getBoundary(in, out, false, false, false);
  std::vector<double> tags;
  for (const auto& [dim, tag] : out)
    if (std::find(tags.begin(), tags.end(), tag) == tags.end())
      tags.push_back(tag);
  return tags;
}

/// A field that is `size` within the surfaces and grows to `global` over `transition` mm.
int refine_near(const std::vector<double>& surfaces, const double size, const double global,
                const double transition) {
  const int distance = field::add("Distance");
  field::setNumbers(distance, "FacesList", surfaces);
  const int threshold = field::add("Threshold");
  field::setNumber(threshold, "InField", distance);
  field::setNumber(threshold, "LcMin", size);
  field::setNumber(threshold, "LcMax", global);
  field::setNumber(threshold, "DistMin", 0);
  field::setNumber(threshold, "DistMax", transition);
  return threshold;
}

} // namespace

void set_spine_mesh_sizes(const SpineMeshSizes& sizes,
                          const std::vector<std::pair<std::string, std::vector<int>>>& regions) {
  std::vector<int> shells, implants, instrumentation;
  auto starts = [](const std::string& name, const char* prefix) {
    return name.rfind(prefix, 0) == 0;
  };
  for (const auto& [name, volumes] : regions) {
    std::vector<int>* target = nullptr;
    if (contains(name, "/cortical") || contains(name, "/endplate"))
      target = &shells;
    else if (starts(name, "implant/"))
      target = &implants;
    else if (starts(name, "screw_") || starts(name, "tulip_") || starts(name, "rod_"))
      target = &instrumentation;
    if (target)
      target->insert(target->end(), volumes.begin(), volumes.end());
  }
  std::vector<double> fields;
  fields.push_back(
      refine_near(boundary_surfaces(shells), sizes.shell, sizes.global, sizes.transition));
  if (!implants.empty())
    fields.push_back(
        refine_near(boundary_surfaces(implants), sizes.interface, sizes.global, sizes.transition));
  if (!instrumentation.empty())
    fields.push_back(refine_near(boundary_surfaces(instrumentation), sizes.screw, sizes.global,
                                 sizes.transition));
  const int minimum = field::add("Min");
  field::setNumbers(minimum, "FieldsList", fields);
  field::setAsBackgroundMesh(minimum);
  gmsh::option::setNumber("Mesh.MeshSizeExtendFromBoundary", 0);
  gmsh::option::setNumber("Mesh.MeshSizeFromPoints", 0);
  gmsh::option::setNumber("Mesh.MeshSizeFromCurvature", 0);
  gmsh::option::setNumber("Mesh.MeshSizeMax", sizes.global);
  gmsh::option::setNumber("Mesh.MeshSizeMin",
                          0.5 * std::min({sizes.shell, sizes.interface, sizes.screw}));
  gmsh::option::setNumber("Mesh.Algorithm3D",
                          std::getenv("ALGO3D") ? std::atoi(std::getenv("ALGO3D")) : 1);
  gmsh::option::setNumber("General.NumThreads", 1);
  gmsh::option::setNumber("Mesh.Optimize", 1);
}

} // namespace spinefe
