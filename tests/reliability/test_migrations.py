"""Schema versions: an older database is migrated on open, a newer one is refused."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from reliability_support import cli

from allegiance.store import SCHEMA_VERSION, Store, StoreError
from allegiance.store.migrations import MIGRATIONS, stored_version


def test_migrations_are_ordered_steps() -> None:
    assert [m.to for m in MIGRATIONS] == list(range(1, SCHEMA_VERSION + 1))
    assert all(m.description for m in MIGRATIONS)


def test_fresh_database_is_current(tmp_path: Path) -> None:
    with Store(tmp_path / "new.duckdb") as s:
        assert s.schema_version() == SCHEMA_VERSION


def test_version_0_database_is_migrated(tmp_path: Path) -> None:
    """A pre-versioning file: no meta table, documents without later columns, old runs."""
    db = tmp_path / "v0.duckdb"
    con = duckdb.connect(str(db))
    con.execute(
        "CREATE TABLE documents (doc_id VARCHAR PRIMARY KEY, content_hash VARCHAR "
        "NOT NULL, title VARCHAR, date DATE, url VARCHAR, source VARCHAR, path VARCHAR, "
        "text VARCHAR NOT NULL)"
    )
    con.execute(
        "INSERT INTO documents VALUES ('old1', 'h1', 'Old', DATE '1971-08-09', NULL, "
        "NULL, NULL, 'The Soviet Union signed a treaty with India.')"
    )
    con.execute(
        "CREATE TABLE runs (run_id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, "
        "started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, status VARCHAR NOT NULL, "
        "coder_version VARCHAR, params VARCHAR, stored BIGINT DEFAULT 0, "
        "duplicates BIGINT DEFAULT 0, rejected BIGINT DEFAULT 0)"
    )
    con.execute(
        "INSERT INTO runs (run_id, kind, started_at, status) VALUES "
        "('r0', 'ingest', now(), 'running')"
    )
    con.close()

    with pytest.raises(StoreError, match="no meta table"):
        Store(db, read_only=True)  # read-only cannot upgrade: says what is wrong
    with Store(db) as s:
        assert s.schema_version() == SCHEMA_VERSION
        doc = s.document("old1")
        assert doc is not None and doc.title == "Old"
        cols = {r[0] for r in s.con.execute("DESCRIBE documents").fetchall()}
        assert {"cluster_id", "meta", "n_chars", "run_id"} <= cols
        runs_cols = {r[0] for r in s.con.execute("DESCRIBE runs").fetchall()}
        assert {"events", "relations", "owner"} <= runs_cols
        assert s.count("events") == 0  # tables it lacked exist now
        s.begin_run("ingest")
        assert [r["status"] for r in s.runs()][0] == "interrupted"
    # and the whole CLI works on it
    assert cli("ingest", _doc(tmp_path), "--db", db).returncode == 0
    assert cli("runs", "--db", db).returncode == 0


def _doc(tmp_path: Path) -> Path:
    p = tmp_path / "one.txt"
    p.write_text("Russia and Pakistan held their first joint exercise.", encoding="utf-8")
    return p


def test_version_1_database_gets_owner_column(tmp_path: Path) -> None:
    db = tmp_path / "v1.duckdb"
    with Store(db) as s:
        s.con.execute("ALTER TABLE runs DROP COLUMN owner")
        s.con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    with Store(db, read_only=True) as s:  # older files stay readable as they are
        assert s.schema_version() == 1 and s.runs() == []
    with Store(db) as s:
        assert s.schema_version() == SCHEMA_VERSION
        assert "owner" in {r[0] for r in s.con.execute("DESCRIBE runs").fetchall()}


@pytest.mark.parametrize("read_only", [False, True])
def test_newer_database_is_refused(tmp_path: Path, read_only: bool) -> None:
    db = tmp_path / "v99.duckdb"
    with Store(db) as s:
        s.con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="schema version 99 is newer"):
        Store(db, read_only=read_only)
    con = duckdb.connect(str(db), read_only=True)
    assert stored_version(con) == 99  # refused, not touched
    con.close()
    p = cli("runs", "--db", db)
    assert p.returncode == 1
    assert p.stderr.strip().splitlines() == [
        f"allegiance: error: {db}: database schema version 99 is newer than this allegiance "
        f"supports ({SCHEMA_VERSION}); upgrade allegiance"
    ]


def test_not_a_database_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "junk.duckdb"
    db.write_bytes(b"this is not a database\n" * 200)
    p = cli("ingest", _doc(tmp_path), "--db", db)
    assert p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1
    assert "not a valid DuckDB database" in p.stderr or "not an allegiance" in p.stderr
