"""The embedded store: one DuckDB file holding documents, coded records, layers and the run ledger.

Writes are idempotent (re-ingesting a document or re-coding it with the same coder version adds
nothing) and transactional per batch, so a crash never leaves half a batch behind.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from allegiance.model import CodedDocument, Document, Event, Relation, content_hash, make_doc_id  # noqa: F401
from allegiance.store.migrations import SCHEMA_VERSION, migrate, stored_version

DB_ENV = "ALLEGIANCE_DB"
DEFAULT_DB = "allegiance.duckdb"
BUSY_WAIT_ENV = "ALLEGIANCE_BUSY_WAIT"
BUSY_WAIT = 2.0  # seconds a writer waits for a lock held by a short reader (a web request)
# Marks this process's runs: a later run from another process marks 'running' runs that are
# not its own as 'interrupted' (DuckDB lets one process write, so their owner is gone).
_OWNER = f"{os.getpid()}-{uuid.uuid4().hex[:12]}"


class StoreError(RuntimeError):
    """A store problem a user can act on (busy, wrong version, not a database)."""


def default_db_path() -> Path:
    """``$ALLEGIANCE_DB``, else ``./allegiance.duckdb``."""
    return Path(os.environ.get(DB_ENV) or DEFAULT_DB)


@dataclass(slots=True)
class IngestCounts:
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0


def schema_sql() -> str:
    """The packaged schema (every table at the current version), as idempotent SQL."""
    return resources.files("allegiance.store").joinpath("schema.sql").read_text(encoding="utf-8")


class Store:
    """A connection to one allegiance database file (created on first use)."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        read_only: bool = False,
        busy_wait: float | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else default_db_path()
        self.read_only = read_only
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database (run `allegiance ingest` first)")
        if busy_wait is None:
            busy_wait = _env_float(BUSY_WAIT_ENV, BUSY_WAIT) if not read_only else 0.0
        if read_only:
            self._yield_to_writer()
            self.con = self._connect(busy_wait)
        else:
            self.con = self._connect_as_writer(busy_wait, poll=0.05)
        try:
            self._check_version()
        except BaseException:
            self.con.close()
            raise

    def _connect(self, busy_wait: float, poll: float = 0.05) -> duckdb.DuckDBPyConnection:
        """Open the file; a lock held by another process is retried for ``busy_wait`` s."""
        deadline = time.monotonic() + max(0.0, busy_wait)
        delay = poll
        while True:
            try:
                return duckdb.connect(str(self.path), read_only=self.read_only)
            except duckdb.IOException as exc:
                msg = str(exc).splitlines()[0]
                if "lock" not in msg.lower():
                    raise StoreError(f"{self.path}: cannot open database: {msg}") from exc
                if time.monotonic() + delay > deadline:
                    raise StoreError(
                        f"{self.path}: database is busy (another process is writing)"
                    ) from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.5 if poll >= 0.05 else 0.05)
            except duckdb.Error as exc:
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise StoreError(f"{self.path}: not an allegiance database: {first}") from exc

    # -- lifecycle ---------------------------------------------------------------------------

    @property
    def _writer_waiting(self) -> Path:
        return self.path.with_name(self.path.name + ".writer-waiting")

    def _yield_to_writer(self, patience: float = 2.0) -> None:
        """Readers step aside while a writer waits to reopen the file, so that a busy
        dashboard cannot starve a long `process` run (the writer holds it only briefly)."""
        deadline = time.monotonic() + patience
        marker = self._writer_waiting
        while time.monotonic() < deadline:
            try:
                if time.time() - marker.stat().st_mtime > 300:
                    return  # left behind by a writer that was killed while waiting
            except OSError:
                return  # no writer waiting
            time.sleep(0.02)

    @contextmanager
    def released(self, busy_wait: float = 120.0) -> Iterator[None]:
        """Close the file during slow work that needs no database (coding a batch), so that
        readers in other processes can open it meanwhile; reopen it afterwards, waiting up to
        ``busy_wait`` seconds for readers to let go (new readers wait while we do)."""
        if self.read_only:
            yield
            return
        self.con.close()
        try:
            yield
        finally:
            self.con = self._connect_as_writer(busy_wait, poll=0.01)

    def _connect_as_writer(self, busy_wait: float, poll: float) -> duckdb.DuckDBPyConnection:
        """Open for writing with priority: new readers wait while the marker file exists."""
        marker: Path | None = self._writer_waiting
        try:
            marker.touch()
        except OSError:
            marker = None  # a read-only folder: no priority, plain retries
        try:
            return self._connect(busy_wait, poll=poll)
        finally:
            if marker is not None:
                marker.unlink(missing_ok=True)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: a batch either lands whole or not at all."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")

    def _check_version(self) -> None:
        """Refuse a newer schema; bring an older one up to date (read-write only)."""
        try:
            version = stored_version(self.con)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: not an allegiance database: {exc}") from exc
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema version {version} is newer than this "
                f"allegiance supports ({SCHEMA_VERSION}); upgrade allegiance"
            )
        if version is not None and version < 0:
            raise StoreError(f"{self.path}: not an allegiance database (bad schema_version)")
        if self.read_only:
            if version is None or version == 0:
                raise StoreError(f"{self.path}: not an allegiance database (no meta table)")
            return  # older versions are read as they are; the next write upgrades them
        if version is None:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute(schema_sql())
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)]
            )
            self.con.execute("COMMIT")
        elif version < SCHEMA_VERSION:
            try:
                migrate(self.con, version)
            except duckdb.Error as exc:
                first = str(exc).splitlines()[0]
                raise StoreError(
                    f"{self.path}: cannot upgrade schema version {version} to "
                    f"{SCHEMA_VERSION}: {first}"
                ) from exc

    def schema_version(self) -> int:
        """The file's schema version (``SCHEMA_VERSION`` once opened read-write)."""
        return int(stored_version(self.con) or 0)

    # -- run ledger --------------------------------------------------------------------------

    def begin_run(
        self, kind: str, params: dict[str, Any] | None = None, coder_version: str | None = None
    ) -> str:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        run_id = f"{kind}-{stamp}-{uuid.uuid4().hex[:6]}"
        self.mark_interrupted()
        self.con.execute(
            "INSERT INTO runs (run_id, kind, started_at, status, coder_version, params, owner) "
            "VALUES (?, ?, now(), 'running', ?, ?, ?)",
            [run_id, kind, coder_version, json.dumps(params or {}, default=str), _OWNER],
        )
        return run_id

    def mark_interrupted(self) -> int:
        """Runs left 'running' by another (killed) process become 'interrupted'.

        Only one process can hold the file read-write, so a 'running' run owned by another
        process has died: its finished batches are kept, the batch in flight was rolled back.
        """
        rows = self.con.execute(
            "UPDATE runs SET status = 'interrupted' WHERE status = 'running' "
            "AND (owner IS NULL OR owner <> ?)",
            [_OWNER],
        ).fetchall()
        return int(rows[0][0]) if rows else 0

    def finish_run(self, run_id: str, status: str = "ok", **counts: int) -> None:
        cols = ["status = ?", "finished_at = now()"]
        values: list[Any] = [status]
        for key in ("stored", "duplicates", "rejected", "events", "relations"):
            if key in counts:
                cols.append(f"{key} = {key} + ?")
                values.append(int(counts[key]))
        self.con.execute(f"UPDATE runs SET {', '.join(cols)} WHERE run_id = ?", [*values, run_id])

    def add_to_run(self, run_id: str, **counts: int) -> None:
        """Add batch counts to a run inside the batch's transaction."""
        sets = [f"{k} = {k} + ?" for k in counts]
        if sets:
            self.con.execute(
                f"UPDATE runs SET {', '.join(sets)} WHERE run_id = ?",
                [*[int(v) for v in counts.values()], run_id],
            )

    def runs(self) -> list[dict[str, Any]]:
        cur = self.con.execute("SELECT * FROM runs ORDER BY started_at, run_id")
        names = [d[0] for d in cur.description]
        out = []
        for row in cur.fetchall():
            rec = dict(zip(names, row, strict=True))
            for key in ("started_at", "finished_at"):
                if rec[key] is not None:
                    rec[key] = rec[key].isoformat()
            rec["params"] = json.loads(rec["params"] or "{}")
            rec.pop("owner", None)  # an internal process mark, not part of the ledger
            out.append(rec)
        return out

    def rejects(self, run_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT run_id, input, line, reason, kind FROM rejects"
        args: list[Any] = []
        if run_id:
            sql += " WHERE run_id = ?"
            args.append(run_id)
        cur = self.con.execute(sql + " ORDER BY run_id, input, line", args)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def add_reject(
        self, run_id: str, input: str, line: int | None, reason: str, kind: str = "rejected"
    ) -> None:
        self.con.execute(
            "INSERT INTO rejects VALUES (?, ?, ?, ?, ?)", [run_id, input, line, reason, kind]
        )

    # -- documents ---------------------------------------------------------------------------

    def add_documents(self, docs: Sequence[Document], run_id: str) -> IngestCounts:
        """Store new documents; a document whose id or content is already stored is a duplicate.

        Call inside ``transaction()`` together with the batch's ledger rows.
        """
        counts = IngestCounts()
        if not docs:
            return counts
        seen_ids: set[str] = set()
        seen_hashes: set[str] = set()
        rows = []
        for doc in docs:
            h = content_hash(doc.text)
            if doc.doc_id in seen_ids or h in seen_hashes:
                counts.duplicates += 1
                self.add_reject(
                    run_id,
                    doc.path or doc.doc_id,
                    doc.meta.get("line"),
                    f"duplicate of a document in the same batch ({doc.doc_id})",
                    "duplicate",
                )
                continue
            seen_ids.add(doc.doc_id)
            seen_hashes.add(h)
            rows.append(
                {
                    "doc_id": doc.doc_id,
                    "content_hash": h,
                    "title": doc.title,
                    "date": doc.date,
                    "url": doc.url,
                    "source": doc.source,
                    "path": doc.path,
                    "text": doc.text,
                    "n_chars": len(doc.text),
                    "meta": json.dumps(doc.meta, default=str) if doc.meta else None,
                    "line": doc.meta.get("line"),
                }
            )
        batch = pa.Table.from_pylist(
            rows,
            schema=pa.schema(
                [
                    ("doc_id", pa.string()),
                    ("content_hash", pa.string()),
                    ("title", pa.string()),
                    ("date", pa.date32()),
                    ("url", pa.string()),
                    ("source", pa.string()),
                    ("path", pa.string()),
                    ("text", pa.string()),
                    ("n_chars", pa.int64()),
                    ("meta", pa.string()),
                    ("line", pa.int64()),
                ]
            ),
        )
        self.con.register("_incoming_docs", batch)
        try:
            dups = self.con.execute(
                "SELECT i.doc_id, i.path, i.line, d.doc_id FROM _incoming_docs i "
                "JOIN documents d ON d.doc_id = i.doc_id OR d.content_hash = i.content_hash"
            ).fetchall()
            for doc_id, path, line, existing in dups:
                self.add_reject(
                    run_id,
                    path or doc_id,
                    line,
                    f"duplicate of stored document {existing}",
                    "duplicate",
                )
            self.con.execute(
                "INSERT INTO documents (doc_id, content_hash, title, date, url, source, path, "
                "text, n_chars, cluster_id, meta, run_id) "
                "SELECT doc_id, content_hash, title, date, url, source, path, text, n_chars, "
                "doc_id, meta, ? FROM _incoming_docs i WHERE NOT EXISTS ("
                "SELECT 1 FROM documents d WHERE d.doc_id = i.doc_id "
                "OR d.content_hash = i.content_hash)",
                [run_id],
            )
        finally:
            self.con.unregister("_incoming_docs")
        counts.duplicates += len({d[0] for d in dups})
        counts.stored += len(rows) - len({d[0] for d in dups})
        return counts

    def document(self, doc_id: str) -> Document | None:
        row = _first(
            self.con.execute(
                "SELECT doc_id, text, date, title, url, source, path, meta FROM documents "
                "WHERE doc_id = ?",
                [doc_id],
            )
        )
        return _row_to_document(row) if row else None

    def count(self, table: str) -> int:
        if table not in {
            "documents",
            "events",
            "relations",
            "runs",
            "rejects",
            "ties",
            "processed",
            "unga_votes",
        }:
            raise ValueError(f"unknown table {table!r}")
        return int(self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0])

    def pending_documents(
        self, coder_version: str, batch_size: int = 64, limit: int | None = None
    ) -> Iterator[list[Document]]:
        """Documents not yet coded by this coder version, in stable order, batch by batch.

        Ids are fetched first so that writes between batches do not disturb the cursor.
        """
        sql = (
            "SELECT doc_id FROM documents d WHERE NOT EXISTS (SELECT 1 FROM processed p "
            "WHERE p.doc_id = d.doc_id AND p.coder_version = ?) ORDER BY doc_id"
        )
        ids = [r[0] for r in self.con.execute(sql, [coder_version]).fetchall()]
        if limit is not None:
            ids = ids[:limit]
        for i in range(0, len(ids), batch_size):
            chunk = ids[i : i + batch_size]
            rows = self.con.execute(
                "SELECT doc_id, text, date, title, url, source, path, meta FROM documents "
                "WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id",
                [chunk],
            ).fetchall()
            yield [_row_to_document(r) for r in rows]

    def count_pending(self, coder_version: str) -> int:
        return int(
            self.con.execute(
                "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM processed p "
                "WHERE p.doc_id = d.doc_id AND p.coder_version = ?)",
                [coder_version],
            ).fetchall()[0][0]
        )

    # -- coded records -----------------------------------------------------------------------

    def save_coded(
        self, coded: Sequence[CodedDocument], coder_version: str, run_id: str
    ) -> tuple[int, int]:
        """Replace the records of these documents with a new coding; mark them processed.

        Call inside ``transaction()``.  Returns (events, relations) written.
        """
        if not coded:
            return 0, 0
        doc_ids = [c.doc_id for c in coded]
        for table in ("events", "relations"):
            self.con.execute(
                f"DELETE FROM {table} WHERE layer = 'events' AND doc_id IN (SELECT unnest(?))",
                [doc_ids],
            )
        self.con.execute(
            "DELETE FROM processed WHERE doc_id IN (SELECT unnest(?)) AND coder_version = ?",
            [doc_ids, coder_version],
        )
        ev_rows = [event_row(e, coder_version, run_id) for c in coded for e in c.events]
        rel_rows = [relation_row(r, coder_version, run_id) for c in coded for r in c.relations]
        n_ev = self._insert_rows("events", ev_rows)
        n_rel = self._insert_rows("relations", rel_rows)
        proc = pa.Table.from_pylist(
            [
                {
                    "doc_id": c.doc_id,
                    "coder_version": coder_version,
                    "run_id": run_id,
                    "sentences": c.sentences,
                    "skipped_sentences": c.skipped_sentences,
                }
                for c in coded
            ]
        )
        self.con.register("_incoming_processed", proc)
        try:
            self.con.execute("INSERT INTO processed SELECT * FROM _incoming_processed")
        finally:
            self.con.unregister("_incoming_processed")
        return n_ev, n_rel

    def _insert_rows(self, table: str, rows: list[dict[str, Any]]) -> int:
        if not rows:
            return 0
        batch = pa.Table.from_pylist(rows)
        name = f"_incoming_{table}"
        self.con.register(name, batch)
        try:
            before = self.count(table)
            cols = ", ".join(batch.column_names)
            self.con.execute(f"INSERT OR IGNORE INTO {table} ({cols}) SELECT {cols} FROM {name}")
            return self.count(table) - before
        finally:
            self.con.unregister(name)

    def insert_event_rows(self, rows: list[dict[str, Any]]) -> int:
        """Insert already-flattened event rows (importers); duplicates by event_id are ignored."""
        return self._insert_rows("events", rows)

    def layers(self) -> list[str]:
        """The relation layers present: 'events' and each import kind that holds data."""
        rows = self.con.execute(
            "SELECT DISTINCT layer FROM events UNION SELECT DISTINCT layer FROM relations "
            "UNION SELECT DISTINCT layer FROM ties ORDER BY 1"
        ).fetchall()
        return [r[0] for r in rows]


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


