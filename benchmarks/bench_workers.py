"""Scaling of ``allegiance process --workers N``: 2 workers against 1 on the same corpus.

    .venv/bin/python benchmarks/bench_workers.py [--quick] [--docs N]

Ingests the documents once, then for each N copies the database and runs the CLI
``allegiance process --workers N`` in a fresh process (start-up and model loading included,
as a user sees it).  Reports the speedup (target: at least 1.7x on 2 cores), checks that
both runs stored identical records, and records the load average: on a shared 2-core machine
any other busy process takes its share from the 2-worker run first.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, load, run_child, save, table  # noqa: E402
from bench_coder import documents  # noqa: E402


def records(db: Path) -> str:
    import hashlib

    from allegiance.store import Store

    with Store(db, read_only=True) as s:
        h = hashlib.sha1()
        for table_, key in (("events", "event_id"), ("relations", "relation_id")):
            cols = [
                r[0] for r in s.con.execute(f"DESCRIBE {table_}").fetchall() if r[0] != "run_id"
            ]
            for row in s.con.execute(
                f"SELECT {', '.join(cols)} FROM {table_} ORDER BY {key}"
            ).fetchall():
                h.update(repr(row).encode())
        return h.hexdigest()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="80 documents")
    ap.add_argument("--docs", type=int, default=None, help="documents (default 400)")
    ap.add_argument("--rounds", type=int, default=None, help="rounds (default 2)")
    args = ap.parse_args()
    n = args.docs or (80 if args.quick else 400)
    rounds = args.rounds or (1 if args.quick else 2)
    source, docs = documents(n)

    from allegiance.store import Store

    tmp = Path(tempfile.mkdtemp(prefix="allegiance-bench-workers-"))
    try:
        base = tmp / "base.duckdb"
        with Store(base) as s:
            run = s.begin_run("ingest")
            with s.transaction():
                s.add_documents(docs, run)
            s.finish_run(run)
        print(
            f"workers benchmark: {len(docs)} documents from {source}; "
            f"{os.cpu_count()} cpus; load {load()}",
            flush=True,
        )
        runs: dict[int, list[dict]] = {1: [], 2: []}
        digests = {}
        for r in range(rounds):
            for w in (1, 2):
                db = tmp / f"w{w}-{r}.duckdb"
                shutil.copy(base, db)
                before = load()
                res = run_child(
                    [
                        PYTHON,
                        "-m",
                        "allegiance",
                        "process",
                        "--db",
                        str(db),
                        "--workers",
                        str(w),
                        "--format",
                        "json",
                    ]
                )
                res.update(load_1min=before, summary=json.loads(res.pop("stdout")))
                runs[w].append(res)
                digests[w] = records(db)
                print(f"  workers={w}: {res['wall_s']:.1f} s (load {before})", flush=True)
        best = {w: min(rs, key=lambda x: x["wall_s"]) for w, rs in runs.items()}
        speedup = best[1]["wall_s"] / best[2]["wall_s"]
        rows = [
            [w, b["wall_s"], round(len(docs) / b["wall_s"], 1), b["peak_rss_mib"], b["load_1min"]]
            for w, b in best.items()
        ]
        print(table(rows, ["workers", "wall s", "docs/s", "peak RSS MiB (largest proc)", "load"]))
        print(f"speedup {speedup:.2f}x; identical records: {digests[1] == digests[2]}")
        print(
            "wrote",
            save(
                "workers",
                {
                    "source": source,
                    "documents": len(docs),
                    "rounds": rounds,
                    "runs": {str(w): rs for w, rs in runs.items()},
                    "speedup": round(speedup, 2),
                    "identical_records": digests[1] == digests[2],
                    "target_1_7x_met": speedup >= 1.7,
                },
            ),
        )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
