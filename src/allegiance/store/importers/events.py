"""Event-data importers: GDELT 1.0 and 2.0, ICEWS, POLECAT and our own JSONL records.

Every delimited importer streams the file (plain, .gz or .zip, see ``lines``) in chunks of
numbered lines; DuckDB SQL splits each chunk on tabs, validates and maps it into a staging
table once, then rejected rows go to ``rejects`` (file, line, reason) and valid rows to
``events`` with ``INSERT OR IGNORE`` on ``event_id = kind:native id`` (the datasets re-emit
events; re-importing adds nothing).  Each chunk commits with its ledger counts under a DuckDB
memory limit, so peak memory does not grow with the file.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from allegiance import ontology
from allegiance.store.importers.base import EventImporter, ImportCounts, ImportError_
from allegiance.store.importers.lines import Chunk, Cut, first_line, line_chunks

if TYPE_CHECKING:
    from allegiance.store import Store

# -- reference tables ---------------------------------------------------------------------------

# GDELT / CAMEO actor type codes and ICEWS sector names to the contract's sectors.
TYPE_SECTORS: dict[str, str] = {
    "GOV": "GOV",
    "LEG": "GOV",
    "JUD": "GOV",
    "COP": "GOV",
    "SPY": "GOV",
    "ELI": "GOV",
    "MIL": "MIL",
    "REB": "REB",
    "SEP": "REB",
    "INS": "INS",
    "UAF": "INS",
    "RAD": "INS",
    "OPP": "POL",
    "PTY": "POL",
    "IGO": "IGO",
    "NGO": "NGO",
    "NGM": "NGO",
    "HRI": "NGO",
    "AMN": "NGO",
    "IRC": "NGO",
    "BUS": "BUS",
    "MNC": "BUS",
    "MED": "MED",
    "CVL": "CVL",
    "EDU": "CVL",
    "HLH": "CVL",
    "LAB": "CVL",
    "REF": "CVL",
    "AGR": "CVL",
    "ENV": "CVL",
    "DEV": "CVL",
    "REL": "CVL",
    "CRM": "CVL",
    "ACT": "CVL",
    "SET": "CVL",
    "GOVERNMENT": "GOV",
    "MILITARY": "MIL",
    "REBEL": "REB",
    "REBELS": "REB",
    "INSURGENT": "INS",
    "INSURGENTS": "INS",
    "POLITICAL PARTY": "POL",
    "OPPOSITION": "POL",
    "BUSINESS": "BUS",
    "MEDIA": "MED",
    "CIVILIAN": "CVL",
    "CIVILIANS": "CVL",
}
# ICEWS "Sectors" lists: the first matching rule (in this order) decides the sector.
ICEWS_SECTOR_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("MIL", ("Military", "Marines", "Army", "Navy", "Air Force", "Naval", "Armed Forces")),
    ("REB", ("Rebels", "Separatists")),
    (
        "INS",
        (
            "Insurgents",
            "Unidentified Forces",
            "Radicals / Extremists / Fundamentalists",
            "Terrorists",
        ),
    ),
    (
        "IGO",
        (
            "International Government Organization",
            "Regional Diplomatic IGOs",
            "Global Diplomatic IGOs",
            "Global Economic/Financial/Trade IGOs",
            "Human Rights IGOs",
        ),
    ),
    (
        "NGO",
        (
            "Nongovernmental Organizations / Activists",
            "Nongovernmental Organization (International)",
            "Human Rights NGOs",
            "Medical / Health NGOs",
        ),
    ),
    (
        "GOV",
        (
            "Government",
            "Executive",
            "Executive Office",
            "Cabinet",
            "Foreign Ministry",
            "Legislative / Parliamentary",
            "Judicial",
            "Police",
            "Defense / Security Ministry",
        ),
    ),
    ("POL", ("Parties", "Opposition Major Party (Out Of Government)", "Dissident")),
    ("BUS", ("Business",)),
    ("MED", ("Media", "News")),
    (
        "CVL",
        (
            "General Population / Civilian / Social",
            "Social",
            "Education",
            "Labor",
            "Agricultural",
            "Protestors / Popular Opposition / Mobs",
            "Criminals / Gangs",
        ),
    ),
)


def _data_rows(filename: str) -> list[dict[str, str]]:
    text = resources.files("allegiance.store.importers").joinpath(filename).read_text("utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def country_keys() -> dict[str, str | None]:
    """Lookup keys to ISO3: upper-case codes (ISO3 and CAMEO) and lower-case names.

    A CAMEO region code (EUR, AFR, WST ...) maps to None: a place, not a state.
    """
    keys: dict[str, str | None] = {}
    rows = _data_rows("countries.tsv")
    for r in rows:
        keys.setdefault(r["iso3"], r["iso3"])
    for r in _data_rows("cameo_countries.tsv"):
        keys.setdefault(r["cameo"], r["iso3"] or None)
    for r in rows:
        for name in r["names"].split(";"):
            if name:
                keys.setdefault(name.lower(), r["iso3"])
    with contextlib.suppress(Exception):  # the actors gazetteer, when present, adds more names
        from allegiance.actors import Gazetteer

        gaz = Gazetteer.default()
        for code in [k for k in keys if k.isupper() and len(k) == 3]:
            iso3 = gaz.by_cameo_country(code)
            if isinstance(iso3, str) and len(iso3) == 3:
                keys[code] = iso3
    return keys


def _cameo_table() -> pa.Table:
    """CAMEO codes with the aliases event files use ("62" for "062")."""
    codes = ontology.cameo_codes()
    rows: dict[str, ontology.CameoCode] = dict(codes)
    for code, entry in codes.items():
        if code.startswith("0") and code[1:] not in codes:
            rows.setdefault(code[1:], entry)
    items = list(rows.items())
    return pa.table(
        {
            "alias": [a for a, _ in items],
            "code": [e.code for _, e in items],
            "root": [e.root for _, e in items],
            "goldstein": pa.array([e.goldstein for _, e in items], pa.float64()),
            "quad_class": pa.array([e.quad_class for _, e in items], pa.int8()),
            "plover": [e.plover for _, e in items],
            "plover_mode": [e.plover_mode for _, e in items],
        }
    )


def _install_tables(con: duckdb.DuckDBPyConnection) -> None:
    keys = country_keys()
    con.register("_al_cameo_in", _cameo_table())
    con.register("_al_country_in", pa.table({"key": list(keys), "iso3": list(keys.values())}))
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE _al_cameo AS SELECT * FROM _al_cameo_in")
        con.execute("CREATE OR REPLACE TEMP TABLE _al_country AS SELECT * FROM _al_country_in")
    finally:
        con.unregister("_al_cameo_in")
        con.unregister("_al_country_in")


def plover_root(plover_type: str) -> str | None:
    """A representative CAMEO root for a PLOVER type (one whose own PLOVER type matches)."""
    pt = ontology.plover_types().get(plover_type.upper())
    if pt is None or not pt.cameo_roots:
        return None
    codes = ontology.cameo_codes()
    for root in pt.cameo_roots:
        if root in codes and codes[root].plover == pt.name:
            return root
    return pt.cameo_roots[0]


# -- SQL helpers --------------------------------------------------------------------------------


def _lit(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _field(i: int | None) -> str:
    """Field i (0-based) of the split line, NULL when empty, 'NA' or absent."""
    if i is None:
        return "NULL"
    return f"nullif(nullif(trim(f[{i + 1}]), ''), 'NA')"


def _case_map(expr: str, mapping: dict[str, str], default: str = "NULL") -> str:
    whens = " ".join(f"WHEN {_lit(k)} THEN {_lit(v)}" for k, v in mapping.items())
    return f"CASE upper({expr}) {whens} ELSE {default} END"


def _icews_sector(expr: str) -> str:
    parts = []
    for sector, names in ICEWS_SECTOR_RULES:
        arr = "[" + ", ".join(_lit(n) for n in names) + "]"
        parts.append(
            f"WHEN list_has_any(list_transform(string_split({expr}, ','), "
            f"lambda s: trim(s)), {arr}) THEN {_lit(sector)}"
        )
    return f"CASE WHEN {expr} IS NULL THEN NULL {' '.join(parts)} ELSE NULL END"


def _generic_sector(expr: str) -> str:
    """A sector from a code (GOV), a word (Military) or an ICEWS-style list."""
    first = f"upper(trim(split_part({expr}, ';', 1)))"
    return f"coalesce({_case_map(first, TYPE_SECTORS)}, {_icews_sector(expr)})"


def _country_key(expr: str) -> str:
    """Join key into _al_country: codes stay upper-case, names are lower-cased."""
    first = f"trim(split_part({expr}, ';', 1))"
    return (
        f"CASE WHEN regexp_full_match({first}, '[A-Z]{{3}}') THEN {first} ELSE lower({first}) END"
    )


def _name_code(name: str) -> str:
    """A code for an actor tied to no state: its name, upper-case, letters only."""
    return f"nullif(left(upper(regexp_replace({name}, '[^A-Za-z]', '', 'g')), 24), '')"


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where each staged value comes from: SQL expressions over the split line ``f``."""

    native_id: str
    date: str
    cameo: str
    source_key: str
    target_key: str
    source_code: str = "NULL"
    source_name: str = "NULL"
    source_sector: str = "NULL"
    target_code: str = "NULL"
    target_name: str = "NULL"
    target_sector: str = "NULL"
    goldstein: str = "NULL"
    quad_class: str = "NULL"
    is_root: str = "NULL"
    num_sources: str = "NULL"
    url: str = "NULL"
    doc_id: str = "NULL"
    sentence: str = "NULL"
    sentence_text: str = "NULL"
    trigger: str = "NULL"
    plover: str = "NULL"
    plover_mode: str = "NULL"
    ncol_ok: str = "TRUE"
    ncol_reason: str = "'wrong number of columns'"
    extra_reasons: tuple[tuple[str, str], ...] = ()
    code_raw: str | None = None  # the dataset's own event code, when ``cameo`` maps it


