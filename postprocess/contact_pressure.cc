#include "postprocess/contact_pressure.h"

#include "postprocess/stress_measures.h"

#include "core/atomic_file.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <vector>

namespace spinefe {

using namespace dealii;

namespace {

/// p_avg of every pair: the normal force over the area of the pairs within `radius` (the pair
/// itself at least).
std::vector<double> averaged_pressures(const std::vector<ContactPairDefinition>& pairs,
                                       const std::vector<ContactPairResponse>& responses,
                                       const double radius) {
  std::vector<double> out;
  out.reserve(pairs.size());
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    double force = 0, area = 0;
    for (std::size_t j = 0; j < pairs.size(); ++j)
      if (j == i || pairs[j].x.distance(pairs[i].x) <= radius) {
        force += responses[j].normal_force;
        area += pairs[j].area;
      }
    out.push_back(force / area);
  }
  return out;
}

} // namespace

ContactPatchMetrics contact_patch_metrics(const ContactSet& contact, const unsigned int patch,
                                          const EndplateStrength* strength, const double radius) {
  const auto& definition = contact.definition();
  std::vector<ContactPairDefinition> pairs;
  std::vector<ContactPairResponse> responses;
  for (std::size_t i = 0; i < contact.size(); ++i)
    if (definition.pairs[i].patch == patch) {
      pairs.push_back(definition.pairs[i]);
      responses.push_back(contact.responses()[i]);
    }
  return patch_metrics(definition.patches.at(patch), pairs, responses, strength, radius);
}

ContactPatchMetrics patch_metrics(const std::string& patch,
                                  const std::vector<ContactPairDefinition>& pairs,
                                  const std::vector<ContactPairResponse>& responses,
                                  const EndplateStrength* strength, const double radius) {
  ContactPatchMetrics m;
  m.patch = patch;
  m.has_risk = strength != nullptr;
  const std::vector<double> averaged = averaged_pressures(pairs, responses, radius);
  std::vector<std::pair<double, double>> pressures, risks; // (value, area)
  Tensor<1, 3> weighted_x, weighted_cop;
  double open_area = 0;
  for (std::size_t k = 0; k < pairs.size(); ++k) {
    const ContactPairDefinition& p = pairs[k];
    const ContactPairResponse& r = responses[k];
    m.area += p.area;
    weighted_x += p.area * p.x;
    (r.state == ContactState::open ? open_area : m.contact_area) += p.area;
    m.normal_force += r.normal_force;
    m.resultant += r.normal_force * p.normal + r.tangential;
    weighted_cop += r.normal_force * p.x;
    m.peak_slip = std::max(m.peak_slip, r.slip.norm());
    m.nodal_max_pressure = std::max(m.nodal_max_pressure, r.normal_force / p.area);
    m.max_pressure = std::max(m.max_pressure, averaged[k]);
    pressures.emplace_back(averaged[k], p.area);
    if (strength) {
      const double ratio = averaged[k] / strength->strength(p.x);
      m.risk_max = std::max(m.risk_max, ratio);
      risks.emplace_back(ratio, p.area);
      if (ratio > 1)
        m.area_fraction_at_risk += p.area;
    }
  }
  if (m.area <= 0)
    return m;
  m.lift_off_fraction = open_area / m.area;
  m.mean_pressure = m.normal_force / m.area;
  m.p95_pressure = weighted_percentile(pressures, 0.95);
  m.centroid = Point<3>(weighted_x / m.area);
  if (m.normal_force > 0) {
    m.centre_of_pressure = Point<3>(weighted_cop / m.normal_force);
    m.cop_offset = {m.centre_of_pressure[0] - m.centroid[0],
                    m.centre_of_pressure[1] - m.centroid[1]};
    m.cop_distance = std::hypot(m.cop_offset[0], m.cop_offset[1]);
  }
  if (strength) {
    m.risk_p95 = weighted_percentile(risks, 0.95);
    m.area_fraction_at_risk /= m.area;
  }
  return m;
}

void write_contact_pairs_csv(const ContactSet& contact, const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "patch,x_mm,y_mm,z_mm,nx,ny,nz,area_mm2,state,pressure_mpa,normal_force_n,"
           "tangential_force_n,gap_mm,slip_mm\n";
    out << std::setprecision(9);
    const auto& definition = contact.definition();
    for (std::size_t i = 0; i < contact.size(); ++i) {
      const ContactPairDefinition& p = definition.pairs[i];
      const ContactPairResponse& r = contact.responses()[i];
      out << definition.patches[p.patch] << ',' << p.x[0] << ',' << p.x[1] << ',' << p.x[2] << ','
          << p.normal[0] << ',' << p.normal[1] << ',' << p.normal[2] << ',' << p.area << ','
          << to_string(r.state) << ',' << r.normal_force / p.area << ',' << r.normal_force << ','
          << r.tangential.norm() << ',' << r.gap << ',' << r.slip.norm() << '\n';
    }
  });
}

} // namespace spinefe
