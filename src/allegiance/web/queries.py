"""The dashboard's own SQL: event search, documents with their coded spans, states present.

Every value is a bound parameter; only fixed column names are ever written into SQL text.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from allegiance.model import MODALITIES
from allegiance.report.words import state_name
from allegiance.store import Store, event_record, fetch_dicts, relation_record

MAX_PAGE_SIZE = 500
CODE_RE = re.compile(r"^[A-Z]{3}$")
CAMEO_RE = re.compile(r"^\d{2,4}$")


class ParamError(ValueError):
    """A request parameter a user can fix; the message names the parameter and the reason."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.status = status


def parse_day(value: str | None, name: str) -> dt.date | None:
    if value is None or value == "":
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ParamError(f"{name}: {value!r} is not a date (expected YYYY-MM-DD)") from None


def states(store: Store) -> list[dict[str, Any]]:
    """Every state code present in any layer, with its name and how often it occurs."""
    rows = fetch_dicts(
        store.con,
        "SELECT code, sum(n) AS records FROM ("
        " SELECT source_country AS code, count(*) AS n FROM events GROUP BY 1"
        " UNION ALL SELECT target_country, count(*) FROM events GROUP BY 1"
        " UNION ALL SELECT a_country, count(*) FROM relations GROUP BY 1"
        " UNION ALL SELECT b_country, count(*) FROM relations GROUP BY 1"
        " UNION ALL SELECT a, count(*) FROM ties GROUP BY 1"
        " UNION ALL SELECT b, count(*) FROM ties GROUP BY 1)"
        " WHERE code IS NOT NULL GROUP BY code ORDER BY code",
    )
    return [
        {"code": r["code"], "name": state_name(r["code"]), "records": int(r["records"])}
        for r in rows
    ]


def lineage(code: str) -> str:
    """The successor code analysis uses for a dissolved state (SUN -> RUS), else the code."""
    try:
        from allegiance.analysis.scores import apply_lineage

        return apply_lineage(code, True)
    except Exception:  # noqa: BLE001 - no lineage table: codes stand as given
        return code


def check_state(store: Store, value: str | None, name: str, known: set[str] | None = None) -> str:
    """An ISO3 code present in the data (directly or through its successor), upper-cased."""
    if value is None or not value.strip():
        raise ParamError(f"{name}: a state code is required (e.g. RUS)")
    code = value.strip().upper()
    if not CODE_RE.match(code):
        raise ParamError(f"{name}: {value!r} is not a state code (three letters, e.g. RUS)")
    if known is None:
        known = {s["code"] for s in states(store)}
    if code not in known and lineage(code) not in known:
        raise ParamError(f"{name}: unknown country code {code!r} (not in this database)")
    return code


@dataclass(slots=True)
class EventQuery:
    start: dt.date | None = None
    end: dt.date | None = None
    country: str | None = None
    code: str | None = None
    modality: str | None = None
    layer: str | None = None
    page: int = 1
    size: int = 50


def check_event_query(store: Store, q: EventQuery) -> EventQuery:
    """Validate filters against the data; raise ParamError naming the bad one."""
    if q.start and q.end and q.start > q.end:
        raise ParamError(f"start {q.start} is after end {q.end}")
    if q.country:
        q.country = check_state(store, q.country, "country")
    if q.code:
        q.code = q.code.strip()
        if not CAMEO_RE.match(q.code):
            raise ParamError(f"code: {q.code!r} is not a CAMEO code (2 to 4 digits, e.g. 062)")
    if q.modality and q.modality not in MODALITIES:
        raise ParamError(f"modality: {q.modality!r} is not one of {', '.join(MODALITIES)}")
    if q.layer and q.layer not in store.layers():
        raise ParamError(
            f"layer: unknown layer {q.layer!r} (present: {', '.join(store.layers()) or 'none'})"
        )
    if q.page < 1:
        raise ParamError("page: must be 1 or more")
    if not 1 <= q.size <= MAX_PAGE_SIZE:
        raise ParamError(f"size: must be between 1 and {MAX_PAGE_SIZE}")
    return q