def _staged_sql(skip: int, lay: _Layout) -> str:
    """One SELECT over the chunk table ``_al_chunk`` (line, l) yielding every data line with
    its mapped columns and a reject reason (NULL for a good row)."""
    reasons = [
        f"WHEN NOT ({lay.ncol_ok}) THEN {lay.ncol_reason}",
        "WHEN native_id IS NULL THEN 'no event id'",
        "WHEN d IS NULL THEN 'bad date ' || coalesce('''' || date_raw || '''', '(missing)')",
        *[f"WHEN {cond} THEN {why}" for cond, why in lay.extra_reasons],
        "WHEN c.code IS NULL THEN 'unknown CAMEO code ' || coalesce('''' || cameo_raw || '''', "
        "'(missing)')",
    ]
    return f"""
    WITH src AS (
        SELECT line, string_split(l, E'\\t') AS f
        FROM _al_chunk
        WHERE l <> '' AND line > {skip}
    ),
    raw AS (
        SELECT line, len(f) AS ncol,
               {lay.native_id} AS native_id, {lay.date} AS date_raw, {lay.cameo} AS cameo_raw,
               {lay.source_key} AS source_key, {lay.target_key} AS target_key,
               {lay.source_code} AS r_source_code, {lay.source_name} AS source_name,
               {lay.source_sector} AS source_sector,
               {lay.target_code} AS r_target_code, {lay.target_name} AS target_name,
               {lay.target_sector} AS target_sector,
               try_cast({lay.goldstein} AS DOUBLE) AS r_goldstein,
               try_cast({lay.quad_class} AS TINYINT) AS r_quad,
               {lay.is_root} AS is_root, try_cast({lay.num_sources} AS INTEGER) AS num_sources,
               {lay.url} AS url, {lay.doc_id} AS doc_id,
               try_cast({lay.sentence} AS INTEGER) AS sentence,
               {lay.sentence_text} AS sentence_text, {lay.trigger} AS trigger,
               {lay.plover} AS r_plover, {lay.plover_mode} AS r_plover_mode,
               {lay.code_raw or lay.cameo} AS code_raw, f
        FROM src
    )
    SELECT raw.* EXCLUDE (f), c.code, c.root, c.goldstein AS c_goldstein, c.quad_class AS c_quad,
           c.plover AS c_plover, c.plover_mode AS c_plover_mode,
           sc.iso3 AS source_country, tc.iso3 AS target_country,
           coalesce(try_strptime(date_raw, '%Y%m%d')::DATE,
                    try_cast(date_raw AS DATE)) AS d,
           CASE {" ".join(reasons)} ELSE NULL END AS reason
    FROM raw
    LEFT JOIN _al_cameo c ON c.alias = raw.cameo_raw
    LEFT JOIN _al_country sc ON sc.key = raw.source_key
    LEFT JOIN _al_country tc ON tc.key = raw.target_key
    """


