"""Scores and periods in words: the sentences a reader sees before any plot.

A headline such as "Russia–Pakistan: from adversaries (1950s–1980s) to partners (2014–2016)"
is built only from the contract shapes (a shift and the dyad's series), so the same words
appear in the HTML report, the web overview and any caller that has the JSON.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

# Score thresholds -> stance words, strongest positive first (the contract's stance names).
LEVELS: tuple[tuple[float, str], ...] = (
    (0.6, "allies"),
    (0.3, "partners"),
    (0.1, "friendly"),
    (-0.1, "neutral"),
    (-0.3, "strained"),
    (-0.6, "rivals"),
)


def level_word(score: float | None) -> str:
    """The stance word for a relation score in [-1, 1] ("allies" ... "adversaries")."""
    if score is None:
        return "unknown"
    for threshold, word in LEVELS:
        if score >= threshold:
            return word
    return "adversaries"


def _sign(score: float | None) -> int:
    if score is None:
        return 0
    if score >= 0.1:
        return 1
    if score <= -0.1:
        return -1
    return 0


@cache
def _gazetteer() -> Any:
    try:
        from allegiance.actors import Gazetteer  # written by another team; optional here

        return Gazetteer.default()
    except Exception:  # noqa: BLE001 - any failure means "no names", never a crash
        return None


def state_name(code: str | None) -> str:
    """A state's display name from the gazetteer, falling back to its code."""
    if not code:
        return "?"
    gaz = _gazetteer()
    if gaz is not None:
        try:
            country = gaz.country(code)
            name = getattr(country, "name", None)
            if name:
                return str(name)
        except Exception:  # noqa: BLE001 - unknown code: show the code
            pass
    return code


def period_year(label: str) -> int | None:
    """The first year in a period label (``1970``, ``1966-1969``, ``2016Q3``, ``2016-09``)."""
    m = re.match(r"\s*(\d{4})", str(label))
    return int(m.group(1)) if m else None


def _last_year(label: str) -> int | None:
    years = re.findall(r"\d{4}", str(label))
    return int(years[-1]) if years else None


def span_label(first: str, last: str) -> str:
    """Two period labels as one readable span; long year spans become decades."""
    if first == last:
        return str(first)
    y0, y1 = period_year(first), _last_year(last)
    if y0 is not None and y1 is not None and y1 - y0 >= 20 and re.fullmatch(r"\d{4}", first):
        d0, d1 = y0 // 10 * 10, y1 // 10 * 10
        return f"{d0}s" if d0 == d1 else f"{d0}s–{d1}s"
    start = re.split(r"[-–]", first)[0] if re.fullmatch(r"\d{4}-\d{4}", first) else first
    end = re.split(r"[-–]", last)[-1] if re.fullmatch(r"\d{4}-\d{4}", last) else last
    return f"{start}–{end}"


def run_around(series: Sequence[dict[str, Any]], period: str) -> tuple[str, str]:
    """The first and last period of the same-sign run of scores that contains ``period``.

    Points without a score are skipped (no data is not a change of sign).
    """
    pts = [p for p in series if p.get("score") is not None]
    idx = next((i for i, p in enumerate(pts) if str(p.get("period")) == str(period)), None)
    if idx is None:
        return str(period), str(period)
    sign = _sign(pts[idx]["score"])
    lo = hi = idx
    while lo > 0 and _sign(pts[lo - 1]["score"]) == sign:
        lo -= 1
    while hi < len(pts) - 1 and _sign(pts[hi + 1]["score"]) == sign:
        hi += 1
    return str(pts[lo]["period"]), str(pts[hi]["period"])


def pair_label(a: str, b: str) -> str:
    return f"{state_name(a)}–{state_name(b)}"


def headline(shift: dict[str, Any], series: Sequence[dict[str, Any]] | None = None) -> str:
    """One sentence for a shift, e.g. "Russia–Pakistan: from adversaries (1950s–1980s) to ..."."""
    before, after = shift.get("before") or {}, shift.get("after") or {}
    b_score, a_score = before.get("score"), after.get("score")
    b_period, a_period = str(before.get("period", "?")), str(after.get("period", "?"))
    if series:
        b_span = span_label(*run_around(series, b_period))
        a_span = span_label(*run_around(series, a_period))
        if b_span == a_span:  # one run covers both: fall back to the shift's own periods
            b_span, a_span = b_period, a_period
    else:
        b_span, a_span = b_period, a_period
    w0, w1 = level_word(b_score), level_word(a_score)
    if not shift.get("b"):  # a state leaving its bloc
        me = shift.get("a")
        old = ", ".join(state_name(s) for s in shift.get("from_bloc") or [] if s != me)
        new = ", ".join(state_name(s) for s in shift.get("to_bloc") or [] if s != me)
        moved = f" from the bloc of {old}" if old else ""
        into = f" to the bloc of {new}" if new else ""
        return f"{state_name(shift.get('a'))}: moved{moved}{into} ({b_period} → {a_period})"
    pair = pair_label(str(shift.get("a")), str(shift.get("b")))
    if w0 != w1:
        return f"{pair}: from {w0} ({b_span}) to {w1} ({a_span})"
    trend = "growing closer" if (a_score or 0) > (b_score or 0) else "drifting apart"
    return (
        f"{pair}: {w0}, {trend} ({b_span}: {fmt_score(b_score)} → {a_span}: {fmt_score(a_score)})"
    )


def fmt_score(score: float | None) -> str:
    return "–" if score is None else f"{score:+.2f}"


def evidence_date(ev: dict[str, Any]) -> str:
    """An evidence item's date as text, whatever form the item carries."""
    d = ev.get("date")
    if isinstance(d, dict):
        start, end = _iso_day(d.get("start")), _iso_day(d.get("end"))
        prec = d.get("precision")
        if start and prec == "year":
            return str(start)[:4]
        if start and prec == "decade":
            return f"{str(start)[:3]}0s"
        if (
            start
            and end
            and str(start).endswith("-01-01")
            and str(end).endswith("-12-31")
            and prec in (None, "year", "decade", "era")
        ):
            y0, y1 = str(start)[:4], str(end)[:4]
            return y0 if y0 == y1 else f"{y0}–{y1}"
        if start and end and start != end and prec not in ("day",):
            return f"{start} – {end}"
        return str(start or "")
    if isinstance(d, dt.date):
        return d.isoformat()
    return str(d or "")


def _iso_day(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dt.date):
        return v.isoformat()[:10]
    text = str(v)
    return text[:10] if re.match(r"\d{4}-\d{2}-\d{2}", text) else text


def evidence_label(ev: dict[str, Any]) -> str:
    """What the evidence says in a few words: the CAMEO code or the stance, and its modality."""
    parts = []
    if ev.get("stance"):
        parts.append(str(ev["stance"]))
    elif ev.get("code") or ev.get("cameo"):
        parts.append(f"CAMEO {ev.get('code') or ev.get('cameo')}")
    if ev.get("modality") and ev.get("modality") != "asserted":
        parts.append(str(ev["modality"]))
    return ", ".join(parts)
