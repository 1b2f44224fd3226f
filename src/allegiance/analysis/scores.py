"""The relation score r(a, b, t) for all dyads at once, as one DuckDB query.

Every piece of evidence (coded or imported event, relation statement, structured tie) becomes
a record ``(a, b, d0, d1, x, w)``: a value x in [-1, 1] held over the dates [d0, d1] with an
evidence weight w.  Records are spread over periods (events as a unit mass over their date
span, relations and ties by the share of the period they cover), summed per dyad and period,
decayed forward with a half-life, and shrunk towards 0::

    W(t) = sum_s sum_i w_i f_i(s) 2^-((t-s)/h)      S(t) = same with w_i x_i
    r(t) = S(t) / (W(t) + W0)

See docs/analysis.md for the weights.  Python never loops over records: the only rows that
reach Python are dyad-period aggregates and the few evidence records asked for.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pandas as pd

from allegiance.analysis.periods import Period, check_grid, grid_period

# ---------------------------------------------------------------------------------------------
# weights (documented in docs/analysis.md)

MODALITY_WEIGHTS: dict[str, float] = {
    "asserted": 1.0,
    "alleged": 0.5,
    "future": 0.3,
    "hypothetical": 0.15,
    "speculative": 0.15,
    "negated": 0.0,
}
RELATION_WEIGHT = 3.0  # a relation statement is worth three plain events
TIE_WEIGHT = 2.0  # a structured tie (alliance, dispute, UN agreement) per period it covers
UNGA_FULL_VOTES = 5.0  # a UN dyad-year with fewer common votes counts proportionally less
SOURCES_CAP = 3.0  # num_sources weight 1 + ln(n), capped
PRIOR_WEIGHT = 1.0  # W0: pseudo-evidence at score 0 (shrinkage)
HALF_LIFE_YEARS = 1.0  # forward decay of evidence across periods
DECAY_HORIZON = 0.05  # evidence older than this fraction of its weight is dropped
MIN_EVIDENCE = 0.5  # dyads below this total weight are left out of networks

_CODE_RE = re.compile(r"^[A-Za-z0-9_.\- ]{1,40}$")

_FALLBACK_LINEAGE = {
    "SUN": "RUS",
    "DDR": "DEU",
    "YUG": "SRB",
    "SCG": "SRB",
    "CSK": "CZE",
    "YMD": "YEM",
    "VDR": "VNM",
}


@cache
def _gazetteer_lineage() -> dict[str, str]:
    try:
        from allegiance.actors import Gazetteer

        g = Gazetteer.default()
        raw = g.lineage() if callable(g.lineage) else g.lineage
        out = {}
        for code in raw:
            succ = g.successor(code) if hasattr(g, "successor") else raw[code]
            if isinstance(succ, list | tuple):
                succ = succ[0] if succ else None
            if succ and succ != code:
                out[str(code)] = str(succ)
        return out
    except Exception:  # the actors package is optional for analysis: fall back to the core
        return dict(_FALLBACK_LINEAGE)


def lineage_map(lineage: bool = True) -> dict[str, str]:
    """Dissolved state -> today's successor (SUN -> RUS), or {} when lineage is off."""
    return _gazetteer_lineage() if lineage else {}


def apply_lineage(code: str, lineage: bool = True) -> str:
    code = code.strip().upper()
    return lineage_map(lineage).get(code, code)


def _lit(s: str) -> str:
    if not _CODE_RE.match(s):
        raise ValueError(f"bad code {s!r}")
    return "'" + s.replace("'", "''") + "'"


@dataclass(slots=True)
class Spec:
    """What evidence to use: layer weights (None: all, weight 1), lineage, state filter."""

    layers: dict[str, float] | None = None
    lineage: bool = True
    states: Sequence[str] | None = None
    half_life: float = HALF_LIFE_YEARS
    extra: dict[str, Any] = field(default_factory=dict)


