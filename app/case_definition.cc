#include "app/case_definition.h"

#include "app/case_includes.h"
#include "app/interfaces_section.h"
#include "app/metrics_section.h"
#include "app/spine_section.h"
#include "core/input_error.h"
#include "core/parameters.h"

#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>

#include <filesystem>
#include <fstream>
#include <functional>
#include <iomanip>
#include <limits>
#include <sstream>

namespace spinefe {

using dealii::ParameterHandler;
namespace Patterns = dealii::Patterns;

namespace {

const unsigned int unlimited = std::numeric_limits<unsigned int>::max();

// ----- Mesh (meshing/) ------------------------------------------------------------------------
void declare_mesh(ParameterHandler& prm) {
  prm.enter_subsection("Mesh");
  declare(prm, "Source", "file", Patterns::Selection("file|spine-model"), "-",
          "file: read 'File'; spine-model: build and mesh the parametric T10-L3 model of the "
          "'Spine model' section (no file).");
  declare(prm, "File", "", Patterns::Anything(), "-",
          "Mesh file, relative to the case file: gmsh .msh (format 2 or 4), gmsh .geo script "
          "(meshed on the fly), or Abaqus/CalculiX .inp with C3D4/C3D10 elements. Coordinates in "
          "mm. Physical volumes/ELSETs are regions, physical surfaces/*SURFACEs are surfaces.");
  declare(prm, "Mesh size", "0", Patterns::Double(0), "mm",
          "Largest element edge when meshing a .geo script; 0 keeps the script's own sizes.");
  prm.leave_subsection();
}

// ----- Materials (materials/) -----------------------------------------------------------------
void declare_materials(ParameterHandler& prm) {
  prm.enter_subsection("Materials");
  declare(prm, "Library", "", Patterns::Anything(), "-",
          "Material table (CSV: name, model, E_MPa, nu, ..., source), relative to the case file. "
          "Empty: the built-in library materials/data/materials.csv.");
  declare(prm, "Region materials", "",
          Patterns::Map(Patterns::Anything(), Patterns::Anything(), 0, unlimited, ";", ":"), "-",
          "Material of every mesh region, as 'region: material; region: material'. A region may "
          "be a shell pattern ('*/cortical', 'screw_*'); the first entry that matches a region "
          "wins. Every region of the mesh must be matched, and every entry must match a region. "
          "Role names resolve through the keys below: cancellous_bone, cortical_bone, "
          "bony_endplate, posterior_elements (at 'Bone quality'), implant, rod and graft.");
  declare(prm, "Bone quality", "normal", Patterns::Selection("normal|osteopenic|osteoporotic"), "-",
          "Bone quality of the role materials cancellous_bone, cortical_bone, bony_endplate and "
          "posterior_elements: osteoporosis lowers E by 66% (cancellous) and 33% (cortical), "
          "osteopenia halfway (Polikeit et al. 2003, Eur Spine J 12:413).");
  declare(prm, "Implant modulus", "0", Patterns::Double(0, 1e6), "MPa",
          "Young's modulus of the role material 'implant' (porous 3D-printed body or cage); 0: "
          "from 'Implant porosity', or the library entry 'Implant material'.");
  declare(prm, "Implant porosity", "0", Patterns::Double(0, 0.95), "-",
          "Porosity of the implant lattice, converted by Gibson-Ashby E = E_s (1 - porosity)^2 "
          "(Gibson & Ashby 1997) with E_s of 'Implant solid material'; used when 'Implant "
          "modulus' is 0 and the porosity > 0.");
  declare(prm, "Implant solid material", "ti6al4v", Patterns::Anything(), "-",
          "Library material of the implant's solid phase (its E_s and Poisson's ratio).");
  declare(prm, "Implant material", "porous_ti_3d_printed", Patterns::Anything(), "-",
          "Library material of 'implant' when neither modulus nor porosity is given.");
  declare(prm, "Crushable foam table", "", Patterns::Anything(), "-",
          "Table of crushable-foam (plastic) materials (CSV: name, E_MPa, nu, k, nu_p, "
          "hardening, confidence, source), relative to the case file. Empty: the built-in "
          "materials/data/crushable_foam.csv. A region whose material is named there is solved "
          "as crushable-foam plastic, with load stepping ('Plasticity').");
  declare(prm, "Rod material", "ti6al4v", Patterns::Anything(), "-",
          "Library material of the role material 'rod' (ti6al4v, cocr, peek, ...).");
  declare(prm, "Graft stage", "fresh", Patterns::Selection("fresh|partly fused|fused"), "-",
          "Healing stage of the role material 'graft' (the mesh cage's lumen) and of the bone "
          "in the printed body's pores: fresh morselised graft 100 MPa, partly fused (woven "
          "bone) 1000 MPa, fused (mature bone) 6000 MPa (materials/bone_graft.h, with sources).");
  declare(prm, "Ingrowth fraction", "0", Patterns::Double(0, 1), "-",
          "Share of the implant lattice's pores filled with bone at 'Graft stage', in the printed "
          "body's core (region implant/core with the role material 'implant'): iso-strain "
          "mixture C_lattice + f p C_bone, with the porosity p from Gibson-Ashby (0 for solid "
          "titanium).");
  prm.leave_subsection();
}

// ----- Boundary conditions (solver/) ----------------------------------------------------------
void declare_boundary_conditions(ParameterHandler& prm) {
  const auto components = Patterns::Selection("x|y|z|xy|xz|yz|xyz");
  const auto vector3 = Patterns::List(Patterns::Double(), 3, 3, ",");
  prm.enter_subsection("Boundary conditions");
  declare(prm, "Fixed", "", Patterns::Map(Patterns::Anything(), components, 0, unlimited, ";", ":"),
          "-", "Zero displacement of the listed components: 'surface: xyz; surface: z'.");
  declare(
      prm, "Prescribed displacement", "",
      Patterns::Map(Patterns::Anything(),
                    Patterns::Map(Patterns::Selection("x|y|z"), Patterns::Double(), 1, 3, ",", "="),
                    0, unlimited, ";", ":"),
      "mm", "Prescribed displacement by component: 'surface: z = -0.1; surface: x = 0, y = 0'.");
  declare(prm, "Traction", "", Patterns::Map(Patterns::Anything(), vector3, 0, unlimited, ";", ":"),
          "MPa", "Uniform traction vector on a surface: 'surface: tx, ty, tz'.");
  declare(prm, "Pressure", "",
          Patterns::Map(Patterns::Anything(), Patterns::Double(), 0, unlimited, ";", ":"), "MPa",
          "Pressure against the outward normal (positive pushes into the body): 'surface: p'.");
  declare(prm, "Total force", "",
          Patterns::Map(Patterns::Anything(), vector3, 0, unlimited, ";", ":"), "N",
          "Resultant force spread uniformly over the surface area: 'surface: Fx, Fy, Fz'.");
  declare(prm, "Total moment", "",
          Patterns::Map(Patterns::Anything(), vector3, 0, unlimited, ";", ":"), "N mm",
          "Pure moment about the surface's area centroid, with zero resultant force: 'surface: "
          "Mx, My, Mz' in N mm (7.5 Nm = 7500 N mm). Applied as the traction t = w x (x - c), "
          "w = J^-1 M, with c the area centroid and J = int (|x - c|^2 I - (x - c)(x - c)) dA "
          "the area inertia tensor of the surface. Adds to a 'Total force' on the same surface.");
  declare(prm, "Load cases", "",
          Patterns::Map(Patterns::Anything(), vector3, 0, unlimited, ";", ":"), "N mm",
          "Several load cases in one run, as 'name: Mx, My, Mz; ...': each adds a pure moment "
          "(as 'Total moment') on 'Load case surface' to the loads above (e.g. the follower "
          "load), and is solved on the same mesh. Results go to <output>/<name>/ and one table "
          "<output>/load_cases.csv. Empty: one load case, results in <output>/. Names: letters, "
          "digits, '-' and '_'. Example: 'standing: 0, 0, 0; flexion: 0, 7500, 0'.");
  declare(prm, "Load case surface", "", Patterns::Anything(), "-",
          "The surface that carries the moments of 'Load cases' (e.g. pot_top/load).");
  declare(prm, "Follower load", "0", Patterns::Double(0), "N",
          "Compressive follower load along the path through the centroids of the 'Follower "
          "path' bodies: between each pair of adjacent bodies, a force of this magnitude pulls "
          "the upper body towards the lower one and the lower towards the upper, along the line "
          "joining their volume centroids (reference configuration), each spread uniformly over "
          "the body's volume. Self-equilibrated: it adds no resultant to the supports.");
  declare(prm, "Follower path", "",
          Patterns::Map(Patterns::Anything(), Patterns::Anything(), 0, unlimited, ";", ":"), "-",
          "Bodies the follower load runs through, cranial to caudal, as 'name: region patterns; "
          "...' (as 'Output/Rigid bodies'). Needs at least 2 bodies if 'Follower load' > 0.");
  declare(prm, "Body force", "0, 0, 0", vector3, "N/mm^3",
          "Force per unit volume, e.g. gravity: density [kg/mm^3] x 9.81e3 [mm/s^2] gives N/mm^3.");
  prm.leave_subsection();
}

// ----- Solver (solver/) -----------------------------------------------------------------------
void declare_solver(ParameterHandler& prm) {
  prm.enter_subsection("Solver");
  declare(prm, "Element degree", "2", Patterns::Integer(1, 2), "-",
          "Polynomial degree of the tetrahedral Lagrange elements: 1 (P1, linear) or 2 (P2).");
  declare(prm, "Linear solver", "cg-amg", Patterns::Selection("cg-amg|direct"), "-",
          "cg-amg: conjugate gradients with algebraic multigrid; direct: MUMPS LU.");
  declare(prm, "Preconditioner", "p-multigrid", Patterns::Selection("p-multigrid|gamg|boomeramg"),
          "-",
          "For cg-amg: p-multigrid (P2 smoothing + GAMG on P1), gamg (smoothed aggregation with "
          "rigid-body modes) or boomeramg (hypre, nodal).");
  declare(prm, "Relative tolerance", "1e-8", Patterns::Double(1e-14, 1e-2), "-",
          "CG stops when the residual norm falls below this fraction of the load-vector norm.");
  declare(prm, "Maximum iterations", "2000", Patterns::Integer(1, 1000000), "-",
          "CG iteration limit; reaching it is an error, never a silent result.");
  declare(prm, "AMG threshold", "0.02", Patterns::Double(0, 1), "-",
          "GAMG drop tolerance for weak couplings in aggregation.");
  declare(prm, "Reuse preconditioner", "true", Patterns::Bool(), "-",
          "Build the preconditioner at a model's first solve and keep it for every later solve "
          "(spring active-set iterations, further load cases), each starting from the previous "
          "answer; false rebuilds it every time.");
  declare(prm, "AMG smoothing steps", "1", Patterns::Integer(0, 3), "-",
          "GAMG prolongator smoothing steps (0 = plain aggregation, cheaper set-up).");
  prm.leave_subsection();
}

// ----- Plasticity (solver/) -------------------------------------------------------------------
void declare_plasticity(ParameterHandler& prm) {
  prm.enter_subsection("Plasticity");
  declare(prm, "Load factors", "1", Patterns::List(Patterns::Double(-1e3, 1e3), 1), "-",
          "Targets of the load factor lambda, in order: the loads and prescribed displacements "
          "are scaled by lambda (1 = as given). '1, 0' loads and unloads (the permanent set); "
          "'1, 2, 3' ramps to three times the loads. Used when a region is crushable foam.");
  declare(prm, "Initial step", "0.1", Patterns::Double(1e-8, 1e3), "-",
          "First increment of the load factor; a step that converges in at most 4 Newton "
          "iterations lets the next grow by 1.5, a failed one is halved and retried.");
  declare(prm, "Maximum step", "0.1", Patterns::Double(1e-8, 1e3), "-",
          "Largest increment of the load factor (also the resolution of the load-displacement "
          "curve).");
  declare(prm, "Minimum step", "1e-4", Patterns::Double(1e-12, 1e3), "-",
          "A step cut below this is an error with the Newton counts, never a silent result.");
  declare(prm, "Maximum Newton iterations", "25", Patterns::Integer(1, 1000), "-",
          "Newton iterations of one load step before it is cut.");
  declare(prm, "Residual tolerance", "1e-8", Patterns::Double(1e-14, 1e-2), "-",
          "Newton stops when the residual norm falls below this fraction of the largest force "
          "norm the body has carried (internal forces including the reactions).");
  declare(prm, "Curve surface", "", Patterns::Anything(), "-",
          "Surface whose mean displacement and reaction force make load_displacement.csv; empty: "
          "the first surface with a prescribed displacement.");
  declare(prm, "Yield offset", "0", Patterns::Double(0, 1e3), "mm",
          "Offset of the yield line parallel to the initial stiffness (ASTM F2077/F2267 offset "
          "method); 0: no yield load reported.");
  prm.leave_subsection();
}

// ----- Output (postprocess/) ------------------------------------------------------------------
void declare_output(ParameterHandler& prm) {
  prm.enter_subsection("Output");
  declare(prm, "Directory", "results", Patterns::Anything(), "-",
          "Output directory, relative to the working directory (the CLI's --output overrides).");
  declare(prm, "Base name", "solution", Patterns::Anything(), "-",
          "Prefix of the field files (<base>.pvd, <base>.pvtu, <base>_<rank>.vtu).");
  declare(prm, "Write fields", "true", Patterns::Bool(), "-",
          "Write the VTU/PVTU/PVD field output (summaries are always written).");
  declare(prm, "Rigid bodies", "",
          Patterns::Map(Patterns::Anything(), Patterns::Anything(), 0, unlimited, ";", ":"), "-",
          "Bodies whose least-squares rigid motion is reported (ROM), as 'name: region patterns; "
          "...', the patterns separated by spaces ('T12: T12/cortical T12/cancellous "
          "T12/endplate_*'). List vertebrae cranial to caudal: the relative motion of each body "
          "to the next, and of the first to the last, is reported too. Angles in degrees.");
  declare(prm, "Segment frame", "anatomical", Patterns::Selection("anatomical|global"), "-",
          "Axes of the segments' angles. anatomical: each segment's own frame, cranial along the "
          "line from the lower to the upper body's centroid, anterior the global x made "
          "perpendicular to it (the vertebrae of a curved column are tilted, and global axes mix "
          "axial rotation into lateral bending). global: the model's x, y, z.");
  prm.leave_subsection();
}

std::array<bool, 3> component_mask(const std::string& text) {
  return {text.find('x') != std::string::npos, text.find('y') != std::string::npos,
          text.find('z') != std::string::npos};
}

std::array<double, 3> as_vector3(const std::string& text) {
  const auto v = split_doubles(text);
  return {v.at(0), v.at(1), v.at(2)};
}

/// Converts deal.II's exception text (which includes a stack trace banner) into our message.
std::string parameter_error_text(const dealii::ExceptionBase& e) {
  std::ostringstream info;
  e.print_info(info);
  std::string text = info.str();
  // Make the message one paragraph: deal.II wraps its text over several lines.
  for (auto& c : text)
    if (c == '\n')
      c = ' ';
  while (!text.empty() && text.back() == ' ')
    text.pop_back();
  return text;
}

} // namespace

void declare_case_parameters(ParameterHandler& prm) {
  declare_mesh(prm);
  declare_spine_model(prm);
  declare_materials(prm);
  declare_boundary_conditions(prm);
  declare_solver(prm);
  declare_plasticity(prm);
  declare_output(prm);
  declare_metrics(prm);
  declare_interfaces(prm);
}

namespace {
/// 'name: pattern pattern; name: ...' as (name, patterns) in the order given.
RegionGroups region_groups(const std::string& text, const ParameterLocator& locator,
                           const std::string& key) {
  RegionGroups groups;
  for (const auto& [name, patterns] : split_map(text)) {
    std::istringstream words(patterns);
    std::vector<std::string> list;
    for (std::string w; words >> w;)
      list.push_back(w);
    if (list.empty())
      throw InputError(locator.where(key), "body '" + name + "' lists no region pattern");
    groups.emplace_back(name, list);
  }
  return groups;
}

void read_boundary_conditions(ParameterHandler& prm, CaseDefinition& c) {
  prm.enter_subsection("Boundary conditions");
  for (const auto& [surface, mask] : split_map(prm.get("Fixed")))
    c.fixed.push_back({surface, component_mask(mask)});
  for (const auto& [surface, spec] : split_map(prm.get("Prescribed displacement"))) {
    DisplacementSpec d{surface, {false, false, false}, {0, 0, 0}};
    for (const auto& [axis, value] : split_map(spec, ",", "=")) {
      const unsigned int k = axis.size() == 1 ? axis[0] - 'x' : 3;
      if (k > 2)
        throw InputError(c.locator.where("Boundary conditions/Prescribed displacement"),
                         "axis '" + axis + "' of surface '" + surface + "' must be x, y or z");
      d.components[k] = true;
      d.value[k] = std::stod(value);
    }
    c.displacements.push_back(d);
  }
  for (const auto& [surface, v] : split_map(prm.get("Traction")))
    c.loads.push_back({surface, NeumannCondition::Kind::traction, as_vector3(v), 0});
  for (const auto& [surface, p] : split_map(prm.get("Pressure")))
    c.loads.push_back({surface, NeumannCondition::Kind::pressure, {0, 0, 0}, std::stod(p)});
  for (const auto& [surface, v] : split_map(prm.get("Total force")))
    c.loads.push_back({surface, NeumannCondition::Kind::total_force, as_vector3(v), 0});
  for (const auto& [surface, v] : split_map(prm.get("Total moment")))
    c.loads.push_back({surface, NeumannCondition::Kind::total_moment, as_vector3(v), 0});
  c.body_force = as_vector3(prm.get("Body force"));
  c.follower_load = prm.get_double("Follower load");
  c.load_case_surface = prm.get("Load case surface");
  for (const auto& [name, moment] : split_map(prm.get("Load cases"))) {
    const std::string where = c.locator.where("Boundary conditions/Load cases");
    if (name.empty() ||
        name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                               "0123456789-_") != std::string::npos)
      throw InputError(where, "load case name '" + name +
                                  "' may only hold letters, digits, '-' and '_' (it names a "
                                  "folder)");
    for (const auto& other : c.load_cases)
      if (other.first == name)
        throw InputError(where, "load case '" + name + "' is defined twice");
    c.load_cases.emplace_back(name, as_vector3(moment));
  }
  if (!c.load_cases.empty() && c.load_case_surface.empty())
    throw InputError(c.locator.where("Boundary conditions/Load cases"),
                     "'Load cases' needs 'Load case surface', the surface the moments act on");
  c.follower_path =
      region_groups(prm.get("Follower path"), c.locator, "Boundary conditions/Follower path");
  // A spine model derives its path from its vertebral bodies when none is given.
  if (c.follower_load > 0 && c.follower_path.size() < 2 && !c.spine_model)
    throw InputError(c.locator.where("Boundary conditions/Follower load"),
                     "a follower load needs at least 2 bodies in 'Follower path' (found " +
                         std::to_string(c.follower_path.size()) + ")");
  prm.leave_subsection();
}

void read_plasticity(ParameterHandler& prm, const ParameterLocator& locator,
                     PlasticitySettings& p) {
  prm.enter_subsection("Plasticity");
  p.load_factors = split_doubles(prm.get("Load factors"));
  p.stepping.initial_step = prm.get_double("Initial step");
  p.stepping.maximum_step = prm.get_double("Maximum step");
  p.stepping.minimum_step = prm.get_double("Minimum step");
  p.stepping.max_newton_iterations = prm.get_integer("Maximum Newton iterations");
  p.stepping.residual_tolerance = prm.get_double("Residual tolerance");
  p.curve_surface = prm.get("Curve surface");
  p.yield_offset = prm.get_double("Yield offset");
  prm.leave_subsection();
  if (p.stepping.minimum_step > p.stepping.initial_step ||
      p.stepping.initial_step > p.stepping.maximum_step) {
    std::ostringstream msg;
    msg << "Minimum step " << p.stepping.minimum_step << ", Initial step "
        << p.stepping.initial_step << ", Maximum step " << p.stepping.maximum_step
        << ": expected Minimum step <= Initial step <= Maximum step";
    throw InputError(locator.where(p.stepping.initial_step > p.stepping.maximum_step
                                       ? "Plasticity/Maximum step"
                                       : "Plasticity/Minimum step"),
                     msg.str());
  }
}

void read_solver(ParameterHandler& prm, SolverSettings& s) {
  prm.enter_subsection("Solver");
  s.degree = prm.get_integer("Element degree");
  s.method = prm.get("Linear solver") == "direct" ? SolverSettings::Method::direct
                                                  : SolverSettings::Method::cg_amg;
  const std::string pc = prm.get("Preconditioner");
  s.preconditioner = pc == "gamg"        ? SolverSettings::Preconditioner::gamg
                     : pc == "boomeramg" ? SolverSettings::Preconditioner::boomeramg
                                         : SolverSettings::Preconditioner::p_multigrid;
  s.relative_tolerance = prm.get_double("Relative tolerance");
  s.max_iterations = prm.get_integer("Maximum iterations");
  s.amg_threshold = prm.get_double("AMG threshold");
  s.amg_smoothings = prm.get_integer("AMG smoothing steps");
  s.reuse_preconditioner = prm.get_bool("Reuse preconditioner");
  prm.leave_subsection();
}
} // namespace

