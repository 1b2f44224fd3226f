"""Dates as people and feeds write them: ISO, RFC 2822, "Sept 26, 2016", datelines."""

from __future__ import annotations

import datetime as dt
import email.utils
import re

MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}
_MONTH = r"(?P<mon>[A-Za-z]{3,9})\.?"
_MDY = re.compile(rf"^{_MONTH}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})$")
_DMY = re.compile(rf"^(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+(?P<y>\d{{4}})$")
_ISO = re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ].*)?$")
_SLASH_YMD = re.compile(r"^(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})$")
_DOTTED_DMY = re.compile(r"^(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})$")
_SLASH_MDY = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})$")
_COMPACT = re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$")

# "MOSCOW, Sept 26, 2016 (Reuters) -", "September 26, 2016 —", "KARACHI, 26 September 2016:"
_DATELINE = re.compile(
    r"(?:(?P<mon1>[A-Z][a-z]{2,8})\.?\s+(?P<d1>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{4})"
    r"|(?P<d2>\d{1,2})(?:st|nd|rd|th)?\s+(?P<mon2>[A-Z][a-z]{2,8})\.?,?\s+(?P<y2>\d{4}))"
)


def _make(y: str | int, m: str | int, d: str | int, text: str) -> dt.date:
    try:
        return dt.date(int(y), int(m), int(d))
    except ValueError:
        raise ValueError(f"not a date: {text!r}") from None


def parse_date(text: str) -> dt.date:
    """Parse the date formats found in metadata; ValueError (naming the text) otherwise.

    Slashed dates without a four-digit year first are read month-first (US style), which is
    what English-language feeds and CSV exports use.
    """
    if isinstance(text, dt.datetime):
        return text.date()
    if isinstance(text, dt.date):
        return text
    s = str(text).strip()
    if not s:
        raise ValueError("empty date")
    for pat in (_ISO, _SLASH_YMD, _DOTTED_DMY, _SLASH_MDY, _COMPACT):
        m = pat.match(s)
        if m:
            return _make(m["y"], m["m"], m["d"], s)
    for pat in (_MDY, _DMY):
        m = pat.match(s)
        if m:
            mon = MONTHS.get(m["mon"].lower())
            if mon is None:
                raise ValueError(f"not a date: {s!r}")
            return _make(m["y"], mon, m["d"], s)
    try:
        parsed = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return parsed.date()
    raise ValueError(f"not a date: {s!r}")


def dateline_date(text: str, window: int = 200) -> dt.date | None:
    """The date of a news dateline in the first ``window`` characters, if there is one."""
    head = text[:window]
    for m in _DATELINE.finditer(head):
        mon = MONTHS.get((m["mon1"] or m["mon2"]).lower())
        if mon is None:
            continue
        try:
            return dt.date(int(m["y1"] or m["y2"]), mon, int(m["d1"] or m["d2"]))
        except ValueError:
            continue
    return None
