#include "tests/support/run_spinefe.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace spinefe::test {

namespace {

CommandResult run_command(const std::string& command) {
  FILE* pipe = popen(command.c_str(), "r");
  CommandResult result;
  if (pipe == nullptr)
    return result;
  std::array<char, 4096> buffer;
  while (fgets(buffer.data(), buffer.size(), pipe))
    result.output += buffer.data();
  const int status = pclose(pipe);
  result.status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

/// The sanitizer settings of a `bootstrap.sh sanitize` run, passed on through `env -i`.
std::string sanitizer_environment() {
  std::string env;
  for (const char* name : {"ASAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS",
                           "OMPI_MCA_mca_base_component_disable_dlclose"})
    if (const char* value = std::getenv(name))
      env += std::string(name) + "='" + value + "' ";
  return env;
}

} // namespace

CommandResult run_spinefe(const std::string& arguments) {
  return run_command(std::string(SPINEFE_BINARY) + " " + arguments + " 2>&1");
}

CommandResult run_spinefe_mpi(const unsigned int ranks, const std::string& arguments,
                              const std::string& shell_first, const std::string& environment) {
  return run_command((shell_first.empty() ? "" : shell_first + "; ") +
                     "env -i PATH=/usr/bin:/bin OMPI_ALLOW_RUN_AS_ROOT=1 "
                     "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 " +
                     sanitizer_environment() + environment + " mpirun -np " +
                     std::to_string(ranks) + " " + SPINEFE_BINARY + " " + arguments + " 2>&1");
}

CommandResult run_case_mpi(const unsigned int ranks, const std::string& case_file,
                           const std::filesystem::path& out) {
  std::filesystem::remove_all(out);
  return run_spinefe_mpi(ranks, "run " + case_file + " --output " + out.string());
}

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace spinefe::test
