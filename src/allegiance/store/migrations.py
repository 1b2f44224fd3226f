"""Schema versions of the store and the steps between them.

A database carries ``meta.schema_version``.  Opening it read-write applies, in order, every
migration from its version up to ``SCHEMA_VERSION``, each in its own transaction together with
the new version stamp, so a crash mid-upgrade leaves the file at a whole version.  A database
newer than this code is refused (old code must not write into a schema it does not know).

Version 0 is a database from before versioning: allegiance tables, possibly missing columns,
and no ``meta`` table.  Migrations are idempotent SQL (``IF NOT EXISTS``) so a half-known old
shape upgrades too.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb


@dataclass(frozen=True, slots=True)
class Migration:
    """One step: SQL that turns schema version ``to - 1`` into ``to``."""

    to: int
    description: str
    sql: str


_V1_COLUMNS: dict[str, tuple[tuple[str, str], ...]] = {
    # Columns added during the pre-versioning era; a version-0 file may lack any of them.
    "documents": (
        ("cluster_id", "VARCHAR"),
        ("meta", "VARCHAR"),
        ("run_id", "VARCHAR"),
        ("n_chars", "BIGINT"),
    ),
    "events": (
        ("native_id", "VARCHAR"),
        ("num_sources", "INTEGER DEFAULT 1"),
        ("is_root", "BOOLEAN"),
        ("url", "VARCHAR"),
        ("plover_mode", "VARCHAR"),
    ),
    "runs": (("relations", "BIGINT DEFAULT 0"), ("events", "BIGINT DEFAULT 0")),
}


def _v1_sql() -> str:
    from allegiance.store import schema_sql

    adds = [
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {col} {typ};"
        for table, cols in _V1_COLUMNS.items()
        for col, typ in cols
    ]
    return schema_sql() + "\n" + "\n".join(adds)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "versioned schema: meta table, every v1 table and column", ""),  # SQL: _v1_sql
    Migration(
        2,
        "runs.owner: which process runs it, so a later run can mark dead ones 'interrupted'",
        "ALTER TABLE runs ADD COLUMN IF NOT EXISTS owner VARCHAR;",
    ),
)
SCHEMA_VERSION: int = MIGRATIONS[-1].to


def migration_sql(m: Migration) -> str:
    """The SQL of a migration (version 1 is the packaged schema plus the columns it grew)."""
    return _v1_sql() if m.to == 1 else m.sql


def stored_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The file's schema version; 0 for allegiance tables without ``meta``; None if empty."""
    tables = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
            "AND table_catalog = current_database()"
        ).fetchall()
    }
    if "meta" not in tables:
        return 0 if tables & {"documents", "events", "runs"} else None
    rows = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall()
    if not rows:
        return 0
    try:
        return int(rows[0][0])
    except (TypeError, ValueError):
        return -1


def migrate(con: duckdb.DuckDBPyConnection, current: int) -> list[int]:
    """Apply every migration after ``current``; return the versions reached, in order."""
    done = []
    for m in MIGRATIONS:
        if m.to <= current:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration_sql(m))
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(m.to)])
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("COMMIT")
        done.append(m.to)
    return done
