#!/usr/bin/python3
"""Kill a real design study half-way and resume it: nothing lost, nothing run twice.

Runs the endcap-modulus study (56 cases, cases/endcap-modulus-study/study.prm) with
`mpirun -np 2 spinefe study` (2 groups of 1 rank) three times into a scratch folder:
  reference  uninterrupted, into reference/;
  killed     into resumed/, killed with SIGKILL (the whole process group, mpirun and ranks) once
             about half of the cases are committed;
  resumed    the same command again on resumed/.
Then it checks, and writes to bench/results.csv (benchmark study_resume) and
bench/resume_results.md:
  - every case is committed once: the records committed before the kill are byte-identical
    afterwards (not run again), and the resumed run ran exactly the others;
  - every record's metrics equal the uninterrupted run's (largest relative difference, which is
    0 when the runs are bit-identical; the start time, wall time and case-file path differ by
    nature and are left out, the case file's hash is compared);
  - the wall-time overhead: killed + resumed against the uninterrupted run (the cases that were
    running at the kill are lost work and run again).

    /usr/bin/python3 bench/resume_study.py [--build build] [--scratch DIR] [--study FILE]
"""

import argparse
import csv
import os
import re
import shutil
import signal
import subprocess
import sys
import time

from bench_results import ROOT, record

ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1")
RAN = re.compile(r"\[study\] \d+/\d+ done: case (\S+)")
# Differ by nature between two runs in two folders: start, wall time, the case file's path.
PROVENANCE = ("started:", "wall_time_s:", "case_file:")


def records(output):
    """Committed cases: id -> record text."""
    found = {}
    cases = os.path.join(output, "cases")
    if os.path.isdir(cases):
        for case in os.listdir(cases):
            path = os.path.join(cases, case, "record")
            if os.path.isfile(path):
                with open(path) as f:
                    found[case] = f.read()
    return found


def metric_values(text):
    """(model, load_case, kind, name, quantity, unit) -> value, and the non-metric lines."""
    lines = text.splitlines()
    header = lines.index("model,load_case,kind,name,quantity,unit,value")
    values = {}
    for line in lines[header + 1:]:
        if line == "end":
            break
        row = next(csv.reader([line]))
        values[tuple(row[:6])] = float(row[6])
    fixed = [l for l in lines[:header] if not l.startswith(PROVENANCE)]
    return values, fixed


def compare(reference, other):
    """Largest relative metric difference over all cases, and the cases whose setup differs."""
    worst, worst_at, differing = 0.0, None, []
    for case, text in reference.items():
        ref_values, ref_fixed = metric_values(text)
        values, fixed = metric_values(other[case])
        if fixed != ref_fixed or set(values) != set(ref_values):
            differing.append(case)
            continue
        for key, ref in ref_values.items():
            if key[5] == "s":  # timings are not results
                continue
            scale = max(abs(ref), 1e-300)
            diff = abs(values[key] - ref) / scale if ref != values[key] else 0.0
            if diff > worst:
                worst, worst_at = diff, (case,) + key
    return worst, worst_at, differing


def study_command(build, study, output):
    return ["mpirun", "-np", "2", os.path.join(build, "spinefe"), "study", study, "--output",
            output]


def run(command, log):
    start = time.time()
    with open(log, "w") as out:
        status = subprocess.call(command, stdout=out, stderr=subprocess.STDOUT, env=ENV,
                                 stdin=subprocess.DEVNULL)
    return status, time.time() - start


def run_and_kill(command, log, output, n_cases):
    """Starts the study in its own process group; SIGKILL once half the cases are committed."""
    start = time.time()
    with open(log, "w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=ENV,
                                   stdin=subprocess.DEVNULL, start_new_session=True)
        while len(records(output)) < n_cases // 2 and process.poll() is None:
            time.sleep(0.5)
        if process.poll() is not None:
            sys.exit("the study ended before it could be killed; see " + log)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    return time.time() - start


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--scratch", default=os.path.join(ROOT, "results", "study-resume"))
    parser.add_argument("--study", default=os.path.join(ROOT, "cases", "endcap-modulus-study",
                                                        "study.prm"))
    args = parser.parse_args()
    shutil.rmtree(args.scratch, ignore_errors=True)
    os.makedirs(args.scratch)
    reference = os.path.join(args.scratch, "reference")
    resumed = os.path.join(args.scratch, "resumed")

    status, t_reference = run(study_command(args.build, args.study, reference),
                              os.path.join(args.scratch, "reference.log"))
    if status != 0:
        sys.exit("the uninterrupted study failed; see %s/reference.log" % args.scratch)
    ref_records = records(reference)
    n_cases = len(ref_records)
    print("reference: %d cases in %.0f s" % (n_cases, t_reference), flush=True)

    t_killed = run_and_kill(study_command(args.build, args.study, resumed),
                            os.path.join(args.scratch, "killed.log"), resumed, n_cases)
    before = records(resumed)
    print("killed after %.0f s with %d/%d cases committed" % (t_killed, len(before), n_cases),
          flush=True)

    resumed_log = os.path.join(args.scratch, "resumed.log")
    status, t_resumed = run(study_command(args.build, args.study, resumed), resumed_log)
    if status != 0:
        sys.exit("the resumed study failed; see " + resumed_log)
    with open(resumed_log) as f:
        ran_again = RAN.findall(f.read())
    after = records(resumed)

    rerun = sorted(c for c in before if after.get(c) != before[c] or c in ran_again)
    missing = sorted(set(ref_records) - set(after))
    twice = sorted(c for c in set(ran_again) if ran_again.count(c) > 1)
    not_run = sorted(set(ref_records) - set(before) - set(ran_again))
    worst, worst_at, differing = compare(ref_records, after)
    overhead = (t_killed + t_resumed) / t_reference - 1.0
    ok = not (rerun or missing or twice or not_run or differing) and worst == 0.0

    rows = [
        ("study_resume", "cases", "1", n_cases),
        ("study_resume", "committed_before_kill", "1", len(before)),
        ("study_resume", "cases_run_by_resume", "1", len(ran_again)),
        ("study_resume", "committed_cases_run_again", "1", len(rerun)),
        ("study_resume", "cases_missing_after_resume", "1", len(missing)),
        ("study_resume", "records_with_different_setup", "1", len(differing)),
        ("study_resume", "max_relative_metric_difference", "1", "%.3g" % worst),
        ("study_resume", "wall_time_uninterrupted", "s", "%.1f" % t_reference),
        ("study_resume", "wall_time_until_kill", "s", "%.1f" % t_killed),
        ("study_resume", "wall_time_resume", "s", "%.1f" % t_resumed),
        ("study_resume", "wall_time_overhead", "%", "%.1f" % (100 * overhead)),
    ]
    command = "/usr/bin/python3 bench/resume_study.py"
    record(rows, command)
    lines = ["# Kill and resume of the endcap-modulus study", "",
             "`%s` (2 ranks, 2 groups of 1 rank; %s)." % (command, time.strftime("%Y-%m-%d")), "",
             "| figure | value |", "|---|---|"]
    lines += ["| %s [%s] | %s |" % (m, u, v) for _, m, u, v in rows]
    lines += ["", "Verdict: " + ("every case committed once, records identical to the "
                                 "uninterrupted run" if ok else "FAILED"), ""]
    if worst_at:
        lines.append("Largest difference at %s." % (worst_at,))
    with open(os.path.join(ROOT, "bench", "resume_results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
