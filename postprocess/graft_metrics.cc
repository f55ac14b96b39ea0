#include "postprocess/graft_metrics.h"

#include "core/input_error.h"

#include <algorithm>
#include <cmath>

namespace spinefe {

namespace {

/// The corpectomy removes L1: its intact body is what the graft replaces.
constexpr const char* replaced_level = "L1/";

double mean_sed(const CellEnergyField& graft, double& volume) {
  volume = 0;
  double energy = 0;
  for (std::size_t c = 0; c < graft.sed.size(); ++c) {
    volume += graft.volume[c];
    energy += graft.volume[c] * graft.sed[c];
  }
  if (!(volume > 0))
    throw InputError("graft metrics", "the graft zone has no cells");
  return energy / volume;
}

} // namespace

std::optional<GraftZone> graft_zone(const std::vector<std::string>& regions) {
  const auto has = [&](const std::string& r) {
    return std::find(regions.begin(), regions.end(), r) != regions.end();
  };
  if (has("graft"))
    return GraftZone{"cage_lumen", "graft"};
  if (has("implant/core"))
    return GraftZone{"ingrowth_core", "implant/core"};
  return std::nullopt;
}

std::vector<std::array<dealii::Point<3>, 4>> graft_tets(const MeshData& mesh,
                                                        const GraftZone& zone) {
  const auto it = std::find(mesh.region_names.begin(), mesh.region_names.end(), zone.region);
  std::vector<std::array<dealii::Point<3>, 4>> tets;
  if (it == mesh.region_names.end())
    return tets;
  const auto region = static_cast<unsigned int>(it - mesh.region_names.begin());
  for (std::size_t t = 0; t < mesh.tets.size(); ++t) {
    if (mesh.tet_region[t] != region)
      continue;
    std::array<dealii::Point<3>, 4> corners;
    for (unsigned int i = 0; i < 4; ++i) {
      const auto& x = mesh.nodes[mesh.tets[t][i]];
      corners[i] = dealii::Point<3>(x[0], x[1], x[2]);
    }
    tets.push_back(corners);
  }
  return tets;
}

MetricTable graft_rows(const GraftZone& zone, const CellEnergyField& graft,
                       const double graft_modulus, const MetricsSettings& settings,
                       const std::string& load_case) {
  double volume = 0;
  const double sed = mean_sed(graft, volume);
  double strain = 0, in_window = 0;
  for (std::size_t c = 0; c < graft.sed.size(); ++c) {
    // SED = E eps^2 / 2 in uniaxial stress, so eps_eff = sqrt(2 SED / E).
    const double microstrain = 1e6 * std::sqrt(2 * std::max(graft.sed[c], 0.0) / graft_modulus);
    strain += graft.volume[c] * microstrain;
    if (microstrain >= settings.formation_strain_min &&
        microstrain <= settings.formation_strain_max)
      in_window += graft.volume[c];
  }
  const std::string m = "instrumented";
  return {{m, load_case, "graft", zone.name, "volume", "mm^3", volume},
          {m, load_case, "graft", zone.name, "sed", "MPa", sed},
          {m, load_case, "graft", zone.name, "effective_strain", "microstrain", strain / volume},
          {m, load_case, "graft", zone.name, "formation_fraction", "-", in_window / volume}};
}

MetricTable graft_shielding_rows(const GraftZone& zone, const CellEnergyField& graft,
                                 const CellEnergyField& intact, const ZoneShape& volume,
                                 const std::string& load_case) {
  EnergyZone body{zone.name + " (intact L1 body)", {}, volume};
  for (const auto& r : intact.region_names)
    if (r.rfind(replaced_level, 0) == 0)
      body.regions.insert(r);
  const ZoneEnergy reference = zone_mean_energy(intact, body);
  double graft_volume = 0;
  const double sed = mean_sed(graft, graft_volume);
  const std::string m = "instrumented";
  return {{m, load_case, "graft", zone.name, "sed_intact", "MPa", reference.mean_sed},
          {m, load_case, "graft", zone.name, "intact_volume", "mm^3", reference.volume},
          {m, load_case, "graft", zone.name, "ssi", "-",
           stress_shielding_index(sed, reference.mean_sed)}};
}

} // namespace spinefe
