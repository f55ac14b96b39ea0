#!/usr/bin/python3
"""Figures of a spinefe design study, from its results database (results.h5), for publication.

    /usr/bin/python3 postprocess/plots/study_figures.py results/endcap-modulus/results.h5 \
        --output results/endcap-modulus/figures

Writes each figure as PNG (300 dpi) and PDF, one journal column wide (3.5 in), with the same
style, and figures_data.csv: every plotted number (figure, series, x, y, case), so that what is
drawn can be checked against the database. Figures (metric names from the metrics.csv contract,
model "instrumented" unless noted):

  subsidence_vs_endcap_area  interface/subsidence_risk_index (largest over the interfaces and
                             load cases) against endcap area, one line per implant modulus
  subsidence_depth_vs_endcap_area  interface/subsidence_depth_p95 (elastic endplate indentation
                             relative to the vertebra, mm; largest over the interfaces and load
                             cases) against endcap area, one line per implant modulus
  ssi_vs_modulus             ssi/<region>/ssi against implant modulus, one line per region
                             (largest over the load cases)
  graft_ssi_vs_modulus       graft/<zone>/ssi (the cage's graft or the printed body's ingrowth
                             core against the intact L1 body) against modulus, one line per
                             load case
  load_share_vs_modulus      load_share/implant/share against modulus, one line per load case
  rom_bars                   segment rotations intact vs instrumented, per segment and load case
                             (the rotation about the load case's axis, |deg|), for one case
  subsidence_heat_map        subsidence risk over endcap area x modulus

Parameters other than the plotted ones are held at their middle value (the middle of their
sorted values) unless given with --at "PATH=VALUE". A figure whose metrics or parameters are
absent is skipped with a message. Failed cases are left out. Needs Debian's python3-matplotlib,
python3-h5py and python3-numpy: run it with /usr/bin/python3 (the python3 first on PATH may lack
them).
"""

import argparse
import csv
import os
import sys

SYSTEM_PYTHON = "/usr/bin/python3"

ENDCAP = "Spine model/Implant/Endcap area"
MODULUS = "Materials/Implant modulus"
GRAFT_STAGE = "Materials/Graft stage"
INGROWTH = "Materials/Ingrowth fraction"
COLUMN_WIDTH = 3.5  # in

STYLE = {
    "font.size": 8, "axes.labelsize": 8, "axes.titlesize": 8, "legend.fontsize": 7,
    "xtick.labelsize": 7, "ytick.labelsize": 7, "lines.linewidth": 1.2, "lines.markersize": 4,
    "axes.spines.top": False, "axes.spines.right": False, "legend.frameon": False,
    "savefig.dpi": 300, "savefig.bbox": "tight", "pdf.fonttype": 42, "font.family": "DejaVu Sans",
}


def ensure_system_python():
    try:
        import h5py  # noqa: F401
        import matplotlib  # noqa: F401
        import numpy  # noqa: F401
    except ImportError:
        if os.path.realpath(sys.executable) != os.path.realpath(SYSTEM_PYTHON) and \
                os.path.exists(SYSTEM_PYTHON):
            os.execv(SYSTEM_PYTHON, [SYSTEM_PYTHON] + sys.argv)
        sys.exit("study_figures.py: needs python3-matplotlib, python3-h5py and python3-numpy; "
                 "run it with %s" % SYSTEM_PYTHON)


# --- the database ------------------------------------------------------------------------------

def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


def read_database(path):
    """The committed successful cases: [{'id', 'parameters': {path: value}, 'metrics': [...]}]
    and the varied parameter paths."""
    import h5py
    cases = []
    with h5py.File(path, "r") as h5:
        if text(h5.attrs.get("format", "")) != "spinefe study results 1":
            sys.exit("study_figures.py: %s is not a spinefe study results database" % path)
        parameters = [text(p) for p in h5["parameters"][()]]
        for case_id in sorted(h5["cases"].keys()):
            g = h5["cases"][case_id]
            if text(g["provenance"].attrs["status"]) != "ok":
                continue
            names = [text(n) for n in g["parameters/name"][()]]
            values = [text(v) for v in g["parameters/value"][()]]
            m = g["metrics"]
            columns = {c: [text(x) for x in m[c][()]]
                       for c in ("model", "load_case", "kind", "name", "quantity", "unit")}
            metrics = [dict({c: columns[c][i] for c in columns}, value=float(v))
                       for i, v in enumerate(m["value"][()])]
            cases.append({"id": case_id, "parameters": dict(zip(names, values)),
                          "metrics": metrics})
    return parameters, cases


