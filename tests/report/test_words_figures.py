"""Words and figures from contract shapes: no store, no analysis needed."""

from __future__ import annotations

import numpy as np

from allegiance.report.figures import dyad_figure, network_figure, quad_counts, signed_layout
from allegiance.report.words import (
    evidence_date,
    headline,
    level_word,
    run_around,
    span_label,
)


def test_level_words_cover_the_scale() -> None:
    assert level_word(0.9) == "allies"
    assert level_word(0.4) == "partners"
    assert level_word(0.0) == "neutral"
    assert level_word(-0.45) == "rivals"
    assert level_word(-0.9) == "adversaries"
    assert level_word(None) == "unknown"


def test_span_labels_use_decades_for_long_spans() -> None:
    assert span_label("1955", "1985") == "1950s–1980s"
    assert span_label("2014", "2016") == "2014–2016"
    assert span_label("2016", "2016") == "2016"
    assert span_label("2016Q1", "2016Q3") == "2016Q1–2016Q3"


def test_headline_names_levels_and_periods_from_the_series() -> None:
    series = [{"period": str(y), "score": -0.7} for y in range(1955, 1990)]
    series += [{"period": str(y), "score": None} for y in range(1990, 2014)]
    series += [
        {"period": "2014", "score": 0.35},
        {"period": "2015", "score": 0.5},
        {"period": "2016", "score": 0.45},
    ]
    shift = {
        "a": "RUS",
        "b": "PAK",
        "kind": "flip",
        "before": {"period": "1985", "score": -0.7},
        "after": {"period": "2016", "score": 0.45},
    }
    assert run_around(series, "1985") == ("1955", "1989")
    text = headline(shift, series)
    assert text.endswith("from adversaries (1950s–1980s) to partners (2014–2016)")


def test_headline_for_a_bloc_change_and_same_level() -> None:
    bloc = {
        "a": "IND",
        "b": None,
        "kind": "bloc-change",
        "before": {"period": "1991", "score": 0.6},
        "after": {"period": "1992", "score": 0.1},
        "from_bloc": ["IND", "RUS"],
        "to_bloc": ["IND", "USA"],
    }
    assert "moved from the bloc of RUS" in headline(bloc) or "moved from the bloc of Russia" in (
        headline(bloc)
    )
    same = {
        "a": "USA",
        "b": "JPN",
        "kind": "warming",
        "before": {"period": "2000", "score": 0.61},
        "after": {"period": "2016", "score": 0.9},
    }
    assert "growing closer" in headline(same)


def test_evidence_dates() -> None:
    assert evidence_date({"date": {"start": "2016-09-24", "end": "2016-09-24"}}) == "2016-09-24"
    assert (
        evidence_date({"date": {"start": "1955-01-01T00:00:00", "end": "1989-12-31T00:00:00"}})
        == "1955–1989"
    )
    assert evidence_date({"date": "2001-01-02"}) == "2001-01-02"


def test_quad_counts_accept_several_spellings() -> None:
    assert quad_counts({"quad_counts": {"1": 2, "4": 1}}) == {1: 2, 2: 0, 3: 0, 4: 1}
    assert quad_counts({"q1": 1, "q2": 2, "q3": 3, "q4": 4}) == {1: 1, 2: 2, 3: 3, 4: 4}
    assert quad_counts({"quads": [1, 0, 0, 2]}) == {1: 1, 2: 0, 3: 0, 4: 2}


def test_dyad_figure_has_score_line_and_quad_bars() -> None:
    dyad = {
        "a": "RUS",
        "b": "PAK",
        "by": "year",
        "series": [
            {"period": "2015", "score": 0.2, "events": 2, "quad_counts": {"1": 1, "2": 1}},
            {"period": "2016", "score": 0.6, "events": 1, "quad_counts": {"2": 1}},
        ],
    }
    fig = dyad_figure(dyad)
    kinds = [(t["type"], t.get("name")) for t in fig["data"]]
    assert ("scatter", "relation score") in kinds
    assert ("bar", "material cooperation") in kinds
    assert fig["layout"]["yaxis"]["range"] == [-1.05, 1.05]


def test_signed_layout_is_deterministic_and_separates_camps() -> None:
    w = np.array(
        [[0, 0.8, -0.7, -0.6], [0.8, 0, -0.5, -0.8], [-0.7, -0.5, 0, 0.9], [-0.6, -0.8, 0.9, 0]]
    )
    p1, p2 = signed_layout(w), signed_layout(w)
    assert np.array_equal(p1, p2)
    d = np.linalg.norm(p1[:, None] - p1[None, :], axis=2)
    assert d[0, 1] < d[0, 2] and d[2, 3] < d[1, 3]
    assert signed_layout(np.zeros((0, 0))).shape == (0, 2)
    assert signed_layout(np.zeros((3, 3))).shape == (3, 2)


def test_network_figure_styles_ties_by_sign() -> None:
    w = np.array([[0, 0.8, -0.7], [0.8, 0, 0], [-0.7, 0, 0]])
    fig = network_figure(["RUS", "PAK", "USA"], w, [["PAK", "RUS"], ["USA"]])
    lines = [t for t in fig["data"] if t.get("mode") == "lines" and t["x"] != [None]]
    dashes = {t["line"]["dash"] for t in lines}
    assert dashes == {"solid", "dash"}
