#!/usr/bin/python3
"""Study runner benchmarks: throughput (cases/hour) of `spinefe study` with groups of 1 and 2
ranks on 2 ranks, and the runner's overhead against running the same generated cases one by one
with `spinefe run` (1 rank each, sequentially). Not part of the test suite.

    /usr/bin/python3 bench/run_study_benchmarks.py [--build build] [--study STUDY.prm] [--repeat 3]

Prints a Markdown table (paste it into bench/study_results.md). Each timing is the best of
--repeat runs (the machine is shared), from a fresh output folder each time.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1", OMPI_MCA_rmaps_base_oversubscribe="1")


def timed(command, cwd):
    start = time.perf_counter()
    r = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if r.returncode != 0:
        sys.exit("failed: %s\n%s\n%s" % (" ".join(command), r.stdout[-2000:], r.stderr[-2000:]))
    return elapsed


def best(repeat, make_command, work, name):
    times = []
    for i in range(repeat):
        out = os.path.join(work, "%s_%d" % (name, i))
        shutil.rmtree(out, ignore_errors=True)
        times.append(timed(make_command(out), work))
    return min(times)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--build", default=os.path.join(ROOT, "build"))
    p.add_argument("--study", default=os.path.join(ROOT, "tests/data/study_cube.prm"))
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--work", default="/tmp/spinefe_study_bench")
    args = p.parse_args()
    args.study = os.path.abspath(args.study)
    spinefe = os.path.join(args.build, "spinefe")
    os.makedirs(args.work, exist_ok=True)

    # The generated cases (the study writes and checks them, and runs them once: warm caches).
    prepared = os.path.join(args.work, "prepared")
    shutil.rmtree(prepared, ignore_errors=True)
    timed([spinefe, "study", args.study, "--output", prepared], args.work)
    cases = sorted(glob.glob(os.path.join(prepared, "cases", "*", "case.prm")))
    n = len(cases)

    def one_by_one(out):
        os.makedirs(out, exist_ok=True)
        script = " && ".join("%s run %s --output %s/%d" % (spinefe, c, out, i)
                             for i, c in enumerate(cases))
        return ["bash", "-c", script]

    rows = []
    t_seq = best(args.repeat, one_by_one, args.work, "one_by_one")
    rows.append(("`spinefe run` one by one", 1, "-", t_seq))
    t_study1 = best(args.repeat, lambda out: ["mpirun", "-np", "1", spinefe, "study", args.study,
                                              "--output", out], args.work, "study_np1")
    rows.append(("`spinefe study`", 1, 1, t_study1))
    for g in (1, 2):
        t = best(args.repeat, lambda out: ["mpirun", "-np", "2", spinefe, "study", args.study,
                                           "--output", out, "--group-size", str(g)],
                 args.work, "study_np2_g%d" % g)
        rows.append(("`spinefe study`", 2, g, t))

    print("Study: %s (%d cases)\n" % (os.path.relpath(args.study, ROOT), n))
    print("| runner | ranks | group size | wall time [s] | cases/hour |")
    print("|---|---|---|---|---|")
    for name, ranks, group, t in rows:
        print("| %s | %s | %s | %.2f | %.0f |" % (name, ranks, group, t, n / t * 3600))
    print("\nRunner overhead on 1 rank (study vs one by one): %+.1f%%" %
          (100 * (t_study1 - t_seq) / t_seq))
    # Per-case solve time inside the study vs the run's own wall time (without process start):
    walls = []
    for record in glob.glob(os.path.join(args.work, "study_np1_0", "cases", "*", "record")):
        for line in open(record):
            if line.startswith("wall_time_s: "):
                walls.append(float(line.split()[1]))
    if walls:
        print("Sum of per-case run_case wall times in the 1-rank study: %.2f s; runner "
              "bookkeeping (generation, checks, records, database): %.2f s (%.1f%%)" %
              (sum(walls), t_study1 - sum(walls), 100 * (t_study1 - sum(walls)) / t_study1))


if __name__ == "__main__":
    main()