def _first(cur: duckdb.DuckDBPyConnection) -> tuple[Any, ...] | None:
    """The first row, reading the result to its end (DuckDB 2 keeps unfinished results open)."""
    rows = cur.fetchall()
    return rows[0] if rows else None


def _row_to_document(row: tuple[Any, ...]) -> Document:
    doc_id, text, date, title, url, source, path, meta = row
    return Document(
        doc_id=doc_id,
        text=text,
        date=date,
        title=title,
        url=url,
        source=source,
        path=path,
        meta=json.loads(meta) if meta else {},
    )


def _record_id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode("utf-8")).hexdigest()[:24]


def _actor_cols(prefix: str, actor: Any) -> dict[str, Any]:
    if actor is None:
        return {f"{prefix}_{k}": None for k in ("code", "country", "sector", "name", "text")}
    return {
        f"{prefix}_code": actor.code,
        f"{prefix}_country": actor.country,
        f"{prefix}_sector": actor.sector,
        f"{prefix}_name": actor.name,
        f"{prefix}_text": actor.text,
    }


def event_row(e: Event, coder_version: str, run_id: str) -> dict[str, Any]:
    """Flatten an Event into an ``events`` table row."""
    target_code = e.target.code if e.target else None
    return {
        "event_id": _record_id(
            e.doc_id,
            e.sentence,
            e.span[0],
            e.span[1],
            e.source.code,
            target_code,
            e.cameo,
            e.modality,
        ),
        "layer": "events",
        "doc_id": e.doc_id,
        "sentence": e.sentence,
        "span_start": e.span[0],
        "span_end": e.span[1],
        "sentence_text": e.sentence_text,
        "trigger": e.trigger,
        **_actor_cols("source", e.source),
        **_actor_cols("target", e.target),
        "cameo": e.cameo,
        "cameo_root": e.cameo_root,
        "plover": e.plover,
        "plover_mode": e.plover_mode,
        "goldstein": e.goldstein,
        "quad_class": e.quad_class,
        "modality": e.modality,
        "date_start": e.date.start,
        "date_end": e.date.end,
        "date_precision": e.date.precision,
        "date_basis": e.date.basis,
        "confidence": e.confidence,
        "coder_version": coder_version,
        "run_id": run_id,
        "num_sources": 1,
    }


