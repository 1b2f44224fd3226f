"""Event-data importers: GDELT 1.0 and 2.0, ICEWS, POLECAT and our own JSONL records.

Every delimited importer is set-based DuckDB SQL over a streaming scan of the file: each line
is read as one string (with its line number from a streaming ``row_number()``), split on tabs,
validated and mapped in SQL, then rejected rows go to ``rejects`` (file, line, reason) and valid
rows to ``events`` with ``INSERT OR IGNORE`` on ``event_id = kind:native id`` (the datasets
re-emit events; re-importing adds nothing).  Memory stays bounded whatever the file size;
``.gz`` is read by DuckDB directly, ``.zip`` is unpacked to a temporary file first.
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import json
import os
import tempfile
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pyarrow as pa

from allegiance import ontology
from allegiance.store.importers.base import ImportCounts, Importer, ImportError_

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


def _scan(path: Path) -> str:
    return (
        f"read_csv({_lit(str(path))}, columns={{'l': 'VARCHAR'}}, header=false, delim='\\0', "
        "quote='', escape='', auto_detect=false, strict_mode=false, max_line_size=10000000, "
        "compression='auto')"
    )


def _staged_sql(path: Path, skip: int, lay: _Layout) -> str:
    """One SELECT yielding every data line with its mapped columns and a reject reason."""
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
        FROM (SELECT row_number() OVER () AS line, l FROM {_scan(path)})
        WHERE l IS NOT NULL AND line > {skip}
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
               {lay.plover} AS r_plover, {lay.plover_mode} AS r_plover_mode, f
        FROM src
    ),
    p AS (
        SELECT raw.*, c.code, c.root, c.goldstein AS c_goldstein, c.quad_class AS c_quad,
               c.plover AS c_plover, c.plover_mode AS c_plover_mode,
               sc.iso3 AS source_country, tc.iso3 AS target_country,
               coalesce(try_strptime(date_raw, '%Y%m%d')::DATE,
                        try_cast(date_raw AS DATE)) AS d,
               CASE {" ".join(reasons)} ELSE NULL END AS reason
        FROM raw
        LEFT JOIN _al_cameo c ON c.alias = raw.cameo_raw
        LEFT JOIN _al_country sc ON sc.key = raw.source_key
        LEFT JOIN _al_country tc ON tc.key = raw.target_key
    )
    SELECT * FROM p
    """


_EVENT_COLS = (
    "event_id, layer, doc_id, sentence, sentence_text, trigger, "
    "source_code, source_country, source_sector, source_name, source_text, "
    "target_code, target_country, target_sector, target_name, target_text, "
    "cameo, cameo_root, plover, plover_mode, goldstein, quad_class, modality, "
    "date_start, date_end, date_precision, date_basis, confidence, coder_version, run_id, "
    "native_id, num_sources, is_root, url"
)