def _mod_case(col: str) -> str:
    parts = " ".join(f"WHEN '{m}' THEN {w}" for m, w in MODALITY_WEIGHTS.items())
    return f"(CASE coalesce({col}, 'asserted') {parts} ELSE 0.5 END)"


def records_cte(spec: Spec) -> str:
    """SQL CTEs ending in ``dy``: one row per piece of evidence between two distinct states,
    canonical dyad (a < b), with value x, weight w, dates and the fields evidence needs."""
    lin = lineage_map(spec.lineage)
    if lin:
        lin_rows = ", ".join(f"({_lit(k)}, {_lit(v)})" for k, v in sorted(lin.items()))
        lin_cte = f"lin(code, succ) AS (VALUES {lin_rows})"
    else:
        lin_cte = "lin(code, succ) AS (SELECT NULL::VARCHAR, NULL::VARCHAR WHERE false)"
    if spec.layers is None:
        lw_cte = "lw(layer, lw) AS (SELECT NULL::VARCHAR, 1.0::DOUBLE WHERE false)"

        def lw_join(alias: str) -> str:
            return ""

        lw_expr = "1.0"
    else:
        rows = [(k, v) for k, v in spec.layers.items() if v > 0]
        if rows:
            vals = ", ".join(f"({_lit(k)}, {float(v)!r}::DOUBLE)" for k, v in rows)
            lw_cte = f"lw(layer, lw) AS (VALUES {vals})"
        else:
            lw_cte = "lw(layer, lw) AS (SELECT NULL::VARCHAR, 1.0::DOUBLE WHERE false)"

        def lw_join(alias: str) -> str:
            return f"JOIN lw ON lw.layer = {alias}.layer"

        lw_expr = "lw.lw"
    mod_e, mod_r = _mod_case("e.modality"), _mod_case("r.modality")
    state_filter = ""
    if spec.states is not None:
        lst = ", ".join(_lit(s) for s in spec.states) or "NULL"
        state_filter = f"AND ca IN ({lst}) AND cb IN ({lst})"
    return f"""
{lin_cte},
{lw_cte},
-- Wire copies of one story (documents sharing a cluster_id) report the same event many times:
-- it counts once, with the number of copies as its number of sources.
evc AS (
    SELECT e.*,
        count(DISTINCT e.doc_id) OVER w AS n_copies,
        row_number() OVER (w ORDER BY e.event_id) AS copy_rank
    FROM events e LEFT JOIN documents doc ON doc.doc_id = e.doc_id
    WINDOW w AS (PARTITION BY e.layer, coalesce(doc.cluster_id, e.doc_id, e.event_id),
                 e.source_country, e.target_country, e.cameo, e.modality, e.date_start)
),
recs AS (
    SELECT 'event' AS kind, e.event_id AS rid, e.layer AS layer,
        coalesce(l1.succ, e.source_country) AS ca, coalesce(l2.succ, e.target_country) AS cb,
        coalesce(e.date_start, e.date_end) AS d0, coalesce(e.date_end, e.date_start) AS d1,
        greatest(-1.0, least(1.0, coalesce(e.goldstein, 0) / 10.0)) AS x,
        {lw_expr} * {mod_e} * greatest(0.0, least(1.0, coalesce(e.confidence, 1.0)))
            * least({SOURCES_CAP}, 1.0 + ln(greatest(coalesce(e.num_sources, 1), e.n_copies, 1)))
            AS w,
        e.goldstein AS goldstein, e.quad_class AS quad_class, e.modality AS modality,
        e.doc_id AS doc_id, e.sentence AS sentence, e.span_start AS span_start,
        e.span_end AS span_end, e.sentence_text AS sentence_text, e.cameo AS code,
        e.trigger AS trigger, e.confidence AS confidence
    FROM evc e {lw_join("e")}
    LEFT JOIN lin l1 ON l1.code = e.source_country
    LEFT JOIN lin l2 ON l2.code = e.target_country
    WHERE e.source_country IS NOT NULL AND e.target_country IS NOT NULL AND e.copy_rank = 1
    UNION ALL
    SELECT 'relation', r.relation_id, r.layer,
        coalesce(l1.succ, r.a_country), coalesce(l2.succ, r.b_country),
        coalesce(r.date_start, r.date_end), coalesce(r.date_end, r.date_start),
        greatest(-1.0, least(1.0, coalesce(r.polarity, 0))),
        {RELATION_WEIGHT} * {lw_expr} * {mod_r}
            * greatest(0.0, least(1.0, coalesce(r.confidence, 1.0))),
        NULL::DOUBLE, NULL::TINYINT, r.modality, r.doc_id, r.sentence, r.span_start,
        r.span_end, r.sentence_text, r.stance, r.trigger, r.confidence
    FROM relations r {lw_join("r")}
    LEFT JOIN lin l1 ON l1.code = r.a_country
    LEFT JOIN lin l2 ON l2.code = r.b_country
    WHERE r.a_country IS NOT NULL AND r.b_country IS NOT NULL
    UNION ALL
    SELECT 'tie', t.ref, t.layer, coalesce(l1.succ, t.a), coalesce(l2.succ, t.b),
        t.start_date, t.end_date, greatest(-1.0, least(1.0, t.value)),
        {TIE_WEIGHT} * {lw_expr} * (CASE WHEN t.layer = 'unga-votes'
            THEN least(1.0, coalesce(t.weight, 1.0) / {UNGA_FULL_VOTES}) ELSE 1.0 END),
        NULL::DOUBLE, NULL::TINYINT, 'asserted', NULL, NULL, NULL, NULL, NULL, t.layer, NULL,
        NULL
    FROM ties t {lw_join("t")}
    LEFT JOIN lin l1 ON l1.code = t.a
    LEFT JOIN lin l2 ON l2.code = t.b
),
dy AS (
    SELECT *, least(ca, cb) AS a, greatest(ca, cb) AS b,
        least(d0, d1) AS e0, greatest(d0, d1) AS e1
    FROM recs WHERE ca <> cb {state_filter}
)"""


