#include "app/interfaces_section.h"

#include "core/parameters.h"

#include <sstream>

namespace spinefe {

namespace Patterns = dealii::Patterns;

namespace {

void declare_interface(dealii::ParameterHandler& prm, const std::string& section,
                       const ContactInterface& d, const std::string& what) {
  prm.enter_subsection(section);
  declare(prm, "Interface", to_string(d.model),
          Patterns::Selection("bonded|frictionless|frictional"), "-",
          "How " + what +
              " meet the bone: bonded (shared nodes), frictionless or frictional contact "
              "(Coulomb, small sliding; needs 'Solver/Element degree = 1').");
  declare(prm, "Friction coefficient", number_text(d.friction), Patterns::Double(0, 2), "-",
          "Coulomb coefficient mu of a frictional interface.");
  prm.leave_subsection();
}

ContactInterface read_interface(dealii::ParameterHandler& prm, const std::string& section,
                                const std::string& name) {
  prm.enter_subsection(section);
  ContactInterface i;
  i.name = name;
  const std::string model = prm.get("Interface");
  i.model = model == "bonded"         ? InterfaceModel::bonded
            : model == "frictionless" ? InterfaceModel::frictionless
                                      : InterfaceModel::frictional;
  i.friction = prm.get_double("Friction coefficient");
  prm.leave_subsection();
  return i;
}

} // namespace

void declare_interfaces(dealii::ParameterHandler& prm) {
  const InterfaceSettings d;
  prm.enter_subsection("Interfaces");
  declare_interface(prm, "Endcaps", d.endcaps,
                    "the implant's endcaps (printed body) or ends (mesh cage) on the endplates. "
                    "Default frictional, mu = 0.8: selective-laser-melted Ti6Al4V textures on "
                    "human cancellous bone measured 0.37-0.95, highest for the rough, porous "
                    "textures (Abedi et al. 2025, Sci Rep 15, doi 10.1038/s41598-025-25586-0);");
  declare_interface(prm, "Screws", d.screws,
                    "the pedicle screws (default bonded: the thread interlocks with the bone)");
  declare(prm, "Penalty factor", number_text(d.settings.penalty_factor), Patterns::Double(0.1, 1e4),
          "-",
          "beta of the contact penalty k = beta E sqrt(A) (E the softer side's modulus, A the "
          "node's tributary area): beta = 10 is ten times a representative element stiffness. "
          "The augmented-Lagrangian updates remove its influence on the answer.");
  declare(prm, "Tolerance", number_text(d.settings.tolerance), Patterns::Double(1e-10, 1e-1), "-",
          "The contact iteration has converged when the contact forces change by less than this "
          "fraction of their norm between two solves, and no pair changes state.");
  declare(prm, "Maximum iterations", std::to_string(d.settings.max_iterations),
          Patterns::Integer(2, 1000), "-",
          "Linear solves one load case may take; not converging is an error, never a result.");
  prm.leave_subsection();
}

InterfaceSettings read_interfaces(dealii::ParameterHandler& prm) {
  InterfaceSettings s;
  prm.enter_subsection("Interfaces");
  s.endcaps = read_interface(prm, "Endcaps", "endcaps");
  s.screws = read_interface(prm, "Screws", "screws");
  s.settings.penalty_factor = prm.get_double("Penalty factor");
  s.settings.tolerance = prm.get_double("Tolerance");
  s.settings.max_iterations = prm.get_integer("Maximum iterations");
  prm.leave_subsection();
  return s;
}

} // namespace spinefe
