"""Small stores built from hand-made rows (events, relations, ties)."""

from __future__ import annotations

import os

# small dense eigenproblems: multithreaded BLAS only adds contention
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import datetime as dt  # noqa: E402
import itertools  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

import pyarrow as pa  # noqa: E402
import pytest  # noqa: E402

from allegiance.store import Store  # noqa: E402

_ids = itertools.count()


def ev(
    a: str,
    b: str,
    date: str,
    goldstein: float,
    modality: str = "asserted",
    confidence: float = 1.0,
    quad: int | None = None,
    doc: str = "d1",
) -> dict[str, Any]:
    """One flattened event row between two states (country codes as actor codes)."""
    i = next(_ids)
    d = dt.date.fromisoformat(date)
    return {
        "event_id": f"e{i}",
        "layer": "events",
        "doc_id": doc,
        "sentence": i,
        "span_start": 0,
        "span_end": 10,
        "sentence_text": f"{a} did something to {b} ({i})",
        "trigger": "x",
        "source_code": a,
        "source_country": a,
        "source_sector": "GOV",
        "source_name": a,
        "source_text": a,
        "target_code": b,
        "target_country": b,
        "target_sector": "GOV",
        "target_name": b,
        "target_text": b,
        "cameo": "042" if goldstein >= 0 else "172",
        "cameo_root": "04",
        "plover": None,
        "plover_mode": None,
        "goldstein": goldstein,
        "quad_class": quad or (1 if goldstein >= 0 else 4),
        "modality": modality,
        "date_start": d,
        "date_end": d,
        "date_precision": "day",
        "date_basis": "explicit",
        "confidence": confidence,
        "coder_version": "t",
        "run_id": "r",
        "num_sources": 1,
    }


def rel(
    store: Store,
    a: str,
    b: str,
    polarity: float,
    start: str,
    end: str,
    stance: str = "adversary",
    modality: str = "asserted",
    confidence: float = 1.0,
) -> None:
    i = next(_ids)
    store.con.execute(
        "INSERT INTO relations (relation_id, layer, doc_id, sentence, span_start, span_end, "
        "sentence_text, a_code, a_country, b_code, b_country, stance, polarity, modality, "
        "date_start, date_end, date_precision, date_basis, confidence) VALUES "
        "(?, 'events', 'd2', ?, 0, 5, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'era', 'era', ?)",
        [
            f"r{i}",
            i,
            f"{a} and {b} were {stance}",
            a,
            a,
            b,
            b,
            stance,
            polarity,
            modality,
            dt.date.fromisoformat(start),
            dt.date.fromisoformat(end),
            confidence,
        ],
    )


def tie(store: Store, layer: str, a: str, b: str, y0: int, y1: int, value: float) -> None:
    store.con.execute(
        "INSERT INTO ties (layer, a, b, start_date, end_date, value, weight, ref) "
        "VALUES (?, ?, ?, ?, ?, ?, 1.0, ?)",
        [layer, a, b, dt.date(y0, 1, 1), dt.date(y1, 12, 31), value, f"{layer}:{a}-{b}-{y0}"],
    )


def add_events(store: Store, rows: list[dict[str, Any]]) -> None:
    """Insert flattened event rows (as ``allegiance.store.event_row`` makes them)."""
    table = pa.Table.from_pylist(rows)
    store.con.register("_test_events", table)
    try:
        cols = ", ".join(table.column_names)
        store.con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _test_events")
    finally:
        store.con.unregister("_test_events")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.duckdb")
    s.con.execute("SELECT 1").fetchall()  # finish the open-time result (duckdb 2 is strict)
    yield s
    s.close()
