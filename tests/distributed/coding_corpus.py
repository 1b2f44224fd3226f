"""Helpers for the coding tests: a small corpus, a store holding it, its records."""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path

from allegiance.model import Document
from allegiance.store import Store


def short_documents(n: int = 36) -> list[Document]:
    """The first paragraphs of the demo articles: short, dated, rich in actors."""
    folder = resources.files("allegiance.demo").joinpath("articles")
    docs = []
    items = sorted((p for p in folder.iterdir() if p.name[:4].isdigit()), key=lambda p: p.name)
    for item in items[:n]:
        raw = item.read_text(encoding="utf-8")
        _, head, body = raw.split("---", 2)
        meta = dict(line.split(": ", 1) for line in head.strip().splitlines() if ": " in line)
        paragraphs = [p.strip() for p in body.strip().split("\n\n") if p.strip()]
        docs.append(
            Document(
                doc_id=item.name.removesuffix(".txt"),
                text="\n\n".join(paragraphs[:2]),
                date=dt.date.fromisoformat(meta["date"]),
                title=meta.get("title"),
            )
        )
    return docs


def make_store(path: Path, docs: list[Document]) -> Store:
    store = Store(path)
    run = store.begin_run("ingest")
    with store.transaction():
        store.add_documents(docs, run)
    store.finish_run(run)
    return store


def records(store: Store) -> tuple[list[tuple], list[tuple]]:
    """Every coded event and relation, without the run id (which differs between runs)."""
    out = []
    for table, key in (("events", "event_id"), ("relations", "relation_id")):
        cols = [r[0] for r in store.con.execute(f"DESCRIBE {table}").fetchall() if r[0] != "run_id"]
        out.append(
            store.con.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY {key}").fetchall()
        )
    return out[0], out[1]
