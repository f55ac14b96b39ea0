// Turns overlapping solids into one conforming, named assembly. Every part has a region name, a
// priority and an owner (a vertebra, a disc, "implant" or "pot"). OCC `fragment` cuts all parts
// against each other; each resulting piece goes to the highest-priority part that contains it.
// So the cancellous core and endplates carve themselves out of the body envelope, the screws out
// of the bone, and the bone out of the PMMA pots. Overlaps between two different bones (or a bone
// and a disc) are never resolved silently: they are an error naming both parts.
#pragma once

#include <gmsh.h>

#include <map>
#include <string>
#include <vector>

namespace spinefe {

enum class PartKind { bone, soft_tissue, implant, potting };

struct Part {
  std::string region;
  int priority = 0;
  std::string owner;
  PartKind kind = PartKind::bone;
  std::vector<int> solids;
};

/// Fragments all parts and returns, per region, the OCC volumes that form it (in the order the
/// regions first appear in `parts`). The model is synchronised afterwards.
std::vector<std::pair<std::string, std::vector<int>>>
assemble_parts(const std::vector<Part>& parts);

} // namespace spinefe
