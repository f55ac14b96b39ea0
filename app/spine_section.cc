#include "app/spine_section.h"

#include "app/case_includes.h"
#include "mechanics/ligament_springs.h"

#include "core/input_error.h"
#include "core/parameters.h"

#include <filesystem>
#include <sstream>

namespace spinefe {

using dealii::ParameterHandler;
namespace Patterns = dealii::Patterns;

namespace {

const char* levels = "T10|T11|T12|L2|L3";

std::string level_map(const std::map<std::string, double>& values) {
  std::string text;
  for (const std::string level : {"T10", "T11", "T12", "L2", "L3"})
    text += (text.empty() ? "" : "; ") + level + ": " + number_text(values.at(level));
  return text;
}

void length(ParameterHandler& prm, const std::string& name, const double value, const double lo,
            const double hi, const std::string& doc) {
  declare(prm, name, number_text(value), Patterns::Double(lo, hi), "mm", doc);
}

void declare_tissue(ParameterHandler& prm, const TissueGeometry& t) {
  prm.enter_subsection("Tissue");
  length(prm, "Cortical thickness", t.cortical_thickness, 0.2, 3,
         "Cortical shell of the vertebral bodies (0.4-1 mm in the literature).");
  length(prm, "Endplate thickness", t.endplate_thickness, 0.2, 3, "Bony endplates.");
  declare(prm, "Posterior wall exponent", number_text(t.posterior_exponent), Patterns::Double(2, 8),
          "-",
          "Superellipse exponent of the posterior half of the endplate outline (2 = ellipse; "
          "larger = flatter posterior wall).");
  declare(prm, "Nucleus area fraction", number_text(t.nucleus_area_fraction),
          Patterns::Double(0.1, 0.8), "-", "Nucleus pulposus area as a fraction of the disc area.");
  length(prm, "Nucleus posterior shift", t.nucleus_posterior_shift, 0, 10,
         "Nucleus centre behind the disc centre.");
  length(prm, "Facet gap", t.facet_gap, 0.1, 3,
         "Gap between the articular faces of a facet joint.");
  length(prm, "Facet width", t.facet_width, 4, 25, "Width of the articular faces.");
  length(prm, "Facet height", t.facet_height, 4, 25, "Height of the articular faces.");
  length(prm, "Facet thickness", t.facet_thickness, 2, 10, "Thickness of the articular processes.");
  length(prm, "Lamina thickness", t.lamina_thickness, 2, 12, "Antero-posterior lamina thickness.");
  length(prm, "Spinous thickness", t.spinous_thickness, 2, 15, "Left-right thickness.");
  length(prm, "Transverse process size", t.transverse_process_size, 3, 15,
         "Side of the square cross-section.");
  declare(prm, "Transverse process sweep", number_text(t.transverse_process_sweep),
          Patterns::Double(-10, 60), "deg", "Backward angle of the transverse processes.");
  prm.leave_subsection();
}

void declare_implant(ParameterHandler& prm, const PrintedBodySpec& p, const MeshCageSpec& c) {
  prm.enter_subsection("Implant");
  declare(prm, "Type", "printed-body", Patterns::Selection("printed-body|mesh-cage|none"), "-",
          "Anterior column reconstruction after the corpectomy: a 3D-printed vertebral body, a "
          "titanium mesh cage, or none.");
  declare(prm, "Endcap area", number_text(p.endcap_area), Patterns::Double(1), "mm^2",
          "Contact area of each endcap of the printed body; an endcap larger than its endplate is "
          "an error.");
  declare(prm, "Endcap shape", "outline", Patterns::Selection("outline|circle"), "-",
          "outline: the endplate outline scaled to the area; circle: a disk of the area. Both are "
          "centred on the endplate centroid.");
  length(prm, "Endcap thickness", p.endcap_thickness, 0.2, 10, "Thickness of each endcap.");
  declare(prm, "Core area fraction", number_text(p.core_area_fraction), Patterns::Double(0.05, 1),
          "-", "Cross-section of the printed body's core as a fraction of the endcap area.");
  length(prm, "Cage diameter", c.outer_diameter, 5, 60, "Outer diameter of the mesh cage.");
  length(prm, "Cage wall thickness", c.wall_thickness, 0.2, 10, "Wall of the mesh cage.");
  declare(prm, "Cage graft", c.graft ? "true" : "false", Patterns::Bool(), "-",
          "Fill the mesh cage's lumen with bone graft (region 'graft', material role 'graft' at "
          "'Materials/Graft stage'); false leaves it empty.");
  prm.leave_subsection();
}

void declare_instrumentation(ParameterHandler& prm, const InstrumentationSpec& s) {
  prm.enter_subsection("Instrumentation");
  declare(prm, "Enabled", "true", Patterns::Bool(), "-",
          "Pedicle screws in T10, T11, T12, L2 and L3 (both sides) and two rods.");
  declare(prm, "Screw diameters", level_map(s.screw_diameter),
          Patterns::Map(Patterns::Selection(levels), Patterns::Double(2, 10), 5, 5, ";", ":"), "mm",
          "Screw diameter per level: 'T10: 5; T11: 5.5; ...' (all five levels).");
  declare(prm, "Screw lengths", level_map(s.screw_length),
          Patterns::Map(Patterns::Selection(levels), Patterns::Double(10, 80), 5, 5, ";", ":"),
          "mm", "Screw length per level, from the entry point on the lateral mass (all five).");
  length(prm, "Tulip diameter", s.tulip_diameter, 5, 20, "Width of the screw heads.");
  length(prm, "Tulip height", s.tulip_height, 5, 25, "Height of the screw heads.");
  length(prm, "Rod diameter", s.rod_diameter, 3, 8, "Diameter of both rods.");
  prm.leave_subsection();
}

void declare_sizes(ParameterHandler& prm, const SpineMeshSizes& s) {
  prm.enter_subsection("Mesh sizes");
  length(prm, "Global", s.global, 0.5, 20, "Largest element edge.");
  length(prm, "Shell", s.shell, 0.2, 10,
         "Element edge in cortical shells and endplates (1.5 x this in posterior elements).");
  length(prm, "Interface", s.interface, 0.2, 10, "Element edge in the implant.");
  length(prm, "Screw", s.screw, 0.2, 10, "Element edge in screws, heads and rods.");
  declare(prm, "Minimum quality", number_text(s.min_sicn), Patterns::Double(0, 1), "-",
          "A mesh with an element of lower SICN (signed inverse condition number) is an error.");
  prm.leave_subsection();
}

} // namespace

void declare_spine_model(ParameterHandler& prm) {
  const SpineModelSpec d;
  prm.enter_subsection("Spine model");
  declare(prm, "Anatomy table", "", Patterns::Anything(), "-",
          "Per-level anatomy CSV, relative to the case file; empty: the built-in table "
          "meshing/data/anatomy_t10_l3.csv (columns in meshing/data/README.md).");
  declare_tissue(prm, d.tissue);
  prm.enter_subsection("Surgery");
  declare(prm, "Procedure", "corpectomy", Patterns::Selection("intact|corpectomy"), "-",
          "corpectomy: remove the L1 body, the T12/L1 and L1/L2 discs and the L1 posterior "
          "elements, and reconstruct with the implant and instrumentation; intact: the same "
          "anatomy with nothing removed and no implant or instrumentation (the Implant and "
          "Instrumentation sections are then ignored).");
  prm.leave_subsection();
  declare_implant(prm, d.printed_body, d.cage);
  declare_instrumentation(prm, d.instrumentation);
  prm.enter_subsection("Potting");
  length(prm, "Margin", d.potting.margin, 1, 30, "PMMA beyond the bone in every direction.");
  length(prm, "Clearance", d.potting.clearance, 0.5, 10,
         "PMMA kept clear of screw heads and rods.");
  prm.leave_subsection();
  declare_sizes(prm, d.sizes);
  declare_ligaments(prm);
  prm.enter_subsection("Facet joints");
  declare(prm, "Enabled", "true", Patterns::Bool(), "-",
          "Model each facet joint as compression-only gap elements across its articular gap "
          "(the cartilage layer: no force when the joint opens, k = E_c A_i / t when it closes; "
          "mechanics/facet_springs.h), solved with the ligaments by the active-set iteration.");
  declare(prm, "Cartilage material", "facet_cartilage", Patterns::Anything(), "-",
          "Library material whose Young's modulus E_c is the facet cartilage stiffness.");
  prm.leave_subsection();
  prm.leave_subsection();
}

namespace {

std::map<std::string, double> read_level_map(const std::string& text) {
  std::map<std::string, double> values;
  for (const auto& [level, value] : split_map(text))
    values[level] = std::stod(value);
  return values;
}

void check_sizes(const SpineMeshSizes& s, const ParameterLocator& locator) {
  for (const auto& [name, size] : {std::pair<const char*, double>{"Shell", s.shell},
                                   {"Interface", s.interface},
                                   {"Screw", s.screw}})
    if (size > s.global)
      throw InputError(locator.where(std::string("Spine model/Mesh sizes/") + name),
                       std::string(name) + " size " + number_text(size) +
                           " mm must not exceed the Global size " + number_text(s.global) + " mm");
}

} // namespace

SpineModelSpec read_spine_model(ParameterHandler& prm, const ParameterLocator& locator) {
  SpineModelSpec s;
  prm.enter_subsection("Spine model");
  const std::string table = prm.get("Anatomy table");
  if (!table.empty())
    s.anatomy_file =
        existing_case_path(locator, "Spine model/Anatomy table", table, "anatomy table");
  prm.enter_subsection("Tissue");
  TissueGeometry& t = s.tissue;
  t.cortical_thickness = prm.get_double("Cortical thickness");
  t.endplate_thickness = prm.get_double("Endplate thickness");
  t.posterior_exponent = prm.get_double("Posterior wall exponent");
  t.nucleus_area_fraction = prm.get_double("Nucleus area fraction");
  t.nucleus_posterior_shift = prm.get_double("Nucleus posterior shift");
  t.facet_gap = prm.get_double("Facet gap");
  t.facet_width = prm.get_double("Facet width");
  t.facet_height = prm.get_double("Facet height");
  t.facet_thickness = prm.get_double("Facet thickness");
  t.lamina_thickness = prm.get_double("Lamina thickness");
  t.spinous_thickness = prm.get_double("Spinous thickness");
  t.transverse_process_size = prm.get_double("Transverse process size");
  t.transverse_process_sweep = prm.get_double("Transverse process sweep");
  prm.leave_subsection();
  prm.enter_subsection("Surgery");
  s.surgery = prm.get("Procedure") == "intact" ? Surgery::intact : Surgery::corpectomy;
  prm.leave_subsection();
  prm.enter_subsection("Implant");
  const std::string type = prm.get("Type");
  s.implant = type == "none"        ? ImplantType::none
              : type == "mesh-cage" ? ImplantType::mesh_cage
                                    : ImplantType::printed_body;
  s.printed_body.endcap_area = prm.get_double("Endcap area");
  s.printed_body.endcap_shape =
      prm.get("Endcap shape") == "circle" ? EndcapShape::circle : EndcapShape::outline;
  s.printed_body.endcap_thickness = prm.get_double("Endcap thickness");
  s.printed_body.core_area_fraction = prm.get_double("Core area fraction");
  s.cage.outer_diameter = prm.get_double("Cage diameter");
  s.cage.wall_thickness = prm.get_double("Cage wall thickness");
  s.cage.graft = prm.get_bool("Cage graft");
  prm.leave_subsection();
  prm.enter_subsection("Instrumentation");
  s.instrumentation.enabled = prm.get_bool("Enabled");
  s.instrumentation.screw_diameter = read_level_map(prm.get("Screw diameters"));
  s.instrumentation.screw_length = read_level_map(prm.get("Screw lengths"));
  s.instrumentation.tulip_diameter = prm.get_double("Tulip diameter");
  s.instrumentation.tulip_height = prm.get_double("Tulip height");
  s.instrumentation.rod_diameter = prm.get_double("Rod diameter");
  prm.leave_subsection();
  prm.enter_subsection("Potting");
  s.potting.margin = prm.get_double("Margin");
  s.potting.clearance = prm.get_double("Clearance");
  prm.leave_subsection();
  prm.enter_subsection("Mesh sizes");
  s.sizes.global = prm.get_double("Global");
  s.sizes.shell = prm.get_double("Shell");
  s.sizes.interface = prm.get_double("Interface");
  s.sizes.screw = prm.get_double("Screw");
  s.sizes.min_sicn = prm.get_double("Minimum quality");
  prm.leave_subsection();
  prm.leave_subsection();
  for (const auto* values : {&s.instrumentation.screw_diameter, &s.instrumentation.screw_length})
    for (const std::string level : {"T10", "T11", "T12", "L2", "L3"})
      if (!values->count(level))
        throw InputError(locator.where(values == &s.instrumentation.screw_length
                                           ? "Spine model/Instrumentation/Screw lengths"
                                           : "Spine model/Instrumentation/Screw diameters"),
                         "no value for level " + level + "; give all of T10, T11, T12, L2, L3");
  check_sizes(s.sizes, locator);
  return s;
}

void rethrow_at_case_line(const InputError& e, const ParameterLocator& locator) {
  if (e.where().rfind("Spine model/", 0) == 0)
    throw InputError(locator.where(e.where()), e.message());
  throw e;
}

void declare_ligaments(ParameterHandler& prm) {
  const LigamentSettings d;
  prm.enter_subsection("Ligaments");
  declare(prm, "Enabled", d.enabled ? "true" : "false", Patterns::Bool(), "-",
          "Model the ALL, PLL, LF, ISL, SSL, ITL and CL of every present segment as tension-only "
          "bilinear springs between the attachment points of the model (ligaments.csv of "
          "'spinefe mesh'). They carry load only when stretched.");
  declare(prm, "Table", "", Patterns::Anything(), "-",
          "Ligament properties CSV, relative to the case file; empty: the built-in "
          "materials/data/ligaments.csv (name, E_small_MPa, transition_strain, E_large_MPa, "
          "area_mm2, ..., source, and optionally slack_strain: the laxity at the neutral "
          "posture, 0 when absent).");
  declare(prm, "Attachment tolerance", "3", Patterns::Double(0.1, 20), "mm",
          "Each attachment point is joined to the nearest mesh vertex; a point farther than "
          "this from every vertex is an error. About one element edge of the posterior "
          "elements.");
  prm.leave_subsection();
}

LigamentSettings read_ligaments(ParameterHandler& prm, const ParameterLocator& locator) {
  LigamentSettings s;
  prm.enter_subsection("Spine model");
  prm.enter_subsection("Ligaments");
  s.enabled = prm.get_bool("Enabled");
  s.attachment_tolerance = prm.get_double("Attachment tolerance");
  const std::string table = prm.get("Table");
  prm.leave_subsection();
  prm.leave_subsection();
  if (!table.empty())
    s.table = existing_case_path(locator, "Spine model/Ligaments/Table", table, "ligament table");
  return s;
}

} // namespace spinefe
