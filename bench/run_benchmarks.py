#!/usr/bin/python3
"""Runs the spinefe benchmark ladder and writes bench/results.md.

Sizes of about 50k, 200k, 500k and 1M P2 DoFs on the multi-material column of
bench_elasticity.cc, spinefe on 1 and 2 MPI ranks, and CalculiX (ccx) with SPOOLES and
ITERATIVE CHOLESKY on the identical C3D10 mesh with 2 threads.

    /usr/bin/python3 bench/run_benchmarks.py [--sizes 50k,200k,500k,1M] [--ccx-timeout 900]
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "build", "bench", "spinefe_bench")
WORK = os.path.join(ROOT, "bench", "work")
# Element edge length [mm] giving each target size on the 40 x 40 x 57 mm column (Delaunay).
MESH_SIZE = {"50k": 3.44, "200k": 2.17, "500k": 1.60, "1M": 1.27}
ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
           OMP_NUM_THREADS="1")


def run(command, timeout):
    start = time.time()
    try:
        out = subprocess.run(command, cwd=WORK, env=ENV, capture_output=True, text=True,
                             timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    for line in out.stdout.splitlines():
        if line.startswith("{"):
            result = json.loads(line)
            result["wall_s"] = time.time() - start
            return result
    return {"error": out.stderr[-500:]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="50k,200k,500k,1M")
    parser.add_argument("--ccx-timeout", type=float, default=900)
    parser.add_argument("--spooles-max", default="500k",
                        help="largest size given to SPOOLES (direct; memory grows fast)")
    args = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    sizes = args.sizes.split(",")
    rows = []
    for size in sizes:
        h = str(MESH_SIZE[size])
        row = {"size": size}
        for ranks in (1, 2):
            row[f"spinefe_{ranks}"] = run(["mpirun", "-np", str(ranks), BENCH, "--mesh-size", h],
                                          3600)
            print(size, ranks, row[f"spinefe_{ranks}"], flush=True)
        for solver in ("ITERATIVE CHOLESKY", "SPOOLES"):
            key = "ccx_" + solver.split()[0].lower()
            if solver == "SPOOLES" and list(MESH_SIZE).index(size) > list(MESH_SIZE).index(
                    args.spooles_max):
                row[key] = {"skipped": True}
                continue
            row[key] = run([BENCH, "--mesh-size", h, "--ccx", solver, "--threads", "2"],
                           args.ccx_timeout)
            print(size, solver, row[key], flush=True)
        rows.append(row)
        with open(os.path.join(WORK, "results.json"), "w") as f:
            json.dump(rows, f, indent=1)
    write_markdown(rows, " ".join(sys.argv[1:]))


def fmt(value, digits=1):
    return "–" if value is None else f"{value:.{digits}f}"


def write_markdown(rows, arguments):
    lines = ["# Benchmark results", "",
             "Multi-material column (bone / endplate / Ti6Al4V / endplate / bone, 1100:1 modulus "
             "contrast), fixed base, 1 MPa on top; P2 tetrahedra (C3D10 in ccx) on the identical "
             "mesh. Machine: 2 cores, 24 GiB. Reproduce with:", "",
             "```bash", "bash scripts/bootstrap.sh build",
             f"/usr/bin/python3 bench/run_benchmarks.py {arguments}".rstrip(), "```", "",
             "## spinefe: time per stage [s], CG iterations, peak memory (sum over ranks) [MiB]",
             "", "| size | DoFs | ranks | mesh | partition | setup | assemble | solve (PC set-up) "
             "| output | total | CG its | peak MiB | max u [mm] |",
             "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        for ranks in (1, 2):
            r = row.get(f"spinefe_{ranks}", {})
            if "n_dofs" not in r:
                lines.append(f"| {row['size']} | – | {ranks} | {r} |")
                continue
            lines.append(
                f"| {row['size']} | {r['n_dofs']} | {ranks} | {fmt(r['mesh_s'])} | "
                f"{fmt(r['partition_s'])} | {fmt(r['setup_s'])} | {fmt(r['assemble_s'])} | "
                f"{fmt(r['solve_s'])} ({fmt(r['pc_setup_s'])}) | {fmt(r['output_s'])} | "
                f"{fmt(r['total_s'])} | {r['iterations']} | {fmt(r['peak_MiB'], 0)} | "
                f"{r['max_u_mm']:.6f} |")
    lines += ["", "## CalculiX on the identical mesh (2 threads): wall time [s], peak memory [MiB]",
              "", "| size | DoFs | ITERATIVE CHOLESKY s | MiB | max u | SPOOLES s | MiB | max u "
              "| spinefe (2 ranks) s | speed-up vs faster ccx | memory ratio spinefe/ccx "
              "| max u diff vs SPOOLES |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in rows:
        it, sp, s2 = row.get("ccx_iterative", {}), row.get("ccx_spooles", {}), row.get(
            "spinefe_2", {})
        times = [c["total_s"] for c in (it, sp) if "total_s" in c]
        best = min(times) if times else None
        best_ccx = it if it.get("total_s") == best else sp
        speedup = best / s2["total_s"] if best and "total_s" in s2 else None
        mem = s2["peak_MiB"] / best_ccx["peak_MiB"] if best and "peak_MiB" in s2 else None
        ref = sp if "max_u_mm" in sp else it
        diff = (abs(s2["max_u_mm"] - ref["max_u_mm"]) / ref["max_u_mm"] * 100
                if "max_u_mm" in s2 and "max_u_mm" in ref else None)

        def cell(c, key, digits=1):
            if "timeout" in c:
                return f"timeout {c['timeout']:.0f}"
            if c.get("skipped"):
                return "skipped"
            return fmt(c.get(key), digits) if key in c else "–"
        lines.append(
            f"| {row['size']} | {s2.get('n_dofs', '–')} | {cell(it, 'total_s')} | "
            f"{cell(it, 'peak_MiB', 0)} | {cell(it, 'max_u_mm', 6)} | {cell(sp, 'total_s')} | "
            f"{cell(sp, 'peak_MiB', 0)} | {cell(sp, 'max_u_mm', 6)} | {fmt(s2.get('total_s'))} | "
            f"{fmt(speedup, 2)}× | {fmt(mem, 2)} | {fmt(diff, 3)}% |")
    lines += ["", "spinefe totals include mesh generation, partitioning, assembly, solve and VTU "
              "output; ccx totals are the ccx process alone (its input deck is written before)."]
    its = [r["spinefe_2"]["iterations"] for r in rows if "iterations" in r.get("spinefe_2", {})]
    if len(its) > 1:
        lines.append(f"CG iteration growth from {rows[0]['size']} to {rows[-1]['size']}: "
                     f"{its[-1] / its[0]:.2f}×.")
    solve = [(r["spinefe_1"].get("solve_s"), r["spinefe_2"].get("solve_s")) for r in rows]
    if solve and all(solve[-1]):
        lines.append(f"Solve speed-up 1 → 2 ranks at {rows[-1]['size']}: "
                     f"{solve[-1][0] / solve[-1][1]:.2f}×.")
    with open(os.path.join(ROOT, "bench", "results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
