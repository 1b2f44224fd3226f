"""Time expressions: explicit dates, years, decades, named eras, relative and anaphoric ones.

``find_timexes`` reads a sentence and returns every expression with the DateSpan it denotes
(relative ones resolved against the document date).  Which expression dates which record is
decided by the coder from the parse.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from allegiance.model import DateSpan

MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {abbr.lower(): i for i, abbr in enumerate(calendar.month_abbr) if abbr}
    | {"sept": 9}
)
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "several": 3,
    "a few": 3,
    "few": 3,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "fifty": 50,
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"


@dataclass(frozen=True, slots=True)
class Timex:
    start: int
    end: int
    text: str
    date: DateSpan
    kind: str  # date | month | year | decade | era | span | relative | anaphoric


@dataclass(frozen=True, slots=True)
class Era:
    name: str
    start: dt.date
    end: dt.date | None
    patterns: tuple[str, ...]


@cache
def eras() -> tuple[Era, ...]:
    data = yaml.safe_load(
        resources.files("allegiance.coding")
        .joinpath("data")
        .joinpath("eras.yaml")
        .read_text("utf-8")
    )
    out = []
    for e in data["eras"]:
        out.append(
            Era(
                e["name"],
                _as_date(e["start"]),
                _as_date(e["end"]) if e.get("end") else None,
                tuple(p.lower() for p in e["patterns"]),
            )
        )
    return tuple(out)


def _as_date(v: object) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v))


@cache
def _era_regex() -> re.Pattern[str]:
    pats = sorted({p for e in eras() for p in e.patterns}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(p) for p in pats) + r")(?![\w-])", re.I)


_WORD = re.compile(r"\w+")


@cache
def _era_first_words() -> frozenset[str]:
    """The first word of every era name: a text with none of them names no era (a cheap
    pre-test before the long alternation of ``_era_regex``)."""
    return frozenset(w for e in eras() for p in e.patterns for w in _WORD.findall(p.lower())[:1])


@cache
def _era_by_pattern() -> dict[str, Era]:
    return {p: e for e in eras() for p in e.patterns}


# Northern-hemisphere seasons as (first month, last month); winter runs into the next year.
SEASONS = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 2),
}


def season_span(year: int, season: str, basis: str) -> DateSpan:
    """ "the summer of 1962": June to August; "the winter of 1941": December 1941 to February."""
    first, last = SEASONS[season]
    end_year = year + 1 if last < first else year
    return DateSpan(
        dt.date(year, first, 1), dt.date(end_year, last, _last_day(end_year, last)), "month", basis
    )


def _relative_season(which: str, season: str, doc: dt.date) -> DateSpan:
    """ "last summer" is the latest summer over by the document date; "this summer" the one of
    its year; "next summer" the first still to begin."""
    spans = [season_span(y, season, "relative") for y in range(doc.year - 2, doc.year + 2)]
    if which in {"last", "past", "previous"}:
        return [s for s in spans if s.end is not None and s.end < doc][-1]
    if which in {"next", "coming"}:
        return next(s for s in spans if s.start is not None and s.start > doc)
    current = [s for s in spans if s.start and s.end and s.start <= doc <= s.end]
    return (current or [s for s in spans if s.start is not None and s.start.year == doc.year])[0]


def shifted(span: DateSpan, n: int, unit: str) -> DateSpan | None:
    """The date ``n`` units (day, week, month, year, decade; negative: earlier) from
    ``span``, at the unit's precision: "two weeks after", "eleven years after"."""
    if span.start is None:
        return None
    d = span.start
    if unit in {"day", "week"}:
        return day_span(d + dt.timedelta(days=n * (7 if unit == "week" else 1)), "relative")
    if unit == "month":
        y, mo = divmod(d.year * 12 + d.month - 1 + n, 12)
        return month_span(y, mo + 1, "relative")
    years = n * (10 if unit == "decade" else 1)
    return year_span(d.year + years, "relative")


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def year_span(year: int, basis: str = "explicit") -> DateSpan:
    return DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", basis)


def month_span(year: int, month: int, basis: str = "explicit") -> DateSpan:
    return DateSpan(
        dt.date(year, month, 1), dt.date(year, month, _last_day(year, month)), "month", basis
    )


