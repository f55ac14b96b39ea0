#!/usr/bin/python3
"""The default case's wall time and stage times, from scratch and with warm caches.

Runs `spinefe run cases/t10-l3-printed-body/case.prm` twice on --np ranks into a scratch folder:
  scratch  with an empty cache: both meshes built with gmsh, the intact twin solved;
  cached   again on the same cache: the meshes and the intact baseline are reused.
For each run it records the wall time (measured outside spinefe, MPI start-up included), the
stage times summed over the load cases for the construct and for its twin (mesh, partition,
set-up, assembly, solve, post-processing, output), the linear solves and Krylov iterations of
every load case, and the peak memory of the largest rank; writes them to bench/results.csv
(benchmark default_case_<run>) and prints them.

    /usr/bin/python3 bench/run_default_case.py [--build build] [--np 2] [--runs scratch,cached]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import time

from bench_results import ROOT, record

ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1")
STAGE = re.compile(r"\[time\] (intact: )?(.+?)\s+([0-9.]+) s$")
SOLVES = re.compile(r"active set settled after (\d+) solves \((\d+) Krylov iterations\)")
MEMORY = re.compile(r"peak memory: ([0-9.]+) MiB \(largest rank\)")


def parse_log(text):
    """Stage sums per model, (solves, Krylov) per load case per model, peak memory [MiB]."""
    stages = {"instrumented": {}, "intact": {}}
    solves = {"instrumented": [], "intact": []}
    model = "instrumented"
    peak = 0.0
    for line in text.splitlines():
        if "Intact twin" in line:
            model = "intact"
        m = STAGE.search(line)
        if m:
            which = "intact" if m.group(1) else "instrumented"
            stages[which][m.group(2)] = stages[which].get(m.group(2), 0.0) + float(m.group(3))
        m = SOLVES.search(line)
        if m:
            solves[model].append((int(m.group(1)), int(m.group(2))))
        m = MEMORY.search(line)
        if m:
            peak = max(peak, float(m.group(1)))
    return stages, solves, peak


def run_case(spinefe, case, out, ranks):
    command = ["mpirun", "-np", str(ranks), spinefe, "run", case, "--output", out, "--quiet"]
    start = time.perf_counter()
    result = subprocess.run(command, env=ENV, cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit("spinefe failed:\n" + result.stdout[-4000:] + result.stderr[-4000:])
    return wall, result.stdout


def rows_of(run, wall, stages, solves, peak):
    bench = "default_case_" + run
    rows = [(bench, "wall_time", "s", "%.1f" % wall), (bench, "peak_memory_largest_rank", "MiB",
                                                       "%.0f" % peak)]
    for model, table in stages.items():
        for stage, seconds in table.items():
            name = re.sub(r"[^a-z0-9]+", "_", stage.lower()).strip("_")
            rows.append((bench, "%s_%s" % (model, name), "s", "%.1f" % seconds))
    for model, per_case in solves.items():
        if per_case:
            rows.append((bench, model + "_linear_solves_per_load_case", "-",
                         " ".join(str(s) for s, _ in per_case)))
            rows.append((bench, model + "_krylov_iterations_per_load_case", "-",
                         " ".join(str(k) for _, k in per_case)))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--np", type=int, default=2)
    parser.add_argument("--case", default="cases/t10-l3-printed-body/case.prm")
    parser.add_argument("--runs", default="scratch,cached")
    parser.add_argument("--scratch", default="/tmp/spinefe-bench-default")
    args = parser.parse_args()
    spinefe = os.path.join(args.build, "spinefe")
    shutil.rmtree(args.scratch, ignore_errors=True)  # an empty cache for the first run
    out = os.path.join(args.scratch, "t10-l3-printed-body")
    rows = []
    for run in args.runs.split(","):
        wall, log = run_case(spinefe, args.case, out, args.np)
        stages, solves, peak = parse_log(log)
        rows += rows_of(run, wall, stages, solves, peak)
        print("%s: %.1f s wall, peak %.0f MiB/rank" % (run, wall, peak))
        for model in stages:
            print("  %s: %s" % (model, ", ".join("%s %.1f s" % kv for kv in stages[model].items())))
            print("  %s solves/Krylov per load case: %s" % (model, solves[model]))
    record(rows, "/usr/bin/python3 bench/run_default_case.py --np %d --runs %s"
           % (args.np, args.runs))


if __name__ == "__main__":
    main()
