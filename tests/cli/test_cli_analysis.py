"""The analysis commands print the contract's JSON shapes (DESIGN.md section 3)."""

import json
import subprocess
import sys

import pytest

from allegiance.report._sample import build_sample_store


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return build_sample_store(tmp_path_factory.mktemp("cli") / "sample.duckdb")


def run(*args):
    res = subprocess.run(
        [sys.executable, "-m", "allegiance", *args], capture_output=True, text=True, timeout=300
    )
    return res


def as_json(*args):
    res = run(*args, "--format", "json")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def test_dyad_shape(db):
    d = as_json("dyad", "RUS", "PAK", "--db", str(db))
    assert (d["a"], d["b"], d["by"]) == ("RUS", "PAK", "year")
    point = next(p for p in d["series"] if p["events"])
    assert {"period", "score", "events", "evidence"} <= set(point)
    assert -1 <= point["score"] <= 1


def test_blocs_shifts_axis_alignment_shapes(db):
    b = as_json("blocs", "--db", str(db), "--period", "1960-1989")
    assert {"period", "blocs", "frustration", "method"} <= set(b)
    s = as_json("shifts", "--db", str(db))
    assert all({"a", "b", "kind", "before", "after", "evidence"} <= set(x) for x in s["shifts"])
    ax = as_json("axis", "RUS,CHN,PAK", "USA,IND,JPN", "--db", str(db))
    assert ax["camps"] == [["RUS", "CHN", "PAK"], ["USA", "IND", "JPN"]]
    assert all({"period", "cohesion", "opposition"} <= set(p) for p in ax["series"])
    al = as_json("alignment", "IND", "USA", "--db", str(db))
    assert {"a", "b", "direct", "s_score", "kappa"} <= set(al)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["dyad", "RUS", "RUS"], "two different states"),
        (["dyad", "RUS", "PAK", "--by", "week"], "--by 'week'"),
        (["blocs", "--period", "19x0"], "19x0"),
        (["dyad", "RUS", "PAK", "--layers", "events=abc"], "--layers"),
    ],
)
def test_bad_analysis_arguments_are_one_line_errors(db, args, needle):
    res = run(*args, "--db", str(db))
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and needle in lines[0], res.stderr