# ---------------------------------------------------------------------------------------------
# grid (year / quarter / month) with forward decay


def _idx_sql(by: str, d: str) -> str:
    if by == "year":
        return f"year({d})"
    if by == "quarter":
        return f"(year({d}) * 4 + quarter({d}) - 1)"
    return f"(year({d}) * 12 + month({d}) - 1)"


def _cell_sql(by: str, t: str) -> tuple[str, str]:
    if by == "year":
        return f"make_date(CAST({t} AS INTEGER), 1, 1)", f"make_date(CAST({t} AS INTEGER), 12, 31)"
    n, step = (4, 3) if by == "quarter" else (12, 1)
    start = f"make_date(CAST({t} // {n} AS INTEGER), CAST(({t} % {n}) * {step} + 1 AS INTEGER), 1)"
    end = f"CAST({start} + INTERVAL {step} MONTH AS DATE) - 1"
    return start, end


def decay_params(by: str, half_life: float) -> tuple[float, int]:
    """Per-period decay factor delta = 2^(-1/h) and horizon K (delta^K < DECAY_HORIZON)."""
    per = {"year": 1, "quarter": 4, "month": 12}[check_grid(by)]
    h = max(half_life, 1e-6) * per
    delta = 0.5 ** (1.0 / h)
    k = int(math.ceil(math.log(DECAY_HORIZON) / math.log(delta))) if delta > 0 else 0
    return delta, max(0, min(k, 200))


def _assigned_grid(spec: Spec, by: str, t_lo: int | None, t_hi: int | None) -> str:
    """CTE ``asg``: each dated record once per grid cell it touches, with its share f."""
    i0, i1 = _idx_sql(by, "e0"), _idx_sql(by, "e1")
    ps, pe = _cell_sql(by, "t")
    lo = f"greatest({i0}, {t_lo})" if t_lo is not None else i0
    hi = f"least({i1}, {t_hi})" if t_hi is not None else i1
    return f"""{records_cte(spec)},
cells AS (
    SELECT dy.*, unnest(range({lo}, {hi} + 1)) AS t FROM dy WHERE e0 IS NOT NULL
),
asg AS (
    SELECT c.*, CAST(date_diff('day', greatest(e0, ps), least(e1, pe)) + 1 AS DOUBLE)
        / CAST(CASE WHEN kind = 'event' THEN date_diff('day', e0, e1) + 1
                    ELSE date_diff('day', ps, pe) + 1 END AS DOUBLE) AS f
    FROM (SELECT *, {ps} AS ps, {pe} AS pe FROM cells) c
)"""


