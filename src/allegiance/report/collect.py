"""Gather everything a report shows, as contract-shaped dicts, from a store.

This is the only module of the report that calls ``allegiance.analysis``; the renderer works
on the dicts it returns, so it can be tested on hand-built data of the contract shapes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from allegiance.store import Store, fetch_dicts

MAX_NODES = 30  # a picture with more states than this is unreadable
MAX_STRIP = 6


def analysis_module() -> Any:
    """The analysis package, imported late so the report loads even while it is absent."""
    import allegiance.analysis as analysis

    return analysis


def data_years(store: Store) -> tuple[int, int] | None:
    """First and last year with any dated record in any layer."""
    row = store.con.execute(
        "SELECT min(y0), max(y1) FROM ("
        " SELECT min(year(date_start)) AS y0, max(year(coalesce(date_end, date_start))) AS y1"
        " FROM events WHERE date_start IS NOT NULL"
        " UNION ALL SELECT min(year(date_start)), max(year(coalesce(date_end, date_start)))"
        " FROM relations WHERE date_start IS NOT NULL"
        " UNION ALL SELECT min(year(start_date)), max(year(end_date)) FROM ties)"
    ).fetchone()
    if row is None or row[0] is None:
        return None
    return int(row[0]), int(row[1])


def default_periods(store: Store, parts: int = 5) -> list[str]:
    """Split the data's year range into up to ``parts`` spans of whole years (period labels)."""
    years = data_years(store)
    if years is None:
        return []
    y0, y1 = years
    n = y1 - y0 + 1
    if n <= parts:
        return [str(y) for y in range(y0, y1 + 1)]
    edges = np.linspace(y0, y1 + 1, parts + 1)
    out = []
    for i in range(parts):
        a, b = int(round(edges[i])), int(round(edges[i + 1])) - 1
        out.append(str(a) if a == b else f"{a}-{b}")
    return out


def top_nodes(nodes: Sequence[str], weights: np.ndarray, limit: int = MAX_NODES) -> list[int]:
    """Indices of the ``limit`` states with the most tie weight, in their original order."""
    if len(nodes) <= limit:
        return list(range(len(nodes)))
    strength = np.abs(np.nan_to_num(weights)).sum(axis=1)
    keep = sorted(np.argsort(-strength, kind="stable")[:limit].tolist())
    return keep


def network_panel(
    store: Store, period: str | None, layers: dict[str, float] | None
) -> dict[str, Any] | None:
    """Nodes, weights and blocs of one period (None when the period holds no ties)."""
    an = analysis_module()
    net = an.signed_network(store, period=period, layers=layers)
    nodes = list(net.nodes)
    weights = np.asarray(net.weights, dtype=float)
    if not nodes or not np.abs(np.nan_to_num(weights)).sum():
        return None
    keep = top_nodes(nodes, weights)
    nodes = [nodes[i] for i in keep]
    weights = weights[np.ix_(keep, keep)]
    bl = an.blocs(store, period=period, layers=layers).to_dict()
    shown = set(nodes)
    blocs = [[s for s in b if s in shown] for b in bl.get("blocs") or []]
    blocs = [b for b in blocs if b]
    return {
        "period": period or bl.get("period") or "all data",
        "nodes": nodes,
        "weights": weights,
        "blocs": blocs,
        "frustration": bl.get("frustration"),
        "method": bl.get("method"),
        "baseline": bl.get("baseline"),
    }


def _alignment_value(d: dict[str, Any]) -> float | None:
    for key in ("kappa", "s_score", "alignment", "similarity", "score"):
        v = d.get(key)
        if isinstance(v, int | float):
            return float(v)
    return None


def alignment_matrix(
    store: Store, nodes: Sequence[str], period: str | None, layers: dict[str, float] | None
) -> list[list[float | None]]:
    """States × states alignment (similarity of their relations to everyone else)."""
    an = analysis_module()
    n = len(nodes)
    m: list[list[float | None]] = [[None] * n for _ in range(n)]
    pairs = an.alignment_matrix(store, list(nodes), period=period, layers=layers)
    for i in range(n):
        m[i][i] = 1.0
        for j in range(i + 1, n):
            res = pairs.get((nodes[i], nodes[j])) or pairs.get((nodes[j], nodes[i]))
            if res is None:
                continue
            v = _alignment_value(res.to_dict() if hasattr(res, "to_dict") else dict(res))
            m[i][j] = m[j][i] = v
    return m


