"""Export events or relations to Parquet, CSV (optionally gzipped) or JSONL.

Parquet and CSV are written by DuckDB ``COPY`` (streaming, any size); JSONL is written in the
contract record shape (nested actors and date), batch by batch.  Three column schemas:
``native`` (the store's flat columns), ``gdelt`` (GDELT-like names) and ``plover``
(POLECAT-like names), so files load straight into pandas, Polars, DuckDB or GDELT tooling.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from allegiance.store import Store

SCHEMAS: tuple[str, ...] = ("native", "gdelt", "plover")
WHATS: tuple[str, ...] = ("events", "relations")
EXTENSIONS: tuple[str, ...] = (".parquet", ".csv", ".csv.gz", ".jsonl", ".jsonl.gz")

_GDELT_COLUMNS = """
    event_id AS GLOBALEVENTID,
    CAST(strftime(date_start, '%Y%m%d') AS INTEGER) AS SQLDATE,
    CAST(strftime(date_start, '%Y%m') AS INTEGER) AS MonthYear,
    CAST(year(date_start) AS INTEGER) AS "Year",
    source_code AS Actor1Code, source_name AS Actor1Name, source_country AS Actor1CountryCode,
    source_sector AS Actor1Type1Code,
    target_code AS Actor2Code, target_name AS Actor2Name, target_country AS Actor2CountryCode,
    target_sector AS Actor2Type1Code,
    CAST(coalesce(is_root, FALSE) AS INTEGER) AS IsRootEvent,
    cameo AS EventCode, left(cameo, 3) AS EventBaseCode, cameo_root AS EventRootCode,
    quad_class AS QuadClass, goldstein AS GoldsteinScale,
    num_sources AS NumSources, url AS SOURCEURL,
    layer, modality, confidence, doc_id, sentence_text, native_id
"""

_PLOVER_COLUMNS = """
    event_id, date_start AS event_date, plover AS event_type, plover_mode AS event_mode,
    goldstein AS event_intensity, quad_class AS quad_code,
    source_name AS source_actor, source_country, source_sector AS source_agent,
    target_name AS target_actor, target_country, target_sector AS target_agent,
    cameo, modality, confidence, layer, doc_id, sentence AS sentence_number,
    sentence_text AS event_text, url, native_id
