#include "app/mesh_source.h"

#include "app/spine_section.h"
#include "core/input_error.h"
#include "meshing/mesh_quality.h"
#include "meshing/mesh_reader.h"

namespace spinefe {

namespace {

MeshData build_spine_mesh(const CaseDefinition& c, std::ostream& log, SpineModel* spine) {
  SpineModel model;
  try {
    model = build_spine_model(c.spine, &log);
  } catch (const InputError& e) {
    rethrow_at_case_line(e, c.locator);
  } catch (...) {
    // OpenCASCADE and gmsh throw std::string or their own types when the geometry the case's
    // values describe cannot be built.
    throw InputError(c.locator.where("Mesh/Source"),
                     "gmsh could not build the spine model: " + current_exception_message() +
                         "; expected anatomy and implant values that give a buildable geometry");
  }
  log << "  [mesh] spine model: geometry " << model.geometry_seconds << " s, meshing "
      << model.meshing_seconds << " s\n";
  const MeshQuality q = measure_quality(model.mesh);
  print_quality(q, log);
  // The meshing target is SICN >= 0.1 everywhere; say where it is missed, even when the
  // (lower) threshold of the case passes.
  for (const auto& r : q.regions)
    if (r.min_sicn < 0.1)
      log << "  [mesh] note: region " << r.region << " has elements below SICN 0.1 (min "
          << r.min_sicn << ")\n";
  try {
    check_quality(model.mesh, q, c.spine.sizes.min_sicn);
  } catch (const InputError& e) {
    throw InputError(c.locator.where("Spine model/Mesh sizes/Minimum quality"), e.message());
  }
  MeshData mesh = std::move(model.mesh);
  model.mesh = MeshData();
  if (spine)
    *spine = std::move(model);
  return mesh;
}

} // namespace

MeshData case_mesh(const CaseDefinition& c, std::ostream& log, SpineModel* spine) {
  MeshData mesh =
      c.spine_model ? build_spine_mesh(c, log, spine) : read_mesh_file(c.mesh_file, c.mesh_size);
  log << "  [mesh] " << mesh.source << ": " << mesh.tets.size() << " tetrahedra, "
      << mesh.nodes.size() << " vertices, " << mesh.region_names.size() << " regions, "
      << mesh.surface_names.size() << " named surfaces\n";
  if (mesh.n_curved_edges_dropped > 0)
    log << "  [mesh] note: " << mesh.n_curved_edges_dropped
        << " curved mid-side nodes were straightened (spinefe uses straight-sided cells)\n";
  return mesh;
}

} // namespace spinefe
