// Study files: a base case and parameter axes over any case parameter, combined into cases.
//
// A study file is read line by line, strictly (every error names the study file and line):
//
//   # Endcap area x implant modulus in normal and osteoporotic bone (6 x 7 x 2 = 84 cases).
//   set Base case        = ../t10-l3-corpectomy/case.prm   # relative to this file
//   set Combination      = cartesian                       # or: list
//   set Group size       = 2                               # MPI ranks per case (default 1)
//   set Output directory = results/endcap-modulus          # relative to the working directory
//   vary Spine model/Implant/Endcap area = 200, 300, 400, 500, 600, 800
//   vary Materials/Implant modulus       = 500, 1000, 3000, 6000, 12000, 20000, 110000
//   vary Materials/Bone quality          = normal, osteoporotic
//
// `vary PATH = v1, v2, ...` is one axis: PATH is the full path of a case parameter (as printed
// by `spinefe info --parameters`), the values are separated by commas, or by '|' when the line
// holds a '|' (for values that contain commas: `vary Boundary conditions/Total force =
// top: 0, 0, -10 | top: 0, 0, -20`). `cartesian` runs every combination (the first axis varies
// slowest); `list` runs the i-th value of every axis together (all axes the same length). A
// value that is a relative path naming a file next to the study file (a mesh, a table) is
// written into the case as an absolute path; other values are written as they are.
//
// Each case becomes <output>/cases/<id>/case.prm, which includes the base case by its absolute
// path and sets the case's values inside their nested subsections. Ids are the case's position,
// zero-padded ("000", "001", ...), in the order above.
#pragma once

#include "study/study_case_hooks.h"

#include <string>
#include <utility>
#include <vector>

namespace spinefe {

struct StudyAxis {
  std::string parameter;           ///< "Spine model/Implant/Endcap area"
  std::vector<std::string> values; ///< as written, trimmed
  unsigned int line = 0;           ///< line of the `vary` in the study file
};

/// One case of a study: its id and the value of every axis (parameter path, value).
struct StudyCase {
  std::string id;
  std::vector<std::pair<std::string, std::string>> overrides;
};

struct StudyDefinition {
  std::string file;      ///< the study file as given
  std::string base_case; ///< absolute path
  bool cartesian = true;
  unsigned int group_size = 1;
  std::string output_directory; ///< as written (empty: results/<study file stem>)
  std::vector<StudyAxis> axes;
  std::vector<StudyCase> cases;

  /// "study.prm:7", the line that declared the axis of `parameter`.
  std::string where(const std::string& parameter) const;
};

/// Parses and expands `file`. Throws InputError at the study file's line for a malformed line,
/// an unknown setting, an unknown case parameter, an empty or duplicate axis, a duplicate value,
/// list axes of different lengths, and a base case that does not exist. The case parameters are
/// those `cases.declare_parameters` declares.
StudyDefinition read_study_file(const std::string& file, const StudyCaseHooks& cases);

/// The text of the generated case file of `study_case` (includes the base case, then sets every
/// override in its nested subsections).
std::string generated_case_text(const StudyDefinition& study, const StudyCase& study_case);

/// Writes <cases_directory>/<id>/case.prm for every case (atomically, and only where the text
/// changed), then checks every one with `cases.check` (the case-file parser). A rejected value is
/// reported at the study line of its axis, with the case id and the case-file check's message.
void write_and_check_cases(const StudyDefinition& study, const std::string& cases_directory,
                           const StudyCaseHooks& cases);

} // namespace spinefe
