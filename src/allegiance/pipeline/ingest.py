"""Ingest: read documents from files into the store, batch by batch, with a run ledger.

Each batch (documents plus the rejections read alongside them plus the run's counters) is one
transaction, so a crash or kill never leaves half a batch; re-ingesting adds nothing.  A batch
that stores documents also sets ``meta.dedup_pending`` so that near-duplicate clustering, which
runs after the last batch, is redone by the next ingest if this one is killed before it.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from allegiance.model import Document
from allegiance.readers import Rejected, max_bytes_default, read_paths, read_stream
from allegiance.store import Store
from allegiance.store.dedup import cluster_near_duplicates

Progress = Callable[[int, int], None]
DEDUP_PENDING = "dedup_pending"


@dataclass(slots=True)
class IngestResult:
    """What one ingest run did: every input is stored, a duplicate, or rejected."""

    run_id: str
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    missing_date: int = 0
    rejects: list[Rejected] = field(default_factory=list)
    clustered: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "missing_date": self.missing_date,
            "clustered": self.clustered,
            "rejects": [
                {"input": r.input, "line": r.line, "reason": r.reason} for r in self.rejects
            ],
        }


def _items(
    paths: Sequence[str],
    input_format: str | None,
    columns: dict[str, str] | None,
    default_date: dt.date | None,
    max_bytes: int,
) -> Iterator[Document | Rejected]:
    """Files through ``read_paths``; ``-`` is standard input."""
    files = [str(p) for p in paths if str(p) != "-"]
    if len(files) < len(paths):
        yield from read_stream(
            sys.stdin.buffer,
            "<stdin>",
            input_format=input_format or "text",
            columns=columns,
            default_date=default_date,
            max_bytes=max_bytes,
        )
    if files:
        yield from read_paths(
            files,
            input_format=input_format,
            columns=columns,
            default_date=default_date,
            max_bytes=max_bytes,
        )


def ingest(
    store: Store,
    paths: Sequence[str],
    *,
    input_format: str | None = None,
    columns: dict[str, str] | None = None,
    default_date: dt.date | None = None,
    batch_size: int = 200,
    progress: Progress | None = None,
    max_bytes: int | None = None,
    dedup: bool = True,
) -> IngestResult:
    """Store the documents in ``paths``; ``progress(done, total)`` counts inputs read.

    ``total`` is 0 while unknown (documents are streamed; a JSONL file may hold millions).
    ``max_bytes`` (default ``$ALLEGIANCE_MAX_BYTES`` or 20,000,000) limits each input file,
    decompressed member and document; a larger one is a recorded rejection.
    """
    max_bytes = max_bytes or max_bytes_default()
    params = {
        "paths": [str(p) for p in paths],
        "input_format": input_format,
        "columns": columns or {},
        "default_date": default_date.isoformat() if default_date else None,
    }
    run_id = store.begin_run("ingest", params)
    result = IngestResult(run_id=run_id)
    docs: list[Document] = []
    rejects: list[Rejected] = []
    done = 0

    def flush() -> None:
        with store.transaction():
            counts = store.add_documents(docs, run_id)
            if counts.stored and dedup:
                store.con.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", [DEDUP_PENDING])
            for r in rejects:
                store.add_reject(run_id, r.input, r.line, r.reason, "rejected")
            store.add_to_run(
                run_id, stored=counts.stored, duplicates=counts.duplicates, rejected=len(rejects)
            )
        result.stored += counts.stored
        result.duplicates += counts.duplicates
        result.rejected += len(rejects)
        result.missing_date += sum(1 for d in docs if d.date is None)
        result.rejects.extend(rejects)
        docs.clear()
        rejects.clear()

    try:
        for item in _items(paths, input_format, columns, default_date, max_bytes):
            if (
                not isinstance(item, Rejected)
                and len(item.text) * 4 > max_bytes
                and len(item.text.encode("utf-8")) > max_bytes
            ):
                item = Rejected(
                    item.path or item.doc_id,
                    item.meta.get("line"),
                    f"document is larger than {max_bytes:,} bytes",
                )
            if isinstance(item, Rejected):
                rejects.append(item)
            else:
                docs.append(item)
            done += 1
            if len(docs) + len(rejects) >= batch_size:
                flush()
                if progress:
                    progress(done, 0)
        flush()
        if progress:
            progress(done, done)
        if dedup and (result.stored or _dedup_pending(store)):
            with store.transaction():
                result.clustered = cluster_near_duplicates(store)
                store.con.execute("DELETE FROM meta WHERE key = ?", [DEDUP_PENDING])
    except BaseException:
        store.finish_run(run_id, "failed")
        raise
    store.finish_run(run_id, "ok")
    return result


def _dedup_pending(store: Store) -> bool:
    """True when an earlier ingest stored documents but died before clustering them."""
    rows = store.con.execute("SELECT 1 FROM meta WHERE key = ?", [DEDUP_PENDING]).fetchall()
    return bool(rows)
