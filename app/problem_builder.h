// Connects a case definition to a mesh: maps every region to a material from the library and
// every boundary condition to a named surface, with errors that point at the case-file line.
#pragma once

#include "app/case_definition.h"
#include "materials/material_library.h"
#include "postprocess/body_motion.h"
#include "solver/problem_definition.h"

#include <boost/serialization/set.hpp>
#include <boost/serialization/string.hpp>
#include <boost/serialization/vector.hpp>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace spinefe {

/// Names the mesh provides (broadcast from the rank that read it).
struct MeshNames {
  std::string source;
  std::vector<std::string> regions, surfaces;
  std::set<unsigned int> interior_surfaces;

  template <class Archive>
  void serialize(Archive& ar, const unsigned int /*version*/) {
    ar& source& regions& surfaces& interior_surfaces;
  }
};

ProblemDefinition build_problem(const CaseDefinition& c, const MaterialLibrary& library,
                                const MeshNames& mesh);

/// Every region whose material is the role 'implant' on a lattice (porosity > 0, from 'Implant
/// porosity' or from the implant's modulus on its solid), by name: the lattice's strut stress per
/// unit homogenised stress (materials/porous_implant.h), times E_lattice / E_region where bone has
/// grown into the core (the lattice carries its share of the mixture's stress). The input of the
/// implant's fatigue ratio (postprocess/metrics_settings.h). Empty for a solid implant.
std::map<std::string, double> lattice_strut_factors(const CaseDefinition& c,
                                                    const MaterialLibrary& library,
                                                    const std::vector<std::string>& regions);

/// Region groups as region indices of `mesh`; a pattern that matches no region is an InputError
/// at `where`, listing the regions.
std::vector<RigidBodyDefinition>
resolve_region_groups(const RegionGroups& groups, const MeshNames& mesh, const std::string& where);

/// The pure moment [N mm] of one of the case's load cases, on 'Load case surface'.
NeumannCondition load_case_moment(const CaseDefinition& c, const MeshNames& mesh,
                                  const std::array<double, 3>& moment);

/// The case's 'Boundary conditions/Follower path' as region indices of `mesh`.
std::vector<RigidBodyDefinition> follower_path(const CaseDefinition& c, const MeshNames& mesh);

/// The case's 'Output/Rigid bodies' as region indices of `mesh`; a pattern that matches no
/// region is an InputError at the case-file line, listing the regions.
std::vector<RigidBodyDefinition> rigid_bodies(const CaseDefinition& c, const MeshNames& mesh);

} // namespace spinefe
