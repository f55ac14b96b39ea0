// A parsed, validated case file. Parsing is strict: an unknown section or key, a value that does
// not match its pattern, or a missing file is an InputError naming the file and line.
//
// Section <-> folder: Mesh and Spine model (meshing/), Materials (materials/), Boundary conditions
// and Solver (solver/), Output (postprocess/).
#pragma once

#include "app/metrics_section.h"
#include "core/parameter_locator.h"
#include "materials/material_choice.h"
#include "mechanics/interface_contact.h"
#include "mechanics/ligament_springs.h"
#include "meshing/spine_model_spec.h"
#include "solver/elastoplastic_solver.h"
#include "solver/problem_definition.h"

#include <deal.II/base/parameter_handler.h>

#include <array>
#include <string>
#include <utility>
#include <vector>

namespace spinefe {

struct FixedSpec {
  std::string surface;
  std::array<bool, 3> components;
};

struct DisplacementSpec {
  std::string surface;
  std::array<bool, 3> components;
  std::array<double, 3> value;
};

struct LoadSpec {
  std::string surface;
  NeumannCondition::Kind kind;
  std::array<double, 3> vector;
  double pressure;
};

/// Named groups of regions, each as a list of region patterns, in the order given.
using RegionGroups = std::vector<std::pair<std::string, std::vector<std::string>>>;

struct OutputSettings {
  std::string directory;
  std::string base_name;
  bool write_fields = true;
  /// Bodies whose rigid motion is reported: name and the region patterns that make it up, in
  /// the order given (cranial to caudal for vertebrae).
  RegionGroups rigid_bodies;
  /// The axes of the segments' angles (postprocess/body_motion.h).
  SegmentFrame segment_frame = SegmentFrame::anatomical;
};

/// "Spine model/Facet joints": compression-only gap elements across every facet joint.
struct FacetSettings {
  bool enabled = true;
  std::string cartilage_material = "facet_cartilage";
};

/// "Plasticity": the load path of a case with crushable-foam regions
/// (solver/elastoplastic_solver.h) and the load-displacement curve it reports
/// (postprocess/load_displacement.h).
struct PlasticitySettings {
  std::vector<double> load_factors = {1.0}; ///< the load factor's targets, in order
  LoadSteppingSettings stepping;
  std::string curve_surface; ///< surface whose displacement and reaction make the curve
  double yield_offset = 0;   ///< mm; 0: no offset yield load
};

struct CaseDefinition {
  std::string file;
  ParameterLocator locator;

  std::string mesh_file;
  double mesh_size = 0;
  bool spine_model = false; ///< Mesh/Source = spine-model: build the parametric model
  SpineModelSpec spine;
  LigamentSettings ligaments;   ///< springs of the spine model (ignored for mesh files)
  FacetSettings facets;         ///< facet gap elements of the spine model
  InterfaceSettings interfaces; ///< endcap and screw interfaces: bonded or contact

  std::string material_library;
  std::string crushable_foam_table; ///< empty: materials/data/crushable_foam.csv
  std::vector<std::pair<std::string, std::string>> region_materials;
  MaterialChoices material_choices; ///< what the role materials (implant, rod, bone) resolve to
  /// Set for a derived model (the intact twin): entries that match no region (implant, screws,
  /// rods) are not an error there.
  bool allow_unmatched_materials = false;

  std::vector<FixedSpec> fixed;
  std::vector<DisplacementSpec> displacements;
  std::vector<LoadSpec> loads;
  std::array<double, 3> body_force = {0, 0, 0};
  /// Load cases: name and the pure moment [N mm] added on `load_case_surface`.
  std::vector<std::pair<std::string, std::array<double, 3>>> load_cases;
  std::string load_case_surface;
  double follower_load = 0;   ///< N
  RegionGroups follower_path; ///< cranial to caudal

  SolverSettings solver;
  PlasticitySettings plasticity;
  OutputSettings output;
  MetricsSettings metrics;
};

/// Every parameter of a case file, with defaults, patterns, units and documentation.
void declare_case_parameters(dealii::ParameterHandler& prm);

/// Parses `file` strictly. Relative paths inside it are relative to the file's directory.
CaseDefinition read_case_file(const std::string& file);

/// The values of every parameter of `file` (includes expanded, defaults filled in) as compact
/// JSON, without the '/'-separated entries or sections in `excluded`: a canonical text whose hash
/// identifies what the remaining parameters determine (e.g. the intact baseline).
std::string canonical_parameters(const std::string& file, const std::vector<std::string>& excluded);

/// Prints every parameter: section/name, default, allowed values, unit, documentation.
void print_parameter_reference(std::ostream& out);

} // namespace spinefe
