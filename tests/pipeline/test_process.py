"""process(): identical records whatever the number of workers; progress; bounded memory."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

import pytest

from allegiance.model import Document
from allegiance.pipeline.process import process
from allegiance.store import Store


def _documents(n: int = 24) -> list[Document]:
    folder = resources.files("allegiance.demo").joinpath("articles")
    docs = []
    items = sorted((p for p in folder.iterdir() if p.name[:4].isdigit()), key=lambda p: p.name)
    for item in items[-n:]:
        _, head, body = item.read_text(encoding="utf-8").split("---", 2)
        meta = dict(line.split(": ", 1) for line in head.strip().splitlines() if ": " in line)
        paras = [p.strip() for p in body.strip().split("\n\n") if p.strip()]
        docs.append(
            Document(
                doc_id=item.name,
                text="\n\n".join(paras[:2]),
                date=dt.date.fromisoformat(meta["date"]),
            )
        )
    return docs


def _store(path: Path, docs: list[Document]) -> Store:
    store = Store(path)
    run = store.begin_run("ingest")
    with store.transaction():
        store.add_documents(docs, run)
    store.finish_run(run)
    return store


def _records(store: Store) -> list[list[tuple]]:
    out = []
    for table, key in (("events", "event_id"), ("relations", "relation_id")):
        cols = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "run_id"]
        out.append(
            store.con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {key}").fetchall()
        )
    return out


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return _documents()


def test_one_and_two_workers_give_identical_records(docs, tmp_path, coder):
    one = _store(tmp_path / "one.duckdb", docs)
    two = _store(tmp_path / "two.duckdb", docs)
    r1 = process(one, coder=coder, workers=1, batch_size=4)
    calls: list[tuple[int, int]] = []
    r2 = process(two, workers=2, batch_size=4, progress=lambda d, t: calls.append((d, t)))
    assert r1.documents == r2.documents == len(docs)
    assert (r1.events, r1.relations) == (r2.events, r2.relations)
    assert r1.events > 0
    assert _records(one) == _records(two)
    # The progress callback is what drives the CLI's bar: it starts at 0 and reaches the total.
    assert calls[0] == (0, len(docs)) and calls[-1] == (len(docs), len(docs))
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    for s in (one, two):
        s.close()


def test_batches_in_flight_stay_bounded(docs, tmp_path, monkeypatch):
    store = _store(tmp_path / "w.duckdb", docs)
    pulled = [0]
    real = Store.pending_documents

    def counting(self, *a, **kw):
        for batch in real(self, *a, **kw):
            pulled[0] += 1
            yield batch

    monkeypatch.setattr(Store, "pending_documents", counting)
    ahead: list[int] = []

    def progress(done: int, total: int) -> None:
        ahead.append(pulled[0] - done // 2)

    res = process(store, workers=2, batch_size=2, progress=progress)
    assert res.documents == len(docs)
    assert max(ahead) <= 2 * 2 + 1  # a window of two batches per worker, plus the one read
    store.close()


def test_rerun_is_idempotent(docs, tmp_path, coder):
    store = _store(tmp_path / "r.duckdb", docs[:6])
    first = process(store, coder=coder)
    before = _records(store)
    again = process(store, coder=coder)
    assert first.documents == 6 and again.documents == 0
    assert _records(store) == before
    runs = [r for r in store.runs() if r["kind"] == "process"]
    assert [r["status"] for r in runs] == ["ok", "ok"] and runs[0]["stored"] == 6
    store.close()
