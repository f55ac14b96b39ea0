#!/usr/bin/python3
"""Mesh convergence of the headline spine metrics, with the Grid Convergence Index.

Runs the printed-body case (standing and flexion, endcaps in frictional contact) on four meshes
(coarse, default, fine, finer; the element sizes below), then, for every headline metric f,
computes from the three finest meshes the observed order and the GCI of Roache as set out by
Celik et al. 2008 (J Fluids Eng 130:078001) for non-uniform refinement ratios:

  h_i = (V / N_i)^(1/3)         representative cell size of mesh i (1 fine, 3 coarse)
  r21 = h2/h1, r32 = h3/h2,     e21 = f2 - f1, e32 = f3 - f2,  s = sign(e32/e21)
  p   = |ln|e32/e21| + q(p)| / ln r21,  q(p) = ln((r21^p - s)/(r32^p - s))  (fixed point)
  GCI_fine = 1.25 |(f1 - f2)/f1| / (r21^p - 1)

A metric whose differences change sign (s < 0) converges oscillatorily; its GCI is then
reported with p from |e32/e21| as above, flagged 'osc'. Writes bench/convergence_results.md and
bench/convergence_results.csv (load_case, metric, unit, one value column per level, observed
order, gci_percent, kind), so the figures can be checked by a script.

  /usr/bin/python3 bench/run_convergence.py [--np 2] [--levels finer,fine,default,coarse]
"""
import argparse
import csv
import math
import os
import subprocess
import sys
import time

LEVELS = {
    "coarse": {"Global": 5, "Shell": 1.5, "Interface": 1.5, "Screw": 1.5},
    "default": {"Global": 3, "Shell": 1.2, "Interface": 1.0, "Screw": 1.2},
    "fine": {"Global": 2.5, "Shell": 1.0, "Interface": 0.8, "Screw": 1.0},
    "finer": {"Global": 2.2, "Shell": 0.85, "Interface": 0.65, "Screw": 0.9},
}
HEADLINE = [
    ("segment", "T10-L3", "flexion_extension", "ROM T10-L3 [deg]"),
    ("segment", "T12-L2", "flexion_extension", "ROM T12-L2 [deg]"),
    ("load_share", "implant", "share", "implant load share [-]"),
    ("interface", "T12_inferior", "normal_stress_mean", "T12 mean contact pressure [MPa]"),
    ("interface", "L2_superior", "normal_stress_mean", "L2 mean contact pressure [MPa]"),
    ("interface", "T12_inferior", "subsidence_risk_index", "SRI T12 inferior [-]"),
    ("interface", "L2_superior", "subsidence_risk_index", "SRI L2 superior [-]"),
    ("interface", "T12_inferior", "lift_off_fraction", "lift-off T12 inferior [-]"),
    ("interface", "L2_superior", "lift_off_fraction", "lift-off L2 superior [-]"),
    ("interface", "T12_inferior", "cop_anterior", "CoP anterior T12 [mm]"),
    ("ssi", "T12/endplate_zone", "ssi", "SSI T12 endplate zone [-]"),
    ("ssi", "L2/endplate_zone", "ssi", "SSI L2 endplate zone [-]"),
    ("implant_stress", "rods", "von_mises_p99", "rods P99 von Mises [MPa]"),
    ("implant_stress", "implant", "von_mises_p99", "implant P99 von Mises [MPa]"),
]
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1")


def case_file(level, work):
    sizes = LEVELS[level]
    path = os.path.join(work, f"{level}.prm")
    with open(path, "w") as f:
        f.write(f"include {os.path.abspath('cases/t10-l3-printed-body/case.prm')}\n"
                "subsection Spine model\n  subsection Mesh sizes\n")
        for key, value in sizes.items():
            f.write(f"    set {key} = {value}\n")
        f.write("  end\nend\nsubsection Boundary conditions\n"
                "  set Load cases = standing: 0, 0, 0; flexion: 0, 7500, 0\nend\n")
    return path


def read_metrics(path):
    table = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            table[(row["model"], row["load_case"], row["kind"], row["name"],
                   row["quantity"])] = float(row["value"])
    return table


def n_cells(log):
    # A level prepared from an earlier run may give its element count in <level>.cells.
    cells_file = log[:-len(".log")] + ".cells"
    if os.path.exists(cells_file):
        return int(open(cells_file).read())
    for line in open(log):
        if "tetrahedra," in line and "[mesh]" in line and "spine model" in line:
            return int(line.split(":")[1].split("tetrahedra")[0])
    raise RuntimeError(f"no element count in {log}")


def observed_order(r21, r32, e21, e32):
    s = 1.0 if e32 / e21 > 0 else -1.0
    p = abs(math.log(abs(e32 / e21))) / math.log(r21)
    for _ in range(100):
        q = math.log((r21 ** p - s) / (r32 ** p - s))
        p_new = abs(math.log(abs(e32 / e21)) + q) / math.log(r21)
        if abs(p_new - p) < 1e-10:
            break
        p = max(p_new, 1e-3)
    return p, s


