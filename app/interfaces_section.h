// The "Interfaces" section of a case file: how the implant's endcaps and the pedicle screws meet
// the bone (bonded, frictionless or frictional contact; solver/contact_law.h), and the contact
// iteration's settings. Every parameter is declared once here with its unit, range and source.
#pragma once

#include "mechanics/interface_contact.h"

#include <deal.II/base/parameter_handler.h>

namespace spinefe {

void declare_interfaces(dealii::ParameterHandler& prm);
InterfaceSettings read_interfaces(dealii::ParameterHandler& prm);

} // namespace spinefe
