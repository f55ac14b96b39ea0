// The case layer that `spinefe study` drives (study/study_case_hooks.h): the case-file
// parameters and parser (app/case_definition.h), include expansion (app/case_includes.h) and the
// pipeline (app/run_case.h).
#pragma once

#include "study/study_case_hooks.h"

namespace spinefe {

StudyCaseHooks study_case_hooks();

} // namespace spinefe