def _run_layout(
    store: Store, path: Path, run_id: str, kind: str, skip: int, lay: _Layout
) -> ImportCounts:
    con = store.con
    con.execute("SET enable_progress_bar = false")
    _install_tables(con)
    staged = _staged_sql(path, skip, lay)
    counts = ImportCounts()
    try:
        counts.rows = int(
            con.execute(
                f"SELECT count(*) FROM (SELECT row_number() OVER () AS line, l FROM {_scan(path)}) "
                f"WHERE l IS NOT NULL AND line > {skip}"
            ).fetchall()[0][0]
        )
        counts.rejected = int(
            con.execute(
                f"INSERT INTO rejects (run_id, input, line, reason, kind) "
                f"SELECT ?, ?, line, reason, 'rejected' FROM ({staged}) WHERE reason IS NOT NULL",
                [run_id, str(path)],
            ).fetchall()[0][0]
        )
        src_code = (
            f"coalesce(r_source_code, source_country || coalesce(source_sector, ''), "
            f"{_name_code('source_name')})"
        )
        tgt_code = (
            f"coalesce(r_target_code, target_country || coalesce(target_sector, ''), "
            f"{_name_code('target_name')})"
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
            FROM ({staged}) WHERE reason IS NULL
            """,
                [run_id],
            ).fetchall()[0][0]
        )
    except duckdb.Error as exc:
        msg = str(exc).splitlines()[0]
        if "gzip" in msg.lower() or "zlib" in msg.lower() or "compress" in msg.lower():
            raise ImportError_(f"{path}: corrupt or truncated compressed file ({msg})") from exc
        raise ImportError_(f"{path}: cannot read: {msg}") from exc
    counts.duplicates = counts.rows - counts.rejected - counts.stored
    return counts


# -- files --------------------------------------------------------------------------------------


@contextlib.contextmanager
def _readable(path: Path) -> Iterator[Path]:
    """The path DuckDB should read: a .zip's data member is unpacked to a temporary file."""
    path = Path(path)
    if not path.exists():
        raise ImportError_(f"{path}: no such file")
    if path.is_dir():
        raise ImportError_(f"{path}: is a folder, not a file")
    if path.stat().st_size == 0:
        raise ImportError_(f"{path}: empty file")
    if not zipfile.is_zipfile(path):
        yield path
        return
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise ImportError_(f"{path}: not a readable zip file: {exc}") from exc
    with zf:
        members = [m for m in zf.infolist() if not m.is_dir()]
        if len(members) != 1:
            raise ImportError_(f"{path}: expected one data file in the zip, found {len(members)}")
        info = members[0]
        limit = max_archive_bytes()
        if info.file_size > limit:
            raise ImportError_(
                f"{path}: decompressed size {info.file_size:,} bytes exceeds "
                f"the limit of {limit:,} (${ARCHIVE_ENV})"
            )
        if info.file_size > _BOMB_MIN and info.file_size > _BOMB_RATIO * max(1, info.compress_size):
            raise ImportError_(f"{path}: compression ratio over {_BOMB_RATIO}:1 (zip bomb?)")
        with tempfile.TemporaryDirectory(prefix="allegiance-import-") as tmp:
            out = Path(tmp) / Path(info.filename).name
            written = 0
            try:
                with zf.open(info) as src, out.open("wb") as dst:
                    while chunk := src.read(1 << 20):
                        written += len(chunk)
                        if written > limit:  # the header lied about the size
                            raise ImportError_(
                                f"{path}: decompressed size exceeds the limit "
                                f"of {limit:,} bytes (${ARCHIVE_ENV})"
                            )
                        dst.write(chunk)
            except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
                raise ImportError_(f"{path}: corrupt zip file: {exc}") from exc
            yield out


ARCHIVE_ENV = "ALLEGIANCE_MAX_ARCHIVE_BYTES"
DEFAULT_MAX_ARCHIVE_BYTES = 16 * 1024**3
_BOMB_MIN = 100 * 1024**2  # members smaller than this may compress as well as they like
_BOMB_RATIO = 200  # real event files compress about 10:1; zeros about 1000:1


def max_archive_bytes() -> int:
    """The most an import archive may unpack to: ``$ALLEGIANCE_MAX_ARCHIVE_BYTES``, else 16 GiB."""
    raw = os.environ.get(ARCHIVE_ENV, "").strip().replace("_", "")
    try:
        return max(1, int(raw)) if raw else DEFAULT_MAX_ARCHIVE_BYTES
    except ValueError:
        raise ImportError_(f"${ARCHIVE_ENV}={raw!r}: not a number of bytes") from None


def _first_line(path: Path) -> str:
    with path.open("rb") as fh:
        magic = fh.read(2)
    opener: Callable[..., Any] = gzip.open if magic == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as fh:
            raw = fh.readline(1 << 20)
    except (OSError, EOFError) as exc:
        raise ImportError_(f"{path}: cannot read: {exc}") from exc
    if b"\x00" in raw:
        raise ImportError_(f"{path}: binary file, not tab-separated text")
    return raw.decode("utf-8", errors="replace").lstrip("\ufeff").rstrip("\r\n")


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
    return 1 if _first_line(path).split("\t", 1)[0].strip().upper() == "GLOBALEVENTID" else 0


def import_gdelt1(store: Store, path: Path, run_id: str) -> ImportCounts:
    """GDELT 1.0 events: 58 columns (daily files) or 57 (back files, no SOURCEURL)."""
    with _readable(path) as p:
        lay = _gdelt_layout((57, 58), {58: 57})
        return _relabel(
            _run_layout(store, p, run_id, "gdelt1", _gdelt_skip(p), lay), store, run_id, p, path
        )


def import_gdelt2(store: Store, path: Path, run_id: str) -> ImportCounts:
    """GDELT 2.0 events: 61 tab-separated columns, with or without a header line."""
    with _readable(path) as p:
        lay = _gdelt_layout((61,), {61: 60})
        return _relabel(
            _run_layout(store, p, run_id, "gdelt2", _gdelt_skip(p), lay), store, run_id, p, path
        )


def _relabel(
    counts: ImportCounts, store: Store, run_id: str, used: Path, given: Path
) -> ImportCounts:
    """Rejects name the file the user gave, not a temporary unpacked copy."""
    if Path(used) != Path(given):
        store.con.execute(
            "UPDATE rejects SET input = ? WHERE run_id = ? AND input = ?",
            [str(given), run_id, str(used)],
        )
    return counts


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


def import_icews(store: Store, path: Path, run_id: str) -> ImportCounts:
    """ICEWS events (tab-separated with a header; country names; repeated event ids)."""
    with _readable(path) as p:
        header = _first_line(p).split("\t")
        ix = _header_index(
            header, p, _ICEWS_COLS, ("id", "date", "sname", "scty", "cameo", "tname", "tcty")
        )
        n = len(header)
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
        return _relabel(_run_layout(store, p, run_id, "icews", 1, lay), store, run_id, p, path)


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


def import_polecat(store: Store, path: Path, run_id: str) -> ImportCounts:
    """POLECAT (PLOVER-coded) events; the PLOVER type maps to a representative CAMEO root."""
    with _readable(path) as p:
        header = _first_line(p).split("\t")
        ix = _header_index(
            header, p, _POLECAT_COLS, ("id", "date", "type", "sname", "scty", "tname", "tcty")
        )
        n = len(header)
        roots = {t: r for t in ontology.plover_types() if (r := plover_root(t))}
        ptype = f"upper({_field(ix['type'])})"
        story = _field(ix["story"])
        lay = _Layout(
            native_id=_field(ix["id"]),
            date=_field(ix["date"]),
            cameo=_case_map(_field(ix["type"]), roots),
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
        return _relabel(_run_layout(store, p, run_id, "polecat", 1, lay), store, run_id, p, path)


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


def import_jsonl(store: Store, path: Path, run_id: str) -> ImportCounts:
    """Our own event records (the contract's JSONL) back into the store, in bounded batches.

    Records keep their ``layer`` (default 'events') and ``event_id``, so an export re-imported
    into another database is the same table, and re-importing adds nothing.
    """
    counts = ImportCounts()
    path = Path(path)
    if not path.exists():
        raise ImportError_(f"{path}: no such file")
    opener: Callable[..., Any] = gzip.open if path.name.lower().endswith(".gz") else open
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        if batch:
            counts.stored += _insert_rows(store.con, batch)
            batch.clear()

    try:
        with opener(path, "rt", encoding="utf-8") as fh:
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
                    counts.rejected += 1
                    store.add_reject(run_id, str(path), lineno, f"malformed JSON ({exc.msg})")
                except (ValueError, TypeError, KeyError) as exc:
                    counts.rejected += 1
                    store.add_reject(run_id, str(path), lineno, str(exc))
                if len(batch) >= _BATCH:
                    flush()
            flush()
    except UnicodeDecodeError as exc:
        raise ImportError_(f"{path}: not UTF-8 text") from exc
    except (EOFError, OSError) as exc:
        raise ImportError_(f"{path}: cannot read: {exc}") from exc
    counts.duplicates = counts.rows - counts.rejected - counts.stored
    return counts


EVENT_IMPORTERS: dict[str, Importer] = {
    "gdelt1": import_gdelt1,
    "gdelt2": import_gdelt2,
    "icews": import_icews,
    "polecat": import_polecat,
    "jsonl": import_jsonl,
}