_AGG = """
    sum(w * f) AS W, sum(w * f * x) AS S,
    count(*) FILTER (WHERE kind = 'event') AS n_events,
    count(*) FILTER (WHERE kind = 'event' AND quad_class = 1) AS q1,
    count(*) FILTER (WHERE kind = 'event' AND quad_class = 2) AS q2,
    count(*) FILTER (WHERE kind = 'event' AND quad_class = 3) AS q3,
    count(*) FILTER (WHERE kind = 'event' AND quad_class = 4) AS q4,
    coalesce(sum(goldstein * f) FILTER (WHERE kind = 'event' AND
        coalesce(modality, 'asserted') = 'asserted'), 0) AS goldstein_sum,
    count(*) FILTER (WHERE kind = 'relation') AS n_relations,
    count(*) FILTER (WHERE kind = 'tie') AS n_ties"""

COUNT_COLS = ("n_events", "q1", "q2", "q3", "q4", "goldstein_sum", "n_relations", "n_ties")


def grid_scores(
    con: Any,
    spec: Spec,
    by: str = "year",
    start: dt.date | None = None,
    end: dt.date | None = None,
) -> pd.DataFrame:
    """Scores for every dyad and grid cell: columns a, b, t, W, S, score, own_W + counts.

    ``t`` is the absolute cell index (see periods.grid_index).  Cells after a dyad's last
    evidence carry decayed scores up to the decay horizon (or ``end``).
    """
    from allegiance.analysis.periods import grid_index

    check_grid(by)
    delta, K = decay_params(by, spec.half_life)
    t_lo = grid_index(start, by) - K if start else None
    t_hi = grid_index(end, by) if end else None
    counts = ", ".join(f"coalesce(sum({c}) FILTER (WHERE j = 0), 0) AS {c}" for c in COUNT_COLS)
    sql = f"""WITH {_assigned_grid(spec, by, t_lo, t_hi)},
raw AS (SELECT a, b, t, {_AGG} FROM asg GROUP BY a, b, t),
tmax AS (SELECT max(t) AS m FROM raw),
dec AS (
    SELECT a, b, t + j AS t, sum(W * pow({delta!r}, j)) AS W, sum(S * pow({delta!r}, j)) AS S,
        coalesce(sum(W) FILTER (WHERE j = 0), 0) AS own_W, {counts}
    FROM raw, (SELECT range AS j FROM range(0, {K} + 1))
    WHERE t + j <= {t_hi if t_hi is not None else "(SELECT m FROM tmax)"}
    GROUP BY a, b, t + j
)
SELECT a, b, CAST(t AS BIGINT) AS t, W, S, S / (W + {PRIOR_WEIGHT}) AS score, own_W,
    {", ".join(COUNT_COLS)}
FROM dec {"WHERE t >= " + str(grid_index(start, by)) if start else ""}
ORDER BY a, b, t"""
    return con.execute(sql).df()


# ---------------------------------------------------------------------------------------------
# explicit periods (a span such as 1966-1969, windows, or all data), no decay


def _periods_cte(periods: Sequence[Period]) -> str:
    rows = ", ".join(
        f"({i}, DATE '{p.start.isoformat()}', DATE '{p.end.isoformat()}')"
        for i, p in enumerate(periods)
    )
    return f"per(pidx, ps, pe) AS (VALUES {rows})"