def day_span(d: dt.date, basis: str = "explicit") -> DateSpan:
    return DateSpan(d, d, "day", basis)


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<year>1[5-9]\d\d|20\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    ("dmy", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("mdy", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    (
        "between",
        re.compile(
            r"\b(?:between|from)\s+(?:the\s+years?\s+)?(?P<y1>1[5-9]\d\d|20\d\d)\s+(?:and|to|until|till)\s+(?P<y2>1[5-9]\d\d|20\d\d)\b",
            re.I,
        ),
    ),
    ("range", re.compile(r"\b(?P<y1>1[5-9]\d\d|20\d\d)\s*[-/]\s*(?P<y2>1[5-9]\d\d|20\d\d|\d\d)\b")),
    ("since_my", re.compile(rf"\bsince\s+{_MONTH},?\s+{_YEAR}\b", re.I)),
    (
        "since_y",
        re.compile(rf"\bsince\s+(?:the\s+year\s+|the\s+(?=\d{{4}}\s+[a-z]))?{_YEAR}\b", re.I),
    ),
    ("my", re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b", re.I)),
    (
        "decade",
        re.compile(
            r"\b(?:the\s+)?(?P<part>early|mid|late)?[- ]?(?P<dec>1[5-9]\d0|20\d0)'?s\b", re.I
        ),
    ),
    (
        "decade2",
        re.compile(r"(?<![\w'])(?:the\s+)?(?P<part>early|mid|late)?[- ]?'(?P<dec>[0-9]0)s\b", re.I),
    ),
    (
        "year",
        re.compile(
            rf"\b(?P<prep>in|since|from|by|until|till|during|before|after|of|early|late|mid|circa|around|year)\s+(?:the\s+year\s+|the\s+(?=\d{{4}}\s+[a-z]))?{_YEAR}\b(?![-,]\d)",
            re.I,
        ),
    ),
    (
        "year_alone",
        re.compile(
            rf"(?<![\d,.$])\b{_YEAR}\b(?:(?=\s*[,.;:)]|\s+(?:war|elections?|treaty|agreement|accord|pact|conflict|crisis|invasion|summit|tests?|coup|uprising|revolution|attacks?|deal|visit|exercise|talks)\b)"
            # "the 1941 Japanese attack", "the 1979 hostage-taking": a year after "the" dates
            # the noun phrase it opens
            r"|(?<=\bthe\s\d{4})(?=\s+[a-z]))",
            re.I,
        ),
    ),
    ("md", re.compile(rf"\b(?:on\s+)?{_MONTH}\s+{_DAY}\b(?!,?\s*\d{{4}})", re.I)),
    ("dm", re.compile(rf"\b(?:on\s+)?{_DAY}\s+{_MONTH}\b(?!,?\s*\d{{4}})", re.I)),
    (
        "in_month",
        re.compile(rf"\b(?:in|last|this|since|early|late|mid-?)\s+{_MONTH}\b(?!\s+\d)", re.I),
    ),
    (
        "season_year",
        re.compile(
            rf"\b(?:in\s+)?(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}\b",
            re.I,
        ),
    ),
    (
        "season_rel",
        re.compile(
            r"\b(?P<which>last|this|next|past|coming|previous)\s+(?P<season>spring|summer|autumn|fall|winter)\b",
            re.I,
        ),
    ),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
            r"|twelve|several|fifteen|twenty|thirty|fifty)\s+"
            r"(?P<unit>day|week|month|year|decade)s?\s+ago\b",
            re.I,
        ),
    ),
    (
        "rel_unit",
        re.compile(
            r"\b(?P<which>last|this|next|previous|past|coming|earlier\s+this|later\s+this)\s+(?P<unit>week|month|year|decade|weekend)\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?P<which>on|last|this|next|early|late)?\s*(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
            re.I,
        ),
    ),
    (
        "deictic",
        re.compile(
            r"\b(?P<word>yesterday|today|tonight|tomorrow|this morning|this afternoon"
            r"|this evening|last night|overnight)\b",
            re.I,
        ),
    ),
    (
        "anaphoric",
        re.compile(
            r"\b(?:at\s+(?:that|the\s+same|the)\s+time|in\s+those\s+days|back\s+then|at\s+the\s+time|that\s+year|the\s+same\s+year|the\s+following\s+year|the\s+next\s+year|a\s+year\s+later|later\s+that\s+year)\b",
            re.I,
        ),
    ),
]


