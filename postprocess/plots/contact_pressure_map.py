#!/usr/bin/python3
"""Maps the contact pressure under each endcap, one panel per interface and load case, from the
contact_pairs.csv that a run with contact writes into each load case's folder.

    /usr/bin/python3 postprocess/plots/contact_pressure_map.py \
        results/t10-l3-printed-body --load-cases standing flexion extension \
        --output results/t10-l3-printed-body/figures/contact_pressure.png

Each panel shows the endplate seen from above (x anterior to the right, y left upwards, mm):
the pressure p_i = lambda_n,i / A_i [MPa] of every node pair, interpolated over the pairs'
Delaunay triangulation, with the open (lifted-off) pairs marked by white crosses, the area
centroid (+) and the centre of pressure (o). One colour scale for every panel, so that load
cases can be compared. Needs Debian's python3-matplotlib and python3-numpy.
"""

import argparse
import csv
import os
import sys

SYSTEM_PYTHON = "/usr/bin/python3"
if sys.executable != SYSTEM_PYTHON and os.path.exists(SYSTEM_PYTHON):
    os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)

import matplotlib  # noqa: E402

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import matplotlib.tri as mtri  # noqa: E402
import numpy as np  # noqa: E402


def read_pairs(path):
    """Rows of one contact_pairs.csv grouped by patch: dict patch -> dict of numpy arrays."""
    groups = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            g = groups.setdefault(row["patch"], {"x": [], "y": [], "p": [], "area": [], "open": []})
            g["x"].append(float(row["x_mm"]))
            g["y"].append(float(row["y_mm"]))
            g["p"].append(float(row["pressure_mpa"]))
            g["area"].append(float(row["area_mm2"]))
            g["open"].append(row["state"] == "open")
    return {k: {n: np.array(v) for n, v in g.items()} for k, g in groups.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run", help="output folder of a run (holds one folder per load case)")
    parser.add_argument("--load-cases", nargs="+", default=["standing", "flexion", "extension"])
    parser.add_argument("--output", required=True, help="PNG file to write")
    args = parser.parse_args()

    data = {}
    for lc in args.load_cases:
        path = os.path.join(args.run, lc, "contact_pairs.csv")
        if not os.path.exists(path):
            sys.exit(f"contact_pressure_map: {path} not found (was the run made with contact?)")
        data[lc] = read_pairs(path)
    patches = sorted({p for d in data.values() for p in d})
    # The nodal pressure peaks at the endcap's rim (the edge of a stiff punch, README 'Interface
    # metrics'); a scale up to the 99th percentile keeps the rest of the map readable.
    vmax = float(np.percentile(np.concatenate([g["p"] for d in data.values() for g in d.values()]),
                               99))

    fig, axes = plt.subplots(len(patches), len(args.load_cases), squeeze=False,
                             figsize=(3.0 * len(args.load_cases) + 1.2, 3.2 * len(patches)),
                             constrained_layout=True)
    image = None
    for row, patch in enumerate(patches):
        for col, lc in enumerate(args.load_cases):
            ax = axes[row][col]
            g = data[lc].get(patch)
            if g is None:
                ax.set_axis_off()
                continue
            tri = mtri.Triangulation(g["x"], g["y"])
            image = ax.tricontourf(tri, g["p"], levels=np.linspace(0, vmax, 21), cmap="viridis",
                                     extend="max")
            ax.plot(g["x"][g["open"]], g["y"][g["open"]], "wx", ms=2.5, mew=0.6)
            a = g["area"]
            cx, cy = (a * g["x"]).sum() / a.sum(), (a * g["y"]).sum() / a.sum()
            force = g["p"] * a
            ax.plot([cx], [cy], "r+", ms=9, mew=1.5)
            if force.sum() > 0:
                ax.plot([(force * g["x"]).sum() / force.sum()], [(force * g["y"]).sum() / force.sum()],
                        "o", mfc="none", mec="red", ms=8, mew=1.5)
            lift = a[g["open"]].sum() / a.sum()
            ax.set_title(f"{patch.split('/')[-1]}, {lc}\nlift-off {100 * lift:.1f}% of area",
                         fontsize=8)
            ax.set_aspect("equal")
            ax.tick_params(labelsize=6)
            ax.set_xlabel("x anterior [mm]", fontsize=7)
            ax.set_ylabel("y left [mm]", fontsize=7)
    if image is not None:
        bar = fig.colorbar(image, ax=axes, shrink=0.8)
        bar.set_label("contact pressure [MPa] (scale to the 99th percentile)", fontsize=8)
        bar.ax.tick_params(labelsize=7)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    tmp = args.output + ".tmp.png"
    fig.savefig(tmp, dpi=200)
    os.replace(tmp, args.output)
    print(f"contact_pressure_map: wrote {args.output}")


if __name__ == "__main__":
    main()
