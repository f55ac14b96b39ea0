#include "meshing/spine_assembly.h"

#include "core/input_error.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace spinefe {

namespace occ = gmsh::model::occ;

namespace {

/// May parts a and b share volume? Implants displace whatever they sit in, bone displaces PMMA,
/// and parts of one owner are nested by design.
bool may_overlap(const Part& a, const Part& b) {
  if (a.owner == b.owner)
    return true;
  if (a.kind == PartKind::implant || b.kind == PartKind::implant)
    return true;
  return a.kind == PartKind::potting || b.kind == PartKind::potting;
}

} // namespace

std::vector<std::pair<std::string, std::vector<int>>>
assemble_parts(const std::vector<Part>& parts) {
  gmsh::vectorpair inputs;
  std::vector<unsigned int> input_part;
  for (unsigned int p = 0; p < parts.size(); ++p)
    for (const int s : parts[p].solids) {
      inputs.emplace_back(3, s);
      input_part.push_back(p);
    }
  gmsh::vectorpair out;
  std::vector<gmsh::vectorpair> map;
  occ::fragment(inputs, {}, out, map);
  if (map.size() != inputs.size())
    throw InputError("spine geometry", "internal: OCC fragment lost track of its inputs");
  std::map<int, std::set<unsigned int>> owners_of_piece;
  for (std::size_t i = 0; i < map.size(); ++i)
    for (const auto& [dim, tag] : map[i])
      if (dim == 3)
        owners_of_piece[tag].insert(input_part[i]);

  std::vector<std::pair<std::string, std::vector<int>>> regions;
  for (const auto& part : parts)
    if (std::none_of(regions.begin(), regions.end(),
                     [&](const auto& r) { return r.first == part.region; }))
      regions.emplace_back(part.region, std::vector<int>());
  for (const auto& [piece, candidates] : owners_of_piece) {
    const unsigned int winner = *std::max_element(
        candidates.begin(), candidates.end(),
        [&](unsigned int a, unsigned int b) { return parts[a].priority < parts[b].priority; });
    for (const unsigned int c : candidates)
      if (!may_overlap(parts[c], parts[winner])) {
        double volume = 0;
        occ::getMass(3, piece, volume);
        std::ostringstream msg;
        msg.precision(3);
        msg << parts[c].region << " and " << parts[winner].region << " overlap by " << volume
            << " mm^3; the anatomy table or the tissue geometry makes two structures intersect";
        throw InputError("spine geometry", msg.str());
      }
    for (auto& r : regions)
      if (r.first == parts[winner].region)
        r.second.push_back(piece);
  }
  occ::synchronize();
  return regions;
}

} // namespace spinefe