# What each pattern cannot match without: a digit, or one of these lower-case substrings.
# Testing that first skips most patterns on most sentences (a speed-up only).
_DIGIT_KINDS = frozenset(
    {"iso", "dmy", "mdy", "between", "range", "since_my", "since_y", "my", "decade", "decade2"}
    | {"year", "year_alone", "md", "dm", "season_year"}
)
_NEEDS: dict[str, tuple[str, ...]] = {
    "in_month": tuple(m[:3] for m in MONTHS),
    "ago": ("ago",),
    "season_rel": ("spring", "summer", "autumn", "fall", "winter"),
    "rel_unit": ("week", "month", "year", "decade"),
    "weekday": ("day",),
    "deictic": ("day", "tonight", "tomorrow", "this", "night"),
    "anaphoric": ("time", "days", "then", "year"),
}
_HAS_DIGIT = re.compile(r"\d")


def _may_match(kind: str, low: str, has_digit: bool) -> bool:
    if kind in _DIGIT_KINDS:
        return has_digit
    needs = _NEEDS.get(kind)
    return needs is None or any(n in low for n in needs)


def find_timexes(text: str, doc_date: dt.date | None) -> list[Timex]:
    """All time expressions in ``text``, non-overlapping, earliest and longest first."""
    found: list[Timex] = []
    words = set(_WORD.findall(text.lower()))
    eras_here = not words.isdisjoint(_era_first_words())
    for m in _era_regex().finditer(text) if eras_here else ():
        era = _era_by_pattern()[m.group(0).lower()]
        end = era.end or doc_date
        found.append(
            Timex(m.start(), m.end(), m.group(0), DateSpan(era.start, end, "era", "era"), "era")
        )
    low = text.lower()
    has_digit = _HAS_DIGIT.search(text) is not None
    for kind, rx in _PATTERNS:
        if not _may_match(kind, low, has_digit):
            continue
        for m in rx.finditer(text):
            span = _resolve(kind, m, doc_date)
            if span is None:
                continue
            date, tkind = span
            start = m.start()
            if kind == "year" and m.group("prep").lower() in {
                "in",
                "by",
                "of",
                "during",
                "circa",
                "around",
                "year",
            }:
                start = m.start("year")
            found.append(Timex(start, m.end(), text[start : m.end()], date, tkind))
    # Longest, earliest first; drop expressions overlapping an already kept one.
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept: list[Timex] = []
    for t in sorted(found, key=lambda t: -(t.end - t.start)):
        if all(t.end <= k.start or t.start >= k.end for k in kept):
            kept.append(t)
    return sorted(kept, key=lambda t: t.start)


