import datetime as dt

import pytest

from allegiance.coding.timex import before_document, document_date, find_timexes

DOC = dt.date(2016, 9, 26)  # a Monday


def one(text: str):
    found = find_timexes(text, DOC)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "start", "end", "precision", "basis"),
    [
        ("They signed it in 1970 in Moscow.", "1970-01-01", "1970-12-31", "year", "explicit"),
        ("Cuba asked in the summer of 1962.", "1962-06-01", "1962-08-31", "month", "explicit"),
        ("Troops froze in the winter of 1941.", "1941-12-01", "1942-02-28", "month", "explicit"),
        ("Aid was frozen last summer.", "2016-06-01", "2016-08-31", "month", "relative"),
        ("Talks resume next spring.", "2017-03-01", "2017-05-31", "month", "relative"),
        ("Elections are due this autumn.", "2016-09-01", "2016-11-30", "month", "relative"),
        ("It happened on 14 August 1947.", "1947-08-14", "1947-08-14", "day", "explicit"),
        ("It happened on August 14, 1947.", "1947-08-14", "1947-08-14", "day", "explicit"),
        ("Talks resumed in March 2015.", "2015-03-01", "2015-03-31", "month", "explicit"),
        ("Aid flowed in the 1980s.", "1980-01-01", "1989-12-31", "decade", "explicit"),
        ("Ties were cool in the late 1990s.", "1996-01-01", "1999-12-31", "decade", "explicit"),
        ("They were rivals during the Cold War.", "1947-03-12", "1991-12-26", "era", "era"),
        (
            "Aid went to the mujahideen during the Soviet war in Afghanistan.",
            "1979-12-24",
            "1989-02-15",
            "era",
            "era",
        ),
        ("He visited last week.", "2016-09-19", "2016-09-25", "day", "relative"),
        ("He visited on Monday.", "2016-09-26", "2016-09-26", "day", "relative"),
        ("They met two years ago.", "2014-01-01", "2014-12-31", "year", "relative"),
        ("They met yesterday.", "2016-09-25", "2016-09-25", "day", "relative"),
        ("Troops have been there since 2014.", "2014-01-01", "2016-09-26", "year", "explicit"),
        ("It raged between 1979 and 1989.", "1979-01-01", "1989-12-31", "year", "explicit"),
        ("The 1965-66 crisis.", "1965-01-01", "1966-12-31", "year", "explicit"),
    ],
)
def test_expressions(text, start, end, precision, basis):
    t = one(text)
    assert t.date.to_dict() == {"start": start, "end": end, "precision": precision, "basis": basis}
    assert text[t.start : t.end] == t.text


def test_numbers_that_are_not_years_are_ignored():
    assert find_timexes("About 2000 troops and 250 Indian soldiers took part.", DOC) == []


def test_invalid_calendar_dates_are_ignored():
    assert all(t.kind != "date" for t in find_timexes("on 31 February 2016", DOC))


def test_anaphoric_and_defaults():
    assert one("At that time the Soviets were close to India.").kind == "anaphoric"
    assert document_date(DOC).basis == "document" and document_date(None).precision == "unknown"
    t = before_document(DOC)
    assert t.basis == "tense" and t.start is None and t.end == DOC


def test_relative_expressions_need_a_document_date():
    assert find_timexes("He visited last week.", None) == []


def test_prefilter_skips_only_patterns_that_cannot_match(monkeypatch):
    """The digit/keyword pre-test is a speed-up: results equal running every pattern."""
    import datetime as dt

    from allegiance.coding import timex

    texts = [
        "Talks resumed on Monday, three weeks ago, after a pause since March 2014.",
        "In the late 1970s and in '98 the two sides met; the following year they met again.",
        "The deal of 12 Sept. 2001 was signed at the same time as the 2003 accord.",
        "Yesterday and this morning officials spoke; last night the army moved.",
        "No date at all here, just words about the Cold War.",
    ]
    day = dt.date(2016, 9, 26)
    fast = [timex.find_timexes(t, day) for t in texts]
    monkeypatch.setattr(timex, "_may_match", lambda *args: True)
    assert fast == [timex.find_timexes(t, day) for t in texts]
    assert all(fast[:4])
    assert [t.kind for t in fast[4]] == ["era"]  # the era pre-test lets "Cold War" through


def test_last_winter_and_this_winter_around_new_year():
    (last,) = find_timexes("It froze last winter.", dt.date(2020, 1, 15))
    assert (last.date.start, last.date.end) == (dt.date(2018, 12, 1), dt.date(2019, 2, 28))
    (this,) = find_timexes("It froze this winter.", dt.date(2020, 1, 15))
    assert (this.date.start, this.date.end) == (dt.date(2019, 12, 1), dt.date(2020, 2, 29))
