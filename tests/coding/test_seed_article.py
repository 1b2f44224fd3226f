"""Acceptance on the article the product was conceived from (skipped without ../shared)."""

import datetime as dt

import pytest

from allegiance.model import Document


@pytest.fixture(scope="module")
def seed(shared, coder):
    text = (shared / "seeds" / "000_d8900ce6009c6138.txt").read_text(encoding="utf-8")
    coded = coder.code(Document("seed", text, dt.date(2016, 9, 26)))
    return text, [e.to_dict() for e in coded.events], [r.to_dict() for r in coded.relations]


def pair(rec, a="source", b="target"):
    return (rec[a]["country"], rec[b]["country"] if rec[b] else None)


def test_joint_exercise_is_coded_both_ways_as_asserted_military_cooperation(seed):
    _, events, _ = seed
    asserted = {pair(e) for e in events if e["cameo"] == "062" and e["modality"] == "asserted"}
    assert {("RUS", "PAK"), ("PAK", "RUS")} <= asserted


def test_soviet_india_agreement_is_dated_1970(seed):
    _, events, _ = seed
    signed = [
        e
        for e in events
        if e["cameo_root"] == "05"
        and {e["source"]["country"], e["target"]["country"]} == {"SUN", "IND"}
    ]
    assert signed
    assert all(e["date"]["start"].startswith("1970") for e in signed)


def test_exercise_india_expected_to_be_called_off_is_not_an_event_that_happened(seed):
    text, events, _ = seed
    start = text.index("India had expected")
    end = text.index(".", start)
    in_sentence = [e for e in events if start <= e["span"][0] < end]
    assert in_sentence
    assert all(e["modality"] != "asserted" for e in in_sentence if e["cameo_root"] in {"06", "16"})


def test_no_exercise_has_ever_taken_place_is_negated(seed):
    _, events, _ = seed
    in_sentence = [e for e in events if "no Russo-Pak" in e["sentence_text"]]
    assert in_sentence and all(e["modality"] == "negated" for e in in_sentence)


def test_relations_trace_the_realignment(seed):
    _, _, relations = seed
    stances = {
        (frozenset((r["a"]["country"], r["b"]["country"])), r["stance"], r["modality"])
        for r in relations
    }
    assert (frozenset({"RUS", "PAK"}), "adversary", "asserted") in stances
    assert (frozenset({"PAK", "USA"}), "ally", "asserted") in stances
    assert (frozenset({"PAK", "USA"}), "strained", "asserted") in stances
    axis = {s for s in stances if s[1] == "ally" and s[2] == "speculative"}
    assert {frozenset({"RUS", "CHN"}), frozenset({"CHN", "PAK"})} <= {s[0] for s in axis}
    cold_war = [r for r in relations if r["stance"] == "adversary"]
    assert cold_war[0]["date"]["basis"] == "era"


def test_records_point_to_their_source_span(seed):
    text, events, relations = seed
    for rec in events + relations:
        start, end = rec["span"]
        assert rec["sentence_text"] in text
        assert text[start:end] in rec["sentence_text"]
