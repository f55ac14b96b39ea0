#include "meshing/gmsh_session.h"

#include "core/input_error.h"

#include <gmsh.h>

#include <cstdlib>
#include <vector>

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

namespace {
std::string last_logged_error() {
  std::string error;
  gmsh::logger::getLastError(error);
  return error;
}
} // namespace

void GmshSession::throw_on_gmsh_error(const std::string& context) const {
  const std::string error = last_logged_error();
  if (!error.empty())
    throw InputError(context, "gmsh reported: " + error);
}

namespace {

std::size_t log_size() {
  std::vector<std::string> log;
  gmsh::logger::get(log);
  return log.size();
}

/// The errors gmsh logged from entry `first` on, without its closing "Error loading 'file'"
/// (the file is named anyway) unless that is all there is: "Could not read nodes".
std::string errors_logged_since(const std::size_t first) {
  std::vector<std::string> log;
  gmsh::logger::get(log);
  const std::string prefix = "Error: ";
  std::vector<std::string> errors;
  for (std::size_t i = first; i < log.size(); ++i)
    if (log[i].rfind(prefix, 0) == 0)
      errors.push_back(log[i].substr(prefix.size()));
  std::string text;
  for (const auto& e : errors)
    if ((e.rfind("Error loading", 0) != 0 || errors.size() == 1) && text.size() < 500)
      text += (text.empty() ? "" : "; ") + e;
  return text;
}

} // namespace

void GmshSession::run_on_user_file(const std::string& file, const std::string& doing,
                                   const std::string& expected,
                                   const std::function<void()>& gmsh_calls) const {
  // By default (General.AbortOnError = 2) gmsh throws from inside its file reader, which leaves
  // the reader's busy lock set: every later read in the process then gives an empty model ("I'm
  // busy! Ask me that later..."), so the next case of a study would find no elements. With 0,
  // gmsh logs the error and returns, and the error is reported from the log.
  double abort_on_error = 2;
  gmsh::option::getNumber("General.AbortOnError", abort_on_error);
  gmsh::option::setNumber("General.AbortOnError", 0);
  const std::size_t first = log_size();
  std::string error;
  try {
    gmsh_calls();
    error = errors_logged_since(first);
  } catch (const InputError&) {
    gmsh::option::setNumber("General.AbortOnError", abort_on_error);
    throw;
  } catch (...) {
    // Still possible (std::bad_alloc, or an error gmsh raises outside its log).
    const std::string logged = errors_logged_since(first);
    error = logged.empty() ? current_exception_message() : logged;
  }
  gmsh::option::setNumber("General.AbortOnError", abort_on_error);
  if (!error.empty())
    throw InputError(file, "gmsh could not " + doing + ": " + error + "; expected " + expected);
}

} // namespace spinefe
