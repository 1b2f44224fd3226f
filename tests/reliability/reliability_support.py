"""Helpers for the reliability tests: generated corpora, CLI subprocesses, store snapshots."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import duckdb

PY = sys.executable
NAMES = (
    "Russia",
    "Pakistan",
    "India",
    "China",
    "the United States",
    "Japan",
    "Iran",
    "France",
    "Afghanistan",
    "Germany",
)
VERBS = (
    "held joint military exercises with",
    "condemned",
    "signed a trade agreement with",
    "accused",
    "met with",
    "threatened",
    "praised",
    "criticised",
    "sold helicopters to",
)


def env(**extra: str) -> dict[str, str]:
    """The environment for CLI subprocesses: no colour, no progress bar noise."""
    e = dict(os.environ)
    e.update({"NO_COLOR": "1", "TERM": "dumb", "COLUMNS": "200", **extra})
    e.pop("ALLEGIANCE_DB", None)
    return e


def cli(*args: str | Path, timeout: float = 180, **extra_env: str) -> subprocess.CompletedProcess:
    """Run ``python -m allegiance ARGS`` to completion (``extra_env``: more variables)."""
    return subprocess.run(
        [PY, "-m", "allegiance", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env(**extra_env),
    )


def write_documents(path: Path, n: int, seed: int = 1) -> Path:
    """``n`` short news-like JSONL documents, some of them wire copies of each other."""
    rng = random.Random(seed)
    prev = ""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = rng.sample(NAMES, 2)
            text = (
                f"{a} {rng.choice(VERBS)} {b} on Monday, officials said in report "
                f"number {i}. The talks in the capital covered trade, security and the "
                f"border, and a second round is planned for month {1 + i % 12}."
            )
            if i % 25 == 7:  # a wire copy of the previous story with a different byline
                text = prev + " (Reuters)"
            prev = text
            day = 1 + i % 28
            fh.write(
                json.dumps(
                    {
                        "id": f"doc{i:05d}",
                        "date": f"2016-09-{day:02d}",
                        "title": f"Story {i}",
                        "text": text,
                    }
                )
                + "\n"
            )
    return path


COUNTRIES = ("RUS", "PAK", "IND", "CHN", "USA", "JPN", "IRN", "FRA")
CAMEO = ("042", "036", "057", "061", "111", "112", "130", "173", "190", "010")


def gdelt1_row(gid: int, rng: random.Random) -> str:
    """One GDELT 1.0 daily-file line (58 tab-separated columns)."""
    f = [""] * 58
    a1, a2 = rng.sample(COUNTRIES, 2)
    code = rng.choice(CAMEO)
    date = f"2015{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
    f[0], f[1], f[2], f[3] = str(gid), date, date[:6], date[:4]
    f[5], f[6], f[7], f[12] = f"{a1}GOV", a1, a1, "GOV"
    f[15], f[16], f[17], f[22] = f"{a2}MIL", a2, a2, "MIL"
    f[25], f[26], f[27], f[28], f[29], f[30] = "1", code, code[:3], code[:2], "1", "1.9"
    f[32], f[57] = str(rng.randint(1, 9)), f"https://example.org/{gid}"
    return "\t".join(f)


def write_gdelt(path: Path, rows: int, first_id: int, seed: int, bad_every: int = 0) -> Path:
    """A GDELT 1.0 file; with ``bad_every`` some rows are malformed (to be rejected)."""
    rng = random.Random(seed)
    lines = []
    for i in range(rows):
        line = gdelt1_row(first_id + i, rng)
        if bad_every and i % bad_every == 3:
            line = "\t".join(line.split("\t")[:20])
        lines.append(line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Everything a run produces except run ids and timestamps, sorted: equal means same."""
    con = duckdb.connect(str(db), read_only=True)
    try:

        def rows(table: str, drop: tuple[str, ...]) -> list[tuple]:
            cols = [r[0] for r in con.execute(f"DESCRIBE {table}").fetchall() if r[0] not in drop]
            q = f"SELECT {', '.join(cols)} FROM {table} ORDER BY ALL"
            return [tuple(map(str, r)) for r in con.execute(q).fetchall()]

        return {
            "documents": rows("documents", ("run_id",)),
            "events": rows("events", ("run_id", "coder_version")),
            "relations": rows("relations", ("run_id", "coder_version")),
            "processed": rows("processed", ("run_id", "coder_version")),
            "ties": rows("ties", ("run_id",)),
        }
    finally:
        con.close()


def no_duplicates(db: Path) -> None:
    """Primary keys and content hashes are unique (DuckDB enforces PKs; check anyway)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, key in (
            ("documents", "doc_id"),
            ("documents", "content_hash"),
            ("events", "event_id"),
            ("relations", "relation_id"),
        ):
            n, d = con.execute(f"SELECT count(*), count(DISTINCT {key}) FROM {table}").fetchone()
            assert n == d, f"{table}.{key}: {n - d} duplicates"
    finally:
        con.close()


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class ThreadServer:
    """uvicorn serving an app on a free loopback port in a daemon thread (a context manager)."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="error", lifespan="off")
        )
        self.url = f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> ThreadServer:
        import threading
        import time

        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
