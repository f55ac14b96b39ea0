#include "mechanics/facet_springs.h"

#include "core/input_error.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>

namespace spinefe {

using dealii::Point;
using dealii::Tensor;

namespace {

constexpr double pi = 3.14159265358979323846;

Point<3> node(const MeshData& mesh, const unsigned int i) {
  return Point<3>(mesh.nodes[i][0], mesh.nodes[i][1], mesh.nodes[i][2]);
}

/// One articular face: its vertices with their tributary areas, area, centroid and the
/// area-weighted mean normal (orientation: that of the face's first triangle).
struct Face {
  std::vector<unsigned int> vertices;
  std::vector<double> tributary_area;
  double area = 0;
  Point<3> centroid;
  Tensor<1, 3> normal;
};

Face face_of(const MeshData& mesh, const unsigned int surface) {
  Face f;
  std::map<unsigned int, double> tributary;
  Tensor<1, 3> first, sum;
  Tensor<1, 3> moment; // sum of area x triangle centroid
  bool have_first = false;
  for (std::size_t t = 0; t < mesh.triangles.size(); ++t) {
    if (mesh.triangle_surface[t] != surface)
      continue;
    const auto& tri = mesh.triangles[t];
    const Point<3> x0 = node(mesh, tri[0]), x1 = node(mesh, tri[1]), x2 = node(mesh, tri[2]);
    Tensor<1, 3> area_vector = 0.5 * cross_product_3d(x1 - x0, x2 - x0);
    const double area = area_vector.norm();
    if (!have_first && area > 0) {
      first = area_vector;
      have_first = true;
    }
    // Triangles of a surface need not be oriented alike: align each with the first.
    if (have_first && area_vector * first < 0)
      area_vector = -area_vector;
    sum += area_vector;
    f.area += area;
    moment += area / 3 * (x0 + x1 + x2);
    for (const unsigned int v : tri)
      tributary[v] += area / 3;
  }
  for (const auto& [v, a] : tributary) {
    f.vertices.push_back(v);
    f.tributary_area.push_back(a);
  }
  if (f.area > 0 && sum.norm() > 0) {
    f.centroid = Point<3>(moment / f.area);
    f.normal = sum / sum.norm();
  }
  return f;
}

/// Indices of `name` in `names`, or none.
std::vector<unsigned int> region_ids(const std::string& name,
                                     const std::vector<std::string>& names) {
  std::vector<unsigned int> ids;
  for (unsigned int r = 0; r < names.size(); ++r)
    if (names[r] == name)
      ids.push_back(r);
  return ids;
}

std::string number(const double x) {
  std::ostringstream s;
  s << x;
  return s.str();
}

} // namespace

std::vector<SpringDefinition> facet_springs(const MeshData& mesh,
                                            const std::vector<std::string>& region_names,
                                            const double cartilage_modulus,
                                            std::vector<FacetJointSummary>* summary) {
  if (!(cartilage_modulus > 0))
    throw InputError(mesh.source, "facet joints: the cartilage modulus must be positive, but is " +
                                      number(cartilage_modulus) + " MPa");
  // 1. The joints, from the names of their faces, in the order of the surfaces.
  std::vector<std::string> joints;
  for (const std::string& s : mesh.surface_names) {
    const auto slash = s.find('/');
    if (s.rfind("facet_", 0) == 0 && slash != std::string::npos &&
        std::find(joints.begin(), joints.end(), s.substr(0, slash)) == joints.end())
      joints.push_back(s.substr(0, slash));
  }

  std::vector<SpringDefinition> springs;
  for (const std::string& joint : joints) {
    const auto fail = [&](const std::string& what) {
      throw InputError(mesh.source, "facet joint '" + joint + "': " + what);
    };
    // facet_<U>_<L>_<side>
    std::vector<std::string> parts;
    {
      std::istringstream in(joint.substr(6));
      for (std::string p; std::getline(in, p, '_');)
        parts.push_back(p);
    }
    if (parts.size() != 3)
      fail("the name is not facet_<upper>_<lower>_<side>");
    const std::string &upper = parts[0], &lower = parts[1];

    // 2. The two faces.
    const auto surface = [&](const std::string& name) {
      const auto it = std::find(mesh.surface_names.begin(), mesh.surface_names.end(), name);
      if (it == mesh.surface_names.end())
        fail("the mesh has no surface '" + name + "'");
      const Face f = face_of(mesh, static_cast<unsigned int>(it - mesh.surface_names.begin()));
      if (f.vertices.empty() || !(f.area > 0))
        fail("surface '" + name + "' has no triangles");
      return f;
    };
    const Face sap = surface(joint + "/" + lower + "_SAP");
    const Face iap = surface(joint + "/" + upper + "_IAP");

    // 3. Normal (SAP -> IAP), parallelism and the measured gap.
    Tensor<1, 3> n = sap.normal;
    if (n * (iap.centroid - sap.centroid) < 0)
      n = -n;
    const double angle = std::acos(std::min(1.0, std::abs(n * iap.normal))) * 180 / pi;
    if (angle > facet_max_angle)
      fail("the articular faces are " + number(angle) +
           " degrees apart in orientation, more "
           "than " +
           number(facet_max_angle) + "; they must be parallel");
    const double gap = n * (iap.centroid - sap.centroid);
    if (!(gap > 0) || gap > facet_max_gap)
      fail("the articular faces are " + number(gap) +
           " mm apart (mean normal distance); "
           "expected more than 0 and at most " +
           number(facet_max_gap) + " mm");

    const std::vector<unsigned int> regions_a = region_ids(lower + "/posterior", region_names),
                                    regions_b = region_ids(upper + "/posterior", region_names);
    if (regions_a.empty() || regions_b.empty())
      fail("no region '" + (regions_a.empty() ? lower : upper) +
           "/posterior' for the articular process to attach to");

    // 4. One spring per SAP vertex, to the nearest IAP vertex.
    FacetJointSummary s;
    s.name = joint;
    s.upper = upper;
    s.lower = lower;
    s.gap = gap;
    s.angle = angle;
    s.normal = n;
    s.contact_area = sap.area;
    for (std::size_t i = 0; i < sap.vertices.size(); ++i) {
      const Point<3> xa = node(mesh, sap.vertices[i]);
      double best = std::numeric_limits<double>::max();
      Point<3> xb;
      for (const unsigned int v : iap.vertices)
        if (const double d = xa.distance(node(mesh, v)); d < best) {
          best = d;
          xb = node(mesh, v);
        }
      SpringDefinition spring;
      spring.name = joint + "/" + std::to_string(i);
      spring.a = xa;
      spring.b = xb;
      spring.stiffness_small = spring.stiffness_large =
          cartilage_modulus * sap.tributary_area[i] / gap;
      spring.transition_elongation = 0; // never reached: slack for every delta > 0
      spring.response = SpringResponse::compression_only;
      spring.direction = n;
      spring.regions_a = regions_a;
      spring.regions_b = regions_b;
      const Tensor<1, 3> d = xb - xa;
      s.max_tangential_offset = std::max(s.max_tangential_offset, (d - (d * n) * n).norm());
      s.stiffness += spring.stiffness_small;
      springs.push_back(spring);
    }
    s.n_springs = static_cast<unsigned int>(sap.vertices.size());
    if (summary)
      summary->push_back(s);
  }
  return springs;
}

std::vector<FacetJointForce> facet_joint_forces(const std::vector<SpringDefinition>& springs,
                                                const std::vector<double>& forces) {
  if (springs.size() != forces.size())
    throw std::logic_error("facet_joint_forces: " + std::to_string(springs.size()) +
                           " springs but " + std::to_string(forces.size()) + " forces");
  std::vector<FacetJointForce> joints;
  for (std::size_t i = 0; i < springs.size(); ++i) {
    const SpringDefinition& s = springs[i];
    const auto slash = s.name.find('/');
    if (s.response != SpringResponse::compression_only || s.name.rfind("facet_", 0) != 0 ||
        slash == std::string::npos)
      continue;
    const std::string joint = s.name.substr(0, slash);
    auto it = std::find_if(joints.begin(), joints.end(),
                           [&](const FacetJointForce& j) { return j.name == joint; });
    if (it == joints.end()) {
      joints.push_back({joint, 0.0, 0, 0});
      it = joints.end() - 1;
    }
    it->force -= forces[i];
    it->n_springs += 1;
    it->n_closed += forces[i] < 0;
  }
  return joints;
}

} // namespace spinefe