def number(value):
    try:
        return float(value)
    except ValueError:
        return None


def sorted_values(cases, parameter):
    values = {c["parameters"][parameter] for c in cases if parameter in c["parameters"]}
    if all(number(v) is not None for v in values):
        return sorted(values, key=float)
    return sorted(values)


def held_fixed(cases, parameters, free, at):
    """{parameter: value} for every varied parameter not in `free`: --at, else the middle one."""
    fixed = {}
    for p in parameters:
        if p in free:
            continue
        values = sorted_values(cases, p)
        fixed[p] = at.get(p, values[(len(values) - 1) // 2] if values else "")
    return fixed


def select(cases, fixed):
    return [c for c in cases if all(c["parameters"].get(p) == v for p, v in fixed.items())]


def metric_values(case, kind, quantity, model="instrumented", name=None, load_case=None):
    return [m for m in case["metrics"]
            if m["kind"] == kind and m["quantity"] == quantity and m["model"] == model and
            (name is None or m["name"] == name) and
            (load_case is None or m["load_case"] == load_case)]


def has_metric(cases, kind, quantity):
    return any(metric_values(c, kind, quantity) for c in cases)


def gpa(value):
    return float(value) / 1000.0


def fixed_note(fixed):
    return "; ".join("%s = %s" % (p.split("/")[-1], v) for p, v in fixed.items())


# --- figures -----------------------------------------------------------------------------------

class Figures:
    def __init__(self, output, formats):
        self.output = output
        self.formats = formats
        self.rows = []  # figure, series, x, y, case
        self.written = []

    def record(self, figure, series, x, y, case):
        self.rows.append((figure, series, x, y, case))

    def save(self, fig, name):
        import matplotlib.pyplot as plt
        for ext in self.formats:
            path = os.path.join(self.output, name + "." + ext)
            fig.savefig(path)
            self.written.append(path)
        plt.close(fig)
        print("study_figures.py: wrote %s.{%s}" % (os.path.join(self.output, name),
                                                    ",".join(self.formats)))

    def write_data(self):
        path = os.path.join(self.output, "figures_data.csv")
        with open(path + ".tmp", "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["figure", "series", "x", "y", "case"])
            for row in self.rows:
                w.writerow([row[0], row[1], repr(row[2]) if isinstance(row[2], float) else row[2],
                            repr(row[3]), row[4]])
        os.replace(path + ".tmp", path)


def skip(name, why):
    print("study_figures.py: skipping %s: %s" % (name, why))


def line_figure(figs, name, cases, parameters, at, x_param, x_label, x_scale, series_of,
                y_of, y_label, legend_title, series_params=()):
    """One line per series: y_of(case, series) against x_param. series_of(cases) lists the
    series as (key, label); series_params are the parameters the series vary (not held fixed)."""
    import matplotlib.pyplot as plt
    fixed = held_fixed(cases, parameters, {x_param} | set(series_params), at)
    chosen = select(cases, fixed)
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH, 2.6))
    n_points = 0
    xs = []
    for key, label in series_of(chosen):
        points = []
        for c in chosen:
            y = y_of(c, key)
            if y is not None and number(c["parameters"][x_param]) is not None:
                points.append((x_scale(c["parameters"][x_param]), y, c["id"]))
        points.sort()
        if not points:
            continue
        ax.plot([p[0] for p in points], [p[1] for p in points], marker="o", label=label)
        for x, y, case in points:
            figs.record(name, label, x, y, case)
        n_points += len(points)
        xs.extend(p[0] for p in points)
    if not n_points:
        plt.close(fig)
        return skip(name, "no case has the metric")
    # Moduli from a bone-like lattice to solid titanium span over two decades: a linear axis
    # would crowd every bone-like value into one corner.
    if min(xs) > 0 and max(xs) >= 10 * min(xs):
        ax.set_xscale("log")
    ax.set_xlabel(x_label)
    ax.set_ylabel(y_label)
    ax.legend(title=legend_title)
    if fixed:
        ax.set_title(fixed_note(fixed), loc="left")
    figs.save(fig, name)


def largest_interface_value(case, quantity):
    values = [m["value"] for m in metric_values(case, "interface", quantity)]
    return max(values) if values else None


def subsidence(case):
    return largest_interface_value(case, "subsidence_risk_index")


def interface_figure_vs_area(figs, cases, parameters, at, name, quantity, y_label):
    """`quantity` (the largest over the interfaces and load cases) against endcap area, one
    line per implant modulus."""
    if ENDCAP not in parameters:
        return skip(name, "the study does not vary '%s'" % ENDCAP)
    if not has_metric(cases, "interface", quantity):
        return skip(name, "no interface/%s metric" % quantity)
    free = [MODULUS] if MODULUS in parameters else []

    def series(chosen):
        if not free:
            return [(None, "all")]
        return [(v, "%g" % gpa(v)) for v in sorted_values(chosen, MODULUS)]

    line_figure(figs, name, cases, parameters, at, ENDCAP, "Endcap area [mm$^2$]", float, series,
                lambda c, v: largest_interface_value(c, quantity)
                if v is None or c["parameters"][MODULUS] == v else None,
                y_label, "Implant modulus [GPa]", free)


def figure_subsidence_vs_area(figs, cases, parameters, at):
    interface_figure_vs_area(figs, cases, parameters, at, "subsidence_vs_endcap_area",
                             "subsidence_risk_index", "Subsidence risk index [-]")


def figure_subsidence_depth_vs_area(figs, cases, parameters, at):
    interface_figure_vs_area(figs, cases, parameters, at, "subsidence_depth_vs_endcap_area",
                             "subsidence_depth_p95", "Subsidence depth, P95 [mm]")


def figure_ssi_vs_modulus(figs, cases, parameters, at):
    name = "ssi_vs_modulus"
    if MODULUS not in parameters:
        return skip(name, "the study does not vary '%s'" % MODULUS)
    if not has_metric(cases, "ssi", "ssi"):
        return skip(name, "no ssi metric")

    def series(chosen):
        # The vertebral bodies and endplate zones; the ten peri-screw zones stay in the database.
        regions = sorted({m["name"] for c in chosen for m in metric_values(c, "ssi", "ssi")
                          if not m["name"].startswith("screw_")})
        return [(r, r) for r in regions]

    def y(c, region):
        values = [m["value"] for m in metric_values(c, "ssi", "ssi", name=region)]
        return max(values) if values else None

    line_figure(figs, name, cases, parameters, at, MODULUS, "Implant modulus [GPa]", gpa, series,
                y, "Stress shielding index [-]", "Region")


def figure_graft_ssi_vs_modulus(figs, cases, parameters, at):
    """One line per load case and, where the study varies them, graft stage and ingrowth."""
    name = "graft_ssi_vs_modulus"
    if MODULUS not in parameters:
        return skip(name, "the study does not vary '%s'" % MODULUS)
    if not has_metric(cases, "graft", "ssi"):
        return skip(name, "no graft/ssi metric")
    healing = [p for p in (GRAFT_STAGE, INGROWTH) if p in parameters]

    def state(c):
        return tuple(c["parameters"][p] for p in healing)

    def series(chosen):
        keys = []
        for c in chosen:
            for m in metric_values(c, "graft", "ssi"):
                key = (m["name"], m["load_case"], state(c))
                if key not in keys:
                    keys.append(key)
        return [(k, ", ".join([k[0], k[1]] + ["%s %s" % (p.split("/")[-1].lower(), v)
                                               for p, v in zip(healing, k[2])])) for k in keys]

    def y(c, key):
        if state(c) != key[2]:
            return None
        values = [m["value"] for m in metric_values(c, "graft", "ssi", name=key[0],
                                                     load_case=key[1])]
        return values[0] if values else None

    line_figure(figs, name, cases, parameters, at, MODULUS, "Implant modulus [GPa]", gpa, series,
                y, "Graft stress shielding index [-]", "Graft zone, load case", healing)


def figure_load_share(figs, cases, parameters, at):
    name = "load_share_vs_modulus"
    if MODULUS not in parameters:
        return skip(name, "the study does not vary '%s'" % MODULUS)
    if not any(metric_values(c, "load_share", "share", name="implant") for c in cases):
        return skip(name, "no load_share/implant/share metric")

    def series(chosen):
        lcs = []
        for c in chosen:
            for m in metric_values(c, "load_share", "share", name="implant"):
                if m["load_case"] not in lcs:
                    lcs.append(m["load_case"])
        return [(lc, lc) for lc in lcs]

    def y(c, lc):
        values = [m["value"] for m in metric_values(c, "load_share", "share", name="implant",
                                                     load_case=lc)]
        return values[0] if values else None

    line_figure(figs, name, cases, parameters, at, MODULUS, "Implant modulus [GPa]", gpa, series,
                y, "Implant load share [-]", "Load case")


ANGLES = ("flexion_extension", "lateral_bending", "axial_rotation")


def load_case_angle(load_case, case):
    """The rotation a load case is about, from its name; else the largest intact rotation."""
    lower = load_case.lower()
    if "flex" in lower or "ext" in lower:
        return "flexion_extension"
    if "lateral" in lower or "bend" in lower:
        return "lateral_bending"
    if "axial" in lower or "torsion" in lower or "rotation" in lower:
        return "axial_rotation"
    best, best_value = ANGLES[0], -1.0
    for q in ANGLES:
        for m in metric_values(case, "segment", q, model="intact", load_case=load_case):
            if abs(m["value"]) > best_value:
                best, best_value = q, abs(m["value"])
    return best


def figure_rom_bars(figs, cases, parameters, at, rom_case):
    import matplotlib.pyplot as plt
    import numpy as np
    name = "rom_bars"
    if rom_case:
        chosen = [c for c in cases if c["id"] == rom_case]
        if not chosen:
            return skip(name, "no successful case '%s'" % rom_case)
    else:
        chosen = select(cases, held_fixed(cases, parameters, set(), at))
    if not chosen:
        return skip(name, "no case at the middle parameter values")
    case = chosen[0]
    load_cases = []
    for m in case["metrics"]:
        if m["kind"] == "segment" and m["model"] == "intact" and m["load_case"] not in load_cases:
            load_cases.append(m["load_case"])
    if not load_cases:
        return skip(name, "case %s has no intact segment rotations" % case["id"])
    fig, axes = plt.subplots(len(load_cases), 1, figsize=(COLUMN_WIDTH, 1.5 * len(load_cases) + 0.4),
                             squeeze=False, sharex=True)
    segments = []
    for m in case["metrics"]:
        if m["kind"] == "segment" and m["name"] not in segments:
            segments.append(m["name"])
    x = np.arange(len(segments))
    for ax, lc in zip(axes[:, 0], load_cases):
        angle = load_case_angle(lc, case)
        for offset, model, colour in ((-0.2, "intact", "0.6"), (0.2, "instrumented", "C0")):
            heights = []
            for s in segments:
                values = metric_values(case, "segment", angle, model=model, name=s, load_case=lc)
                heights.append(abs(values[0]["value"]) if values else float("nan"))
                if values:
                    figs.record(name, "%s/%s/%s" % (lc, model, s), s, heights[-1], case["id"])
            ax.bar(x + offset, heights, width=0.4, color=colour, label=model)
        ax.set_ylabel("%s\n%s [deg]" % (lc, angle.replace("_", "-")))
    axes[0, 0].legend(ncol=2, loc="upper right")
    axes[-1, 0].set_xticks(x)
    axes[-1, 0].set_xticklabels(segments, rotation=45, ha="right")
    axes[-1, 0].set_xlabel("Segment")
    axes[0, 0].set_title("Range of motion, case %s" % case["id"], loc="left")
    figs.save(fig, name)


def figure_heat_map(figs, cases, parameters, at):
    import matplotlib.pyplot as plt
    import numpy as np
    name = "subsidence_heat_map"
    missing = [p for p in (ENDCAP, MODULUS) if p not in parameters]
    if missing:
        return skip(name, "the study does not vary %s" % ", ".join("'%s'" % p for p in missing))
    if not has_metric(cases, "interface", "subsidence_risk_index"):
        return skip(name, "no interface/subsidence_risk_index metric")
    fixed = held_fixed(cases, parameters, {ENDCAP, MODULUS}, at)
    chosen = select(cases, fixed)
    areas, moduli = sorted_values(chosen, ENDCAP), sorted_values(chosen, MODULUS)
    grid = np.full((len(moduli), len(areas)), np.nan)
    for c in chosen:
        y = subsidence(c)
        if y is None:
            continue
        i, j = moduli.index(c["parameters"][MODULUS]), areas.index(c["parameters"][ENDCAP])
        grid[i, j] = y
        figs.record(name, "%g" % gpa(c["parameters"][MODULUS]), float(c["parameters"][ENDCAP]), y,
                    c["id"])
    fig, ax = plt.subplots(figsize=(COLUMN_WIDTH, 2.6))
    image = ax.imshow(grid, origin="lower", aspect="auto", cmap="viridis")
    ax.set_xticks(range(len(areas)))
    ax.set_xticklabels(["%g" % float(a) for a in areas])
    ax.set_yticks(range(len(moduli)))
    ax.set_yticklabels(["%g" % gpa(m) for m in moduli])
    ax.set_xlabel("Endcap area [mm$^2$]")
    ax.set_ylabel("Implant modulus [GPa]")
    fig.colorbar(image, ax=ax, label="Subsidence risk index [-]")
    if grid.size <= 64:
        for i in range(grid.shape[0]):
            for j in range(grid.shape[1]):
                if not np.isnan(grid[i, j]):
                    ax.text(j, i, "%.2g" % grid[i, j], ha="center", va="center", fontsize=6,
                            color="w" if grid[i, j] < np.nanmean(grid) else "k")
    if fixed:
        ax.set_title(fixed_note(fixed), loc="left")
    figs.save(fig, name)


def main():
    ensure_system_python()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("database", help="results.h5 written by `spinefe study`")
    parser.add_argument("--output", help="folder for the figures (default: <database dir>/figures)")
    parser.add_argument("--at", action="append", default=[], metavar="PATH=VALUE",
                        help="hold a parameter at this value (default: its middle value)")
    parser.add_argument("--rom-case", help="case id for the ROM bars (default: middle values)")
    parser.add_argument("--formats", default="png,pdf", help="comma-separated (default png,pdf)")
    args = parser.parse_args()
    import matplotlib
    matplotlib.use("Agg")
    matplotlib.rcParams.update(STYLE)
    at = {}
    for item in args.at:
        if "=" not in item:
            sys.exit("study_figures.py: --at needs PATH=VALUE, found '%s'" % item)
        p, v = item.split("=", 1)
        at[p.strip()] = v.strip()
    parameters, cases = read_database(args.database)
    output = args.output or os.path.join(os.path.dirname(os.path.abspath(args.database)),
                                         "figures")
    os.makedirs(output, exist_ok=True)
    figs = Figures(output, [f for f in args.formats.split(",") if f])
    if not cases:
        print("study_figures.py: no successful case in %s; nothing to plot" % args.database)
    else:
        figure_subsidence_vs_area(figs, cases, parameters, at)
        figure_subsidence_depth_vs_area(figs, cases, parameters, at)
        figure_ssi_vs_modulus(figs, cases, parameters, at)
        figure_graft_ssi_vs_modulus(figs, cases, parameters, at)
        figure_load_share(figs, cases, parameters, at)
        figure_rom_bars(figs, cases, parameters, at, args.rom_case)
        figure_heat_map(figs, cases, parameters, at)
    figs.write_data()
    print("study_figures.py: %d file(s) in %s" % (len(figs.written), output))


if __name__ == "__main__":
    main()
