"""Run every benchmark, one after another, and print a summary of the headline numbers.

    .venv/bin/python benchmarks/run_all.py [--quick] [--only coder,workers,import,analysis]

Each benchmark also runs alone (see its docstring) and writes benchmarks/results/<name>.json.
--quick uses small inputs (minutes instead of most of an hour) to check that all of them work.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _common import PYTHON, RESULTS, load, result_name, table  # noqa: E402

BENCHES = ("coder", "workers", "import", "analysis")


def headline(name: str, quick: bool) -> list[list]:
    path = RESULTS / f"{result_name(name, quick)}.json"
    if not path.exists():
        return [[name, "no result", "", ""]]
    r = json.loads(path.read_text(encoding="utf-8"))
    if name == "coder":
        s = r["summary"]
        return [
            [
                name,
                "speedup vs bare full spaCy (wall)",
                f"{s['speedup_vs_bare_wall']}x",
                "target 4x",
            ],
            [name, "speedup vs bare full spaCy (cpu)", f"{s['speedup_vs_bare_cpu']}x", ""],
            [name, "gate yield vs --no-gate", f"{s['gate_yield']:.2%}", "target 99%"],
        ]
    if name == "workers":
        return [
            [name, "--workers 2 vs 1", f"{r['speedup']}x", "target 1.7x"],
            [name, "identical records", str(r["identical_records"]), ""],
        ]
    if name == "import":
        return [
            [name, f"gdelt2 {r['rows']:,} rows", f"{r['rows_per_s']:,} rows/s", ""],
            [name, "peak RSS", f"{r['peak_rss_mib']:,} MiB", "target < 2048"],
        ]
    out = []
    for step, v in r["steps"].items():
        out.append([name, step, f"{v['seconds']} s", f"{v.get('x_floor', '-')}x floor"])
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small inputs")
    ap.add_argument("--only", default=",".join(BENCHES), help="comma-separated subset")
    args = ap.parse_args()
    chosen = [b for b in args.only.split(",") if b]
    for name in chosen:
        if name not in BENCHES:
            ap.error(f"unknown benchmark {name!r} (choose from {', '.join(BENCHES)})")
    failed = []
    for name in chosen:
        print(f"\n=== {name} (load {load()}) ===", flush=True)
        t0 = time.perf_counter()
        cmd = [PYTHON, str(HERE / f"bench_{name}.py")] + (["--quick"] if args.quick else [])
        if subprocess.run(cmd).returncode != 0:
            failed.append(name)
        print(f"--- {name}: {time.perf_counter() - t0:.0f} s", flush=True)
    print()
    rows = [row for name in chosen for row in headline(name, args.quick)]
    print(table(rows, ["benchmark", "measure", "value", "note"]))
    if failed:
        print(f"failed: {', '.join(failed)}")
        sys.exit(1)


if __name__ == "__main__":
    main()
