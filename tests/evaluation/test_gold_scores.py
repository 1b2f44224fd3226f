"""The coder's measured quality on the team's gold set, as a regression floor.

The floors sit a little under what the coder measures today (see README, "Accuracy"); a
change that loses accuracy fails here.  They are not the targets: those are higher.
"""

from pathlib import Path

import pytest

from allegiance.evaluation import evaluate, load_gold

GOLD = Path(__file__).resolve().parents[1] / "gold"


@pytest.fixture(scope="module")
def report(coder):
    items = [i for p in sorted(GOLD.glob("*.jsonl")) for i in load_gold(p)]
    return evaluate(items, coder)


def test_event_scores_floor(report):
    assert report.events_root.precision >= 0.75
    assert report.events_root.f1 >= 0.78


def test_modality_and_dates_floor(report):
    assert report.modality.value >= 0.90
    assert report.date_year.value >= 0.90


def test_relations_and_empty_sentences_floor(report):
    assert report.relations.f1 >= 0.70
    assert report.no_event_sentences.value >= 0.93