def documents_by_id(store: Store, doc_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Title, date and URL of the documents behind the evidence."""
    ids = sorted({d for d in doc_ids if d})
    if not ids:
        return {}
    rows = fetch_dicts(
        store.con,
        "SELECT doc_id, title, date, url, source FROM documents WHERE doc_id IN (SELECT unnest(?))",
        [ids],
    )
    return {r["doc_id"]: r for r in rows}


def corpus_facts(store: Store, layers: dict[str, float] | None) -> dict[str, Any]:
    """What the methods section states: corpus size, coder versions, layers and weights."""
    con = store.con
    versions = [
        r[0]
        for r in con.execute(
            "SELECT DISTINCT coder_version FROM ("
            " SELECT coder_version FROM runs UNION ALL SELECT coder_version FROM events"
            " UNION ALL SELECT coder_version FROM relations)"
            " WHERE coder_version IS NOT NULL ORDER BY 1"
        ).fetchall()
    ]
    present = store.layers()
    weights = dict(layers) if layers else {name: 1.0 for name in present}
    per_layer = fetch_dicts(
        con,
        "SELECT layer, sum(n_events) AS events, sum(n_relations) AS relations,"
        " sum(n_ties) AS ties FROM ("
        " SELECT layer, count(*) AS n_events, 0 AS n_relations, 0 AS n_ties FROM events GROUP BY 1"
        " UNION ALL SELECT layer, 0, count(*), 0 FROM relations GROUP BY 1"
        " UNION ALL SELECT layer, 0, 0, count(*) FROM ties GROUP BY 1) GROUP BY layer ORDER BY 1",
    )
    years = data_years(store)
    return {
        "documents": store.count("documents"),
        "events": store.count("events"),
        "relations": store.count("relations"),
        "ties": store.count("ties"),
        "runs": store.count("runs"),
        "coder_versions": versions,
        "layers": [{**r, "weight": weights.get(r["layer"], 0.0)} for r in per_layer],
        "years": years,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def collect(
    store: Store,
    *,
    axis: tuple[list[str], list[str]] | None = None,
    layers: dict[str, float] | None = None,
    periods: list[str] | None = None,
    by: str = "year",
    top_shifts: int = 5,
) -> dict[str, Any]:
    """Run the analyses a report needs; return plain dicts (and numpy weights) for rendering."""
    an = analysis_module()
    if periods:
        periods = [an.parse_period(p).label for p in periods]
    raw_shifts = an.shifts(store, by=by, layers=layers, top=20).to_dict().get("shifts") or []
    chosen: list[dict[str, Any]] = []
    seen: set[frozenset[str]] = set()
    for s in raw_shifts:
        key = frozenset((s.get("a"), s.get("b")))
        if key in seen:
            continue
        seen.add(key)
        chosen.append(s)
        if len(chosen) >= top_shifts:
            break
    dyads = [
        an.dyad_series(store, s["a"], s["b"], by=by, layers=layers, evidence=3).to_dict()
        for s in chosen
        if s.get("b")  # bloc changes concern one state, not a dyad
    ]
    strip_periods = periods or default_periods(store)
    panels = (network_panel(store, per, layers) for per in strip_periods[:MAX_STRIP])
    strip = [p for p in panels if p]
    if periods:
        big = [p for p in strip if p["period"] in periods[:4]]
    else:
        big = [strip[0], strip[-1]] if len(strip) > 1 else list(strip)
    if not strip:
        whole = network_panel(store, None, layers)
        big = [whole] if whole else []
    heat = None
    if big:
        last = big[-1]
        per = last["period"] if last["period"] != "all data" else None
        nodes = last["nodes"][:25]
        heat = {
            "period": last["period"],
            "states": nodes,
            "matrix": alignment_matrix(store, nodes, per, layers),
        }
    axis_result = None
    if axis is not None:
        axis_result = an.axis(store, list(axis[0]), list(axis[1]), by=by, layers=layers).to_dict()
    evidence_ids = [ev.get("doc_id") for s in chosen for ev in (s.get("evidence") or [])]
    for d in dyads:
        for p in d.get("series") or []:
            evidence_ids += [ev.get("doc_id") for ev in p.get("evidence") or []]
    return {
        "shifts": chosen,
        "dyads": dyads,
        "strip": strip,
        "networks": big,
        "heatmap": heat,
        "axis": axis_result,
        "documents": documents_by_id(store, evidence_ids),
        "facts": corpus_facts(store, layers),
        "by": by,
    }
