"""bench/results.csv: one row per measured figure (benchmark, metric, unit, value, command).

Each benchmark script replaces its own rows (matched by benchmark and metric) and keeps the
others', so the file always holds the latest figure of every benchmark and a script can check
the README's figures against it.
"""

import csv
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PATH = os.path.join(ROOT, "bench", "results.csv")
COLUMNS = ["benchmark", "metric", "unit", "value", "command"]


def record(rows, command):
    """rows: (benchmark, metric, unit, value) tuples, all measured by `command`."""
    replaced = {(b, m) for b, m, _, _ in rows}
    existing = []
    if os.path.exists(PATH):
        with open(PATH, newline="") as f:
            existing = [r for r in csv.DictReader(f) if (r["benchmark"], r["metric"]) not in replaced]
    tmp = PATH + ".tmp.%d" % os.getpid()
    with open(tmp, "w", newline="") as f:
        writer = csv.DictWriter(f, COLUMNS)
        writer.writeheader()
        writer.writerows(existing)
        for benchmark, metric, unit, value in rows:
            writer.writerow({"benchmark": benchmark, "metric": metric, "unit": unit,
                             "value": value, "command": command})
    os.replace(tmp, PATH)  # atomic: a failed run leaves the previous table intact