def _assigned_spans(spec: Spec, periods: Sequence[Period] | None, within: bool) -> str:
    if periods is None:
        return f"""{records_cte(spec)},
asg AS (SELECT dy.*, 0 AS pidx, 1.0::DOUBLE AS f FROM dy)"""
    cond = (
        "dy.e0 >= per.ps AND dy.e1 <= per.pe" if within else ("dy.e0 <= per.pe AND dy.e1 >= per.ps")
    )
    return f"""{records_cte(spec)},
{_periods_cte(periods)},
asg AS (
    SELECT dy.*, per.pidx, per.ps, per.pe,
        CAST(date_diff('day', greatest(e0, ps), least(e1, pe)) + 1 AS DOUBLE)
        / CAST(CASE WHEN kind = 'event' THEN date_diff('day', e0, e1) + 1
                    ELSE date_diff('day', ps, pe) + 1 END AS DOUBLE) AS f
    FROM dy JOIN per ON {cond}
)"""


def span_scores(
    con: Any, spec: Spec, periods: Sequence[Period] | None, within: bool = False
) -> pd.DataFrame:
    """Scores for every dyad in each given period (pidx = index in ``periods``).

    ``periods=None`` is all the data as one period (undated records included).
    ``within=True`` keeps only records lying entirely inside the period (exact windows).
    """
    sql = f"""WITH {_assigned_spans(spec, periods, within)}
SELECT pidx, a, b, {_AGG}, sum(w * f * x) / (sum(w * f) + {PRIOR_WEIGHT}) AS score
FROM asg GROUP BY pidx, a, b ORDER BY pidx, a, b"""
    return con.execute(sql).df()


def data_range(con: Any, spec: Spec) -> tuple[dt.date, dt.date] | None:
    """First and last date of any dated record in the chosen layers."""
    rows = con.execute(f"WITH {records_cte(spec)} SELECT min(e0), max(e1) FROM dy").fetchall()
    row = rows[0] if rows else None
    if not row or row[0] is None:
        return None
    return row[0], row[1]


# ---------------------------------------------------------------------------------------------
# evidence: the records behind a number


def _record_dict(r: dict[str, Any]) -> dict[str, Any]:
    def iso(v: Any) -> str | None:
        if v is None or pd.isna(v):
            return None
        return pd.Timestamp(v).date().isoformat()

    def val(v: Any) -> Any:
        if v is None:
            return None
        try:
            if pd.isna(v):
                return None
        except (TypeError, ValueError):
            pass
        return v.item() if hasattr(v, "item") else v

    kind = r["kind"]
    out: dict[str, Any] = {
        "type": kind,
        "layer": r["layer"],
        "id": val(r["rid"]),
        "a": r["ca"],
        "b": r["cb"],
        "doc_id": val(r["doc_id"]),
        "sentence": val(r["sentence"]),
        "span": (
            [int(r["span_start"]), int(r["span_end"])]
            if val(r["span_start"]) is not None and val(r["span_end"]) is not None
            else None
        ),
        "sentence_text": val(r["sentence_text"]),
        "date": {"start": iso(val(r["d0"])), "end": iso(val(r["d1"]))},
        "modality": val(r["modality"]),
        "value": round(float(r["x"]), 4),
        "weight": round(float(r["ew"]), 4),
        "contribution": round(float(r["ew"]) * float(r["x"]), 4),
    }
    if kind == "event":
        out["code"] = val(r["code"])
        out["goldstein"] = val(r["goldstein"])
        out["trigger"] = val(r["trigger"])
    elif kind == "relation":
        out["code"] = val(r["code"])
        out["stance"] = val(r["code"])
        out["trigger"] = val(r["trigger"])
    else:
        out["code"] = r["layer"]
        out["ref"] = val(r["rid"])
    if "period" in r:
        out["period"] = r["period"]
    return out


_EV_COLS = (
    "kind, layer, rid, ca, cb, d0, d1, x, modality, doc_id, sentence, span_start, "
    "span_end, sentence_text, code, goldstein, trigger"
)


