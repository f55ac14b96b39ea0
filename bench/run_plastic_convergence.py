#!/usr/bin/python3
"""Mesh convergence of the virtual ASTM F2267 test (cases/astm-f2267): stiffness Kp and offset
yield load on three meshes, with the Grid Convergence Index of bench/run_convergence.py (Roache /
Celik et al. 2008, p = min(observed, formal)).

The meshes scale every element size of device_in_foam.geo (the global size and the fine field at
the endcaps) by gmsh's Mesh.MeshSizeFactor: 1.6 (coarse), 1.15 (default-like) and 0.8 (fine),
ratio about 1.4 in cell size per level. The rows go into bench/convergence_results.csv under the
load case 'astm-f2267' (the spine rows are kept) and into bench/plastic_convergence_results.md.

  /usr/bin/python3 bench/run_plastic_convergence.py [--np 2]
"""
import argparse
import csv
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run_convergence import ENV, gci  # noqa: E402

LEVELS = {"fine": 0.8, "default": 1.15, "coarse": 1.6}
CASE = "cases/astm-f2267"
METRICS = [("stiffness", "Kp", "N/mm"), ("yield_load", "yield load", "N")]
KEY = "astm-f2267"


def prepare(level, factor, work):
    """A copy of the case and its .geo with all element sizes scaled by `factor`."""
    d = os.path.join(work, level)
    os.makedirs(d, exist_ok=True)
    geo = open(os.path.join(CASE, "device_in_foam.geo")).read()
    open(os.path.join(d, "device_in_foam.geo"), "w").write(
        geo + f"\nMesh.MeshSizeFactor = {factor};\n")
    case = open(os.path.join(CASE, "case.prm")).read()
    case = case.replace("set Directory = results/astm-f2267", f"set Directory = {d}/out")
    path = os.path.join(d, "case.prm")
    open(path, "w").write(case)
    return path, os.path.join(d, "out")


def read_plasticity(path):
    out = {}
    with open(path) as f:
        for row in csv.DictReader(f):
            out[row["metric"]] = float(row["value"])
    return out


def cells_of(log):
    for line in open(log):
        m = re.search(r"(\d+) (?:P1 )?tetrahedra", line)
        if m:
            return int(m.group(1))
    raise RuntimeError(f"no element count in {log}")


def merge_rows(rows, levels):
    """Replaces this study's rows in bench/convergence_results.csv, keeping the others."""
    path = "bench/convergence_results.csv"
    header, kept = None, []
    if os.path.exists(path):
        with open(path, newline="") as f:
            reader = csv.reader(f)
            header = next(reader)
            kept = [r for r in reader if not r or r[0] != KEY]
    expected = ["load_case", "metric", "unit"] + [f"value_{l}" for l in levels] + [
        "observed_order", "gci_percent", "kind"]
    if header is None:
        header = expected
    if header != expected:
        raise RuntimeError(f"{path} has columns {header}, expected {expected}")
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(header)
        writer.writerows(kept + rows)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=2)
    parser.add_argument("--work", default="bench/plastic_convergence_work")
    parser.add_argument("--binary", default="build/spinefe")
    args = parser.parse_args()
    levels = list(LEVELS)
    results, cells, seconds = {}, {}, {}
    for level in levels:
        case, out = prepare(level, LEVELS[level], args.work)
        log = os.path.join(args.work, f"{level}.log")
        if not os.path.exists(os.path.join(out, "plasticity.csv")):
            start = time.time()
            with open(log, "w") as f:
                subprocess.run(["mpirun", "-np", str(args.np), args.binary, "run", case],
                               stdout=f, stderr=subprocess.STDOUT, env=ENV, check=True)
            seconds[level] = time.time() - start
        results[level] = read_plasticity(os.path.join(out, "plasticity.csv"))
        cells[level] = cells_of(log)
    volume = 2 * 60 * 60 * 15 + 3.14159 * 12.6 ** 2 * 30  # mm^3 (cancels in the ratios)
    lines = ["# Mesh convergence of the virtual ASTM F2267 test (P1, crushable foam)", "",
             f"`/usr/bin/python3 bench/run_plastic_convergence.py --np {args.np}`; meshes "
             + ", ".join(f"{l}: {cells[l]} tetrahedra (size factor {LEVELS[l]})" for l in levels)
             + ". GCI of the fine mesh with p = min(observed, 2) (P1 displacements and "
               "reactions: order 2).", ""]
    if seconds:
        lines += ["Wall time per level [s]: "
                  + ", ".join(f"{l} {s:.0f}" for l, s in seconds.items()), ""]
    lines += ["| metric | " + " | ".join(levels) + " | p | GCI fine | kind |",
              "|---|" + "---|" * len(levels) + "---|---|---|"]
    rows = [[KEY, "cells", "-"] + [str(cells[l]) for l in levels] + ["", "", ""]]
    for key, label, unit in METRICS:
        values = [results[l][key] for l in levels]
        p, g, mode = gci(values, [cells[l] for l in levels], volume, 2.0)
        lines.append(f"| {label} [{unit}] | " + " | ".join(f"{v:.5g}" for v in values)
                     + f" | {p:.2f} | {100 * g:.2f}% | {mode} |")
        rows.append([KEY, label, unit] + [f"{v:.6g}" for v in values]
                    + [f"{p:.3f}", f"{100 * g:.3f}", mode])
    merge_rows(rows, levels)
    with open("bench/plastic_convergence_results.md", "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
