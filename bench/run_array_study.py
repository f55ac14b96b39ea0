#!/usr/bin/python3
"""A study run as concurrent job-array tasks against the same study run as one job.

Runs the study once as one job (`spinefe study STUDY`), then --repeat times as N concurrent
array-style processes on one output folder (`spinefe study STUDY --case K` for K = 0..N-1, all
started at once, as Slurm array tasks would be), followed by `spinefe study STUDY --collect`.
Each time it checks that
  * every task and the collect exit 0, and no temporary file ("*.tmp.*") is left behind;
  * the collected results.h5 holds the same cases, parameters and metrics as the one-job run's
    (compared through `spinefe export` CSVs, value for value; wall times and dates excluded).
Writes its figures to bench/results.csv (benchmark, metric, unit, value, command) and prints
them. With a spine study the tasks also share the mesh and baseline caches.

    /usr/bin/python3 bench/run_array_study.py [--build build] [--study tests/data/study_cube.prm]
                                             [--repeat 20]
"""

import argparse
import csv
import os
import shutil
import subprocess
import sys
import time

from bench_results import record

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1")
# Columns of the tidy export that differ between any two runs of the same case.
VOLATILE = ("wall_time", "started", "finished", "host", "date", "time")


def run(command, check=True):
    r = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit("failed (%d): %s\n%s\n%s" % (r.returncode, " ".join(command), r.stdout[-3000:],
                                               r.stderr[-3000:]))
    return r


def n_cases(spinefe, study, out):
    listing = run([spinefe, "study", study, "--output", out, "--list"]).stdout
    return sum(1 for line in listing.splitlines() if line[:1].isdigit() and " cases;" not in line)


def exported_rows(spinefe, out):
    table = os.path.join(out, "results.csv")
    run([spinefe, "export", os.path.join(out, "results.h5"), "--csv", table])
    with open(table, newline="") as f:
        rows = list(csv.DictReader(f))
    keep = [k for k in rows[0] if not any(v in k for v in VOLATILE)] if rows else []
    return sorted(tuple(row[k] for k in keep) for row in rows), keep


def leftover_temporaries(out):
    return [os.path.join(d, f) for d, _, files in os.walk(out) for f in files if ".tmp." in f]


def array_run(spinefe, study, out, n):
    shutil.rmtree(out, ignore_errors=True)
    start = time.perf_counter()
    tasks = [subprocess.Popen([spinefe, "study", study, "--output", out, "--case", str(k)],
                              cwd=ROOT, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True) for k in range(n)]
    failed = []
    for k, task in enumerate(tasks):
        output, _ = task.communicate()
        if task.returncode != 0:
            failed.append((k, output[-2000:]))
    collect = run([spinefe, "study", study, "--output", out, "--collect"], check=False)
    return time.perf_counter() - start, failed, collect


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build")
    parser.add_argument("--study", default="tests/data/study_cube.prm")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--work", default="bench/work/array_study")
    args = parser.parse_args()
    spinefe = os.path.join(ROOT, args.build, "spinefe")
    work = os.path.join(ROOT, args.work)
    one = os.path.join(work, "one_job")
    shutil.rmtree(one, ignore_errors=True)
    start = time.perf_counter()
    run([spinefe, "study", args.study, "--output", one])
    one_seconds = time.perf_counter() - start
    reference, columns = exported_rows(spinefe, one)
    n = n_cases(spinefe, args.study, one)
    print(f"one job: {n} cases in {one_seconds:.1f} s; compared columns: {', '.join(columns)}")

    identical, clean, seconds = 0, 0, []
    for repetition in range(args.repeat):
        out = os.path.join(work, "array")
        elapsed, failed, collect = array_run(spinefe, args.study, out, n)
        seconds.append(elapsed)
        if failed or collect.returncode != 0:
            sys.exit(f"repetition {repetition}: tasks failed {failed}\n{collect.stdout}"
                     f"{collect.stderr}")
        rows, _ = exported_rows(spinefe, out)
        identical += rows == reference
        clean += not leftover_temporaries(out)
        print(f"repetition {repetition + 1}: {n} concurrent tasks + collect {elapsed:.1f} s; "
              f"results {'identical' if rows == reference else 'DIFFERENT'}; "
              f"{len(leftover_temporaries(out))} temporary files left")
    command = "/usr/bin/python3 bench/run_array_study.py " + " ".join(sys.argv[1:])
    name = "array_study_" + os.path.splitext(os.path.basename(args.study))[0]
    record([(name, "cases", "-", n),
            (name, "repetitions", "-", args.repeat),
            (name, "repetitions_identical_to_one_job", "-", identical),
            (name, "repetitions_without_leftover_temporaries", "-", clean),
            (name, "one_job_wall_time", "s", f"{one_seconds:.2f}"),
            (name, "array_wall_time_median", "s", f"{sorted(seconds)[len(seconds) // 2]:.2f}")],
           command)
    print(f"{identical}/{args.repeat} identical to the one-job run, {clean}/{args.repeat} clean")
    return 0 if identical == clean == args.repeat else 1


if __name__ == "__main__":
    sys.exit(main())
