#include "postprocess/load_case_table.h"

#include "core/atomic_file.h"

#include <algorithm>
#include <iomanip>

namespace spinefe {

namespace {

unsigned int taut_fibres(const RunSummary& s) {
  return static_cast<unsigned int>(std::count_if(s.springs.begin(), s.springs.end(),
                                                 [](const auto& f) { return f.state != "slack"; }));
}

} // namespace

void write_load_cases_csv(const LoadCaseResults& results, const std::filesystem::path& file) {
  write_text_atomically(file, [&](std::ostream& out) {
    out << "load_case,kind,name,quantity,unit,value\n";
    const char* angle[] = {"lateral_bending", "flexion_extension", "axial_rotation"};
    for (const auto& [name, s] : results) {
      for (const auto& segment : s.segments)
        for (unsigned int d = 0; d < 3; ++d)
          out << name << ",segment," << segment.upper << "-" << segment.lower << "," << angle[d]
              << ",deg," << segment.angles_deg[d] << "\n";
      out << name << ",model,all,max_displacement,mm," << s.max_displacement << "\n";
      out << name << ",model,all,solver_iterations,-," << s.solve.iterations << "\n";
      out << name << ",model,all,taut_ligament_fibres,-," << taut_fibres(s) << "\n";
    }
  });
}

void print_load_case_table(const LoadCaseResults& results, std::ostream& out) {
  if (results.empty())
    return;
  const auto& first = results.front().second;
  const std::string span = first.segments.empty()
                               ? std::string("(no rigid bodies)")
                               : first.segments.back().upper + "-" + first.segments.back().lower;
  out << "\nLoad cases (rotation of " << span
      << ", deg; largest displacement, mm; taut ligament fibres):\n"
      << "  load case       lat. bending   flex.-ext.   axial rot.   max |u|   taut\n";
  for (const auto& [name, s] : results) {
    out << "  " << std::left << std::setw(14) << name << std::right << std::setprecision(4);
    if (s.segments.empty())
      out << std::setw(13) << "-" << std::setw(13) << "-" << std::setw(13) << "-";
    else
      for (unsigned int d = 0; d < 3; ++d)
        out << std::setw(13) << s.segments.back().angles_deg[d];
    out << std::setw(10) << s.max_displacement << std::setw(7) << taut_fibres(s) << "\n";
  }
}

} // namespace spinefe
