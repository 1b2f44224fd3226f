"""`allegiance demo` end to end, and what the analysis finds in the demo corpus.

The corpus (src/allegiance/demo/articles) is plain dated news prose; nothing below is keyed to
it: the coder and the analysis run exactly as on any other corpus.
"""

import json
import statistics
import subprocess
import sys

import pytest

from allegiance.analysis import blocs, dyad_series, shifts
from allegiance.store import Store


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("demo")
    res = subprocess.run(
        [sys.executable, "-m", "allegiance", "demo", "--out", str(out), "--json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)
    store = Store(summary["database"], read_only=True)
    yield summary, store
    store.close()


def mean_score(store, a, b, first, last):
    series = dyad_series(store, a, b).to_dict()["series"]
    vals = [
        p["score"]
        for p in series
        if first <= int(p["period"]) <= last and p["events"] and p["score"] is not None
    ]
    assert vals, (a, b, first, last)
    return statistics.mean(vals)


def test_demo_codes_the_corpus_and_writes_a_report(demo):
    summary, _ = demo
    assert summary["documents"] >= 40
    assert summary["events"] > 300 and summary["relations"] > 30
    with open(summary["report"], encoding="utf-8") as fh:
        report = fh.read()
    assert "<html" in report.lower() and "Pakistan" in report
    assert summary["shifts"] and all(s["evidence"] for s in summary["shifts"])


def test_russia_pakistan_flip_from_cold_war_enmity_to_partnership(demo):
    _, store = demo
    assert (
        mean_score(store, "RUS", "PAK", 1950, 1989)
        < 0
        < mean_score(store, "RUS", "PAK", 2014, 2017)
    )
    found = [
        s for s in shifts(store, top=100).to_dict()["shifts"] if {s["a"], s["b"]} == {"RUS", "PAK"}
    ]
    assert any(s["before"]["score"] < 0 < s["after"]["score"] for s in found)


def test_india_usa_warming_and_pakistan_usa_cooling(demo):
    _, store = demo
    assert mean_score(store, "IND", "USA", 2005, 2017) > mean_score(store, "IND", "USA", 1990, 1999)
    assert mean_score(store, "IND", "USA", 2005, 2017) > mean_score(store, "IND", "USA", 1950, 1989)
    assert (
        mean_score(store, "PAK", "USA", 2010, 2017)
        < 0
        < mean_score(store, "PAK", "USA", 1954, 1989)
    )


def test_blocs_of_the_1970s_separate_usa_and_pakistan_from_the_ussr_and_india(demo):
    _, store = demo
    result = blocs(store, period="1970-1979").to_dict()
    side = {state: i for i, bloc in enumerate(result["blocs"]) for state in bloc}
    assert side["USA"] == side["PAK"]
    assert side["RUS"] == side["IND"]
    assert side["USA"] != side["RUS"]
    assert result["frustration"] <= result["baseline"]["frustration"]