namespace {
/// Every section of a parsed case file into `c`, with the checks that need several values.
void read_sections(ParameterHandler& prm, CaseDefinition& c) {
  prm.enter_subsection("Mesh");
  c.mesh_file = resolve(prm.get("File"), c.locator.file_of("Mesh/File"));
  c.mesh_size = prm.get_double("Mesh size");
  c.spine_model = prm.get("Source") == "spine-model";
  prm.leave_subsection();
  if (c.spine_model && !c.mesh_file.empty())
    throw InputError(c.locator.where("Mesh/File"),
                     "'File' is set but 'Source' is spine-model; remove one of them");
  if (!c.spine_model && c.mesh_file.empty())
    throw InputError(c.locator.where("Mesh/File"),
                     "no mesh file given; set 'File' in 'Mesh' (or 'Source = spine-model')");
  c.spine = read_spine_model(prm, c.locator);
  c.ligaments = read_ligaments(prm, c.locator);
  prm.enter_subsection("Spine model");
  prm.enter_subsection("Facet joints");
  c.facets.enabled = prm.get_bool("Enabled");
  c.facets.cartilage_material = prm.get("Cartilage material");
  prm.leave_subsection();
  prm.leave_subsection();
  prm.enter_subsection("Materials");
  c.material_library = resolve(prm.get("Library"), c.locator.file_of("Materials/Library"));
  c.crushable_foam_table =
      resolve(prm.get("Crushable foam table"), c.locator.file_of("Materials/Crushable foam table"));
  c.region_materials = split_map(prm.get("Region materials"));
  c.material_choices.bone_quality = parse_bone_quality(prm.get("Bone quality"));
  c.material_choices.implant_modulus = prm.get_double("Implant modulus");
  c.material_choices.implant_porosity = prm.get_double("Implant porosity");
  c.material_choices.implant_solid = prm.get("Implant solid material");
  c.material_choices.implant_material = prm.get("Implant material");
  c.material_choices.rod_material = prm.get("Rod material");
  c.material_choices.graft_stage = parse_graft_stage(prm.get("Graft stage"));
  c.material_choices.ingrowth_fraction = prm.get_double("Ingrowth fraction");
  prm.leave_subsection();
  read_boundary_conditions(prm, c);
  read_solver(prm, c.solver);
  read_plasticity(prm, c.locator, c.plasticity);
  prm.enter_subsection("Output");
  c.output = {prm.get("Directory"), prm.get("Base name"), prm.get_bool("Write fields"), {}};
  c.output.rigid_bodies = region_groups(prm.get("Rigid bodies"), c.locator, "Output/Rigid bodies");
  c.output.segment_frame =
      prm.get("Segment frame") == "global" ? SegmentFrame::global : SegmentFrame::anatomical;
  prm.leave_subsection();
  c.metrics = read_metrics(prm);
  if (!(c.metrics.formation_strain_min < c.metrics.formation_strain_max))
    throw InputError(c.locator.where("Metrics/Bone formation strain"),
                     "the window's lower bound must be below its upper bound (microstrain, "
                     "e.g. '1000, 3000')");
  c.interfaces = read_interfaces(prm);
  if (c.spine_model && c.spine.surgery != Surgery::intact && c.spine.implant != ImplantType::none &&
      c.interfaces.any_contact() && c.solver.degree != 1)
    throw InputError(c.locator.where("Solver/Element degree"),
                     "contact at the implant interfaces ('Interfaces' is not bonded) needs "
                     "'Element degree = 1': the contact pairs are mesh vertices, and with P2 a "
                     "uniform pressure puts no load on vertex nodes; set the degree to 1 or "
                     "make the interfaces bonded");
}
} // namespace

