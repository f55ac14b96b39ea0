// The "Spine model" section of a case file: the parametric T10-L3 model (meshing/spine_model.h)
// that `Mesh/Source = spine-model` builds instead of reading a mesh file. Every parameter is
// declared once here with its unit and range; the defaults equal SpineModelSpec's. Also the
// "Spine model/Ligaments" subsection, whose settings the ligament springs take
// (mechanics/ligament_springs.h).
#pragma once

#include "core/parameter_locator.h"
#include "mechanics/ligament_springs.h"
#include "meshing/spine_model_spec.h"

#include <deal.II/base/parameter_handler.h>

#include <string>

namespace spinefe {

void declare_spine_model(dealii::ParameterHandler& prm);

/// Reads the section; relative paths are resolved against the file that sets them. Errors name
/// the case file and line through `locator`.
SpineModelSpec read_spine_model(dealii::ParameterHandler& prm, const ParameterLocator& locator);

/// Rethrows an InputError from the spine model builder whose `where` is a parameter path
/// ("Spine model/Implant/Endcap area") with the case file and line of that parameter.
[[noreturn]] void rethrow_at_case_line(const class InputError& e, const ParameterLocator& locator);

/// Declares the "Ligaments" subsection (inside "Spine model"): the settings of the ligament
/// springs (mechanics/ligament_springs.h).
void declare_ligaments(dealii::ParameterHandler& prm);

/// Reads "Spine model/Ligaments"; a table path is resolved against the file that sets it.
LigamentSettings read_ligaments(dealii::ParameterHandler& prm, const ParameterLocator& locator);

} // namespace spinefe
