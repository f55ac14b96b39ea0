#!/usr/bin/python3
"""Reference tables of a construct run, as the case READMEs print them, from its metrics.csv.

Reads the metrics.csv that `spinefe run` writes (columns model, load_case, kind, name, quantity,
unit, value) and prints two Markdown tables, one row per load case:
  * global: ROM T10-L3 (instrumented / intact) and of the bridged segment T12-L2, about the
    load case's own axis; the implant's load share; SSI of the endplate zones and bodies; P99
    von Mises of rods, implant and screws;
  * interfaces (T12 inferior / L2 superior): mean contact pressure, P95 of the averaged
    pressure, subsidence risk index, lift-off area fraction, centre of pressure anterior of
    the endcap centroid, largest slip.
Definitions of every quantity: the main README, 'Spine metrics, defined'. Values absent from
the file (a bonded interface has no lift-off) print as '–'.

  /usr/bin/python3 postprocess/plots/reference_table.py results/t10-l3-printed-body/metrics.csv
"""
import argparse
import csv
import sys

# The rotation a load case is about: its moment's axis.
AXIS = {"standing": "flexion_extension", "flexion": "flexion_extension",
        "extension": "flexion_extension", "bending-left": "lateral_bending",
        "bending-right": "lateral_bending", "rotation-left": "axial_rotation",
        "rotation-right": "axial_rotation"}
SIDES = ("T12_inferior", "L2_superior")


def read(path):
    table, order = {}, []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            key = (row["model"], row["load_case"], row["kind"], row["name"], row["quantity"])
            table[key] = float(row["value"])
            if row["model"] == "instrumented" and row["load_case"] not in order:
                order.append(row["load_case"])
    return table, order


def fmt(value, digits):
    return "–" if value is None else f"{value:.{digits}f}"


def pair(table, lc, kind, names, quantity, digits, model="instrumented"):
    return " / ".join(fmt(table.get((model, lc, kind, n, quantity)), digits) for n in names)


def global_table(table, order):
    lines = ["| load case | ROM T10–L3 instr. / intact [deg] | ROM T12–L2 instr. / intact "
             "[deg] | implant share | SSI endplate zone T12 / L2 | SSI body T12 / L2 | "
             "P99 vM rods / implant / screws [MPa] |", "|---|---|---|---|---|---|---|"]
    for lc in order:
        axis = AXIS.get(lc, "flexion_extension")
        rom = [fmt(table.get((m, lc, "segment", s, axis)), 2)
               for s in ("T10-L3", "T12-L2") for m in ("instrumented", "intact")]
        share = fmt(table.get(("instrumented", lc, "load_share", "implant", "share")), 3)
        ssi_zone = pair(table, lc, "ssi", ("T12/endplate_zone", "L2/endplate_zone"), "ssi", 2)
        ssi_body = pair(table, lc, "ssi", ("T12/body", "L2/body"), "ssi", 2)
        stress = pair(table, lc, "implant_stress", ("rods", "implant", "screws"),
                      "von_mises_p99", 1)
        lines.append(f"| {lc} | {rom[0]} / {rom[1]} | {rom[2]} / {rom[3]} | {share} | "
                     f"{ssi_zone} | {ssi_body} | {stress} |")
    return lines


def interface_table(table, order):
    lines = ["| load case | mean pressure [MPa] | P95 averaged pressure [MPa] | SRI | "
             "lift-off [%] | CoP anterior [mm] | largest slip [µm] |",
             "|---|---|---|---|---|---|---|"]
    for lc in order:
        def col(quantity, digits, scale=1.0):
            values = [table.get(("instrumented", lc, "interface", s, quantity)) for s in SIDES]
            return " / ".join(fmt(None if v is None else scale * v, digits) for v in values)
        lines.append(f"| {lc} | {col('normal_stress_mean', 3)} | "
                     f"{col('normal_stress_p95', 3)} | {col('subsidence_risk_index', 3)} | "
                     f"{col('lift_off_fraction', 2, 100)} | {col('cop_anterior', 2)} | "
                     f"{col('peak_slip', 1, 1000)} |")
    return lines


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("metrics", help="metrics.csv of a construct run")
    args = parser.parse_args()
    table, order = read(args.metrics)
    if not order:
        sys.exit(f"{args.metrics}: no instrumented rows; expected the metrics.csv of a construct run")
    print("\n".join(global_table(table, order)))
    print()
    print("Interfaces, T12 inferior / L2 superior:")
    print()
    print("\n".join(interface_table(table, order)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
