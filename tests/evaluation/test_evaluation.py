import collections
import json
from pathlib import Path

import pytest

from allegiance.evaluation import evaluate, load_gold, load_gold_jsonl
from allegiance.model import (
    MODALITIES,
    Actor,
    CodedDocument,
    DateSpan,
    Event,
    InputError,
    Relation,
)

GOLD = Path(__file__).resolve().parents[1] / "gold"


class FakeCoder:
    """Returns fixed records per sentence id, to test the scoring alone."""

    def __init__(self, records):
        self.records = records

    def code_many(self, docs):
        for d in docs:
            events, relations = self.records.get(d.doc_id, ([], []))
            yield CodedDocument(d.doc_id, events=events, relations=relations, sentences=1)


def actor(c):
    return Actor(c, c, None, c, c)


def event(doc, s, t, code, modality="asserted", year=2016):
    from allegiance.ontology import lookup

    e = lookup(code)
    import datetime as dt

    return Event(
        doc,
        0,
        (0, 1),
        "x",
        "v",
        actor(s),
        actor(t),
        code,
        e.root,
        e.plover,
        None,
        e.goldstein,
        e.quad_class,
        modality,
        DateSpan(dt.date(year, 1, 1), dt.date(year, 12, 31), "year", "explicit"),
        0.9,
    )


def write_gold(tmp_path, rows):
    p = tmp_path / "g.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return p


def test_scores_count_matches_misses_and_spurious(tmp_path):
    p = write_gold(
        tmp_path,
        [
            {
                "id": "1",
                "text": "a",
                "date": "2016-01-01",
                "relations": [],
                "events": [
                    {
                        "source": "RUS",
                        "target": "PAK",
                        "cameo": "062",
                        "modality": "asserted",
                        "year": 2016,
                    },
                    {
                        "source": "PAK",
                        "target": "RUS",
                        "cameo": "062",
                        "modality": "asserted",
                        "year": 2016,
                    },
                ],
            },
            {"id": "2", "text": "b", "date": "2016-01-01", "events": [], "relations": []},
        ],
    )
    coder = FakeCoder(
        {
            "1": ([event("1", "RUS", "PAK", "061"), event("1", "IND", "PAK", "190")], []),
            "2": ([event("2", "USA", "IND", "042")], []),
        }
    )
    r = evaluate(load_gold(p), coder)
    assert (r.events_root.tp, r.events_root.fp, r.events_root.fn) == (1, 2, 1)
    assert (r.events_code.tp, r.events_code.fp, r.events_code.fn) == (0, 3, 2)
    assert r.modality.value == 1.0 and r.date_year.value == 1.0
    assert r.no_event_sentences.total == 1 and r.no_event_sentences.correct == 0
    assert r.to_dict()["events"]["dyad_root"]["precision"] == pytest.approx(1 / 3, abs=1e-3)


def test_relations_match_on_unordered_pair_and_stance(tmp_path):
    p = write_gold(
        tmp_path,
        [
            {
                "id": "1",
                "text": "a",
                "date": "2016-01-01",
                "events": [],
                "relations": [{"a": "RUS", "b": "PAK", "stance": "adversary"}],
            }
        ],
    )
    span = DateSpan(None, None)
    rel = Relation(
        "1",
        0,
        (0, 1),
        "a",
        actor("PAK"),
        actor("RUS"),
        "adversary",
        -0.8,
        None,
        "asserted",
        span,
        0.8,
    )
    r = evaluate(load_gold(p), FakeCoder({"1": ([], [rel])}))
    assert (r.relations.tp, r.relations.fp, r.relations.fn) == (1, 0, 0)


def test_bad_gold_lines_name_file_and_line(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text(
        '{"id": "1", "text": "a", "date": "2016-01-01", "events": [], "relations": []}\n'
        '{"id": "2", "text": "a"}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="g.jsonl:2: missing keys"):
        load_gold_jsonl(p)


def test_team_gold_set_meets_its_specification():
    items = [i for p in sorted(GOLD.glob("*.jsonl")) for i in load_gold(p)]
    assert len(items) >= 400
    assert len({i.id for i in items}) == len(items)
    no_event = [i for i in items if not i.events and not i.relations]
    assert len(no_event) / len(items) >= 0.25
    roots = collections.Counter(
        e.cameo[:2] if len(e.cameo) > 2 else e.cameo for i in items for e in i.events
    )
    from allegiance.ontology import root_of

    roots = {root_of(e.cameo) for i in items for e in i.events}
    assert roots == {f"{n:02d}" for n in range(1, 21)}
    assert {e.modality for i in items for e in i.events} == set(MODALITIES)
    assert sum(1 for i in items if i.relations) >= 50
    assert sum(1 for i in items if any(e.year and e.year < 2000 for e in i.events)) >= 100


def test_petrarch_records_load(shared):
    items = load_gold(shared / "data" / "petrarch" / "PETR.UnitTest.records.xml")
    assert len(items) > 200
    assert all(i.origin == "petrarch" for i in items)
    assert any(e.source == "ARN" for i in items for e in i.events)
