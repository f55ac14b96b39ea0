// `spinefe export RESULTS.h5 --csv OUT.csv`: the study results database as one tidy table for
// pandas or R, one row per case x model x load case x metric:
//
//   case,status,<parameter 1>,...,<parameter n>,model,load_case,kind,name,quantity,unit,value
//   000,ok,200,normal,instrumented,flexion,segment,T12-L2,flexion_extension,deg,1.2
//
// The parameter columns are named by their full paths ("Spine model/Implant/Endcap area") and
// come first. A failed case gives one row with its status and empty metric columns, so that it
// is not silently missing from an analysis. Fields holding a comma or a quote are quoted.
#pragma once

#include <string>

namespace spinefe {

/// Writes the table atomically; InputError naming the database if it cannot be read.
void export_results_csv(const std::string& database, const std::string& csv);

} // namespace spinefe
