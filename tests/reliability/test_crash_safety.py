"""SIGKILL `allegiance ingest`, `process` and `import` at random points, then finish the work.

The store must end up identical to an uninterrupted run (documents, events, relations, the
processed marks and near-duplicate clusters), with no duplicates, and the run ledger must show
the killed runs as 'interrupted'.  Real subprocesses, seeded delays: the kill points differ
from run to run of a command but the whole test is reproducible.
"""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest
from reliability_support import PY, cli, env, no_duplicates, snapshot, write_documents, write_gdelt

KILLS_PER_COMMAND = 8
SEED = 20161


def commands(db: Path, docs: Path, gdelt: list[Path]) -> dict[str, list[list[str]]]:
    base = [PY, "-m", "allegiance"]
    return {
        "ingest": [[*base, "ingest", str(docs), "--db", str(db), "--batch-size", "5"]],
        "process": [[*base, "process", "--db", str(db), "--batch-size", "4"]],
        "import": [[*base, "import", "--kind", "gdelt1", str(g), "--db", str(db)] for g in gdelt],
    }


def run_all(cmds: list[list[str]]) -> float:
    """Run the commands to the end; return the shortest run's wall time in seconds."""
    times = []
    for cmd in cmds:
        t0 = time.perf_counter()
        done = subprocess.run(cmd, capture_output=True, text=True, env=env(), timeout=300)
        times.append(time.perf_counter() - t0)
        assert done.returncode == 0, done.stderr
    return min(times)


def kill_window(startup: float, duration: float) -> tuple[float, float]:
    """Kill delays measured on this machine: from halfway through the start-up every command
    pays (a kill before the run is in the ledger) to near the end of its shortest
    uninterrupted run, so that kills land whether the work is done yet or not."""
    work = max(duration - startup, 0.2)
    return 0.5 * startup, startup + 0.9 * work


def kill_then_finish(cmds: list[list[str]], rng: random.Random, lo: float, hi: float) -> int:
    """Start the commands in turn, SIGKILL each after a random delay; then run all to the end.

    A command that finishes before its kill counts as done and the next one starts; the loop
    cycles (re-running finished commands is idempotent) until enough kills have landed. Once
    the work is done a re-run is quick, so the delays shrink to what a finished run took.
    """
    kills = attempts = i = 0
    while kills < KILLS_PER_COMMAND:
        attempts += 1
        assert attempts < 10 * KILLS_PER_COMMAND, "the commands finish before any kill lands"
        cmd = cmds[i % len(cmds)]
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env())
        try:
            _, err = proc.communicate(timeout=rng.uniform(lo, hi))
            assert proc.returncode == 0, err.decode()
            i += 1
            hi = max(lo * 1.2, min(hi, 0.9 * (time.perf_counter() - t0)))
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            _, err = proc.communicate()
            if proc.returncode == 0:
                # it exited between the timeout and the signal: a finished run, not a kill
                i += 1
                continue
            assert proc.returncode == -signal.SIGKILL, err.decode()
            kills += 1
    run_all(cmds)
    return kills


@pytest.mark.slow
def test_sigkill_anywhere_then_rerun_equals_uninterrupted(tmp_path: Path) -> None:
    docs = write_documents(tmp_path / "docs.jsonl", 300)
    gdelt = [
        write_gdelt(tmp_path / f"g{k}.tsv", 30000, first_id=k * 20000, seed=k, bad_every=97)
        for k in range(3)
    ]  # ids overlap between files: duplicates are expected

    ref_db = tmp_path / "ref.duckdb"
    ref = commands(ref_db, docs, gdelt)
    kinds = ("ingest", "process", "import")
    durations = {kind: run_all(ref[kind]) for kind in kinds}
    # a second run has nothing left to do: its time is what every run pays before working
    startup = {kind: run_all(ref[kind]) for kind in kinds}

    db = tmp_path / "killed.duckdb"
    cmds = commands(db, docs, gdelt)
    rng = random.Random(SEED)
    kills = {
        kind: kill_then_finish(cmds[kind], rng, *kill_window(startup[kind], durations[kind]))
        for kind in kinds
    }
    assert sum(kills.values()) >= 20

    got, want = snapshot(db), snapshot(ref_db)
    for table in want:
        missing = set(want[table]) - set(got[table])
        extra = set(got[table]) - set(want[table])
        assert not missing and not extra, (table, len(missing), len(extra))
        assert len(got[table]) == len(want[table]), table
    assert len(want["documents"]) == 300
    # wire copies share a near-duplicate cluster: clustering survived the kills too
    assert sum(1 for r in want["documents"] if r[0] != r[9]) >= 10
    assert len(want["events"]) > 1000
    no_duplicates(db)

    ledger = json.loads(cli("runs", "--db", db, "--format", "json").stdout)
    by_kind: dict[str, dict[str, int]] = {}
    for run in ledger:
        by_kind.setdefault(run["kind"], {}).setdefault(run["status"], 0)
        by_kind[run["kind"]][run["status"]] += 1
    assert not any("running" in s for s in by_kind.values()), by_kind
    for kind, n in kills.items():
        # a kill during start-up lands before the run is in the ledger, so a kind may by
        # chance have none marked; every mark is a kill, though, and some must be there
        assert by_kind.get(kind, {}).get("interrupted", 0) <= n, (kind, by_kind, n)
        assert by_kind[kind].get("ok", 0) >= 1
    assert sum(by_kind[kind].get("interrupted", 0) for kind in kills) >= 4, by_kind
    (tmp_path / "kills.json").write_text(json.dumps({"kills": kills, "ledger": by_kind}))
    print(f"\nkills: {kills}; ledger: {by_kind}; run times {durations}, start-up {startup}")
