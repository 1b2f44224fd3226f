import datetime as dt

import pytest

from allegiance.model import (
    Actor,
    DateSpan,
    Event,
    InputError,
    Relation,
    content_hash,
    make_doc_id,
)

RUS = Actor("RUS", "RUS", None, "Russia", "the Russians")
PAK = Actor("PAKMIL", "PAK", "MIL", "Pakistan", "the Pakistan army")
WHEN = DateSpan(dt.date(2016, 9, 24), dt.date(2016, 9, 24), "day", "document")


def test_event_to_dict_has_exactly_the_contract_fields():
    e = Event(
        "d1",
        11,
        (1802, 1873),
        "s",
        "exercise",
        RUS,
        PAK,
        "062",
        "06",
        "COOPERATE",
        None,
        7.4,
        2,
        "asserted",
        WHEN,
        0.9,
    )
    d = e.to_dict()
    assert list(d) == [
        "type",
        "doc_id",
        "sentence",
        "span",
        "sentence_text",
        "trigger",
        "source",
        "target",
        "cameo",
        "cameo_root",
        "plover",
        "plover_mode",
        "goldstein",
        "quad_class",
        "modality",
        "date",
        "confidence",
    ]
    assert d["type"] == "event" and d["span"] == [1802, 1873]
    assert d["target"] == {
        "code": "PAKMIL",
        "country": "PAK",
        "sector": "MIL",
        "name": "Pakistan",
        "text": "the Pakistan army",
    }
    assert d["date"] == {
        "start": "2016-09-24",
        "end": "2016-09-24",
        "precision": "day",
        "basis": "document",
    }


def test_event_without_target_serialises_null():
    e = Event(
        "d1", 0, (0, 5), "s", "x", RUS, None, "010", "01", None, None, 0.0, 1, "asserted", WHEN, 0.5
    )
    assert e.to_dict()["target"] is None


def test_relation_to_dict_contract_fields():
    r = Relation("d1", 0, (0, 112), "s", RUS, PAK, "adversary", -0.8, None, "asserted", WHEN, 0.8)
    d = r.to_dict()
    for key in (
        "type",
        "doc_id",
        "sentence",
        "span",
        "sentence_text",
        "a",
        "b",
        "stance",
        "polarity",
        "trend",
        "modality",
        "date",
        "confidence",
    ):
        assert key in d
    assert d["type"] == "relation" and d["polarity"] == -0.8


def test_datespan_round_trip_and_unknown():
    assert DateSpan.from_dict(WHEN.to_dict()) == WHEN
    assert DateSpan.from_dict(None).precision == "unknown"


def test_doc_ids_depend_on_content_not_spacing():
    assert make_doc_id("India and  Pakistan") == make_doc_id("India and Pakistan")
    assert make_doc_id("a") != make_doc_id("b")
    assert content_hash("x y") == content_hash(" x\ny ")


def test_input_error_is_one_line_naming_input_and_line():
    err = InputError("news.jsonl", "malformed JSON", 7)
    assert str(err) == "news.jsonl:7: malformed JSON"
    assert "\n" not in str(err)
    with pytest.raises(ValueError):
        raise err
