#!/usr/bin/python3
"""Meshes the default T10-L3 corpectomy construct (3D-printed body) at three resolutions and
writes bench/mesh_results.md: time per stage, element counts, quality and peak memory.

    /usr/bin/python3 bench/run_mesh_benchmarks.py [--resolutions coarse,default,fine]
"""
import argparse
import os
import subprocess
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "build", "bench", "spinefe_bench_mesh")
# Element sizes [mm]: global, cortical shells and endplates, implant interface, screws.
RESOLUTIONS = {
    "coarse": ["--global", "5", "--shell", "1.5", "--interface", "1.5", "--screw", "1.5"],
    "default": [],  # the defaults of the "Spine model/Mesh sizes" section: 3, 1.2, 1.0, 1.2
    "fine": ["--global", "2.5", "--shell", "1.0", "--interface", "0.8", "--screw", "1.0"],
}
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1")


def run(arguments):
    start = time.time()
    out = subprocess.run([BENCH] + arguments, env=ENV, capture_output=True, text=True)
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1]}
    figures = dict(line.split() for line in out.stdout.splitlines() if len(line.split()) == 2)
    figures["wall_s"] = "%.1f" % (time.time() - start)
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--resolutions", default="coarse,default,fine")
    names = parser.parse_args().resolutions.split(",")
    rows = []
    for name in names:
        print("meshing at", name, "resolution ...", flush=True)
        rows.append((name, run(RESOLUTIONS[name])))
    lines = ["# Meshing benchmark: T10-L3 corpectomy construct with 3D-printed body", "",
             "`bench/run_mesh_benchmarks.py`; 1 process (gmsh meshes on rank 0), this machine's 2 "
             "cores. Geometry = OCC construction, Booleans and fragment; meshing = 1D-3D "
             "meshing and optimisation.", "",
             "| resolution | tets | nodes | geometry s | meshing s | total s | min SICN | "
             "P1 SICN | min gamma | P1 gamma | inverted | tets below SICN 0.1 | peak MiB |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, f in rows:
        if "error" in f:
            lines.append("| %s | failed: %s |" % (name, f["error"]))
            continue
        lines.append("| %s | %s | %s | %.1f | %.1f | %s | %.4f | %.3f | %.4f | %.3f | %s | %s | %.0f |" % (
            name, f["tets"], f["nodes"], float(f["geometry_seconds"]),
            float(f["meshing_seconds"]), f["wall_s"], float(f["min_sicn"]), float(f["p01_sicn"]),
            float(f["min_gamma"]), float(f["p01_gamma"]), f["inverted"],
            f["below_sicn_0.1"], float(f["peak_memory_mib"])))
    with open(os.path.join(ROOT, "bench", "mesh_results.md"), "w") as out:
        out.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
