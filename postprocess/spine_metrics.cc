#include "postprocess/spine_metrics.h"

#include "materials/bone_quality.h"
#include "mechanics/facet_springs.h"
#include "postprocess/contact_pressure.h"
#include "postprocess/endplate_strength.h"
#include "postprocess/interface_stress.h"
#include "postprocess/section_force.h"
#include "postprocess/subsidence_depth.h"
#include "postprocess/von_mises_stats.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/fe/fe_values.h>

#include <Eigen/Dense>

#include <fnmatch.h>

#include <algorithm>
#include <optional>

namespace spinefe {

using namespace dealii;

namespace {

std::vector<unsigned int> matching(const std::vector<std::string>& regions,
                                   const std::string& pattern) {
  std::vector<unsigned int> ids;
  for (unsigned int r = 0; r < regions.size(); ++r)
    if (fnmatch(pattern.c_str(), regions[r].c_str(), 0) == 0)
      ids.push_back(r);
  return ids;
}

Tensor<1, 3> tensor(const std::array<double, 3>& v) {
  Tensor<1, 3> t;
  for (unsigned int d = 0; d < 3; ++d)
    t[d] = v[d];
  return t;
}

/// Volume centroid of the tetrahedra of `regions`.
Eigen::Vector3d region_centroid(const MeshData& mesh, const std::vector<unsigned int>& regions) {
  Eigen::Vector3d sum = Eigen::Vector3d::Zero();
  double volume = 0;
  for (unsigned int t = 0; t < mesh.tets.size(); ++t) {
    if (std::find(regions.begin(), regions.end(), mesh.tet_region[t]) == regions.end())
      continue;
    Eigen::Vector3d c = Eigen::Vector3d::Zero();
    for (const unsigned int n : mesh.tets[t])
      c += Eigen::Vector3d(mesh.nodes[n].data());
    const double v = std::abs(signed_volume(mesh, t));
    sum += v * c / 4;
    volume += v;
  }
  return volume > 0 ? Eigen::Vector3d(sum / volume) : sum;
}

InterfaceGeometry interface_geometry(const MeshData& mesh, const std::string& surface) {
  InterfaceGeometry g;
  g.surface = surface;
  const std::string tail = surface.substr(surface.find('/') + 1); // "T12_inferior"
  g.level = tail.substr(0, tail.find('_'));
  g.side = tail.substr(tail.find('_') + 1);
  g.facets = interface_facets(mesh, surface);
  const FacetGeometry plane = facet_geometry(g.facets);
  // facet_geometry leaves the normal's sign open: point it into the bone of the level.
  const Eigen::Vector3d bone = region_centroid(mesh, matching(mesh.region_names, g.level + "/*"));
  const double towards_bone = (bone[0] - plane.centroid[0]) * plane.normal[0] +
                              (bone[1] - plane.centroid[1]) * plane.normal[1] +
                              (bone[2] - plane.centroid[2]) * plane.normal[2];
  g.area = plane.area;
  for (unsigned int d = 0; d < 3; ++d) {
    g.centroid[d] = plane.centroid[d];
    g.normal[d] = (towards_bone < 0 ? -1 : 1) * plane.normal[d];
  }
  return g;
}

ScrewAxis screw_axis(const MeshData& mesh, const unsigned int region) {
  ScrewAxis s;
  s.name = mesh.region_names[region];
  s.level = s.name.substr(6, s.name.find('_', 6) - 6); // screw_<level>_<side>
  Eigen::Vector3d sum = Eigen::Vector3d::Zero();
  Eigen::Matrix3d second = Eigen::Matrix3d::Zero();
  double volume = 0;
  for (unsigned int t = 0; t < mesh.tets.size(); ++t) {
    if (mesh.tet_region[t] != region)
      continue;
    const double v = std::abs(signed_volume(mesh, t));
    // Exact second moments of a tetrahedron: (sum of corner outer products + outer product of
    // the corner sum) v / 20.
    Eigen::Vector3d corner_sum = Eigen::Vector3d::Zero();
    Eigen::Matrix3d outer = Eigen::Matrix3d::Zero();
    for (const unsigned int n : mesh.tets[t]) {
      const Eigen::Vector3d x(mesh.nodes[n].data());
      corner_sum += x;
      outer += x * x.transpose();
    }
    sum += v * corner_sum / 4;
    second += v / 20 * (outer + corner_sum * corner_sum.transpose());
    volume += v;
  }
  const Eigen::Vector3d c = sum / volume;
  const Eigen::Matrix3d covariance = second / volume - c * c.transpose();
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> eigen(covariance);
  const Eigen::Vector3d axis = eigen.eigenvectors().col(2); // largest variance: the shaft
  s.length = std::sqrt(12 * eigen.eigenvalues()[2]);
  s.radius = std::sqrt(2 * (eigen.eigenvalues()[0] + eigen.eigenvalues()[1]));
  for (unsigned int d = 0; d < 3; ++d) {
    s.centre[d] = c[d];
    s.axis[d] = axis[d];
  }
  return s;
}

/// The cylinder of a screw's shaft widened by `margin` [mm], over the screw's length.
Cylinder screw_cylinder(const ScrewAxis& s, const double margin) {
  Cylinder c;
  c.axis_point = Point<3>(s.centre[0], s.centre[1], s.centre[2]);
  c.axis = tensor(s.axis);
  c.radius = s.radius + margin;
  c.s_min = -s.length / 2;
  c.s_max = s.length / 2;
  return c;
}

void pack(std::vector<double>& numbers, const std::array<double, 3>& v) {
  numbers.insert(numbers.end(), v.begin(), v.end());
}

std::array<double, 3> unpack3(const std::vector<double>& numbers, std::size_t& i) {
  const std::array<double, 3> v = {numbers[i], numbers[i + 1], numbers[i + 2]};
  i += 3;
  return v;
}

} // namespace

SpineMetricGeometry spine_metric_geometry(const MeshData& mesh, const MPI_Comm comm) {
  const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
  SpineMetricGeometry g;
  std::vector<std::string> names;
  std::vector<double> numbers;
  if (root) {
    for (const auto& surface : mesh.surface_names)
      if (surface.rfind("interface/", 0) == 0)
        g.interfaces.push_back(interface_geometry(mesh, surface));
    for (const unsigned int r : matching(mesh.region_names, "screw_*"))
      g.screws.push_back(screw_axis(mesh, r));
    for (const auto& i : g.interfaces) {
      names.insert(names.end(), {i.surface, i.level, i.side});
      numbers.push_back(i.area);
      pack(numbers, i.centroid);
      pack(numbers, i.normal);
    }
    names.push_back("|");
    for (const auto& s : g.screws) {
      names.insert(names.end(), {s.name, s.level});
      numbers.insert(numbers.end(), {s.length, s.radius});
      pack(numbers, s.centre);
      pack(numbers, s.axis);
    }
  }
  names = Utilities::MPI::broadcast(comm, names, 0);
  numbers = Utilities::MPI::broadcast(comm, numbers, 0);
  unsigned int n_interfaces = 0;
  while (names[3 * n_interfaces] != "|")
    ++n_interfaces;
  if (!root) {
    std::size_t k = 0, x = 0;
    for (unsigned int i = 0; i < n_interfaces; ++i, k += 3) {
      InterfaceGeometry ig;
      ig.surface = names[k];
      ig.level = names[k + 1];
      ig.side = names[k + 2];
      ig.area = numbers[x++];
      ig.centroid = unpack3(numbers, x);
      ig.normal = unpack3(numbers, x);
      g.interfaces.push_back(ig);
    }
    for (k = 3 * n_interfaces + 1; k + 1 < names.size(); k += 2) {
      ScrewAxis s;
      s.name = names[k];
      s.level = names[k + 1];
      s.length = numbers[x++];
      s.radius = numbers[x++];
      s.centre = unpack3(numbers, x);
      s.axis = unpack3(numbers, x);
      g.screws.push_back(s);
    }
  }
  for (auto& i : g.interfaces)
    i.facets = broadcast(comm, i.facets, 0);
  return g;
}

std::vector<unsigned int> bone_regions(const std::vector<std::string>& regions) {
  std::vector<unsigned int> ids;
  for (unsigned int r = 0; r < regions.size(); ++r)
    for (const char* tissue : {"/cortical", "/cancellous", "/endplate_", "/posterior"})
      if (regions[r].find(tissue) != std::string::npos && regions[r].rfind("disc_", 0) != 0)
        ids.push_back(r);
  return ids;
}

std::vector<EnergyZone> stress_shielding_zones(const SpineMetricGeometry& geometry,
                                               const MetricsSettings& settings) {
  const auto names_of = [&](const std::string& level, bool with_posterior) {
    std::set<std::string> names;
    for (const char* tissue : {"cortical", "cancellous", "endplate_inferior", "endplate_superior"})
      names.insert(level + "/" + tissue);
    if (with_posterior)
      names.insert(level + "/posterior");
    return names;
  };
  // The screw holes: the instrumented bone has them, the intact bone has not; excluding them from
  // every zone makes both models' zones cover the same bone.
  std::vector<ZoneShape> holes;
  for (const auto& s : geometry.screws)
    holes.push_back(cylinder_shape(s.name + "/hole", screw_cylinder(s, 0)));
  std::vector<EnergyZone> zones;
  for (const auto& i : geometry.interfaces)
    zones.push_back({i.level + "/body", names_of(i.level, false), excluding(nullptr, holes)});
  for (const auto& i : geometry.interfaces) {
    const std::string name = i.level + "/endplate_zone";
    const FootprintPrism footprint =
        footprint_prism(name, i.facets, Point<3>(i.centroid[0], i.centroid[1], i.centroid[2]),
                        tensor(i.normal), settings.endplate_zone_depth);
    const ZoneShape under = [footprint](const Point<3>& x) { return footprint.contains(x); };
    zones.push_back({name, names_of(i.level, false), excluding(under, holes)});
  }
  for (const auto& s : geometry.screws) {
    const std::string name = s.name + "/bone";
    const ZoneShape around = cylinder_shape(name, screw_cylinder(s, settings.screw_zone_margin));
    zones.push_back({name, names_of(s.level, true), excluding(around, holes)});
  }
  return zones;
}

namespace {

void add_segment_rows(const RunSummary& summary, const std::string& model, const std::string& lc,
                      MetricTable& rows) {
  const char* axes[3] = {"lateral_bending", "flexion_extension", "axial_rotation"};
  for (const auto& s : summary.segments)
    for (unsigned int k = 0; k < 3; ++k)
      rows.push_back(
          {model, lc, "segment", s.upper + "-" + s.lower, axes[k], "deg", s.angles_deg[k]});
  // Every other pair of bodies too, so that a construct's bridged segment (T12-L2 across the
  // corpectomy) can be set against the same two vertebrae of the intact spine.
  const auto& b = summary.bodies;
  for (std::size_t i = 0; i < b.size(); ++i)
    for (std::size_t j = i + 2; j < b.size(); ++j) {
      if (i == 0 && j + 1 == b.size())
        continue; // first-to-last is in summary.segments
      const Eigen::Vector3d angles =
          anatomical_angles_deg(relative_motion(b[i].motion, b[j].motion).rotation);
      for (unsigned int k = 0; k < 3; ++k)
        rows.push_back(
            {model, lc, "segment", b[i].name + "-" + b[j].name, axes[k], "deg", angles[k]});
    }
  rows.push_back({model, lc, "run", "model", "max_displacement", "mm", summary.max_displacement});
  rows.push_back(
      {model, lc, "run", "model", "krylov_iterations", "-", double(summary.solve.iterations)});
}

/// Mean hydrostatic pressure p = -tr(sigma)/3 [MPa] over each nucleus region (volume average).
void add_disc_rows(const ElasticitySolver& solver, const std::string& model, const std::string& lc,
                   MetricTable& rows) {
  const auto& names = solver.problem().region_names;
  const auto nuclei = matching(names, "disc_*/nucleus");
  if (nuclei.empty())
    return;
  const FESpace& space = solver.space();
  const QGaussSimplex<3> quadrature(space.degree() + 1);
  FEValues<3> fe_values(space.mapping(), space.fe(), quadrature,
                        update_gradients | update_JxW_values);
  const FEValuesExtractors::Vector displacement(0);
  std::vector<SymmetricTensor<2, 3>> strain(quadrature.size());
  std::vector<double> volume(names.size()), pressure(names.size());
  for (const auto& cell : space.dof_handler().active_cell_iterators()) {
    const unsigned int r = cell->material_id();
    if (!cell->is_locally_owned() || std::find(nuclei.begin(), nuclei.end(), r) == nuclei.end())
      continue;
    fe_values.reinit(cell);
    fe_values[displacement].get_function_symmetric_gradients(solver.solution(), strain);
    for (const unsigned int q : fe_values.quadrature_point_indices()) {
      volume[r] += fe_values.JxW(q);
      pressure[r] -= trace(solver.problem().materials[r].stress(strain[q])) / 3 * fe_values.JxW(q);
    }
  }
  Utilities::MPI::sum(volume, space.comm(), volume);
  Utilities::MPI::sum(pressure, space.comm(), pressure);
  for (const unsigned int r : nuclei)
    rows.push_back({model, lc, "disc", names[r].substr(0, names[r].find('/')), "nucleus_pressure",
                    "MPa", pressure[r] / volume[r]});
}

void add_stress_rows(const ElasticitySolver& solver, const MetricsSettings& settings,
                     const std::string& model, const std::string& lc, MetricTable& rows) {
  const auto& names = solver.problem().region_names;
  for (const auto& [group, pattern] :
       std::vector<std::pair<std::string, std::string>>{{"implant", "implant/*"},
                                                        {"rods", "rod_*"},
                                                        {"screws", "screw_*"},
                                                        {"tulips", "tulip_*"}}) {
    const auto ids = matching(names, pattern);
    if (ids.empty())
      continue;
    const VonMisesStats s = von_mises_stats(solver, ids);
    rows.push_back({model, lc, "implant_stress", group, "von_mises_p95", "MPa", s.p95});
    rows.push_back({model, lc, "implant_stress", group, "von_mises_p99", "MPa", s.p99});
    rows.push_back({model, lc, "implant_stress", group, "von_mises_max", "MPa", s.max});
    // A lattice's homogenised stress is not what its struts carry: its fatigue ratio takes the
    // strut stress (materials/porous_implant.h); solid parts keep their own stress.
    std::vector<double> factor(names.size(), 1.0);
    bool lattice = false;
    for (const unsigned int r : ids)
      if (const auto it = settings.strut_stress_factor.find(names[r]);
          it != settings.strut_stress_factor.end()) {
        factor[r] = it->second;
        lattice = true;
      }
    const double p99 = lattice ? von_mises_stats(solver, ids, factor).p99 : s.p99;
    if (lattice)
      rows.push_back({model, lc, "implant_stress", group, "strut_stress_p99", "MPa", p99});
    rows.push_back({model, lc, "implant_stress", group, "fatigue_ratio_p99", "-",
                    p99 / settings.fatigue_limit});
  }
}

/// The contact patch of a named interface surface, if the contact has one.
std::optional<unsigned int> contact_patch(const ContactSet& contact, const std::string& surface) {
  const auto& patches = contact.definition().patches;
  const auto it = std::find(patches.begin(), patches.end(), surface);
  if (it == patches.end())
    return std::nullopt;
  return static_cast<unsigned int>(it - patches.begin());
}

/// The interface rows from the contact forces (postprocess/contact_pressure.h): the same
/// quantities as the bonded interface (pressure for normal stress, contact area for loaded
/// area), and lift-off, slip, resultant and centre of pressure.
void add_contact_rows(const ContactPatchMetrics& m, const std::string& model, const std::string& lc,
                      const std::string& name, MetricTable& rows) {
  const auto row = [&](const char* quantity, const char* unit, double value) {
    rows.push_back({model, lc, "interface", name, quantity, unit, value});
  };
  row("area", "mm^2", m.area);
  row("loaded_area", "mm^2", m.contact_area);
  row("lift_off_fraction", "-", m.lift_off_fraction);
  row("normal_stress_mean", "MPa", m.mean_pressure);
  row("normal_stress_p95", "MPa", m.p95_pressure);
  row("normal_stress_max", "MPa", m.max_pressure);
  row("nodal_pressure_max", "MPa", m.nodal_max_pressure);
  row("subsidence_risk_index", "-", m.risk_p95);
  row("risk_max", "-", m.risk_max);
  row("area_fraction_above_1", "-", m.area_fraction_at_risk);
  row("peak_slip", "mm", m.peak_slip);
  row("normal_force", "N", m.normal_force);
  row("resultant_force", "N", m.resultant.norm());
  row("cop_anterior", "mm", m.cop_offset[0]);
  row("cop_left", "mm", m.cop_offset[1]);
  row("cop_distance", "mm", m.cop_distance);
}

/// The fitted rigid motion of the body called `name` ('Output/Rigid bodies'), or null.
const RigidMotion* body_motion(const std::vector<BodyMotion>& bodies, const std::string& name) {
  const auto it = std::find_if(bodies.begin(), bodies.end(),
                               [&](const BodyMotion& b) { return b.name == name; });
  return it == bodies.end() ? nullptr : &it->motion;
}

/// The subsidence depth rows of an interface (postprocess/subsidence_depth.h).
void add_depth_rows(const SubsidenceDepth& d, const std::string& model, const std::string& lc,
                    const std::string& name, MetricTable& rows) {
  rows.push_back({model, lc, "interface", name, "subsidence_depth_mean", "mm", d.mean});
  rows.push_back({model, lc, "interface", name, "subsidence_depth_p95", "mm", d.p95});
  rows.push_back({model, lc, "interface", name, "subsidence_depth_max", "mm", d.max});
}

/// `bodies`: the fitted vertebrae; the subsidence depth of a contact interface is measured
/// against the body named after its level (the bone side), and left out if there is none.
void add_interface_rows(const ElasticitySolver& solver, const SpineMetricsOptions& options,
                        const SpineMetricGeometry& geometry, const std::vector<BodyMotion>& bodies,
                        const std::string& model, const std::string& lc, MetricTable& rows) {
  const auto& names = solver.problem().region_names;
  EndplateStrengthParameters p;
  p.apparent_density = apparent_density_for_modulus_factor(
      options.settings.strength.normal_density,
      bone_modulus_factor("cancellous_bone", options.bone_quality));
  p.yield_strain = options.settings.strength.yield_strain;
  p.rim_to_centre_ratio = options.settings.strength.rim_ratio;
  p.rim_start_radius = options.settings.strength.rim_start;
  // The contact resultant on the implant at each interface, for the section-force check.
  std::vector<std::pair<const InterfaceGeometry*, Tensor<1, 3>>> resultants;
  for (const auto& i : geometry.interfaces) {
    const auto endplate = matching(names, i.level + "/endplate_" + i.side);
    const EndplateStrength strength(p,
                                    equivalent_ellipse(solver.space(), endplate, tensor(i.normal)));
    const std::string name = i.level + "_" + i.side;
    rows.push_back(
        {model, lc, "interface", name, "centre_strength", "MPa", strength.centre_strength()});
    if (const ContactSet* contact = solver.springs() ? solver.springs()->contact() : nullptr;
        contact && contact_patch(*contact, i.surface)) {
      const unsigned int patch = *contact_patch(*contact, i.surface);
      const ContactPatchMetrics m = contact_patch_metrics(
          *contact, patch, &strength, options.settings.pressure_averaging_radius);
      add_contact_rows(m, model, lc, name, rows);
      if (const RigidMotion* vertebra = body_motion(bodies, i.level)) // same on every rank
        add_depth_rows(subsidence_depth(*contact, patch, solver.solution(), *vertebra), model, lc,
                       name, rows);
      resultants.emplace_back(&i, m.resultant);
      continue;
    }
    const InterfaceStress s =
        interface_stress(solver, i.facets, matching(names, i.level + "/*"), &strength);
    rows.push_back({model, lc, "interface", name, "area", "mm^2", s.area});
    rows.push_back({model, lc, "interface", name, "loaded_area", "mm^2", s.loaded_area});
    rows.push_back({model, lc, "interface", name, "normal_stress_mean", "MPa", s.mean});
    rows.push_back({model, lc, "interface", name, "normal_stress_p95", "MPa", s.p95});
    rows.push_back({model, lc, "interface", name, "normal_stress_max", "MPa", s.max});
    rows.push_back({model, lc, "interface", name, "subsidence_risk_index", "-", s.risk_p95});
    rows.push_back({model, lc, "interface", name, "risk_max", "-", s.risk_max});
    rows.push_back(
        {model, lc, "interface", name, "area_fraction_above_1", "-", s.area_fraction_at_risk});
  }
  if (geometry.interfaces.size() != 2)
    return;
  // Load share at the implant's mid-height: plane through the midpoint of the two interface
  // centroids, normal along the line joining them (cranial).
  const auto& a = geometry.interfaces[0].centroid;
  const auto& b = geometry.interfaces[1].centroid;
  SectionPlane plane;
  plane.point = Point<3>((a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2);
  plane.normal = tensor(a) - tensor(b);
  if (plane.normal[2] < 0)
    plane.normal = -plane.normal;
  const SectionForce implant = section_force(solver, plane, matching(names, "implant/*"));
  const SectionForce rods = section_force(solver, plane, matching(names, "rod_*"));
  rows.push_back(
      {model, lc, "load_share", "implant", "axial_force", "N", implant.axial_compression});
  rows.push_back({model, lc, "load_share", "rods", "axial_force", "N", rods.axial_compression});
  // The same compression from each interface's contact forces: the bone pushes the implant
  // down at the upper vertebra's inferior endplate and up at the lower one's superior endplate.
  for (const auto& [i, resultant] : resultants)
    rows.push_back(
        {model, lc, "load_share", "implant", "axial_force_from_contact_" + i->level + "_" + i->side,
         "N",
         (i->side == "inferior" ? -1.0 : 1.0) * (resultant * plane.normal) / plane.normal.norm()});
  double share = std::numeric_limits<double>::quiet_NaN();
  if (std::abs(implant.axial_compression + rods.axial_compression) > 1e-6)
    share = load_share(implant.axial_compression, rods.axial_compression);
  rows.push_back({model, lc, "load_share", "implant", "share", "-", share});
}

void add_facet_rows(const ElasticitySolver& solver, const std::string& model, const std::string& lc,
                    MetricTable& rows) {
  if (!solver.springs())
    return;
  for (const auto& f : facet_joint_forces(solver.springs()->springs(), solver.spring_forces()))
    rows.push_back({model, lc, "facet", f.name, "force", "N", f.force});
}

} // namespace

MetricTable load_case_metrics(const ElasticitySolver& solver, const RunSummary& summary,
                              const SpineMetricsOptions& options,
                              const SpineMetricGeometry& geometry, const std::string& model,
                              const std::string& load_case) {
  MetricTable rows;
  add_segment_rows(summary, model, load_case, rows);
  if (!options.spine_model)
    return rows;
  add_interface_rows(solver, options, geometry, summary.bodies, model, load_case, rows);
  add_stress_rows(solver, options.settings, model, load_case, rows);
  add_facet_rows(solver, model, load_case, rows);
  add_disc_rows(solver, model, load_case, rows);
  return rows;
}

MetricTable stress_shielding_rows(const std::vector<EnergyZone>& zones,
                                  const CellEnergyField& instrumented,
                                  const CellEnergyField& intact, const std::string& load_case) {
  MetricTable rows;
  for (const auto& z : zones) {
    const ZoneEnergy a = zone_mean_energy(instrumented, z), b = zone_mean_energy(intact, z);
    const double ssi = stress_shielding_index(a.mean_sed, b.mean_sed);
    rows.push_back(
        {"instrumented", load_case, "ssi", z.name, "sed_instrumented", "MPa", a.mean_sed});
    rows.push_back({"instrumented", load_case, "ssi", z.name, "sed_intact", "MPa", b.mean_sed});
    rows.push_back({"instrumented", load_case, "ssi", z.name, "volume", "mm^3", a.volume});
    rows.push_back({"instrumented", load_case, "ssi", z.name, "intact_volume", "mm^3", b.volume});
    rows.push_back({"instrumented", load_case, "ssi", z.name, "ssi", "-", ssi});
  }
  return rows;
}

} // namespace spinefe
