// RAII access to the gmsh library, which keeps one global model. spinefe uses gmsh on one rank
// at a time (mesh reading and generation happen on rank 0), so a process-wide guard suffices.
#pragma once

#include <functional>
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

  /// Runs `gmsh_calls` on the user's `file` and turns anything they throw, or an error gmsh
  /// logged, into an InputError naming the file: "gmsh could not <doing>: <gmsh's message>;
  /// expected <expected>". gmsh throws std::string (not std::exception), which would otherwise
  /// end in std::terminate. spinefe's own InputErrors pass unchanged.
  void run_on_user_file(const std::string& file, const std::string& doing,
                        const std::string& expected, const std::function<void()>& gmsh_calls) const;
};

} // namespace spinefe
