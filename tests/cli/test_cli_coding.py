"""The coding commands end to end, as a user runs them (a real process)."""

import json
import subprocess
import sys

import pytest


def run(*args, stdin=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "allegiance", *args],
        capture_output=True,
        text=True,
        input=stdin,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def texts(tmp_path_factory):
    d = tmp_path_factory.mktemp("texts")
    (d / "a.txt").write_text(
        "Peru and Chile signed a fisheries accord in Lima.\n", encoding="utf-8"
    )
    (d / "docs.jsonl").write_text(
        json.dumps(
            {"id": "n1", "date": "1999-05-01", "text": "Albania accused Serbia of shelling."}
        )
        + "\n"
        + json.dumps({"id": "n2", "text": "Nothing happened today."})
        + "\n",
        encoding="utf-8",
    )
    (d / "bad.jsonl").write_text(
        json.dumps({"id": "ok", "text": "Japan praised Vietnam."}) + "\n{not json\n",
        encoding="utf-8",
    )
    (d / "bin.dat").write_bytes(b"\x00\x01\x02\x03binary")
    (d / "latin1.txt").write_bytes("Caf\xe9 in Bogot\xe1".encode("latin-1"))
    (d / "empty.txt").write_text("", encoding="utf-8")
    return d


def test_code_text_file_prints_contract_records(texts):
    res = run("code", str(texts / "a.txt"), "--date", "2010-03-02", "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert {
        (r["source"]["country"], r["target"]["country"], r["cameo_root"])
        for r in recs
        if r["type"] == "event"
    } >= {("PER", "CHL", "05"), ("CHL", "PER", "05")}
    assert all(r["date"]["start"] == "2010-03-02" for r in recs)


def test_code_jsonl_keeps_ids_and_dates(texts):
    res = run("code", str(texts / "docs.jsonl"), "--input-format", "jsonl", "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert recs and {r["doc_id"] for r in recs} == {"n1"}
    assert recs[0]["date"]["start"] == "1999-05-01"


def test_code_reads_stdin():
    res = run("code", "-", "--date", "2001-01-01", stdin="Kenya condemned Uganda.")
    assert res.returncode == 0 and '"KEN"' in res.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["code", "missing.txt"], "missing.txt: no such file"),
        (["code", "{d}/bin.dat"], "bin.dat: binary"),
        (["code", "{d}/latin1.txt"], "latin1.txt: not UTF-8"),
        (["code", "{d}/empty.txt"], "empty.txt: empty"),
        (["code", "{d}/bad.jsonl", "--input-format", "jsonl"], "bad.jsonl:2: malformed JSON"),
        (["code", "{d}/a.txt", "--date", "2016-13-45"], "--date '2016-13-45'"),
        (["actors", "India", "--date", "yesterday"], "--date 'yesterday'"),
    ],
)
def test_bad_input_exits_1_with_one_line(texts, args, needle):
    res = run(*[a.format(d=texts) for a in args])
    assert res.returncode == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, res.stderr
    assert needle in lines[0] and "Traceback" not in res.stderr


def test_good_lines_of_a_bad_jsonl_are_still_coded(texts):
    res = run("code", str(texts / "bad.jsonl"), "--input-format", "jsonl")
    assert res.returncode == 1
    assert '"JPN"' in res.stdout


def test_actors_resolves_a_json_array(texts):
    res = run(
        "actors",
        "the Pakistan army",
        "Whitehall",
        "Modi",
        "nobody",
        "--date",
        "2016-09-26",
        "--format",
        "json",
    )
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert [a["code"] if a else None for a in out] == ["PAKMIL", "GBRGOV", "INDGOV", None]
