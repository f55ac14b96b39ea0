#include "tests/support/run_spinefe.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>

namespace spinefe::test {

CommandResult run_spinefe(const std::string& arguments) {
  const std::string command = std::string(SPINEFE_BINARY) + " " + arguments + " 2>&1";
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

} // namespace spinefe::test
