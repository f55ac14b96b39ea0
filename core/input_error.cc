#include "core/input_error.h"

#include <deal.II/base/mpi.h>

#include <boost/serialization/string.hpp>
#include <boost/serialization/utility.hpp>

#include <utility>

namespace spinefe {

InputError::InputError(const std::string& where, const std::string& message)
    : std::runtime_error(where.empty() ? message : where + ": " + message), where_(where),
      message_(message) {}

std::string current_exception_message() {
  std::string message;
  try {
    throw;
  } catch (const std::exception& e) {
    message = e.what();
  } catch (const std::string& text) {
    message = text;
  } catch (const char* text) {
    message = text ? text : "";
  } catch (...) {
    message = "an exception of a type spinefe does not know";
  }
  return message.empty() ? "unknown error (the library gave no message)" : message;
}

std::string file_line(const std::string& file, const unsigned int line) {
  return file + ":" + std::to_string(line);
}

void throw_if_any_rank_failed(MPI_Comm comm, const std::string& local_error,
                              const std::string& local_where) {
  // The lowest failing rank's message wins, so the report does not depend on timing.
  const unsigned int my_rank = dealii::Utilities::MPI::this_mpi_process(comm);
  const unsigned int n_ranks = dealii::Utilities::MPI::n_mpi_processes(comm);
  const unsigned int failing = local_error.empty() ? n_ranks : my_rank;
  const unsigned int first = dealii::Utilities::MPI::min(failing, comm);
  if (first == n_ranks)
    return;
  const auto message =
      dealii::Utilities::MPI::broadcast(comm, std::make_pair(local_where, local_error), first);
  throw InputError(message.first, message.second);
}

void run_on_root_collectively(MPI_Comm comm, const std::function<void()>& work) {
  std::string error, where;
  if (dealii::Utilities::MPI::this_mpi_process(comm) == 0) {
    try {
      work();
    } catch (const InputError& e) {
      error = e.message();
      where = e.where();
    } catch (...) {
      error = current_exception_message();
    }
  }
  throw_if_any_rank_failed(comm, error, where);
}

} // namespace spinefe
