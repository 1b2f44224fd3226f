"""Readers and a second writer against a database while `allegiance process` writes to it.

DuckDB allows one writing process per file, and `process` releases the file while it codes a
batch.  What must hold: the dashboard answers 200 or 503 ("busy, try again"), never 500; CLI
readers either answer or say "database is busy" in one line (exit 1); a second writer either
gets in between the first writer's batches and completes, or is refused the same way; and once
the writers are done, everything reads back whole (every document coded once, the API sees
every event, no duplicates).
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from reliability_support import PY, ThreadServer, cli, env, no_duplicates, write_documents

from allegiance.pipeline.ingest import ingest
from allegiance.store import Store
from allegiance.web import create_app

READERS = 3


def _one_line_busy(proc: subprocess.CompletedProcess) -> None:
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "database is busy" in lines[0], proc.stderr
    assert "Traceback" not in proc.stderr


def test_readers_and_second_writer_during_process(tmp_path: Path) -> None:
    db = tmp_path / "c.duckdb"
    with Store(db) as store:
        ingest(store, [str(write_documents(tmp_path / "docs.jsonl", 120))])
    more = write_documents(tmp_path / "more.jsonl", 20, seed=9)

    http: Counter[int] = Counter()
    cli_outcomes: Counter[str] = Counter()
    stop = threading.Event()
    errors: list[str] = []

    def web_reader(base: str) -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while not stop.is_set():
                for path in ("/api/states", "/api/events?size=5", "/"):
                    r = client.get(path)
                    http[r.status_code] += 1
                    if r.status_code not in (200, 503):
                        errors.append(f"{path}: {r.status_code} {r.text[:200]}")

    def cli_reader() -> None:
        while not stop.is_set():
            p = cli("runs", "--db", db, "--format", "json")
            if p.returncode == 0:
                json.loads(p.stdout)
                cli_outcomes["answered"] += 1
            else:
                try:
                    _one_line_busy(p)
                    cli_outcomes["busy"] += 1
                except AssertionError as exc:
                    errors.append(str(exc))

    with ThreadServer(create_app(db)) as server:
        writer = subprocess.Popen(
            [PY, "-m", "allegiance", "process", "--db", str(db), "--batch-size", "4"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env(),
        )
        threads = [threading.Thread(target=web_reader, args=(server.url,)) for _ in range(READERS)]
        threads.append(threading.Thread(target=cli_reader))
        for t in threads:
            t.start()
        time.sleep(3.0)  # the writer holds the file by now (model loaded, coding)
        second = cli("ingest", more, "--db", db, ALLEGIANCE_BUSY_WAIT="0.5")
        writer_alive = writer.poll() is None
        out, err = writer.communicate(timeout=240)
        stop.set()
        for t in threads:
            t.join(timeout=60)
        assert writer.returncode == 0, err
        second_ok = second.returncode == 0
        if writer_alive and not second_ok:
            _one_line_busy(second)

        assert not errors, errors[:5]
        assert http[200] + http[503] == sum(http.values()) and sum(http.values()) > 0
        # after the writer: everything is there and readable
        with httpx.Client(base_url=server.url, timeout=30) as client:
            r = client.get("/api/events", params={"size": 1})
            assert r.status_code == 200
            api_total = r.json()["total"]
    with Store(db, read_only=True) as store:
        assert api_total == store.count("events") > 0
        statuses = [r["status"] for r in store.runs()]
        assert set(statuses) == {"ok"}, statuses
        if not second_ok:
            # the refused writer changed nothing
            assert store.count("processed") == store.count("documents") == 120
            assert len(statuses) == 2
    no_duplicates(db)
    # run the second writer now (again, if it got in), then code what it added
    assert cli("ingest", more, "--db", db).returncode == 0
    assert cli("process", "--db", db).returncode == 0
    with Store(db, read_only=True) as store:
        assert store.count("processed") == store.count("documents") >= 120
    no_duplicates(db)
    print(f"\nhttp statuses during the write: {dict(http)}; cli readers: {dict(cli_outcomes)}")
