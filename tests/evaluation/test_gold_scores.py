"""The coder's measured quality on the team's gold sets, as regression floors.

``gold_a`` and ``gold_b`` are the first development sets: the coder was tuned by reading their
errors.  ``gold_d`` is the second development set: written by a team member who never ran
the coder, scored once untouched (events F1 0.51), and only then opened for error analysis.
``gold_f`` is the third development set, written and opened the same way (untouched: events
F1 0.49).  ``gold_c``, ``gold_e``, ``gold_g`` and ``gold_h`` (and any later held-out file)
were written the same way and stay held out: nobody reads their errors to change the coder,
so their numbers estimate quality on unseen news (``gold_g`` and ``gold_h`` were scored once
on arrival: events F1 0.60 and 0.64).  The floors sit a little under today's measurements
(README, "Accuracy"); a change that loses accuracy fails here.  They are not the targets.
"""

from pathlib import Path

import pytest

from allegiance.evaluation import evaluate, load_gold

GOLD = Path(__file__).resolve().parents[1] / "gold"
DEVELOPMENT = ("gold_a.jsonl", "gold_b.jsonl")
SECOND_DEVELOPMENT = ("gold_d.jsonl",)
THIRD_DEVELOPMENT = ("gold_f.jsonl",)
HELD_OUT = ("gold_c.jsonl", "gold_e.jsonl", "gold_g.jsonl", "gold_h.jsonl")


def _report(coder, names: tuple[str, ...]):  # noqa: ANN001, ANN202
    return evaluate([i for n in names for i in load_gold(GOLD / n)], coder)


@pytest.fixture(scope="module")
def development(coder):
    return _report(coder, DEVELOPMENT)


@pytest.fixture(scope="module")
def second_development(coder):
    return _report(coder, SECOND_DEVELOPMENT)


@pytest.fixture(scope="module")
def third_development(coder):
    return _report(coder, THIRD_DEVELOPMENT)


@pytest.fixture(scope="module")
def held_out(coder):
    return _report(coder, HELD_OUT)


def test_every_gold_file_is_scored_in_one_set():
    sets = DEVELOPMENT + SECOND_DEVELOPMENT + THIRD_DEVELOPMENT + HELD_OUT
    assert {p.name for p in GOLD.glob("*.jsonl")} == set(sets)
    assert len(sets) == len(set(sets))


def test_development_event_scores_floor(development):
    assert development.events_root.precision >= 0.88
    assert development.events_root.f1 >= 0.80


def test_second_development_event_scores_floor(second_development):
    assert second_development.events_root.precision >= 0.90
    assert second_development.events_root.f1 >= 0.66


def test_third_development_event_scores_floor(third_development):
    assert third_development.events_root.precision >= 0.83
    assert third_development.events_root.f1 >= 0.60


def test_held_out_event_scores_floor(held_out):
    assert held_out.events_root.precision >= 0.77
    assert held_out.events_root.f1 >= 0.57


def test_modality_and_dates_floor(development, second_development, third_development, held_out):
    for report in (development, second_development, third_development, held_out):
        assert report.modality.value >= 0.90
        assert report.date_year.value >= 0.90


def test_relations_and_empty_sentences_floor(
    development, second_development, third_development, held_out
):
    assert development.relations.f1 >= 0.78
    assert second_development.relations.f1 >= 0.80
    assert third_development.relations.f1 >= 0.44
    assert held_out.relations.f1 >= 0.50
    for report in (development, second_development, third_development, held_out):
        assert report.no_event_sentences.value >= 0.95
