// The "Metrics" section of a case file: the spine metrics of product.md (ROM, load share,
// endplate interface stress, subsidence risk, stress shielding, implant stress) and their
// parameters. Every parameter is declared once here with its unit, range and source; the
// settings they fill (MetricsSettings) are in postprocess/metrics_settings.h.
#pragma once

#include "postprocess/metrics_settings.h"

#include <deal.II/base/parameter_handler.h>

namespace spinefe {

void declare_metrics(dealii::ParameterHandler& prm);
MetricsSettings read_metrics(dealii::ParameterHandler& prm);

} // namespace spinefe
