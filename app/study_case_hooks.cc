#include "app/study_case_hooks.h"

#include "app/case_definition.h"
#include "app/case_includes.h"
#include "app/run_case.h"
#include "core/hashing.h"

#include <fstream>
#include <sstream>

namespace spinefe {

StudyCaseHooks study_case_hooks() {
  StudyCaseHooks hooks;
  hooks.declare_parameters = [](dealii::ParameterHandler& prm) { declare_case_parameters(prm); };
  hooks.check = [](const std::string& case_file) { read_case_file(case_file); };
  hooks.expanded_text = [](const std::string& case_file) {
    return expand_includes(case_file).text;
  };
  hooks.mesh_hash = [](const std::string& case_file) -> std::string {
    const CaseDefinition c = read_case_file(case_file);
    if (c.spine_model)
      return "generated (spine model)";
    std::ifstream in(c.mesh_file, std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    return in ? fnv1a_hex(bytes.str()) : "";
  };
  hooks.run = [](const std::string& case_file, const std::string& output_directory,
                 const std::string& baseline_cache, const MPI_Comm comm) {
    RunOptions options;
    options.case_file = case_file;
    options.output_directory = output_directory;
    options.baseline_cache = baseline_cache;
    run_case(options, comm);
  };
  return hooks;
}

} // namespace spinefe
