#include "tests/support/contact_geometry.h"

#include "core/input_error.h"
#include "meshing/gmsh_reader.h"
#include "meshing/gmsh_session.h"
#include "meshing/interface_split.h"
#include "tests/support/layered_column.h"
#include "tests/support/solve.h"

#include <deal.II/base/function.h>

#include <gmsh.h>

#include <cmath>
#include <sstream>

namespace spinefe::testing {

ProblemDefinition::ContactPairs
split_for_contact(MeshData& mesh, const std::vector<unsigned int>& side_a,
                  const std::vector<unsigned int>& side_b, const ContactInterface& interface,
                  const std::function<double(const dealii::Point<3>&)>& initial_gap) {
  const SplitInterface split = split_interface(mesh, side_a, side_b);
  ProblemDefinition::ContactPairs contact;
  contact.interfaces = {interface};
  contact.patches = split.patches;
  for (const SplitNodePair& p : split.pairs) {
    ContactPairDefinition d;
    d.x = dealii::Point<3>(p.x[0], p.x[1], p.x[2]);
    d.normal = dealii::Tensor<1, 3>({p.normal[0], p.normal[1], p.normal[2]});
    d.area = p.area;
    d.initial_gap = initial_gap ? initial_gap(d.x) : 0.0;
    d.region_a = p.region_a;
    d.region_b = p.region_b;
    d.interface = 0;
    d.patch = p.patch;
    contact.pairs.push_back(d);
  }
  return contact;
}

namespace {

namespace occ = gmsh::model::occ;

// OpenCASCADE pads bounding boxes by ~1e-5 mm; far below any feature size here.
constexpr double tol = 1e-3;

std::vector<int> entities_in(int dim, double x0, double y0, double z0, double x1, double y1,
                             double z1) {
  gmsh::vectorpair tags;
  gmsh::model::getEntitiesInBoundingBox(x0 - tol, y0 - tol, z0 - tol, x1 + tol, y1 + tol, z1 + tol,
                                        tags, dim);
  std::vector<int> out;
  for (const auto& t : tags)
    out.push_back(t.second);
  return out;
}

void name_group(int dim, const std::vector<int>& tags, const std::string& name) {
  if (tags.empty())
    throw InputError("cylinder_on_block", "internal: no entity found for '" + name + "'");
  gmsh::model::setPhysicalName(dim, gmsh::model::addPhysicalGroup(dim, tags), name);
}

} // namespace

MeshData cylinder_on_block(const CylinderOnBlock& g) {
  GmshSession session;
  gmsh::model::add("cylinder_on_block");
  const double w = g.half_width, h = g.depth, a = g.radius, hc = g.cylinder_height;
  const int box = occ::addBox(0, 0, -h, w, w, h);
  const int cylinder = occ::addCylinder(0, 0, 0, 0, 0, hc, a, -1, M_PI / 2);
  gmsh::vectorpair out;
  std::vector<gmsh::vectorpair> out_map;
  // Fragment splits the block's top face at the footprint: one conforming interface.
  occ::fragment({{3, box}}, {{3, cylinder}}, out, out_map);
  occ::synchronize();

  name_group(3, entities_in(3, 0, 0, -h, w, w, 0), "block");
  name_group(3, entities_in(3, 0, 0, 0, a, a, hc), "cylinder");
  name_group(2, entities_in(2, 0, 0, -h, 0, w, hc), "xmin");
  name_group(2, entities_in(2, 0, 0, -h, w, 0, hc), "ymin");
  name_group(2, entities_in(2, 0, 0, -h, w, w, -h), "bottom");
  name_group(2, entities_in(2, 0, 0, hc, a, a, hc), "cylinder_top");

  // Element size from the distance to the refinement target (an analytic distance: the rim is a
  // circle, the axis point a point), through a Threshold field.
  namespace field = gmsh::model::mesh::field;
  std::ostringstream distance;
  distance.precision(17);
  if (g.refine_rim)
    distance << "Sqrt((Sqrt(x*x+y*y)-" << a << ")^2+z*z)";
  else
    distance << "Sqrt(x*x+y*y+z*z)";
  const int d = field::add("MathEval");
  field::setString(d, "F", distance.str());
  const int t = field::add("Threshold");
  field::setNumber(t, "InField", d);
  field::setNumber(t, "SizeMin", g.fine_size);
  field::setNumber(t, "SizeMax", g.coarse_size);
  field::setNumber(t, "DistMin", g.fine_distance);
  field::setNumber(t, "DistMax", g.coarse_distance);
  field::setAsBackgroundMesh(t);
  gmsh::option::setNumber("Mesh.MeshSizeExtendFromBoundary", 0);
  gmsh::option::setNumber("Mesh.MeshSizeFromPoints", 0);
  gmsh::option::setNumber("Mesh.MeshSizeFromCurvature", 0);
  gmsh::option::setNumber("Mesh.MeshSizeMax", g.coarse_size);
  gmsh::option::setNumber("Mesh.MeshSizeMin", 0.5 * g.fine_size);
  gmsh::option::setNumber("Mesh.Algorithm3D", 1); // Delaunay: reproducible node for node
  gmsh::option::setNumber("General.NumThreads", 1);
  gmsh::model::mesh::generate(3);
  session.throw_on_gmsh_error("cylinder_on_block");
  MeshData mesh = mesh_from_gmsh_model("cylinder_on_block");
  // gmsh keeps its options between models: restore the defaults the generators rely on.
  field::remove(t);
  field::remove(d);
  gmsh::option::setNumber("Mesh.MeshSizeExtendFromBoundary", 1);
  gmsh::option::setNumber("Mesh.MeshSizeFromPoints", 1);
  return mesh;
}

ProblemDefinition cylinder_pressed_into_block(const MeshData& mesh, const LinearIsotropic& block,
                                              const LinearIsotropic& cylinder, const double delta) {
  ProblemDefinition p;
  const unsigned int cyl = region_of(mesh, "cylinder");
  for (unsigned int r = 0; r < mesh.region_names.size(); ++r)
    p.materials.push_back(r == cyl ? cylinder : block);
  p.dirichlet.push_back({"xmin", boundary_of(mesh, "xmin"), {{true, false, false}}, nullptr});
  p.dirichlet.push_back({"ymin", boundary_of(mesh, "ymin"), {{false, true, false}}, nullptr});
  p.dirichlet.push_back({"bottom", boundary_of(mesh, "bottom"), {{false, false, true}}, nullptr});
  p.dirichlet.push_back({"cylinder_top",
                         boundary_of(mesh, "cylinder_top"),
                         {{false, false, true}},
                         std::make_shared<dealii::Functions::ConstantFunction<3>>(
                             std::vector<double>{0, 0, -delta})});
  return p;
}

} // namespace spinefe::testing