def grid_evidence(
    con: Any,
    spec: Spec,
    by: str,
    pairs: Iterable[tuple[str, str]],
    cells: Sequence[int],
    n: int = 3,
    side: str | None = None,
) -> dict[tuple[str, str, int], list[dict[str, Any]]]:
    """Top-n records per (dyad, cell), ranked by decayed |weight x value|.

    ``side`` = 'pos' / 'neg' keeps only records pulling that way (used by axis).
    """
    pairs = [tuple(sorted(p)) for p in pairs]
    if not pairs or not cells or n <= 0:
        return {}
    delta, K = decay_params(by, spec.half_life)
    states = sorted({s for p in pairs for s in p})
    sub = Spec(spec.layers, spec.lineage, states, spec.half_life)
    lo, hi = min(cells) - K, max(cells)
    pair_list = ", ".join(f"({_lit(a)}, {_lit(b)})" for a, b in pairs)
    cell_list = ", ".join(str(int(c)) for c in cells)
    sign = {"pos": "AND x > 0", "neg": "AND x < 0"}.get(side or "", "")
    sql = f"""WITH {_assigned_grid(sub, by, lo, hi)},
pr(pa, pb) AS (VALUES {pair_list}),
ex AS (
    SELECT asg.*, t + j AS tt, w * f * pow({delta!r}, j) AS ew
    FROM asg JOIN pr ON asg.a = pr.pa AND asg.b = pr.pb,
        (SELECT range AS j FROM range(0, {K} + 1))
    WHERE t + j IN ({cell_list}) AND w > 0 {sign}
),
ex1 AS (SELECT a, b, tt, {_EV_COLS}, sum(ew) AS ew FROM ex GROUP BY ALL)
SELECT a, b, tt, ew, {_EV_COLS} FROM ex1
QUALIFY row_number() OVER (PARTITION BY a, b, tt ORDER BY abs(ew * x) DESC, ew DESC, rid) <= {n}
ORDER BY a, b, tt, abs(ew * x) DESC"""
    out: dict[tuple[str, str, int], list[dict[str, Any]]] = {}
    for r in con.execute(sql).df().to_dict("records"):
        r["period"] = grid_period(int(r["tt"]), by).label
        out.setdefault((r["a"], r["b"], int(r["tt"])), []).append(_record_dict(r))
    return out


def span_evidence(
    con: Any,
    spec: Spec,
    pairs: Iterable[tuple[str, str]],
    period: Period | None,
    n: int = 3,
    side: str | None = None,
    within: bool = False,
    per_pair: bool = True,
) -> list[dict[str, Any]]:
    """Top-n records for these dyads in one period (per dyad, or overall if not per_pair)."""
    pairs = [tuple(sorted(p)) for p in pairs]
    if not pairs or n <= 0:
        return []
    states = sorted({s for p in pairs for s in p})
    sub = Spec(spec.layers, spec.lineage, states, spec.half_life)
    pair_list = ", ".join(f"({_lit(a)}, {_lit(b)})" for a, b in pairs)
    sign = {"pos": "AND x > 0", "neg": "AND x < 0"}.get(side or "", "")
    part = "PARTITION BY a, b" if per_pair else ""
    sql = f"""WITH {_assigned_spans(sub, [period] if period else None, within)},
pr(pa, pb) AS (VALUES {pair_list}),
ex AS (SELECT asg.*, w * f AS ew FROM asg JOIN pr ON asg.a = pr.pa AND asg.b = pr.pb
       WHERE w > 0 {sign}),
ex1 AS (SELECT a, b, {_EV_COLS}, sum(ew) AS ew FROM ex GROUP BY ALL)
SELECT a, b, ew, {_EV_COLS} FROM ex1
QUALIFY row_number() OVER ({part} ORDER BY abs(ew * x) DESC, ew DESC, rid) <= {n}
ORDER BY abs(ew * x) DESC"""
    recs = []
    for r in con.execute(sql).df().to_dict("records"):
        if period is not None:
            r["period"] = period.label
        recs.append(_record_dict(r))
    return recs
