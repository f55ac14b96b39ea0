#!/usr/bin/python3
"""The endcap-area x modulus study's README tables, in Markdown, from its results database.

    /usr/bin/python3 postprocess/plots/study_tables.py results/endcap-modulus-study/results.h5

Prints, for each bone quality, at the standing load case:
  - the subsidence risk index (the larger of the two interfaces) over modulus x endcap area;
  - at 400 mm^2: the endplate-zone SSI of T12 and L2, the T12 body SSI, the implant load share,
    and the lift-off fraction of the larger of the two interfaces;
and for normal bone in flexion the subsidence risk index, where part of the endcap lifts off.
The numbers are the database's own (metrics.csv contract names), rounded for reading, so that
the tables in cases/endcap-modulus-study/README.md can be regenerated and checked.
"""

import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from study_figures import (ENDCAP, MODULUS, ensure_system_python, metric_values,  # noqa: E402
                           read_database, sorted_values)

BONE = "Materials/Bone quality"
INTERFACES = ("T12_inferior", "L2_superior")


def value(case, kind, name, quantity, load_case="standing"):
    rows = metric_values(case, kind, quantity, name=name, load_case=load_case)
    return rows[0]["value"] if rows else float("nan")


def case_at(cases, **parameters):
    for c in cases:
        if all(c["parameters"].get(p) == v for p, v in parameters.items()):
            return c
    return None


def risk_table(cases, bone, load_case="standing"):
    areas = sorted_values(cases, ENDCAP)
    lines = ["| modulus [GPa] | " + " | ".join("%s mm²" % a for a in areas) + " |",
             "|---" * (len(areas) + 1) + "|"]
    for modulus in sorted_values(cases, MODULUS):
        cells = []
        for area in areas:
            c = case_at(cases, **{ENDCAP: area, MODULUS: modulus, BONE: bone})
            cells.append("%.2f" % max(value(c, "interface", i, "subsidence_risk_index", load_case)
                                      for i in INTERFACES) if c else "-")
        lines.append("| %g | %s |" % (float(modulus) / 1000, " | ".join(cells)))
    return lines


def shielding_table(cases, bone, area="400"):
    lines = ["| modulus [GPa] | SSI T12 zone | SSI L2 zone | SSI T12 body | implant share | "
             "lift-off (larger interface) |", "|---|---|---|---|---|---|"]
    for modulus in sorted_values(cases, MODULUS):
        c = case_at(cases, **{ENDCAP: area, MODULUS: modulus, BONE: bone})
        if not c:
            continue
        lift_off = max(value(c, "interface", i, "lift_off_fraction") for i in INTERFACES)
        lines.append("| %g | %.2f | %.2f | %.2f | %.3f | %.3f |" % (
            float(modulus) / 1000, value(c, "ssi", "T12/endplate_zone", "ssi"),
            value(c, "ssi", "L2/endplate_zone", "ssi"), value(c, "ssi", "T12/body", "ssi"),
            value(c, "load_share", "implant", "share"), lift_off))
    return lines


def main():
    ensure_system_python()
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("database")
    args = parser.parse_args()
    _, cases = read_database(args.database)
    for bone in sorted_values(cases, BONE):
        print("**Subsidence risk index, standing, %s bone** (larger of the two interfaces):\n"
              % bone)
        print("\n".join(risk_table(cases, bone)) + "\n")
        print("**Endplate-zone SSI T12 / L2, T12 body SSI, implant load share and lift-off, "
              "standing, %s bone, 400 mm²**:\n" % bone)
        print("\n".join(shielding_table(cases, bone)) + "\n")
    print("**Subsidence risk index, flexion, normal bone** (larger of the two interfaces):\n")
    print("\n".join(risk_table(cases, "normal", "flexion")) + "\n")


if __name__ == "__main__":
    main()
