"""The coder's measured quality on the team's gold sets, as regression floors.

``gold_a`` and ``gold_b`` are the development sets: the coder was tuned by reading their
errors.  ``gold_c`` was written afterwards by a team member who never ran the coder on it,
and is kept held out (nobody reads its errors to change the coder), so its numbers estimate
quality on unseen news.  The floors sit a little under today's measurements (README,
"Accuracy"); a change that loses accuracy fails here.  They are not the targets.
"""

from pathlib import Path

import pytest

from allegiance.evaluation import evaluate, load_gold

GOLD = Path(__file__).resolve().parents[1] / "gold"
DEVELOPMENT = ("gold_a.jsonl", "gold_b.jsonl")
HELD_OUT = ("gold_c.jsonl",)


def _report(coder, names: tuple[str, ...]):  # noqa: ANN001, ANN202
    return evaluate([i for n in names for i in load_gold(GOLD / n)], coder)


@pytest.fixture(scope="module")
def development(coder):
    return _report(coder, DEVELOPMENT)


@pytest.fixture(scope="module")
def held_out(coder):
    return _report(coder, HELD_OUT)


def test_every_gold_file_is_scored_as_development_or_held_out():
    assert {p.name for p in GOLD.glob("*.jsonl")} == set(DEVELOPMENT + HELD_OUT)


def test_development_event_scores_floor(development):
    assert development.events_root.precision >= 0.88
    assert development.events_root.f1 >= 0.78


def test_held_out_event_scores_floor(held_out):
    assert held_out.events_root.precision >= 0.75
    assert held_out.events_root.f1 >= 0.50


def test_modality_and_dates_floor(development, held_out):
    for report in (development, held_out):
        assert report.modality.value >= 0.90
        assert report.date_year.value >= 0.90


def test_relations_and_empty_sentences_floor(development, held_out):
    assert development.relations.f1 >= 0.75
    assert held_out.relations.f1 >= 0.50
    for report in (development, held_out):
        assert report.no_event_sentences.value >= 0.95