CaseDefinition read_case_file(const std::string& file) {
  if (!std::filesystem::is_regular_file(file))
    throw InputError(file, "case file not found");
  ParameterHandler prm;
  declare_case_parameters(prm);
  CaseDefinition c;
  c.file = file;
  c.locator = ParameterLocator(file);
  const ExpandedCase expanded = expand_includes(file);
  try {
    // Strict: undefined entries are errors (skip_undefined = false), as are pattern mismatches.
    std::istringstream text(expanded.text);
    prm.parse_input(text, file, "", false);
  } catch (const dealii::ExceptionBase& e) {
    throw InputError(file, with_original_lines(parameter_error_text(e), expanded));
  }
  try {
    read_sections(prm, c);
  } catch (const InputError&) {
    throw;
  } catch (const dealii::ExceptionBase& e) { // a value its pattern lets through, e.g. 1e-320
    throw InputError(file, with_original_lines(parameter_error_text(e), expanded));
  } catch (const std::exception& e) {
    throw InputError(file, std::string("a number in a value is malformed or out of range (") +
                               e.what() + "); expected finite double-precision numbers");
  }
  return c;
}

namespace {
/// deal.II mangles names in JSON output (' ' -> "_20"); undo it.
std::string demangle(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 2 < s.size() && std::isxdigit(s[i + 1]) && std::isxdigit(s[i + 2])) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

void print_tree(const boost::property_tree::ptree& tree, const std::string& section,
                std::ostream& out) {
  for (const auto& [key, child] : tree) {
    const std::string name = demangle(key);
    if (child.count("value") == 0) {
      out << "\nsubsection " << name << "\n";
      print_tree(child, section.empty() ? name : section + "/" + name, out);
      continue;
    }
    std::string doc = child.get<std::string>("documentation");
    std::string unit = "-";
    if (!doc.empty() && doc[0] == '[') {
      unit = doc.substr(1, doc.find(']') - 1);
      doc = doc.substr(doc.find(']') + 2);
    }
    out << "  " << section << "/" << name << "\n"
        << "      default: '" << child.get<std::string>("default_value") << "'   unit: " << unit
        << "\n      allowed: " << child.get<std::string>("pattern_description") << "\n      " << doc
        << "\n";
  }
}
} // namespace

