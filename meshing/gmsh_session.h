// RAII access to the gmsh library, which keeps one global model. spinefe uses gmsh on one rank
// at a time (mesh reading and generation happen on rank 0), so a process-wide guard suffices.
#pragma once

#include <string>

namespace spinefe {

class GmshSession {
public:
  GmshSession();  ///< initialises gmsh (quiet, no user config files) if needed, clears the model
  ~GmshSession(); ///< clears the model; gmsh itself stays initialised for the next session

  GmshSession(const GmshSession&) = delete;
  GmshSession& operator=(const GmshSession&) = delete;

  /// Throws an InputError naming `context` if gmsh logged an error since the session began.
  void throw_on_gmsh_error(const std::string& context) const;
};

} // namespace spinefe
