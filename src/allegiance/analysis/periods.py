"""Periods and layer weights: the two small languages the analysis commands accept.

A period is a closed date interval with a label the user can type back (``1970``,
``1966-1969``, ``2016Q3``, ``2016-09``); series over a regular grid (year, quarter, month)
use the same labels so that a series point can be fed to ``--period`` unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from allegiance.store.importers import LAYER_ALIASES

GRIDS: tuple[str, ...] = ("year", "quarter", "month")
_LAYER_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


@dataclass(frozen=True, slots=True)
class Period:
    """A closed date interval [start, end] with its user-facing label."""

    label: str
    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_dict(self) -> dict[str, str]:
        return {"label": self.label, "start": self.start.isoformat(), "end": self.end.isoformat()}


def _year(text: str, whole: str) -> int:
    y = int(text)
    if not 1 <= y <= 9999:
        raise ValueError(f"bad period {whole!r}: year {y} out of range")
    return y


def parse_period(text: str | Period) -> Period:
    """Parse ``1970`` | ``1966-1969`` | ``2016Q3`` | ``2016-09`` into a Period.

    Raises ValueError naming the input and the accepted forms, so the CLI can print it as is.
    """
    if isinstance(text, Period):
        return text
    s = str(text).strip()
    forms = "expected YEAR (1970), YEAR-YEAR (1966-1969), YEARQn (2016Q3) or YEAR-MM (2016-09)"
    m = re.fullmatch(r"(\d{4})", s)
    if m:
        y = _year(m.group(1), s)
        return Period(s, dt.date(y, 1, 1), dt.date(y, 12, 31))
    m = re.fullmatch(r"(\d{4})\s*[-–/]\s*(\d{4})", s)
    if m:
        y0, y1 = _year(m.group(1), s), _year(m.group(2), s)
        if y1 < y0:
            raise ValueError(f"bad period {s!r}: end year {y1} is before start year {y0}")
        return Period(f"{y0}-{y1}", dt.date(y0, 1, 1), dt.date(y1, 12, 31))
    m = re.fullmatch(r"(\d{4})\s*-?\s*[Qq]([1-4])", s)
    if m:
        y, q = _year(m.group(1), s), int(m.group(2))
        return quarter_period(y, q)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", s)
    if m:
        y, mo = _year(m.group(1), s), int(m.group(2))
        if not 1 <= mo <= 12:
            raise ValueError(f"bad period {s!r}: month {mo} is not 1-12")
        return month_period(y, mo)
    raise ValueError(f"bad period {s!r}: {forms}")


def quarter_period(year: int, q: int) -> Period:
    start = dt.date(year, 3 * (q - 1) + 1, 1)
    end = _month_end(year, 3 * q)
    return Period(f"{year}Q{q}", start, end)


def month_period(year: int, month: int) -> Period:
    return Period(f"{year}-{month:02d}", dt.date(year, month, 1), _month_end(year, month))


def _month_end(year: int, month: int) -> dt.date:
    if month == 12:
        return dt.date(year, 12, 31)
    return dt.date(year, month + 1, 1) - dt.timedelta(days=1)


def grid_index(d: dt.date, by: str) -> int:
    """Absolute index of the grid cell holding ``d`` (year, year*4+q-1 or year*12+m-1)."""
    check_grid(by)
    if by == "year":
        return d.year
    if by == "quarter":
        return d.year * 4 + (d.month - 1) // 3
    return d.year * 12 + d.month - 1


def grid_period(idx: int, by: str) -> Period:
    """The Period of a grid cell index (inverse of ``grid_index``)."""
    check_grid(by)
    if by == "year":
        return Period(str(idx), dt.date(idx, 1, 1), dt.date(idx, 12, 31))
    if by == "quarter":
        return quarter_period(idx // 4, idx % 4 + 1)
    return month_period(idx // 12, idx % 12 + 1)


def check_grid(by: str) -> str:
    if by not in GRIDS:
        raise ValueError(f"bad --by {by!r}: expected one of {', '.join(GRIDS)}")
    return by


def periods_per_year(by: str) -> int:
    return {"year": 1, "quarter": 4, "month": 12}[check_grid(by)]


def parse_layers(text: str | dict[str, float] | None) -> dict[str, float] | None:
    """Parse ``events=1,atop=0.5`` (a bare name means weight 1) into {layer: weight}.

    None or an empty string means "every layer present, weight 1" and returns None.
    """
    if text is None:
        return None
    if isinstance(text, dict):
        items = list(text.items())
    else:
        s = text.strip()
        if not s:
            return None
        items = []
        for part in s.split(","):
            part = part.strip()
            if not part:
                raise ValueError(f"bad --layers {text!r}: empty item (stray comma?)")
            name, sep, value = part.partition("=")
            name = name.strip()
            if not sep:
                items.append((name, 1.0))
                continue
            try:
                items.append((name, float(value)))
            except ValueError:
                raise ValueError(
                    f"bad --layers {text!r}: weight {value.strip()!r} of {name!r} is not a number"
                ) from None
    out: dict[str, float] = {}
    for name, w in items:
        if not _LAYER_RE.match(str(name)):
            raise ValueError(f"bad --layers: layer name {name!r} (expected e.g. events=1,atop=0.5)")
        w = float(w)
        if not w >= 0 or w == float("inf"):
            raise ValueError(f"bad --layers: weight of {name!r} must be a number >= 0, got {w}")
        name = LAYER_ALIASES.get(str(name), str(name))
        if name in out:
            raise ValueError(f"bad --layers: layer {name!r} given twice")
        out[name] = w
    return out