_EVENT_COLS = (
    "event_id, layer, doc_id, sentence, sentence_text, trigger, "
    "source_code, source_country, source_sector, source_name, source_text, "
    "target_code, target_country, target_sector, target_name, target_text, "
    "cameo, cameo_root, plover, plover_mode, goldstein, quad_class, modality, "
    "date_start, date_end, date_precision, date_basis, confidence, coder_version, run_id, "
    "native_id, num_sources, is_root, url"
)


Progress = Callable[[int, int], None]

IMPORT_MEMORY_ENV = "ALLEGIANCE_IMPORT_MEMORY"
DEFAULT_IMPORT_MEMORY = "1GB"


@contextlib.contextmanager
def _bounded_memory(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """DuckDB settings for a streaming import, restored afterwards: a memory limit (the key
    index spills beyond it) and no insertion-order bookkeeping."""
    old = con.execute(
        "SELECT current_setting('memory_limit'), current_setting('preserve_insertion_order')"
    ).fetchall()[0]
    limit = os.environ.get(IMPORT_MEMORY_ENV, "").strip() or DEFAULT_IMPORT_MEMORY
    try:
        con.execute(f"SET memory_limit = {_lit(limit)}")
    except duckdb.Error as exc:
        raise ImportError_(f"${IMPORT_MEMORY_ENV}={limit!r}: not a memory size ({exc})") from None
    con.execute("SET preserve_insertion_order = false")
    con.execute("SET enable_progress_bar = false")
    try:
        yield
    finally:
        con.execute(f"SET memory_limit = {_lit(old[0])}")
        con.execute(f"SET preserve_insertion_order = {'true' if old[1] else 'false'}")


def _insert_chunk(
    store: Store, chunk: Chunk, staged: str, kind: str, run_id: str, path: Path
) -> ImportCounts:
    """Map one chunk of lines in SQL and store it with its ledger rows in one transaction."""
    con = store.con
    con.register(
        "_al_chunk",
        pa.table(
            {
                "line": pa.array(range(chunk.first, chunk.first + len(chunk.lines)), pa.int64()),
                "l": pa.array(chunk.lines, pa.string()),
            }
        ),
    )
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _al_stage AS {staged}")
    finally:
        con.unregister("_al_chunk")
    src_code = (
        f"coalesce(r_source_code, source_country || coalesce(source_sector, ''), "
        f"{_name_code('source_name')})"
    )
    tgt_code = (
        f"coalesce(r_target_code, target_country || coalesce(target_sector, ''), "
        f"{_name_code('target_name')})"
    )
    counts = ImportCounts()
    with store.transaction():
        counts.rows = int(con.execute("SELECT count(*) FROM _al_stage").fetchall()[0][0])
        counts.rejected = int(
            con.execute(
                "INSERT INTO rejects (run_id, input, line, reason, kind) "
                "SELECT ?, ?, line, reason, 'rejected' FROM _al_stage WHERE reason IS NOT NULL",
                [run_id, str(path)],
            ).fetchall()[0][0]
        )
        counts.stored = int(
            con.execute(
                f"""
            INSERT OR IGNORE INTO events ({_EVENT_COLS})
            SELECT {_lit(kind)} || ':' || native_id, {_lit(kind)}, doc_id, sentence,
                   sentence_text, trigger,
                   {src_code}, source_country, source_sector, source_name, NULL,
                   {tgt_code}, target_country, target_sector, target_name, NULL,
                   code, root, coalesce(r_plover, c_plover),
                   CASE WHEN r_plover IS NOT NULL THEN r_plover_mode ELSE c_plover_mode END,
                   coalesce(r_goldstein, c_goldstein), coalesce(r_quad, c_quad), 'asserted',
                   d, d, 'day', 'document', 1.0, NULL, ?,
                   native_id, coalesce(num_sources, 1), is_root, url
            FROM _al_stage WHERE reason IS NULL
            """,
                [run_id],
            ).fetchall()[0][0]
        )
        counts.duplicates = counts.rows - counts.rejected - counts.stored
        store.add_to_run(
            run_id,
            stored=counts.stored,
            duplicates=counts.duplicates,
            rejected=counts.rejected,
            events=counts.stored,
        )
    for code, n in con.execute(
        "SELECT coalesce(code_raw, '(missing)'), count(*) FROM _al_stage "
        "WHERE reason LIKE 'unknown %' GROUP BY ALL"
    ).fetchall():
        counts.unknown_codes[str(code)] = int(n)
    return counts


def _add(total: ImportCounts, part: ImportCounts) -> None:
    total.rows += part.rows
    total.stored += part.stored
    total.duplicates += part.duplicates
    total.rejected += part.rejected
    for code, n in part.unknown_codes.items():
        total.unknown_codes[code] = total.unknown_codes.get(code, 0) + n


def _run_layout(
    store: Store,
    path: Path,
    run_id: str,
    kind: str,
    skip: int,
    lay: _Layout,
    progress: Progress | None = None,
) -> ImportCounts:
    """Stream ``path`` through the layout chunk by chunk; each chunk commits on its own, so
    memory stays bounded and an interrupted import keeps what it finished (importing the
    file again adds only the rest)."""
    con = store.con
    staged = _staged_sql(skip, lay)
    total_bytes = max(1, path.stat().st_size)
    done = 0

    def on_read(n: int) -> None:
        nonlocal done
        done += n
        if progress:
            progress(min(done, total_bytes), total_bytes)

    counts = ImportCounts()
    with _bounded_memory(con):
        _install_tables(con)
        try:
            for part in line_chunks(path, on_read):
                if isinstance(part, Cut):
                    with store.transaction():
                        store.add_reject(run_id, str(path), part.line, part.reason)
                        store.add_to_run(run_id, rejected=1)
                    _add(counts, ImportCounts(rows=1, rejected=1))
                    continue
                _add(counts, _insert_chunk(store, part, staged, kind, run_id, path))
        except duckdb.Error as exc:
            raise ImportError_(f"{path}: cannot import: {str(exc).splitlines()[0]}") from exc
        finally:
            con.execute("DROP TABLE IF EXISTS _al_stage")
    if progress:
        progress(total_bytes, total_bytes)
    return counts


# -- files --------------------------------------------------------------------------------------


def _header(
    path: Path, wanted: dict[str, Sequence[str]], required: Sequence[str]
) -> tuple[dict[str, int | None], int]:
    """The column index of each wanted field in the file's header line, and its width."""
    header = first_line(path).split("\t")
    return _header_index(header, path, wanted, required), len(header)


def _header_index(
    header: Sequence[str], path: Path, wanted: dict[str, Sequence[str]], required: Sequence[str]
) -> dict[str, int | None]:
    norm = {h.strip().lower(): i for i, h in enumerate(header)}
    out: dict[str, int | None] = {}
    for key, names in wanted.items():
        out[key] = next((norm[n.lower()] for n in names if n.lower() in norm), None)
    missing = [wanted[k][0] for k in required if out[k] is None]
    if missing:
        raise ImportError_(
            f"{path}: missing column(s) {', '.join(map(repr, missing))} "
            f"in the header (found: {', '.join(header[:12])}...)"
        )
    return out


# -- GDELT --------------------------------------------------------------------------------------


def _gdelt_layout(ncols: tuple[int, ...], url_col: dict[int, int]) -> _Layout:
    url_case = " ".join(f"WHEN ncol = {n} THEN {_field(i)}" for n, i in url_col.items())
    allowed = " or ".join(str(n) for n in ncols)
    return _Layout(
        native_id=_field(0),
        date=_field(1),
        source_code=_field(5),
        source_name=_field(6),
        source_key=_field(7),
        source_sector=_case_map(_field(12), TYPE_SECTORS),
        target_code=_field(15),
        target_name=_field(16),
        target_key=_field(17),
        target_sector=_case_map(_field(22), TYPE_SECTORS),
        is_root=f"{_field(25)} = '1'",
        cameo=_field(26),
        quad_class=_field(29),
        goldstein=_field(30),
        num_sources=_field(32),
        url=f"CASE {url_case} ELSE NULL END" if url_case else "NULL",
        ncol_ok=f"ncol IN ({', '.join(map(str, ncols))})",
        ncol_reason=f"'expected {allowed} tab-separated columns, found ' || ncol",
    )


def _gdelt_skip(path: Path) -> int:
    return 1 if first_line(path).split("\t", 1)[0].strip().upper() == "GLOBALEVENTID" else 0


def import_gdelt1(
    store: Store, path: Path, run_id: str, progress: Progress | None = None
) -> ImportCounts:
    """GDELT 1.0 events: 58 columns (daily files) or 57 (back files, no SOURCEURL)."""
    lay = _gdelt_layout((57, 58), {58: 57})
    return _run_layout(store, path, run_id, "gdelt1", _gdelt_skip(path), lay, progress)


def import_gdelt2(
    store: Store, path: Path, run_id: str, progress: Progress | None = None
) -> ImportCounts:
    """GDELT 2.0 events: 61 tab-separated columns, with or without a header line."""
    lay = _gdelt_layout((61,), {61: 60})
    return _run_layout(store, path, run_id, "gdelt2", _gdelt_skip(path), lay, progress)


# -- ICEWS --------------------------------------------------------------------------------------

_ICEWS_COLS: dict[str, Sequence[str]] = {
    "id": ("Event ID",),
    "date": ("Event Date",),
    "sname": ("Source Name",),
    "ssec": ("Source Sectors",),
    "scty": ("Source Country",),
    "text": ("Event Text",),
    "cameo": ("CAMEO Code",),
    "intensity": ("Intensity",),
    "tname": ("Target Name",),
    "tsec": ("Target Sectors",),
    "tcty": ("Target Country",),
    "story": ("Story ID",),
    "sent": ("Sentence Number",),
}


def import_icews(
    store: Store, path: Path, run_id: str, progress: Progress | None = None
) -> ImportCounts:
    """ICEWS events (tab-separated with a header; country names; repeated event ids)."""
    p = Path(path)
    ix, n = _header(p, _ICEWS_COLS, ("id", "date", "sname", "scty", "cameo", "tname", "tcty"))
    story = _field(ix["story"])
    lay = _Layout(
        native_id=_field(ix["id"]),
        date=_field(ix["date"]),
        cameo=_field(ix["cameo"]),
        source_key=f"lower({_field(ix['scty'])})",
        target_key=f"lower({_field(ix['tcty'])})",
        source_name=_field(ix["sname"]),
        target_name=_field(ix["tname"]),
        source_sector=_icews_sector(_field(ix["ssec"])),
        target_sector=_icews_sector(_field(ix["tsec"])),
        goldstein=_field(ix["intensity"]),
        doc_id=f"'icews:' || {story}" if ix["story"] is not None else "NULL",
        sentence=_field(ix["sent"]),
        trigger=_field(ix["text"]),
        ncol_ok=f"ncol = {n}",
        ncol_reason=f"'expected {n} tab-separated columns, found ' || ncol",
    )
    return _run_layout(store, p, run_id, "icews", 1, lay, progress)


# -- POLECAT ------------------------------------------------------------------------------------

_POLECAT_COLS: dict[str, Sequence[str]] = {
    "id": ("Event ID", "event_id"),
    "date": ("Event Date", "event_date"),
    "type": ("Event Type", "event_type"),
    "mode": ("Event Mode", "event_mode"),
    "intensity": ("Event Intensity", "event_intensity"),
    "sname": ("Actor Name", "source_actor", "Source Actor"),
    "scty": ("Actor Country", "source_country", "Source Country"),
    "ssec": ("Primary Actor Sector", "Actor Sector", "Actor Type", "source_agent"),
    "tname": ("Recipient Name", "Target Name", "target_actor"),
    "tcty": ("Recipient Country", "Target Country", "target_country"),
    "tsec": ("Primary Recipient Sector", "Recipient Sector", "Recipient Type", "target_agent"),
    "story": ("Story ID", "story_id"),
    "sent": ("Sentence Number", "sentence_number"),
    "text": ("Event Text", "Event Sentence", "event_text"),
    "url": ("Source URL", "URL", "url"),
}


def import_polecat(
    store: Store, path: Path, run_id: str, progress: Progress | None = None
) -> ImportCounts:
    """POLECAT (PLOVER-coded) events; the PLOVER type maps to a representative CAMEO root."""
    p = Path(path)
    ix, n = _header(p, _POLECAT_COLS, ("id", "date", "type", "sname", "scty", "tname", "tcty"))
    roots = {t: r for t in ontology.plover_types() if (r := plover_root(t))}
    ptype = f"upper({_field(ix['type'])})"
    story = _field(ix["story"])
    lay = _Layout(
        native_id=_field(ix["id"]),
        date=_field(ix["date"]),
        cameo=_case_map(_field(ix["type"]), roots),
        code_raw=_field(ix["type"]),
        source_key=_country_key(_field(ix["scty"])),
        target_key=_country_key(_field(ix["tcty"])),
        source_name=_field(ix["sname"]),
        target_name=_field(ix["tname"]),
        source_sector=_generic_sector(_field(ix["ssec"])),
        target_sector=_generic_sector(_field(ix["tsec"])),
        goldstein=_field(ix["intensity"]),
        plover=ptype,
        plover_mode=f"lower({_field(ix['mode'])})",
        doc_id=f"'polecat:' || {story}" if ix["story"] is not None else "NULL",
        sentence=_field(ix["sent"]),
        sentence_text=_field(ix["text"]),
        url=_field(ix["url"]),
        ncol_ok=f"ncol = {n}",
        ncol_reason=f"'expected {n} tab-separated columns, found ' || ncol",
        extra_reasons=(
            (
                f"{ptype} NOT IN ({', '.join(_lit(t) for t in roots)})",
                f"'unknown PLOVER event type ' || '''' || {_field(ix['type'])} || ''''",
            ),
        ),
    )
    return _run_layout(store, p, run_id, "polecat", 1, lay, progress)


# -- our own JSONL event records ----------------------------------------------------------------

_BATCH = 5000


def _jsonl_row(rec: dict[str, Any], run_id: str) -> dict[str, Any]:
    """A contract event record into an events row (ValueError with a reason when invalid)."""
    from allegiance.model import Actor, DateSpan, Event
    from allegiance.store import event_row

    if rec.get("type", "event") != "event":
        raise ValueError(f"not an event record (type {rec.get('type')!r})")
    src = rec.get("source")
    if not isinstance(src, dict) or not src.get("code"):
        raise ValueError("no source actor")
    code = rec.get("cameo")
    if not code or not ontology.is_valid(str(code)):
        raise ValueError(f"unknown CAMEO code {code!r}")
    entry = ontology.lookup(str(code))
    tgt = rec.get("target")
    span = rec.get("span") or [None, None]
    try:
        date = DateSpan.from_dict(rec.get("date"))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"bad date {rec.get('date')!r}") from exc
    modality = rec.get("modality") or "asserted"
    if modality not in ("asserted", "negated", "hypothetical", "future", "alleged", "speculative"):
        raise ValueError(f"unknown modality {modality!r}")
    ev = Event(
        doc_id=rec.get("doc_id"),
        sentence=rec.get("sentence"),
        span=(span[0], span[1]) if isinstance(span, list) and len(span) == 2 else (None, None),
        sentence_text=rec.get("sentence_text"),
        trigger=rec.get("trigger"),
        source=Actor.from_dict(src),
        target=Actor.from_dict(tgt) if isinstance(tgt, dict) and tgt.get("code") else None,
        cameo=entry.code,
        cameo_root=rec.get("cameo_root") or entry.root,
        plover=rec.get("plover", entry.plover),
        plover_mode=rec.get("plover_mode"),
        goldstein=float(rec["goldstein"]) if rec.get("goldstein") is not None else entry.goldstein,
        quad_class=int(rec["quad_class"])
        if rec.get("quad_class") is not None
        else entry.quad_class,
        modality=modality,
        date=date,
        confidence=float(rec["confidence"]) if rec.get("confidence") is not None else 1.0,
    )
    row = event_row(ev, rec.get("coder_version") or "", run_id)
    row["coder_version"] = rec.get("coder_version")
    row["layer"] = rec.get("layer") or "events"
    if rec.get("event_id"):
        row["event_id"] = str(rec["event_id"])
    row["native_id"] = rec.get("native_id")
    row["num_sources"] = int(rec.get("num_sources") or 1)
    row["url"] = rec.get("url")
    return row