def relation_row(r: Relation, coder_version: str, run_id: str) -> dict[str, Any]:
    """Flatten a Relation into a ``relations`` table row."""
    return {
        "relation_id": _record_id(
            r.doc_id, r.sentence, r.span[0], r.span[1], r.a.code, r.b.code, r.stance, r.modality
        ),
        "layer": "events",
        "doc_id": r.doc_id,
        "sentence": r.sentence,
        "span_start": r.span[0],
        "span_end": r.span[1],
        "sentence_text": r.sentence_text,
        "trigger": r.trigger,
        **_actor_cols("a", r.a),
        **_actor_cols("b", r.b),
        "stance": r.stance,
        "polarity": r.polarity,
        "trend": r.trend,
        "modality": r.modality,
        "date_start": r.date.start,
        "date_end": r.date.end,
        "date_precision": r.date.precision,
        "date_basis": r.date.basis,
        "confidence": r.confidence,
        "coder_version": coder_version,
        "run_id": run_id,
    }


def _actor_from_row(row: dict[str, Any], prefix: str) -> dict[str, Any] | None:
    if row.get(f"{prefix}_code") is None and row.get(f"{prefix}_country") is None:
        return None
    return {k: row.get(f"{prefix}_{k}") for k in ("code", "country", "sector", "name", "text")}


