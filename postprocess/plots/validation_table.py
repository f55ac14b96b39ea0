#!/usr/bin/python3
"""Validation tables: simulated intact ROM and nucleus pressure against validation.md.

Reads one or two metrics.csv files written by `spinefe run` (columns model, load_case, kind,
name, quantity, unit, value) and prints Markdown tables:
  * ROM per segment: flexion+extension full range = flexion angle - extension angle [deg];
    lateral bending and axial rotation one side = mean of |left| and |right| [deg];
  * with --follower METRICS.csv: the same with the follower load, and the change;
  * with --pressure METRICS.csv: the mean nucleus pressure of each disc [MPa].
Each value is marked 'in' or 'OUT' against the published range.

  /usr/bin/python3 postprocess/plots/validation_table.py results/validation-intact-rom/metrics.csv \
      --follower results/validation-intact-rom-follower/metrics.csv
"""
import argparse
import csv
import sys

# validation.md: segment -> (flexion+extension full range, lateral bending one side,
# axial rotation one side), degrees.
RANGES = {
    "T10-T11": ((6, 8), (4, 4.5), (3.5, 4)),
    "T11-T12": ((6, 8), (4, 4.5), (3.5, 4)),
    "T12-L1": (None, None, None),  # transitional: no range given
    "L1-L2": ((6, 12), (3, 7), (1, 3)),
    "L2-L3": ((6, 12), (3, 7), (1, 3)),
}
PRESSURE_RANGE = (0.35, 0.65)  # L2-L3 under 500 N, 0.5 +- 0.15 MPa


def read(path):
    table = {}
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            key = (row["model"], row["load_case"], row["kind"], row["name"], row["quantity"])
            table[key] = float(row["value"])
    return table


def angle(table, load_case, segment, quantity):
    for model in ("intact", "instrumented"):
        key = (model, load_case, "segment", segment, quantity)
        if key in table:
            return table[key]
    return float("nan")


def rom(table):
    rows = {}
    for segment in RANGES:
        fe = angle(table, "flexion", segment, "flexion_extension") - angle(
            table, "extension", segment, "flexion_extension")
        lb = 0.5 * (abs(angle(table, "bending-left", segment, "lateral_bending")) +
                    abs(angle(table, "bending-right", segment, "lateral_bending")))
        ar = 0.5 * (abs(angle(table, "rotation-left", segment, "axial_rotation")) +
                    abs(angle(table, "rotation-right", segment, "axial_rotation")))
        rows[segment] = (fe, lb, ar)
    return rows


def verdict(value, bounds):
    if bounds is None or value != value:
        return "-"
    return "in" if bounds[0] <= value <= bounds[1] else "OUT"


def sagittal_split(table):
    """Flexion and extension angles per segment [deg, both as positive magnitudes]."""
    return {segment: (angle(table, "flexion", segment, "flexion_extension"),
                      -angle(table, "extension", segment, "flexion_extension"))
            for segment in RANGES}


def print_split(split):
    """In vitro, lumbar flexion exceeds extension (e.g. Wilke 2017 for the thoracic spine,
    Rohlmann 2001 / Dreischarf 2014 for the lumbar spine)."""
    print("\n| segment | flexion deg | extension deg | flexion > extension |")
    print("|---|---|---|---|")
    for segment, (flexion, extension) in split.items():
        print(f"| {segment} | {flexion:.2f} | {extension:.2f} | "
              f"{'yes' if flexion > extension else 'NO'} |")


def count_in_range(rows):
    """(entries in range, entries with a range) over the ROM table."""
    marks = [verdict(value, bounds) for segment, values in rows.items()
             for value, bounds in zip(values, RANGES[segment]) if bounds]
    return marks.count("in"), len(marks)


def print_rom(rows, title):
    print(f"\n### {title}\n")
    print("| segment | flex+ext deg (range) | | lat. bending deg (range) | | axial rot. deg (range) | |")
    print("|---|---|---|---|---|---|---|")
    for segment, values in rows.items():
        cells = []
        for value, bounds in zip(values, RANGES[segment]):
            span = f"{bounds[0]}-{bounds[1]}" if bounds else "n/a"
            cells.append(f"{value:.2f} ({span}) | {verdict(value, bounds)}")
        print(f"| {segment} | " + " | ".join(cells) + " |")
    inside, total = count_in_range(rows)
    print(f"\n{inside} of {total} entries inside their ranges.")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("metrics", nargs="?", help="metrics.csv of the pure-moment run")
    parser.add_argument("--follower", help="metrics.csv of the same moments with a follower load")
    parser.add_argument("--pressure", help="metrics.csv of the 500 N follower-load run")
    args = parser.parse_args()
    if args.metrics:
        base_table = read(args.metrics)
        base = rom(base_table)
        print_rom(base, "Intact ROM at 7.5 Nm, no preload")
        print_split(sagittal_split(base_table))
        if args.follower:
            follower = rom(read(args.follower))
            print_rom(follower, "Intact ROM at 7.5 Nm with the follower load")
            print("\n| segment | change flex+ext % | change lat. bending % | change axial rot. % |")
            print("|---|---|---|---|")
            for segment in RANGES:
                change = [100 * (f / b - 1) if b else float("nan")
                          for f, b in zip(follower[segment], base[segment])]
                print(f"| {segment} | " + " | ".join(f"{c:+.1f}" for c in change) + " |")
    if args.pressure:
        table = read(args.pressure)
        print("\n### Nucleus pressure, 500 N follower load\n")
        print("| disc | pressure MPa | L2-L3 target 0.35-0.65 MPa |")
        print("|---|---|---|")
        for key, value in sorted(table.items()):
            if key[2] == "disc" and key[4] == "nucleus_pressure":
                mark = verdict(value, PRESSURE_RANGE) if key[3] == "disc_L2_L3" else ""
                print(f"| {key[3]} | {value:.3f} | {mark} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
