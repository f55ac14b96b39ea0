#include "meshing/gmsh_session.h"

#include "core/input_error.h"

#include <gmsh.h>

#include <cstdlib>

namespace spinefe {

namespace {
bool& gmsh_initialised() {
  static bool initialised = false;
  return initialised;
}
} // namespace

GmshSession::GmshSession() {
  if (!gmsh_initialised()) {
    gmsh::initialize(0, nullptr, /*readConfigFiles=*/false);
    gmsh_initialised() = true;
  }
  // Quiet by default; SPINEFE_GMSH_VERBOSITY (0-99) shows gmsh's own log for debugging.
  const char* verbosity = std::getenv("SPINEFE_GMSH_VERBOSITY");
  gmsh::option::setNumber("General.Terminal", verbosity ? 1 : 0);
  gmsh::option::setNumber("General.Verbosity", verbosity ? std::atoi(verbosity) : 1);
  gmsh::clear();
  gmsh::logger::stop();
  gmsh::logger::start();
}

GmshSession::~GmshSession() {
  gmsh::logger::stop();
  gmsh::clear();
}

void GmshSession::throw_on_gmsh_error(const std::string& context) const {
  std::string error;
  gmsh::logger::getLastError(error);
  if (!error.empty())
    throw InputError(context, "gmsh reported: " + error);
}

} // namespace spinefe
