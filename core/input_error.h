// Errors caused by user input (case files, meshes, tables), and the collective error handling
// that keeps every MPI rank in step when only one rank detects a problem.
#pragma once

#include <mpi.h>

#include <functional>
#include <stdexcept>
#include <string>

namespace spinefe {

/// A problem with user input. `where` names the file and line ("case.prm:12"), or the parameter,
/// and the message says what was found and what was expected. The CLI prints it and exits 1.
class InputError : public std::runtime_error {
public:
  InputError(const std::string& where, const std::string& message);
  const std::string& where() const { return where_; }
  const std::string& message() const { return message_; }

private:
  std::string where_;
  std::string message_;
};

/// The message of the exception being handled, whatever its type: the gmsh API throws
/// std::string (and may throw const char*) rather than std::exception, and such an exception must
/// still end as a clear error, not std::terminate. Call it only inside a catch block.
std::string current_exception_message();

/// "file:line", the usual compiler-style location.
std::string file_line(const std::string& file, unsigned int line);

/// Runs `work` on rank 0 of `comm` only, then tells every rank whether it failed. If it failed,
/// every rank throws the same InputError, so no rank waits forever for a partner that gave up.
void run_on_root_collectively(MPI_Comm comm, const std::function<void()>& work);

/// Every rank calls this with its own error (empty if none). If any rank has an error, all ranks
/// throw an InputError carrying the first rank's message.
void throw_if_any_rank_failed(MPI_Comm comm, const std::string& local_error,
                              const std::string& local_where);

} // namespace spinefe