namespace {
/// Removes the entry at '/'-separated `path` (demangled names) from `tree`, if present.
void erase_path(boost::property_tree::ptree& tree, const std::string& path) {
  const auto slash = path.find('/');
  const std::string head = path.substr(0, slash);
  for (auto it = tree.begin(); it != tree.end(); ++it)
    if (demangle(it->first) == head) {
      if (slash == std::string::npos)
        tree.erase(it);
      else
        erase_path(it->second, path.substr(slash + 1));
      return;
    }
}
} // namespace

std::string canonical_parameters(const std::string& file,
                                 const std::vector<std::string>& excluded) {
  ParameterHandler prm;
  declare_case_parameters(prm);
  std::istringstream text(expand_includes(file).text);
  prm.parse_input(text, file, "", false);
  std::stringstream json;
  prm.print_parameters(json, ParameterHandler::JSON);
  boost::property_tree::ptree tree;
  boost::property_tree::read_json(json, tree);
  for (const auto& path : excluded)
    erase_path(tree, path);
  // Keep only the values: documentation and patterns do not change results.
  std::function<void(boost::property_tree::ptree&)> strip = [&](boost::property_tree::ptree& t) {
    for (auto& [key, child] : t) {
      if (child.count("value")) {
        const std::string value = child.get<std::string>("value");
        child = boost::property_tree::ptree(value);
      } else {
        strip(child);
      }
    }
  };
  strip(tree);
  std::ostringstream out;
  boost::property_tree::write_json(out, tree, false);
  return out.str();
}

void print_parameter_reference(std::ostream& out) {
  ParameterHandler prm;
  declare_case_parameters(prm);
  std::stringstream json;
  prm.print_parameters(json, ParameterHandler::JSON);
  boost::property_tree::ptree tree;
  boost::property_tree::read_json(json, tree);
  out << "spinefe case-file parameters (units: mm, N, MPa; angles in degrees)\n";
  print_tree(tree, "", out);
}

} // namespace spinefe
