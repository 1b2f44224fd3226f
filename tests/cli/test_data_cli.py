"""CLI end to end: ingest, import, export, runs; one-line errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import allegiance.cli.data  # noqa: F401  (registers the commands)
from allegiance.cli.common import app

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 always separates stderr
        return CliRunner()


def run(runner: CliRunner, *args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_ingest_partial_and_total_failure(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    good = tmp_path / "a.txt"
    good.write_text("Russia and Pakistan held talks.")
    bad = tmp_path / "b.txt"
    bad.write_bytes(b"\x00\x00binary")
    r = run(runner, "ingest", str(good), str(bad), str(tmp_path / "nope.txt"), "--db", db)
    assert r.exit_code == 0, r.stderr
    assert "stored 1 documents" in r.stdout
    assert str(bad) in r.stderr and "binary" in r.stderr and "no such file" in r.stderr
    r2 = run(runner, "ingest", str(bad), "--db", db)
    assert r2.exit_code == 1
    assert r2.stderr.strip().count("\n") == 0 and str(bad) in r2.stderr
    r3 = run(runner, "ingest", str(good), "--db", db, "--format", "json")
    data = json.loads(r3.stdout)
    assert (data["stored"], data["duplicates"]) == (0, 1) and r3.exit_code == 0


def test_ingest_columns_and_date(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    p = tmp_path / "d.csv"
    p.write_text("key,body\nk1,Russia and Pakistan held talks.\n")
    r = run(
        runner,
        "ingest",
        str(p),
        "--db",
        db,
        "--text-column",
        "body",
        "--id-column",
        "key",
        "--date",
        "2016-09-26",
        "--format",
        "json",
    )
    assert r.exit_code == 0 and json.loads(r.stdout)["stored"] == 1
    r2 = run(runner, "ingest", str(p), "--db", db, "--date", "2017-13-45")
    assert r2.exit_code == 1 and "--date" in r2.stderr


def test_import_export_runs(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "t.duckdb")
    r = run(runner, "import", "--kind", "polecat", str(DATA / "polecat_sample.tsv"), "--db", db)
    assert r.exit_code == 0, r.stderr
    assert "4 stored" in r.stdout and "BANANA" in r.stderr
    r = run(runner, "import", "--kind", "nope", str(DATA / "polecat_sample.tsv"), "--db", db)
    assert r.exit_code == 1 and "gdelt2" in r.stderr
    r = run(runner, "import", "--kind", "gdelt2", str(tmp_path / "missing.tsv"), "--db", db)
    assert r.exit_code == 1 and "no such file" in r.stderr
    out = tmp_path / "e.parquet"
    r = run(runner, "export", "--db", db, "--to", str(out), "--schema", "gdelt", "--country", "RUS")
    assert r.exit_code == 0 and "wrote 2 events" in r.stdout and out.exists()
    r = run(runner, "export", "--db", db, "--to", str(tmp_path / "e.xlsx"))
    assert r.exit_code == 1 and "unknown export format" in r.stderr
    r = run(runner, "runs", "--db", db, "--format", "json")
    runs = json.loads(r.stdout)
    assert [x["kind"] for x in runs] == ["import"]  # bad kind and missing file: no run
    r = run(runner, "runs", "--db", db, "--rejects")
    assert "BANANA" in r.stdout and "2017-13-45" in r.stdout