def _date_from_row(row: dict[str, Any]) -> dict[str, Any]:
    def iso(v: Any) -> str | None:
        return v.isoformat() if v is not None else None

    return {
        "start": iso(row.get("date_start")),
        "end": iso(row.get("date_end")),
        "precision": row.get("date_precision") or "unknown",
        "basis": row.get("date_basis") or "document",
    }


def event_record(row: dict[str, Any]) -> dict[str, Any]:
    """An ``events`` row back into the contract's event record (plus layer and ids)."""
    span = [row["span_start"], row["span_end"]] if row.get("span_start") is not None else None
    return {
        "type": "event",
        "doc_id": row.get("doc_id"),
        "sentence": row.get("sentence"),
        "span": span,
        "sentence_text": row.get("sentence_text"),
        "trigger": row.get("trigger"),
        "source": _actor_from_row(row, "source"),
        "target": _actor_from_row(row, "target"),
        "cameo": row.get("cameo"),
        "cameo_root": row.get("cameo_root"),
        "plover": row.get("plover"),
        "plover_mode": row.get("plover_mode"),
        "goldstein": row.get("goldstein"),
        "quad_class": row.get("quad_class"),
        "modality": row.get("modality"),
        "date": _date_from_row(row),
        "confidence": row.get("confidence"),
        "layer": row.get("layer"),
        "event_id": row.get("event_id"),
        "native_id": row.get("native_id"),
        "num_sources": row.get("num_sources"),
    }


def relation_record(row: dict[str, Any]) -> dict[str, Any]:
    """A ``relations`` row back into the contract's relation record."""
    return {
        "type": "relation",
        "doc_id": row.get("doc_id"),
        "sentence": row.get("sentence"),
        "span": [row.get("span_start"), row.get("span_end")],
        "sentence_text": row.get("sentence_text"),
        "a": _actor_from_row(row, "a"),
        "b": _actor_from_row(row, "b"),
        "stance": row.get("stance"),
        "polarity": row.get("polarity"),
        "trend": row.get("trend"),
        "modality": row.get("modality"),
        "date": _date_from_row(row),
        "confidence": row.get("confidence"),
        "trigger": row.get("trigger"),
        "layer": row.get("layer"),
        "relation_id": row.get("relation_id"),
    }


def fetch_dicts(
    con: duckdb.DuckDBPyConnection, sql: str, params: Iterable[Any] = ()
) -> list[dict[str, Any]]:
    """Run a query and return rows as dicts (small result sets: evidence, ledgers)."""
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]
