"""Importers for structured relation layers: signed edge lists, ATOP and COW alliances,
COW militarised disputes and UN General Assembly roll-call votes.

Each importer reads its CSV with DuckDB (all columns as text, so a bad value becomes a reject
with a reason instead of a crash), validates every row in one SQL pass, writes rejects with
their file line, and inserts the good rows with INSERT ... SELECT, deduplicated on natural
keys so that importing the same file twice adds nothing.  COW numeric country codes become
ISO3 through the actors gazetteer, year-aware (COW 365 is SUN until 1991, RUS after).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pyarrow as pa

from allegiance.store.importers.base import ImportCounts, Importer, ImportError_

if TYPE_CHECKING:
    from allegiance.store import Store

YEAR_MIN, YEAR_MAX = 1800, 2100

# strength of the strongest obligation of an alliance (docs/analysis.md)
ATOP_VALUES = {
    "atop_defense": 1.0,
    "atop_offense": 1.0,
    "atop_neutral": 0.6,
    "atop_nonagg": 0.6,
    "atop_consul": 0.4,
}
COW_ALLIANCE_VALUES = {
    "cow_defense": 1.0,
    "cow_neutral": 0.6,
    "cow_nonagg": 0.6,
    "cow_entente": 0.4,
}
UNGA_VOTES = {1: "yes", 2: "abstain", 3: "no", 8: "absent", 9: "not a member"}


# ---------------------------------------------------------------------------------------------
# COW -> ISO3


@cache
def _cow_year_rows() -> tuple[tuple[int, int, str], ...]:
    """(cow, year, iso3) for every COW code and year: the state holding the code that year
    (a dissolved state during its life, e.g. 365 -> SUN in 1970), else the primary holder."""
    from allegiance.actors import Gazetteer

    g = Gazetteer.default()
    spans: dict[int, list[tuple[int, int, str]]] = {}
    for c in g.countries():
        for code in ([c.cow] if c.cow is not None else []) + list(c.cow_other):
            spans.setdefault(int(code), []).append(
                (c.from_year or YEAR_MIN, c.until_year or YEAR_MAX, c.iso3)
            )
    rows = []
    for code, cands in spans.items():
        primary = g.by_cow(code) or cands[0][2]
        for year in range(YEAR_MIN, YEAR_MAX + 1):
            live = [x for x in cands if x[0] <= year <= x[1]]
            iso = min(live, key=lambda x: (x[1] - x[0], x[2]))[2] if live else primary
            rows.append((code, year, iso))
    return tuple(rows)


def _register_cow(con: duckdb.DuckDBPyConnection, name: str) -> None:
    rows = _cow_year_rows()
    table = pa.table(
        {
            "cow": pa.array([r[0] for r in rows], pa.int32()),
            "year": pa.array([r[1] for r in rows], pa.int32()),
            "iso3": pa.array([r[2] for r in rows], pa.string()),
        }
    )
    con.register(f"{name}_arrow", table)
    try:
        con.execute(f"CREATE TEMP TABLE {name} AS SELECT * FROM {name}_arrow")
    finally:
        con.unregister(f"{name}_arrow")


# ---------------------------------------------------------------------------------------------
# shared machinery


@contextmanager
def _atomic(store: Store) -> Iterator[None]:
    """One transaction for the whole file, unless the caller already opened one."""
    try:
        store.con.execute("BEGIN TRANSACTION")
    except duckdb.TransactionException:
        yield
        return
    try:
        yield
    except BaseException:
        store.con.execute("ROLLBACK")
        raise
    else:
        store.con.execute("COMMIT")


def _q(s: str) -> str:
    return "'" + s.replace("'", "''") + "'"


class _Job:
    """One import: the raw file as a temp table with line numbers, plus helpers."""

    def __init__(self, store: Store, path: Path, run_id: str, required: tuple[str, ...]) -> None:
        self.store, self.con, self.path, self.run_id = store, store.con, Path(path), run_id
        self.tag = "_imp_" + uuid.uuid4().hex[:10]
        self.raw = self.tag + "_raw"
        self.temps: list[str] = []
        src = (
            f"read_csv({_q(str(self.path))}, header = true, all_varchar = true, "
            f"null_padding = true, auto_detect = true)"
        )
        if not self.path.exists():
            raise ImportError_(f"{self.path}: no such file")
        try:
            cols = [r[0] for r in self.con.execute(f"DESCRIBE SELECT * FROM {src}").fetchall()]
        except duckdb.Error as exc:
            raise ImportError_(
                f"{self.path}: cannot read as CSV: {str(exc).splitlines()[0]}"
            ) from None
        lower = {c.strip().lower(): c for c in cols}
        missing = [c for c in required if c not in lower]
        if missing:
            raise ImportError_(f"{self.path}: missing columns: {', '.join(missing)}")
        sel = ", ".join(f'"{lower[c]}" AS "{c}"' for c in required)
        try:
            self.con.execute(
                f"CREATE TEMP TABLE {self.raw} AS SELECT CAST(row_number() OVER () + 1 "
                f"AS BIGINT) AS line, {sel} FROM {src}"
            )
        except duckdb.Error as exc:
            raise ImportError_(
                f"{self.path}: cannot read as CSV: {str(exc).splitlines()[0]}"
            ) from None
        self.temps.append(self.raw)
        self.ref = self.path.name

    def temp(self, suffix: str, sql: str) -> str:
        name = f"{self.tag}_{suffix}"
        self.con.execute(f"CREATE TEMP TABLE {name} AS {sql}")
        self.temps.append(name)
        return name

    def scalar(self, sql: str) -> int:
        rows = self.con.execute(sql).fetchall()
        return int(rows[0][0] or 0) if rows else 0

    def reject_where(self, table: str, reason_col: str = "reason") -> int:
        """Copy rows with a reason into the rejects ledger; return how many."""
        n = self.scalar(f"SELECT count(*) FROM {table} WHERE {reason_col} IS NOT NULL")
        if n:
            self.con.execute(
                f"INSERT INTO rejects (run_id, input, line, reason, kind) SELECT ?, ?, line, "
                f"{reason_col}, 'rejected' FROM {table} WHERE {reason_col} IS NOT NULL",
                [self.run_id, str(self.path)],
            )
        return n

    def map_codes(self, table: str, cols: tuple[str, ...], counts: ImportCounts) -> str:
        """Join COW codes to ISO3 (year-aware); rows with an unknown code are rejected with
        one ledger row per distinct code (its count, first line)."""
        cmap = f"{self.tag}_cow"
        _register_cow(self.con, cmap)
        self.temps.append(cmap)
        joins = " ".join(
            f"LEFT JOIN {cmap} m{i} ON m{i}.cow = t.{c} AND m{i}.year = t.year"
            for i, c in enumerate(cols)
        )
        isos = ", ".join(f"m{i}.iso3 AS iso_{c}" for i, c in enumerate(cols))
        mapped = self.temp("mapped", f"SELECT t.*, {isos} FROM {table} t {joins}")
        unions = " UNION ALL ".join(
            f"SELECT {c} AS code, line FROM {mapped} WHERE iso_{c} IS NULL" for c in cols
        )
        unknown = self.con.execute(
            f"SELECT code, count(*), min(line) FROM ({unions}) GROUP BY code ORDER BY code"
        ).fetchall()
        for code, n, line in unknown:
            counts.unknown_codes[str(code)] = int(n)
            self.store.add_reject(
                self.run_id,
                str(self.path),
                int(line),
                f"unknown COW country code {code} ({n} rows)",
            )
        any_null = " OR ".join(f"iso_{c} IS NULL" for c in cols)
        counts.rejected += self.scalar(f"SELECT count(*) FROM {mapped} WHERE {any_null}")
        return self.temp("known", f"SELECT * FROM {mapped} WHERE NOT ({any_null})")

    def close(self) -> None:
        for t in reversed(self.temps):
            try:
                self.con.execute(f"DROP TABLE IF EXISTS {t}")
            except duckdb.Error:  # aborted transaction: the rollback drops them
                break


def _int_check(col: str, label: str | None = None) -> str:
    label = label or col
    return (
        f"WHEN {col} IS NULL OR trim({col}) = '' THEN 'missing field: {label}' "
        f"WHEN TRY_CAST(trim({col}) AS DOUBLE) IS NULL "
        f"OR TRY_CAST(trim({col}) AS DOUBLE) <> floor(TRY_CAST(trim({col}) AS DOUBLE)) "
        f"THEN 'not an integer {label}: ' || {col} "
    )


def _year_check(col: str) -> str:
    return (
        _int_check(col)
        + f"WHEN NOT TRY_CAST(trim({col}) AS DOUBLE) BETWEEN {YEAR_MIN} AND {YEAR_MAX} "
        f"THEN 'bad year {col}: ' || {col} "
    )


def _int(col: str) -> str:
    return f"CAST(TRY_CAST(trim({col}) AS DOUBLE) AS INTEGER)"


def _insert_ties(job: _Job, source_sql: str, key: tuple[str, ...]) -> int:
    """INSERT new ties from ``source_sql`` (columns layer, a, b, start_date, end_date, value,
    weight, ref) unless a tie with the same natural key is stored."""
    cond = " AND ".join(f"t.{k} IS NOT DISTINCT FROM s.{k}" for k in key)
    rows = job.con.execute(
        f"INSERT INTO ties (layer, a, b, start_date, end_date, value, weight, ref, run_id) "
        f"SELECT layer, a, b, start_date, end_date, value, weight, ref, ? FROM ({source_sql}) s "
        f"WHERE NOT EXISTS (SELECT 1 FROM ties t WHERE {cond})",
        [job.run_id],
    ).fetchall()
    return int(rows[0][0]) if rows else 0


# ---------------------------------------------------------------------------------------------
# signed edge lists


def import_signed_edges(store: Store, path: Path, run_id: str) -> ImportCounts:
    """``period,start_year,end_year,from,to,sign`` -> ties over [Jan 1 start, Dec 31 end];
    node labels are kept as given."""
    counts = ImportCounts()
    with _atomic(store):
        job = _Job(store, path, run_id, ("period", "start_year", "end_year", "from", "to", "sign"))
        try:
            sign = "lower(trim(sign))"
            v = job.temp(
                "v",
                f"""SELECT *, CASE
                WHEN "from" IS NULL OR trim("from") = '' THEN 'missing field: from'
                WHEN "to" IS NULL OR trim("to") = '' THEN 'missing field: to'
                {_year_check("start_year")} {_year_check("end_year")}
                WHEN {_int("end_year")} < {_int("start_year")}
                    THEN 'end_year before start_year'
                WHEN sign IS NULL OR trim(sign) = '' THEN 'missing field: sign'
                WHEN NOT coalesce({sign} IN ('+', '-', 'positive', 'negative')
                    OR (TRY_CAST({sign} AS DOUBLE) BETWEEN -1 AND 1
                        AND TRY_CAST({sign} AS DOUBLE) <> 0), false)
                    THEN 'unknown sign: ' || sign
                END AS reason FROM {job.raw}""",
            )
            counts.rows = job.scalar(f"SELECT count(*) FROM {v}")
            counts.rejected += job.reject_where(v)
            src = f"""SELECT 'signed-edges' AS layer, trim("from") AS a, trim("to") AS b,
                make_date({_int("start_year")}, 1, 1) AS start_date,
                make_date({_int("end_year")}, 12, 31) AS end_date,
                CASE WHEN {sign} IN ('+', 'positive') THEN 1.0
                     WHEN {sign} IN ('-', 'negative') THEN -1.0
                     ELSE TRY_CAST({sign} AS DOUBLE) END AS value,
                1.0 AS weight, {_q(job.ref)} || ':' || line AS ref
                FROM {v} WHERE reason IS NULL
                QUALIFY row_number() OVER (PARTITION BY trim("from"), trim("to"),
                    start_year, end_year ORDER BY line) = 1"""
            counts.stored = _insert_ties(job, src, ("layer", "a", "b", "start_date", "end_date"))
            counts.duplicates = counts.rows - counts.rejected - counts.stored
        finally:
            job.close()
    return counts


# ---------------------------------------------------------------------------------------------
# alliances (ATOP, COW) and disputes (COW MID)


def _alliance_importer(layer: str, flags: dict[str, float]) -> Importer:
    def run(store: Store, path: Path, run_id: str) -> ImportCounts:
        counts = ImportCounts()
        with _atomic(store):
            job = _Job(store, path, run_id, ("ccode1", "ccode2", "year", *flags))
            try:
                flag_checks = " ".join(
                    f"WHEN coalesce(trim({f}), '') NOT IN ('', '0', '1', '0.0', '1.0') "
                    f"THEN 'bad flag {f}: ' || {f} "
                    for f in flags
                )
                strength = (
                    "greatest("
                    + ", ".join(
                        f"CASE WHEN trim({f}) IN ('1', '1.0') THEN {w} ELSE 0.0 END"
                        for f, w in flags.items()
                    )
                    + ")"
                )
                v = job.temp(
                    "v",
                    f"""SELECT *, CASE
                    {_int_check("ccode1")} {_int_check("ccode2")} {_year_check("year")}
                    {flag_checks}
                    WHEN {strength} = 0 THEN 'no obligation flagged (all flags 0)'
                    END AS reason FROM {job.raw}""",
                )
                counts.rows = job.scalar(f"SELECT count(*) FROM {v}")
                counts.rejected += job.reject_where(v)
                good = job.temp(
                    "good",
                    f"""SELECT line, {_int("ccode1")} AS c1,
                    {_int("ccode2")} AS c2, {_int("year")} AS year, {strength} AS value
                    FROM {v} WHERE reason IS NULL""",
                )
                known = job.map_codes(good, ("c1", "c2"), counts)
                src = f"""SELECT {_q(layer)} AS layer, least(iso_c1, iso_c2) AS a,
                    greatest(iso_c1, iso_c2) AS b, make_date(year, 1, 1) AS start_date,
                    make_date(year, 12, 31) AS end_date, max(value) AS value, 1.0 AS weight,
                    {_q(job.ref)} || ':' || min(line) AS ref
                    FROM {known} WHERE iso_c1 <> iso_c2 GROUP BY ALL"""
                counts.rejected += job.scalar(f"SELECT count(*) FROM {known} WHERE iso_c1 = iso_c2")
                job.con.execute(
                    f"INSERT INTO rejects SELECT ?, ?, line, 'same state on both sides: ' || "
                    f"iso_c1, 'rejected' FROM {known} WHERE iso_c1 = iso_c2",
                    [run_id, str(path)],
                )
                counts.stored = _insert_ties(
                    job, src, ("layer", "a", "b", "start_date", "end_date")
                )
                counts.duplicates = counts.rows - counts.rejected - counts.stored
            finally:
                job.close()
        return counts

    run.__doc__ = (
        f"Dyad-year alliance flags -> one {layer} tie per dyad-year, value by the "
        "strongest obligation."
    )
    return run


def import_cow_mid(store: Store, path: Path, run_id: str) -> ImportCounts:
    """COW MID dispute-years -> negative ties, value -(highest hostility level)/5."""
    counts = ImportCounts()
    with _atomic(store):
        job = _Job(
            store, path, run_id, ("dispnum", "ccode1", "ccode2", "year", "hostlev1", "hostlev2")
        )
        try:
            host = [
                f"WHEN {h} IS NOT NULL AND trim({h}) <> '' AND NOT coalesce("
                f"TRY_CAST(trim({h}) AS DOUBLE) IN (1, 2, 3, 4, 5), false) "
                f"THEN 'bad hostility level {h}: ' || {h} "
                for h in ("hostlev1", "hostlev2")
            ]
            v = job.temp(
                "v",
                f"""SELECT *, CASE
                WHEN dispnum IS NULL OR trim(dispnum) = '' THEN 'missing field: dispnum'
                {_int_check("ccode1")} {_int_check("ccode2")} {_year_check("year")}
                {" ".join(host)}
                WHEN coalesce(trim(hostlev1), '') = '' AND coalesce(trim(hostlev2), '') = ''
                    THEN 'missing field: hostlev1/hostlev2'
                END AS reason FROM {job.raw}""",
            )
            counts.rows = job.scalar(f"SELECT count(*) FROM {v}")
            counts.rejected += job.reject_where(v)
            good = job.temp(
                "good",
                f"""SELECT line, trim(dispnum) AS dispnum,
                {_int("ccode1")} AS c1, {_int("ccode2")} AS c2, {_int("year")} AS year,
                greatest(coalesce(TRY_CAST(trim(hostlev1) AS DOUBLE), 0),
                         coalesce(TRY_CAST(trim(hostlev2) AS DOUBLE), 0)) AS host
                FROM {v} WHERE reason IS NULL""",
            )
            known = job.map_codes(good, ("c1", "c2"), counts)
            same = job.scalar(f"SELECT count(*) FROM {known} WHERE iso_c1 = iso_c2")
            counts.rejected += same
            job.con.execute(
                f"INSERT INTO rejects SELECT ?, ?, line, 'same state on both sides: ' || iso_c1, "
                f"'rejected' FROM {known} WHERE iso_c1 = iso_c2",
                [run_id, str(path)],
            )
            src = f"""SELECT 'cow-mid' AS layer, least(iso_c1, iso_c2) AS a,
                greatest(iso_c1, iso_c2) AS b, make_date(year, 1, 1) AS start_date,
                make_date(year, 12, 31) AS end_date, -max(host) / 5.0 AS value,
                1.0 AS weight, 'MID#' || dispnum AS ref
                FROM {known} WHERE iso_c1 <> iso_c2 GROUP BY ALL"""
            counts.stored = _insert_ties(
                job, src, ("layer", "a", "b", "start_date", "end_date", "ref")
            )
            counts.duplicates = counts.rows - counts.rejected - counts.stored
        finally:
            job.close()
    return counts


# ---------------------------------------------------------------------------------------------
# UN General Assembly votes


def unga_agreement_sql(years_table: str | None = None) -> str:
    """Agreement for every dyad and year over roll calls both voted yes/abstain/no on:
    share of identical votes, stored as 2 * share - 1, weight = common votes."""
    only = f"AND year IN (SELECT year FROM {years_table})" if years_table else ""
    return f"""
