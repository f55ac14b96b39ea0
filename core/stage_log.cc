#include "core/stage_log.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <iomanip>

namespace spinefe {

StageLog::StageLog(MPI_Comm comm, std::ostream& out)
    : comm_(comm), out_(out), is_root_(dealii::Utilities::MPI::this_mpi_process(comm) == 0) {}

double StageLog::now() const {
  return MPI_Wtime();
}

void StageLog::finish(const std::string& name, const double start) {
  MPI_Barrier(comm_);
  const double seconds = now() - start;
  stages_.emplace_back(name, seconds);
  if (is_root_)
    out_ << "  [time] " << std::left << std::setw(28) << name << std::right << std::fixed
         << std::setprecision(3) << std::setw(10) << seconds << " s" << std::defaultfloat
         << std::endl;
}

double StageLog::total_seconds() const {
  double total = 0;
  for (const auto& stage : stages_)
    total += stage.second;
  return total;
}

PeakMemory peak_memory(MPI_Comm comm) {
  dealii::Utilities::System::MemoryStats stats;
  dealii::Utilities::System::get_memory_stats(stats);
  const double mib = stats.VmHWM / 1024.0; // VmHWM is in kB
  return {dealii::Utilities::MPI::max(mib, comm), dealii::Utilities::MPI::sum(mib, comm)};
}

} // namespace spinefe