"""


def _kind_of(to: Path) -> str:
    name = to.name.lower()
    for ext in EXTENSIONS:
        if name.endswith(ext):
            return ext
    raise ValueError(f"{to}: unknown export format (use one of {', '.join(EXTENSIONS)})")


def _date(v: str | dt.date | None, option: str) -> dt.date | None:
    if v is None or isinstance(v, dt.date):
        return v
    try:
        return dt.date.fromisoformat(str(v))
    except ValueError:
        raise ValueError(f"{option} {v!r}: not a date (expected YYYY-MM-DD)") from None


def filter_sql(
    what: str = "events",
    *,
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    country: str | None = None,
    code: str | None = None,
    modality: str | None = None,
    layer: str | None = None,
) -> tuple[str, list[Any]]:
    """WHERE clause and parameters shared by export and the Python API's queries.

    ``country`` matches either side; ``code`` matches a CAMEO code or its prefix ("06");
    for relations ``code`` matches the stance.
    """
    if what not in WHATS:
        raise ValueError(f"unknown record kind {what!r} (choose from {', '.join(WHATS)})")
    a, b = ("source", "target") if what == "events" else ("a", "b")
    conds: list[str] = []
    args: list[Any] = []
    s, e = _date(start, "--start"), _date(end, "--end")
    if s:
        conds.append("coalesce(date_end, date_start) >= ?")
        args.append(s)
    if e:
        conds.append("date_start <= ?")
        args.append(e)
    if country:
        codes = [c.strip().upper() for c in str(country).split(",") if c.strip()]
        conds.append(f"({a}_country IN (SELECT unnest(?)) OR {b}_country IN (SELECT unnest(?)))")
        args.extend([codes, codes])
    if code:
        if what == "events":
            conds.append("starts_with(cameo, ?)")
        else:
            conds.append("stance = ?")
        args.append(str(code))
    if modality:
        conds.append("modality = ?")
        args.append(modality)
    if layer:
        conds.append("layer IN (SELECT unnest(?))")
        args.append([x.strip() for x in str(layer).split(",") if x.strip()])
    return (" WHERE " + " AND ".join(conds)) if conds else "", args


def select_sql(what: str, schema: str) -> str:
    """The SELECT list for a schema over the events or relations table."""
    if schema not in SCHEMAS:
        raise ValueError(f"unknown schema {schema!r} (choose from {', '.join(SCHEMAS)})")
    if schema == "native" or what == "relations":
        if what == "relations" and schema != "native":
            raise ValueError(f"schema {schema!r} is for events; relations export as 'native'")
        return "*"
    return _GDELT_COLUMNS if schema == "gdelt" else _PLOVER_COLUMNS


def export(
    store: Store,
    to: str | Path,
    *,
    schema: str = "native",
    what: str = "events",
    start: str | dt.date | None = None,
    end: str | dt.date | None = None,
    country: str | None = None,
    code: str | None = None,
    modality: str | None = None,
    layer: str | None = None,
) -> int:
    """Write the selected records to ``to`` (format by extension); returns the row count."""
    to = Path(to)
    ext = _kind_of(to)
    where, args = filter_sql(
        what, start=start, end=end, country=country, code=code, modality=modality, layer=layer
    )
    order = "date_start, event_id" if what == "events" else "date_start, relation_id"
    if ext.startswith(".jsonl"):
        if schema != "native":
            raise ValueError("JSONL export writes contract records; use --schema native")
        return _export_jsonl(store, to, what, where, args, order)
    cols = select_sql(what, schema)
    to.parent.mkdir(parents=True, exist_ok=True)
    query = f"SELECT {cols} FROM {what}{where} ORDER BY {order}"
    if ext.startswith(".csv"):
        query = _csv_safe_query(store, query, args)
    options = "FORMAT parquet, COMPRESSION zstd" if ext == ".parquet" else "FORMAT csv, HEADER"
    if ext == ".csv.gz":
        options += ", COMPRESSION gzip"
    store.con.execute("SET enable_progress_bar = false")
    path_lit = "'" + str(to).replace("'", "''") + "'"
    store.con.execute(f"COPY ({query}) TO {path_lit} ({options})", args)
    return int(store.con.execute(f"SELECT count(*) FROM {what}{where}", args).fetchall()[0][0])


def _csv_safe_query(store: Store, query: str, args: list[Any]) -> str:
    """Quote text cells a spreadsheet would run as a formula (CSV injection).

    Article text and imported names are untrusted: a cell starting with = + - @ (or a tab or
    carriage return) is a formula in Excel/LibreOffice.  Such text cells get a leading ``'``
    (the OWASP advice); numbers, dates and Parquet/JSONL exports are written unchanged.
    """
    cur = store.con.execute(f"SELECT * FROM ({query}) LIMIT 0", args)
    names = [(d[0], str(d[1])) for d in cur.description]
    cur.fetchall()
    parts = []
    for name, typ in names:
        q = '"' + name.replace('"', '""') + '"'
        if typ == "VARCHAR":
            parts.append(
                f"CASE WHEN regexp_matches({q}, '^[=+@\\t\\r-]') THEN chr(39) || {q} "
                f"ELSE {q} END AS {q}"
            )
        else:
            parts.append(q)
    return f"SELECT {', '.join(parts)} FROM ({query})"


def _export_jsonl(
    store: Store, to: Path, what: str, where: str, args: list[Any], order: str
) -> int:
    from allegiance.store import event_record, relation_record

    make = event_record if what == "events" else relation_record
    to.parent.mkdir(parents=True, exist_ok=True)
    cur = store.con.cursor()
    cur.execute(f"SELECT * FROM {what}{where} ORDER BY {order}", args)
    names = [d[0] for d in cur.description]
    n = 0
    opener = gzip.open if to.name.lower().endswith(".gz") else open
    with opener(to, "wt", encoding="utf-8") as fh:
        while rows := cur.fetchmany(5000):
            for row in rows:
                rec = make(dict(zip(names, row, strict=True)))
                fh.write(json.dumps(rec, ensure_ascii=False, default=_json_default) + "\n")
                n += 1
    cur.close()
    return n


def _json_default(o: Any) -> Any:
    if isinstance(o, dt.date | dt.datetime):
        return o.isoformat()
    if hasattr(o, "item"):
        return o.item()
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")