WITH v AS (
    SELECT rcid, year, country, vote FROM unga_votes
    WHERE vote IN (1, 2, 3) AND country IS NOT NULL {only}
),
d AS (
    SELECT v1.year, v1.country AS a, v2.country AS b, count(*) AS n,
        sum(CASE WHEN v1.vote = v2.vote THEN 1 ELSE 0 END) AS same
    FROM v v1 JOIN v v2 ON v1.rcid = v2.rcid AND v1.country < v2.country
    GROUP BY v1.year, v1.country, v2.country
)
SELECT 'unga-votes' AS layer, a, b, make_date(year, 1, 1) AS start_date,
    make_date(year, 12, 31) AS end_date, 2.0 * same / n - 1.0 AS value,
    CAST(n AS DOUBLE) AS weight, 'unga:' || year AS ref
FROM d"""


def import_unga_votes(store: Store, path: Path, run_id: str) -> ImportCounts:
    """Roll-call votes -> ``unga_votes`` rows, then agreement ties for every dyad-year of the
    years in the file (recomputed from all stored votes of those years)."""
    counts = ImportCounts()
    with _atomic(store):
        job = _Job(store, path, run_id, ("rcid", "session", "year", "ccode", "vote"))
        try:
            v = job.temp(
                "v",
                f"""SELECT *, CASE
                {_int_check("rcid")} {_year_check("year")} {_int_check("ccode")}
                {_int_check("vote")}
                WHEN {_int("vote")} NOT IN (1, 2, 3, 8, 9) THEN 'unknown vote code: ' || vote
                WHEN session IS NOT NULL AND trim(session) <> ''
                    AND TRY_CAST(trim(session) AS DOUBLE) IS NULL
                    THEN 'not an integer session: ' || session
                END AS reason FROM {job.raw}""",
            )
            counts.rows = job.scalar(f"SELECT count(*) FROM {v}")
            counts.rejected += job.reject_where(v)
            good = job.temp(
                "good",
                f"""SELECT line, CAST(TRY_CAST(trim(rcid) AS DOUBLE) AS BIGINT)
                AS rcid, {_int("session")} AS session, {_int("year")} AS year,
                {_int("ccode")} AS c1, CAST({_int("vote")} AS TINYINT) AS vote
                FROM {v} WHERE reason IS NULL""",
            )
            known = job.map_codes(good, ("c1",), counts)
            before = job.scalar("SELECT count(*) FROM unga_votes")
            job.con.execute(
                f"""INSERT INTO unga_votes (rcid, session, year, ccode, country, vote, run_id)
                SELECT rcid, session, year, c1, iso_c1, vote, ? FROM {known} k
                WHERE NOT EXISTS (SELECT 1 FROM unga_votes u WHERE u.rcid = k.rcid
                                  AND u.ccode = k.c1)
                QUALIFY row_number() OVER (PARTITION BY rcid, c1 ORDER BY line) = 1""",
                [run_id],
            )
            counts.stored = job.scalar("SELECT count(*) FROM unga_votes") - before
            counts.duplicates = counts.rows - counts.rejected - counts.stored
            years = job.temp("years", f"SELECT DISTINCT year FROM {known}")
            job.con.execute(
                f"DELETE FROM ties WHERE layer = 'unga-votes' AND year(start_date) IN "
                f"(SELECT year FROM {years})"
            )
            job.con.execute(
                f"INSERT INTO ties (layer, a, b, start_date, end_date, value, weight, ref, "
                f"run_id) SELECT *, ? FROM ({unga_agreement_sql(years)})",
                [run_id],
            )
        finally:
            job.close()
    return counts


LAYER_IMPORTERS: dict[str, Importer] = {
    "signed-edges": import_signed_edges,
    "atop": _alliance_importer("atop", ATOP_VALUES),
    "cow-alliance": _alliance_importer("cow-alliance", COW_ALLIANCE_VALUES),
    "cow-mid": import_cow_mid,
    "unga-votes": import_unga_votes,
}
