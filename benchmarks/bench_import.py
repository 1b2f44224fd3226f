"""Import of a generated GDELT 2.0 file: rows/s and peak memory of the import process.

    .venv/bin/python benchmarks/bench_import.py [--quick] [--rows N] [--keep]

Writes a GDELT 2.0 export of 10 million rows (1 million with --quick) into a temporary folder,
runs ``allegiance import --kind gdelt2`` on it in a separate process into a fresh database,
and reports the wall time, rows/s and the peak RSS of that process (target: under 2 GiB).
The file and database are deleted afterwards unless --keep.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, load, run_child, save, table  # noqa: E402
from gen_data import gdelt2_file  # noqa: E402

TARGET_MIB = 2048


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1 million rows")
    ap.add_argument("--rows", type=int, default=None, help="rows to generate (default 10M)")
    ap.add_argument("--keep", action="store_true", help="keep the generated file and database")
    args = ap.parse_args()
    rows = args.rows or (1_000_000 if args.quick else 10_000_000)
    tmp = Path(tempfile.mkdtemp(prefix="allegiance-bench-import-"))
    try:
        src = tmp / "gdelt2.export.CSV"
        t0 = time.perf_counter()
        gdelt2_file(src, rows)
        gen_s = time.perf_counter() - t0
        size = src.stat().st_size
        print(
            f"generated {rows:,} rows ({size / 2**30:.2f} GiB) in {gen_s:.0f} s; load {load()}",
            flush=True,
        )
        before = load()
        res = run_child(
            [
                PYTHON,
                "-m",
                "allegiance",
                "import",
                "--kind",
                "gdelt2",
                str(src),
                "--db",
                str(tmp / "bench.duckdb"),
                "--format",
                "json",
            ]
        )
        counts = json.loads(res["stdout"])
        stored = int(counts.get("stored", 0))
        result = {
            "rows": rows,
            "file_bytes": size,
            "generate_s": round(gen_s, 1),
            "import_wall_s": res["wall_s"],
            "import_cpu_s": res["cpu_s"],
            "rows_per_s": round(rows / res["wall_s"]),
            "peak_rss_mib": res["peak_rss_mib"],
            "stored": stored,
            "counts": counts,
            "load_1min_before": before,
            "load_1min_after": load(),
            "target_peak_under_2GiB_met": res["peak_rss_mib"] < TARGET_MIB,
        }
        print(
            table(
                [
                    [
                        f"{rows:,}",
                        res["wall_s"],
                        result["rows_per_s"],
                        res["peak_rss_mib"],
                        stored,
                        before,
                    ]
                ],
                ["rows", "wall s", "rows/s", "peak RSS MiB", "stored", "load"],
            )
        )
        print(f"wrote {save('import', result)}")
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