def _insert_rows(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> int:
    """INSERT OR IGNORE a batch of event rows; returns how many were new."""
    table = pa.Table.from_pylist(rows)
    cols = ", ".join(table.column_names)
    con.register("_al_jsonl_batch", table)
    try:
        got = con.execute(
            f"INSERT OR IGNORE INTO events ({cols}) SELECT {cols} FROM _al_jsonl_batch"
        ).fetchall()
    finally:
        con.unregister("_al_jsonl_batch")
    return int(got[0][0]) if got else 0


def import_jsonl(
    store: Store, path: Path, run_id: str, progress: Progress | None = None
) -> ImportCounts:
    """Our own event records (the contract's JSONL) back into the store, in bounded batches.

    Records keep their ``layer`` (default 'events') and ``event_id``, so an export re-imported
    into another database is the same table, and re-importing adds nothing.  Each batch
    commits with its ledger rows, like the delimited importers' chunks.
    """
    counts = ImportCounts()
    path = Path(path)
    if not path.exists():
        raise ImportError_(f"{path}: no such file")
    batch: list[dict[str, Any]] = []
    rejects: list[tuple[int, str]] = []
    seen = 0
    total_bytes = max(1, path.stat().st_size)

    def flush() -> None:
        nonlocal seen
        if not batch and not rejects:
            return
        with store.transaction():
            stored = _insert_rows(store.con, batch) if batch else 0
            for lineno, reason in rejects:
                store.add_reject(run_id, str(path), lineno, reason)
            rows = counts.rows - seen
            store.add_to_run(
                run_id,
                stored=stored,
                duplicates=rows - len(rejects) - stored,
                rejected=len(rejects),
                events=stored,
            )
        counts.stored += stored
        counts.rejected += len(rejects)
        seen = counts.rows
        batch.clear()
        rejects.clear()
        if progress:
            progress(min(raw.tell(), total_bytes), total_bytes)

    try:
        with path.open("rb") as raw:
            binary: Any = gzip.GzipFile(fileobj=raw) if path.name.lower().endswith(".gz") else raw
            fh = io.TextIOWrapper(binary, encoding="utf-8")
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                counts.rows += 1
                try:
                    rec = json.loads(line)
                    if not isinstance(rec, dict):
                        raise ValueError("not a JSON object")
                    batch.append(_jsonl_row(rec, run_id))
                except json.JSONDecodeError as exc:
                    rejects.append((lineno, f"malformed JSON ({exc.msg})"))
                except (ValueError, TypeError, KeyError) as exc:
                    rejects.append((lineno, str(exc)))
                if len(batch) + len(rejects) >= _BATCH:
                    flush()
            flush()
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{path}: line {counts.rows + 1}: not UTF-8 text") from exc
    except (EOFError, OSError) as exc:
        raise ImportError_(f"{path}: cannot read: {exc}") from exc
    counts.duplicates = counts.rows - counts.rejected - counts.stored
    if progress:
        progress(total_bytes, total_bytes)
    return counts


EVENT_IMPORTERS: dict[str, EventImporter] = {
    "gdelt1": import_gdelt1,
    "gdelt2": import_gdelt2,
    "icews": import_icews,
    "polecat": import_polecat,
    "jsonl": import_jsonl,
}
