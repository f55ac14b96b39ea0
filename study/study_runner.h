// `spinefe study STUDY.prm`: runs every case of a design study, spread over groups of MPI ranks.
//
//   mpirun -np 8 spinefe study cases/studies/endcap-modulus.prm --group-size 2
//
// 1. Rank 0 reads the study, writes <output>/cases/<id>/case.prm for every case and checks each
//    with the case-file parser, before anything runs. Cases whose committed record matches their
//    generated case file (same hash) are finished and are not run again. The parser and the
//    solve are the caller's (study/study_case_hooks.h).
// 2. MPI_COMM_WORLD is split into groups of `group size` ranks (MPI_Comm_split; the last group
//    is smaller if the size does not divide the ranks).
// 3. A shared counter on world rank 0 (MPI_Fetch_and_op on an MPI window, passive target) hands
//    out the unfinished cases one at a time: a group that finishes early takes the next, so
//    slow and fast cases balance out. Each group solves its case with run_case on its own
//    communicator, output in <output>/cases/<id>/ (console output in log.txt there), intact
//    baselines shared through <output>/baseline_cache.
// 4. A finished case is committed by writing its record (parameters, metrics, provenance)
//    durably and atomically to <output>/cases/<id>/record. A case that throws is committed as
//    failed with its message; the others go on.
// 5. The results database <output>/results.h5 is rebuilt from the committed records (HDF5 into
//    a temporary file, then rename): by a group's leader after a commit (at most every 10 s per
//    group) and by world rank 0 at the end.
// Slurm job arrays run one case per task instead (list_study, run_study_case, collect_study): the
// records are atomic and each task writes only its own case's folder, so tasks of one study run
// at the same time on one output folder and one cache; --collect then builds the database.
// Ranks that wait (for a case index, or for the other groups at the end) sleep between polls
// of a non-blocking MPI request instead of spinning in a blocking collective, so they do not
// take a core from the groups still solving.
#pragma once

#include "study/study_case_hooks.h"

#include <mpi.h>

#include <string>

namespace spinefe {

struct StudyOptions {
  std::string study_file;
  std::string output_directory; ///< overrides the study's 'Output directory' if not empty
  unsigned int group_size = 0;  ///< ranks per case; 0: the study's 'Group size'
};

/// Runs the study; collective on `world`. Cases are checked, hashed and run through `cases`.
/// Returns the number of failed cases (committed as failed, in this or an earlier run). Throws
/// InputError for a bad study file before any case runs.
unsigned int run_study(const StudyOptions& options, const StudyCaseHooks& cases, MPI_Comm world);

/// `spinefe study --list`: prints every case's index (the array task id), id and parameter
/// values, and whether it is done. Collective; rank 0 prints.
void list_study(const StudyOptions& options, const StudyCaseHooks& cases, MPI_Comm world);

/// `spinefe study --case K` (a Slurm array task): runs case K (0-based, as --list numbers them)
/// on all ranks of `world` and commits its record, unless a current record exists. Does not
/// touch results.h5, so array tasks of one study can run at once on one output folder. Returns
/// whether the case is committed as ok. Throws InputError for K out of range.
bool run_study_case(const StudyOptions& options, unsigned int index, const StudyCaseHooks& cases,
                    MPI_Comm world);

/// `spinefe study --collect`: builds results.h5 from the committed records and lists the cases
/// that are missing or failed. Returns their number. Collective; rank 0 works.
unsigned int collect_study(const StudyOptions& options, const StudyCaseHooks& cases,
                           MPI_Comm world);

/// Hash of a case file with its includes inlined (`cases.expanded_text`), ignoring comments,
/// blank lines and indentation: a change in the base case or in the overrides changes it.
std::string case_file_hash(const std::string& case_file, const StudyCaseHooks& cases);

} // namespace spinefe