def gci(values, cells, volume, formal_order):
    """Observed order, GCI of the fine mesh, and the convergence kind of Celik et al. 2008:
    R = e21/e32 in (0, 1) monotone, R < 0 oscillatory, R > 1 divergent (not yet in the
    asymptotic range). The GCI uses p = min(p_observed, p_formal) for monotone convergence and
    the formal order otherwise (Roache's conservative choice), so a spuriously high observed
    order never makes the band small."""
    f1, f2, f3 = values  # fine, medium, coarse
    h = [(volume / n) ** (1 / 3) for n in cells]
    r21, r32 = h[1] / h[0], h[2] / h[1]
    e21, e32 = f2 - f1, f3 - f2
    if e21 == 0 or e32 == 0:
        return float("nan"), 0.0, "exact"
    p, s = observed_order(r21, r32, e21, e32)
    ratio = e21 / e32
    kind = "osc" if ratio < 0 else ("mono" if ratio < 1 else "div")
    p_used = min(p, formal_order) if kind == "mono" else formal_order
    return p, 1.25 * abs(e21 / f1) / (r21 ** p_used - 1), kind


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--np", type=int, default=2)
    parser.add_argument("--work", default="bench/convergence_work")
    parser.add_argument("--binary", default="build/spinefe",
                        help="the spinefe executable (a copy lets the build tree change meanwhile)")
    parser.add_argument("--levels", default="finer,fine,default,coarse",
                        help="finest first; the GCI uses the first three")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    levels = args.levels.split(",")
    results, cells, seconds = {}, {}, {}
    for level in levels:
        out = os.path.join(args.work, level)
        log = os.path.join(args.work, f"{level}.log")
        if not os.path.exists(os.path.join(out, "metrics.csv")):
            start = time.time()
            with open(log, "w") as f:
                subprocess.run(["mpirun", "-np", str(args.np), args.binary, "run",
                                case_file(level, args.work), "--output", out],
                               stdout=f, stderr=subprocess.STDOUT, env=ENV, check=True)
            seconds[level] = time.time() - start
        results[level] = read_metrics(os.path.join(out, "metrics.csv"))
        cells[level] = n_cells(log)
    volume = 493000.0  # mm^3, the construct (it cancels in the ratios)
    lines = ["# Mesh convergence of the headline metrics (printed-body case, P1)", "",
             f"`/usr/bin/python3 bench/run_convergence.py --np {args.np}`; meshes "
             + ", ".join(f"{l}: {cells[l]} tetrahedra" for l in levels)
             + ". GCI of the finest mesh after Roache / Celik et al. 2008 with p = min(observed, formal) "
               "(formal: 2 for rotations, 1 for stress-based metrics); 'osc': the differences "
               "change sign; 'div': the fine-medium difference exceeds the medium-coarse one (not "
               "yet asymptotic), GCI with the formal order.", ""]
    if seconds:
        lines.append("Wall time per level [s]: " +
                     ", ".join(f"{l} {s:.0f}" for l, s in seconds.items()))
        lines.append("")
    lines += ["| load case | metric | " + " | ".join(levels) + " | p | GCI fine | kind |",
              "|---|---|" + "---|" * len(levels) + "---|---|---|"]
    rows = []
    for lc in ("standing", "flexion"):
        for kind, name, quantity, label in HEADLINE:
            values = [results[l].get(("instrumented", lc, kind, name, quantity), float("nan"))
                      for l in levels]
            if any(v != v for v in values):
                continue
            # P1: rotations come from displacements (order 2), the rest from stresses (order 1).
            formal = 2.0 if kind == "segment" else 1.0
            p, g, mode = gci(values[:3], [cells[l] for l in levels[:3]], volume, formal)
            lines.append(f"| {lc} | {label} | " + " | ".join(f"{v:.4g}" for v in values)
                         + f" | {p:.2f} | {100 * g:.2f}% | {mode} |")
            metric, unit = label.rsplit(" [", 1)
            rows.append([lc, metric, unit.rstrip("]")] + [f"{v:.6g}" for v in values]
                        + [f"{p:.3f}", f"{100 * g:.3f}", mode])
    # Rows of the other convergence studies (bench/run_plastic_convergence.py) stay.
    path = "bench/convergence_results.csv"
    if os.path.exists(path):
        with open(path, newline="") as f:
            rows += [r for r in list(csv.reader(f))[1:] if r and r[0] == "astm-f2267"]
    with open(path, "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["load_case", "metric", "unit"] + [f"value_{l}" for l in levels]
                        + ["observed_order", "gci_percent", "kind"])
        writer.writerow(["", "cells", "-"] + [str(cells[l]) for l in levels] + ["", "", ""])
        writer.writerows(rows)
    with open("bench/convergence_results.md", "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
