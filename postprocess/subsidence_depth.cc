#include "postprocess/subsidence_depth.h"

#include "postprocess/stress_measures.h"

#include <algorithm>
#include <limits>
#include <utility>

namespace spinefe {

using namespace dealii;

namespace {

/// d = -n . (u_b - u_rigid(x)) of one pair.
double depth(const ContactPairDefinition& pair, const Tensor<1, 3>& u_b, const RigidMotion& bone) {
  const Eigen::Vector3d x(pair.x[0], pair.x[1], pair.x[2]);
  const Eigen::Vector3d u_rigid = bone.apply(x) - x;
  double d = 0;
  for (unsigned int c = 0; c < 3; ++c)
    d -= pair.normal[c] * (u_b[c] - u_rigid[c]);
  return d;
}

} // namespace

SubsidenceDepth subsidence_depth(const std::vector<ContactPairDefinition>& pairs,
                                 const std::vector<Tensor<1, 3>>& implant_displacements,
                                 const RigidMotion& vertebra) {
  AssertDimension(pairs.size(), implant_displacements.size());
  SubsidenceDepth m;
  if (pairs.empty())
    return m;
  std::vector<std::pair<double, double>> samples; // (d_i, A_i)
  double area = 0, weighted = 0;
  m.max = std::numeric_limits<double>::lowest();
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const double d = depth(pairs[i], implant_displacements[i], vertebra);
    samples.emplace_back(d, pairs[i].area);
    area += pairs[i].area;
    weighted += pairs[i].area * d;
    m.max = std::max(m.max, d);
  }
  m.mean = weighted / area;
  m.p95 = weighted_percentile(samples, 0.95);
  return m;
}

SubsidenceDepth subsidence_depth(const ContactSet& contact, const unsigned int patch,
                                 const PETScWrappers::MPI::Vector& u, const RigidMotion& vertebra) {
  const std::vector<Tensor<1, 3>> all = contact.implant_displacements(u);
  std::vector<ContactPairDefinition> pairs;
  std::vector<Tensor<1, 3>> u_b;
  for (std::size_t i = 0; i < contact.size(); ++i)
    if (contact.definition().pairs[i].patch == patch) {
      pairs.push_back(contact.definition().pairs[i]);
      u_b.push_back(all[i]);
    }
  return subsidence_depth(pairs, u_b, vertebra);
}

SubsidenceDepth endplate_depth(const ContactSet& contact, const unsigned int patch,
                               const PETScWrappers::MPI::Vector& u, const RigidMotion& vertebra) {
  const std::vector<Tensor<1, 3>> all = contact.implant_displacements(u);
  std::vector<ContactPairDefinition> pairs;
  std::vector<Tensor<1, 3>> u_a;
  for (std::size_t i = 0; i < contact.size(); ++i) {
    const ContactPairDefinition& p = contact.definition().pairs[i];
    if (p.patch != patch)
      continue;
    const ContactPairResponse& r = contact.responses()[i];
    pairs.push_back(p);
    u_a.push_back(all[i] - ((r.gap - p.initial_gap) * p.normal + r.slip));
  }
  return subsidence_depth(pairs, u_a, vertebra);
}

} // namespace spinefe
