#include "postprocess/endcap_subsidence.h"

#include "core/input_error.h"
#include "postprocess/body_motion.h"
#include "postprocess/subsidence_depth.h"

#include <algorithm>

namespace spinefe {

using namespace dealii;

namespace {

/// "interface/T12_inferior" -> "T12".
std::string level_of(const std::string& patch) {
  const std::size_t slash = patch.rfind('/');
  const std::string name = slash == std::string::npos ? patch : patch.substr(slash + 1);
  return name.substr(0, name.rfind('_'));
}

EndcapColumn column_of(const ProblemDefinition::ContactPairs& contact, const unsigned int patch,
                       const std::vector<unsigned int>& regions) {
  EndcapColumn c;
  c.regions = regions;
  double area = 0;
  Tensor<1, 3> centroid, normal;
  for (const ContactPairDefinition& p : contact.pairs)
    if (p.patch == patch) {
      area += p.area;
      centroid += p.area * p.x;
      normal += p.area * p.normal;
    }
  c.centroid = Point<3>(centroid / area);
  c.normal = normal / normal.norm();
  for (const ContactPairDefinition& p : contact.pairs)
    if (p.patch == patch) {
      const Tensor<1, 3> r = p.x - c.centroid;
      c.radius = std::max(c.radius, (r - (c.normal * r) * c.normal).norm());
    }
  return c;
}

} // namespace

std::vector<Endcap> find_endcaps(const ProblemDefinition& problem,
                                 const std::vector<RigidBodyDefinition>& bodies) {
  std::vector<Endcap> endcaps;
  const auto& patches = problem.contact.patches;
  for (unsigned int p = 0; p < patches.size(); ++p) {
    const bool has_pairs =
        std::any_of(problem.contact.pairs.begin(), problem.contact.pairs.end(),
                    [&](const ContactPairDefinition& pair) { return pair.patch == p; });
    if (!has_pairs)
      continue;
    const std::string level = level_of(patches[p]);
    const auto body = std::find_if(bodies.begin(), bodies.end(),
                                   [&](const RigidBodyDefinition& b) { return b.name == level; });
    if (body == bodies.end())
      throw InputError("Interfaces", "contact patch '" + patches[p] + "': its level '" + level +
                                         "' is not a vertebral body of the model; expected a "
                                         "patch named interface/<level>_<side>");
    endcaps.push_back({patches[p], p, *body, column_of(problem.contact, p, body->regions)});
  }
  return endcaps;
}

void record_subsidence(const ElastoplasticSolver& solver, const std::vector<Endcap>& endcaps,
                       const double load, SubsidenceCurves& curves) {
  if (endcaps.empty() || !solver.interfaces() || !solver.interfaces()->contact())
    return;
  std::vector<RigidBodyDefinition> vertebrae;
  for (const Endcap& e : endcaps)
    vertebrae.push_back(e.vertebra);
  const std::vector<BodyMotion> motions =
      fit_body_motions(solver.space(), solver.solution(), vertebrae);
  for (std::size_t i = 0; i < endcaps.size(); ++i) {
    const Endcap& e = endcaps[i];
    const SubsidenceDepth d = subsidence_depth(*solver.interfaces()->contact(), e.patch,
                                               solver.solution(), motions[i].motion);
    const SubsidenceDepth endplate = endplate_depth(*solver.interfaces()->contact(), e.patch,
                                                    solver.solution(), motions[i].motion);
    const ColumnState s = column_state(solver, e.column);
    SubsidencePoint p;
    p.load_factor = solver.load_factor();
    p.load = load;
    p.depth_mean = d.mean;
    p.depth_p95 = d.p95;
    p.depth_max = d.max;
    p.endplate_mean = endplate.mean;
    p.endplate_p95 = endplate.p95;
    p.plastic_volume = s.plastic_volume;
    p.plastic_depth = s.plastic_depth;
    p.utilisation = s.max_utilisation;
    curves[e.patch_name].push_back(p);
  }
}

} // namespace spinefe