def search_events(store: Store, q: EventQuery) -> dict[str, Any]:
    """One page of events matching the filters, as contract records, with the total count."""
    where: list[str] = []
    args: list[Any] = []
    if q.start:
        where.append("coalesce(date_end, date_start) >= ?")
        args.append(q.start)
    if q.end:
        where.append("date_start <= ?")
        args.append(q.end)
    if q.country:
        where.append("(source_country IN (?, ?) OR target_country IN (?, ?))")
        args += [q.country, lineage(q.country)] * 2
    if q.code:
        where.append("(cameo LIKE ? OR cameo_root = ?)")
        args += [q.code + "%", q.code]
    if q.modality:
        where.append("modality = ?")
        args.append(q.modality)
    if q.layer:
        where.append("layer = ?")
        args.append(q.layer)
    clause = (" WHERE " + " AND ".join(where)) if where else ""
    total = int(store.con.execute("SELECT count(*) FROM events" + clause, args).fetchone()[0])
    rows = fetch_dicts(
        store.con,
        "SELECT * FROM events"
        + clause
        + " ORDER BY date_start NULLS LAST, doc_id, sentence, event_id LIMIT ? OFFSET ?",
        [*args, q.size, (q.page - 1) * q.size],
    )
    return {
        "total": total,
        "page": q.page,
        "size": q.size,
        "pages": max(1, -(-total // q.size)),
        "events": [event_record(r) for r in rows],
    }


def document(store: Store, doc_id: str) -> dict[str, Any] | None:
    """A document's text and metadata with the events and relations coded from it."""
    rows = fetch_dicts(
        store.con,
        "SELECT doc_id, title, date, url, source, text FROM documents WHERE doc_id = ?",
        [doc_id],
    )
    if not rows:
        return None
    doc = rows[0]
    events = [
        event_record(r)
        for r in fetch_dicts(
            store.con,
            "SELECT * FROM events WHERE doc_id = ? ORDER BY span_start NULLS LAST, event_id",
            [doc_id],
        )
    ]
    relations = [
        relation_record(r)
        for r in fetch_dicts(
            store.con,
            "SELECT * FROM relations WHERE doc_id = ? ORDER BY span_start NULLS LAST, relation_id",
            [doc_id],
        )
    ]
    return {
        "doc_id": doc["doc_id"],
        "title": doc["title"],
        "date": doc["date"].isoformat() if doc["date"] else None,
        "url": doc["url"],
        "source": doc["source"],
        "text": doc["text"],
        "events": events,
        "relations": relations,
    }


def _record_label(rec: dict[str, Any]) -> tuple[str, str]:
    """(css class, tooltip) for a coded record."""

    def who(actor: dict[str, Any] | None) -> str:
        if not actor:
            return "?"
        return str(actor.get("code") or actor.get("country") or "?")

    modality = rec.get("modality") or "asserted"
    if rec.get("type") == "relation":
        tip = f"{who(rec.get('a'))} – {who(rec.get('b'))}: {rec.get('stance')} ({modality})"
        return "rel", tip
    quad = rec.get("quad_class") or 0
    tip = (
        f"{who(rec.get('source'))} → {who(rec.get('target'))}: CAMEO {rec.get('cameo')}"
        f" ({rec.get('plover') or ''}, {modality})"
    )
    return f"q{quad}", tip


def segments(text: str, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Cut the text at every coded span boundary: pieces with the records covering them.

    The template escapes each piece, so highlighting never turns article text into markup.
    """
    spans = []
    n = len(text)
    for rec in records:
        span = rec.get("span")
        if not span or span[0] is None or span[1] is None:
            continue
        s, e = max(0, int(span[0])), min(n, int(span[1]))
        if e > s:
            spans.append((s, e, rec))
    cuts = sorted({0, n, *[s for s, _, _ in spans], *[e for _, e, _ in spans]})
    out = []
    anchored: set[int] = set()
    for s, e in zip(cuts[:-1], cuts[1:], strict=True):
        covering = [rec for (a, b, rec) in spans if a <= s and e <= b]
        piece: dict[str, Any] = {"text": text[s:e], "mark": bool(covering)}
        if covering:
            labels = [_record_label(r) for r in covering]
            piece["cls"] = labels[0][0]
            piece["title"] = "\n".join(dict.fromkeys(t for _, t in labels))
            starts = [a for (a, _b, _r) in spans if a == s]
            if starts and s not in anchored:
                piece["anchor"] = f"span-{s}"
                anchored.add(s)
        out.append(piece)
    return out