def _resolve(kind: str, m: re.Match[str], doc: dt.date | None) -> tuple[DateSpan, str] | None:
    g = m.groupdict()
    if kind == "iso":
        d = _safe_date(int(g["year"]), int(g["m"]), int(g["d"]))
        return (day_span(d), "date") if d else None
    if kind in {"dmy", "mdy"}:
        d = _safe_date(int(g["year"]), MONTHS[g["month"].lower()], int(g["day"]))
        return (day_span(d), "date") if d else None
    if kind == "my":
        return month_span(int(g["year"]), MONTHS[g["month"].lower()]), "month"
    if kind in {"between", "range"}:
        y1 = int(g["y1"])
        y2s = g["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if y2 < y1 or y2 - y1 > 200:
            return None
        return DateSpan(dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year", "explicit"), "span"
    if kind == "since_y":
        y = int(g["year"])
        end = doc if doc and doc.year >= y else dt.date(y, 12, 31)
        return DateSpan(dt.date(y, 1, 1), end, "year", "explicit"), "span"
    if kind == "since_my":
        y, mo = int(g["year"]), MONTHS[g["month"].lower()]
        start = dt.date(y, mo, 1)
        end = doc if doc and doc >= start else dt.date(y, mo, _last_day(y, mo))
        return DateSpan(start, end, "month", "explicit"), "span"
    if kind == "decade":
        return _decade(int(g["dec"]), g.get("part")), "decade"
    if kind == "decade2":
        d2 = int(g["dec"])
        century = 1900 if doc is None or d2 * 1 > (doc.year % 100) else 2000
        return _decade(century + d2, g.get("part")), "decade"
    if kind in {"year", "year_alone"}:
        y = int(g["year"])
        if doc and y > doc.year + 30:
            return None
        return year_span(y), "year"
    if doc is None:
        if kind == "anaphoric":
            return DateSpan(None, None, "unknown", "relative"), "anaphoric"
        return None
    if kind in {"md", "dm"}:
        mo = MONTHS[g["month"].lower()]
        if (
            len(g["month"]) <= 3
            and g["month"].lower()
            in {"may", "mar", "jan", "jun", "jul", "aug", "dec", "oct", "nov", "sep", "feb", "apr"}
            and not g["month"][0].isupper()
        ):
            return None
        y = doc.year if (mo, int(g["day"])) <= (doc.month, doc.day) else doc.year - 1
        d = _safe_date(y, mo, int(g["day"]))
        return (day_span(d, "relative"), "relative") if d else None
    if kind == "in_month":
        if g["month"].lower() == "may" and not g["month"][0].isupper():
            return None
        mo = MONTHS[g["month"].lower()]
        word = m.group(0).split()[0].lower()
        y = doc.year if mo <= doc.month else doc.year - 1
        if word == "last" and mo >= doc.month:
            y = doc.year - 1
        return month_span(y, mo, "relative"), "relative"
    if kind == "season_year":
        return season_span(int(g["year"]), g["season"].lower(), "explicit"), "span"
    if kind == "season_rel":
        return _relative_season(g["which"].lower(), g["season"].lower(), doc), "relative"
    if kind == "ago":
        n_word = g["n"].lower()
        n = int(n_word) if n_word.isdigit() else NUMBER_WORDS.get(n_word, 1)
        unit = g["unit"].lower()
        if unit == "day":
            d = doc - dt.timedelta(days=n)
            return day_span(d, "relative"), "relative"
        if unit == "week":
            d = doc - dt.timedelta(weeks=n)
            return DateSpan(
                d - dt.timedelta(days=3), d + dt.timedelta(days=3), "day", "relative"
            ), "relative"
        if unit == "month":
            y, mo = divmod(doc.year * 12 + doc.month - 1 - n, 12)
            return month_span(y, mo + 1, "relative"), "relative"
        if unit == "year":
            return year_span(doc.year - n, "relative"), "relative"
        dec = (doc.year - 10 * n) // 10 * 10
        return DateSpan(
            dt.date(dec, 1, 1), dt.date(dec + 9, 12, 31), "decade", "relative"
        ), "relative"
    if kind == "rel_unit":
        which = " ".join(g["which"].lower().split())
        unit = g["unit"].lower()
        step = {"last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}.get(which, 0)
        if unit in {"week", "weekend"}:
            monday = doc - dt.timedelta(days=doc.weekday()) + dt.timedelta(weeks=step)
            return DateSpan(monday, monday + dt.timedelta(days=6), "day", "relative"), "relative"
        if unit == "month":
            y, mo = divmod(doc.year * 12 + doc.month - 1 + step, 12)
            return month_span(y, mo + 1, "relative"), "relative"
        if unit == "year":
            return year_span(doc.year + step, "relative"), "relative"
        dec = doc.year // 10 * 10 + 10 * step
        return DateSpan(
            dt.date(dec, 1, 1), dt.date(dec + 9, 12, 31), "decade", "relative"
        ), "relative"
    if kind == "weekday":
        wd = WEEKDAYS[g["wd"].lower()]
        which = (g.get("which") or "on").lower()
        delta = (doc.weekday() - wd) % 7
        if which == "next":
            d = doc + dt.timedelta(days=(wd - doc.weekday()) % 7 or 7)
        elif which == "last":
            d = doc - dt.timedelta(days=delta or 7)
        else:
            d = doc - dt.timedelta(days=delta)
        return day_span(d, "relative"), "relative"
    if kind == "deictic":
        word = g["word"].lower()
        offset = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(word, 0)
        return day_span(doc + dt.timedelta(days=offset), "relative"), "relative"
    if kind == "anaphoric":
        return DateSpan(None, None, "unknown", "relative"), "anaphoric"
    return None


def _decade(start: int, part: str | None) -> DateSpan:
    lo, hi = start, start + 9
    if part:
        part = part.lower()
        lo, hi = {
            "early": (start, start + 3),
            "mid": (start + 3, start + 6),
            "late": (start + 6, start + 9),
        }[part]
    return DateSpan(dt.date(lo, 1, 1), dt.date(hi, 12, 31), "decade", "explicit")


def document_date(doc_date: dt.date | None) -> DateSpan:
    """The default when the text gives no date: the document's own date."""
    if doc_date is None:
        return DateSpan(None, None, "unknown", "document")
    return DateSpan(doc_date, doc_date, "day", "document")


def before_document(doc_date: dt.date | None) -> DateSpan:
    """Past perfect and similar with no date: some time before the document, unknown when."""
    return DateSpan(None, doc_date, "unknown", "tense")
