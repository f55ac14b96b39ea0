// What the solver needs to know about one linear elastostatic problem, independent of how it was
// described (case file, test, benchmark). Units: mm, N, MPa.
#pragma once

#include "materials/crushable_foam.h"
#include "materials/linear_isotropic.h"
#include "solver/contact_law.h"
#include "solver/spring_law.h"

#include <deal.II/base/function.h>
#include <deal.II/base/types.h>
#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/mapping.h>
#include <deal.II/lac/affine_constraints.h>

#include <array>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace spinefe {

/// Prescribed displacement [mm] of the selected components on one boundary.
struct DirichletCondition {
  std::string surface;
  dealii::types::boundary_id boundary = 0;
  std::array<bool, 3> components = {true, true, true};
  std::shared_ptr<const dealii::Function<3>> displacement; ///< 3 components; null means zero
};

/// Load on one boundary: a traction vector [MPa], a pressure [MPa] acting against the outward
/// normal (t = -p n), a total force [N] spread uniformly over the surface area (t = F / A), or a
/// pure moment [N mm] about the surface's area centroid c with zero resultant force
/// (t = omega x (x - c), omega = J^-1 M; see solver/surface_geometry.h).
struct NeumannCondition {
  enum class Kind { traction, pressure, total_force, total_moment };
  std::string surface;
  dealii::types::boundary_id boundary = 0;
  Kind kind = Kind::traction;
  std::array<double, 3> vector = {0, 0, 0}; ///< traction [MPa], force [N] or moment [N mm]
  double pressure = 0;
  std::shared_ptr<const dealii::Function<3>> traction_function; ///< overrides `vector` if set
};

/// A resultant force on a group of regions, spread as a uniform body force density over their
/// volume (solver/region_forces.h).
struct RegionForce {
  std::string name;                        ///< for messages, e.g. "follower load T11-T12 (T11)"
  std::vector<unsigned int> regions;       ///< material ids
  std::array<double, 3> force = {0, 0, 0}; ///< N
};

/// A body: a name and the indices of its regions (cell material ids), e.g. a vertebral body. The
/// rigid-body fits (postprocess/body_motion.h) and the follower load's path
/// (mechanics/follower_load.h) are lists of them.
struct RigidBodyDefinition {
  std::string name;
  std::vector<unsigned int> regions;
};

/// The axes in which a motion segment's angles are reported (postprocess/body_motion.h).
///   anatomical: the segment's own frame. Its cranial axis z' runs from the lower body's vertex
///     centroid to the upper one's (before loading); its anterior axis x' is the global anterior
///     axis made perpendicular to z'; y' = z' x x' (left). In a kyphotic or lordotic column the
///     vertebrae are tilted in the sagittal plane, so a rotation about a vertebra's own long axis
///     (axial rotation) has a component about the global anterior axis: about global axes, axial
///     rotation and lateral bending leak into each other by the tilt. The relative rotation R_rel
///     is expressed in the segment frame Q = [x' y' z'] as Q^T R_rel Q before the Cardan angles
///     are taken. Flexion-extension is about y', which is the global y for a sagittal tilt.
///   global: the model's x (anterior), y (left), z (cranial), for models that are not a column.
enum class SegmentFrame { anatomical, global };

struct ProblemDefinition {
  std::vector<LinearIsotropic> materials; ///< indexed by cell material_id (region index)
  std::vector<std::string> region_names;  ///< same indexing, for output
  /// Regions (material ids) whose response is crushable-foam plastic; their entry in `materials`
  /// is ignored. A problem with any needs solver/elastoplastic_solver.h.
  std::map<unsigned int, CrushableFoamParameters> crushable_foam;
  std::vector<std::string> surface_names; ///< indexed by boundary_id - 1
  /// Surfaces that lie between cells (bonded interfaces): they have no reaction to report.
  std::set<unsigned int> interior_surfaces; ///< indices into surface_names
  std::vector<DirichletCondition> dirichlet;
  std::vector<NeumannCondition> neumann;
  std::shared_ptr<const dealii::Function<3>> body_force; ///< N/mm^3, 3 components; may be null
  std::vector<RegionForce> region_forces;
  /// Derived by the solver at set-up from region_forces (do not set): N/mm^3 per material id.
  std::vector<std::array<double, 3>> region_force_density;

  /// Extra constraints beyond surface conditions (e.g. a line support); called for every FE
  /// space the solver builds, so it must be written for any degree.
  std::function<void(const dealii::DoFHandler<3>&, const dealii::Mapping<3>&,
                     dealii::AffineConstraints<double>&)>
      extra_constraints;

  /// Two-node axial springs (ligaments) between mesh vertices (solver/springs.h).
  std::vector<SpringDefinition> springs;
  /// Largest distance [mm] from a spring's attachment point to the mesh vertex it attaches to.
  double spring_attachment_tolerance = 2.0;

  /// Contact across split interfaces (solver/contact_law.h): the interfaces and their laws, the
  /// patches the pairs are reported by (e.g. "interface/T12_inferior"), and the pairs.
  struct ContactPairs {
    std::vector<ContactInterface> interfaces;
    std::vector<std::string> patches;
    std::vector<ContactPairDefinition> pairs;
    ContactSettings settings;
  };
  ContactPairs contact;
};

struct SolverSettings {
  enum class Method { cg_amg, direct };
  enum class Preconditioner { p_multigrid, gamg, boomeramg };
  unsigned int degree = 2;
  Method method = Method::cg_amg;
  Preconditioner preconditioner = Preconditioner::p_multigrid;
  double relative_tolerance = 1e-8;
  unsigned int max_iterations = 2000;
  double amg_threshold = 0.02;     ///< GAMG aggregation drop tolerance
  unsigned int amg_smoothings = 1; ///< GAMG prolongator smoothing steps (0 = unsmoothed)
  /// Linear solves the spring active-set iteration may take before it is an error.
  unsigned int max_spring_iterations = 30;
  /// Keep the preconditioner of a model's first solve for every later one (active-set
  /// iterations, load cases); false rebuilds it for every solve.
  bool reuse_preconditioner = true;
  /// Relative tolerance of the active-set solves while spring states still change; the final
  /// solve uses relative_tolerance.
  double spring_iteration_tolerance = 1e-5;
  /// False for a non-symmetric operator (a non-associated plastic tangent): GMRES, right
  /// preconditioned, in place of CG.
  bool symmetric_operator = true;
};

} // namespace spinefe
