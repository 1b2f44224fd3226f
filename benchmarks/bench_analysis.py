"""Analysis at scale: dyad series, blocs and shifts over generated events, against the floor.

    .venv/bin/python benchmarks/bench_analysis.py [--quick] [--events N] [--votes N]

Fills a fresh database with 10 million generated events (1 million with --quick) between 200
states over 30 years, then times, each in the same process:
  floor   a bare DuckDB GROUP BY (dyad, year) over the same table: count and mean Goldstein
  dyad    the scores of every dyad for every year (what each dyad series reads)
  blocs   a bloc partition for every year
  shifts  flips, changepoints, trends and bloc changes over the yearly series
and reports each as a multiple of the floor.  Then one million generated UN votes (100,000
with --quick) and the agreement of every dyad-year derived from them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import load, peak_rss_mib, save, table  # noqa: E402
from gen_data import events_sql, unga_votes_sql  # noqa: E402


def timed(fn, *args, **kw):
    t0 = time.perf_counter()
    out = fn(*args, **kw)
    return time.perf_counter() - t0, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1M events, 100k votes")
    ap.add_argument("--events", type=int, default=None)
    ap.add_argument("--votes", type=int, default=None)
    ap.add_argument("--keep", action="store_true", help="keep the database")
    args = ap.parse_args()
    n_events = args.events or (1_000_000 if args.quick else 10_000_000)
    n_votes = args.votes or (100_000 if args.quick else 1_000_000)

    from allegiance.analysis import blocs_by_period, shifts
    from allegiance.analysis import scores as sc
    from allegiance.store import Store
    from allegiance.store.importers.layers import unga_agreement_sql

    tmp = Path(tempfile.mkdtemp(prefix="allegiance-bench-analysis-"))
    try:
        store = Store(tmp / "bench.duckdb")
        con = store.con
        con.execute("SET enable_progress_bar = false")
        gen_s, _ = timed(con.execute, events_sql(n_events))
        n = con.execute("SELECT count(*) FROM events").fetchall()[0][0]
        print(f"generated {n:,} events in {gen_s:.0f} s; load {load()}", flush=True)
        steps: dict[str, dict] = {}

        def step(name: str, fn, *a, **kw):
            before = load()
            s, out = timed(fn, *a, **kw)
            steps[name] = {"seconds": round(s, 2), "load_1min": before}
            print(f"  {name}: {s:.1f} s", flush=True)
            return out

        def floor_query():
            return con.execute(
                "SELECT least(source_country, target_country) AS a, "
                "greatest(source_country, target_country) AS b, year(date_start) AS y, "
                "count(*), avg(goldstein) FROM events GROUP BY ALL"
            ).fetchall()

        floor_query()  # warm: the first scan after the bulk insert also pays for loading
        step("floor", floor_query)
        grid = step("dyad", sc.grid_scores, con, sc.Spec(), "year")
        steps["dyad"]["dyad_years"] = len(grid)
        steps["dyad"]["dyads"] = int(grid[["a", "b"]].drop_duplicates().shape[0])
        bl = step("blocs", blocs_by_period, store, "year")
        steps["blocs"]["periods"] = len(bl)
        sh = step("shifts", shifts, store, "year")
        steps["shifts"]["found"] = len(sh.shifts)
        floor = steps["floor"]["seconds"]
        for v in steps.values():
            v["x_floor"] = round(v["seconds"] / max(floor, 1e-9), 1)

        # UN votes: generated roll calls, then agreement for every dyad-year.
        con.execute(unga_votes_sql(n_votes))
        nv = con.execute("SELECT count(*) FROM unga_votes").fetchall()[0][0]
        agree = step(
            "unga_agreement",
            lambda: con.execute(f"SELECT count(*) FROM ({unga_agreement_sql()})").fetchall()[0][0],
        )
        steps["unga_agreement"]["dyad_years"] = int(agree)
        # A pairwise measure: its work is the vote pairs of the self-join, not the votes.
        steps["unga_agreement"]["vote_pairs"] = int(
            con.execute(
                "SELECT sum(n * (n - 1) / 2) FROM (SELECT count(*) AS n FROM unga_votes "
                "WHERE vote IN (1, 2, 3) GROUP BY rcid)"
            ).fetchall()[0][0]
        )
        rows = [[k, v["seconds"], v.get("x_floor", "-"), v["load_1min"]] for k, v in steps.items()]
        print(table(rows, ["step", "seconds", "x floor", "load"]))
        result = {
            "events": int(n),
            "states": 200,
            "years": 30,
            "votes": int(nv),
            "generate_s": round(gen_s, 1),
            "steps": steps,
            "peak_rss_mib": peak_rss_mib(),
        }
        print(f"peak RSS {result['peak_rss_mib']} MiB")
        print(f"wrote {save('analysis', result)}")
        store.close()
    finally:
        if args.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
