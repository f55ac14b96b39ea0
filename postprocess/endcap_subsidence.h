// The endcaps of a plastic spine run and their state at one load step: for each contact patch
// (one endcap on one endplate, e.g. "interface/T12_inferior") its bone-side vertebra (the level
// in the patch's name), the column of bone under it (postprocess/plastic_state.h), and the
// subsidence depth against that vertebra's rigid motion (postprocess/subsidence_depth.h).
//
// The column's plane and radius come from the patch's pairs: the area-weighted centroid x_0 of
// the pair points, the area-weighted mean normal n (unit, into the implant) and the largest
// distance R of a pair point from the axis through x_0 along n.
#pragma once

#include "postprocess/load_subsidence.h"
#include "postprocess/plastic_state.h"

#include <string>
#include <vector>

namespace spinefe {

struct Endcap {
  std::string patch_name; ///< "interface/T12_inferior"
  unsigned int patch = 0; ///< index into ProblemDefinition::ContactPairs::patches
  RigidBodyDefinition vertebra;
  EndcapColumn column;
};

/// One Endcap per contact patch whose level names one of `bodies` (vertebral bodies); throws an
/// InputError naming the patch if its level is not a body.
std::vector<Endcap> find_endcaps(const ProblemDefinition& problem,
                                 const std::vector<RigidBodyDefinition>& bodies);

/// Appends every endcap's point at the solver's converged state to `curves`, with the load
/// `load` [N]. Collective.
void record_subsidence(const ElastoplasticSolver& solver, const std::vector<Endcap>& endcaps,
                       double load, SubsidenceCurves& curves);

} // namespace spinefe
