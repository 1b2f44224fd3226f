"""`allegiance report`: writes the file; bad options are one line on stderr, exit 1."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from report_support import needs_analysis


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", "from allegiance.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env=dict(os.environ),
    )


@needs_analysis
def test_report_command_writes_html(sample_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    r = run_cli(
        "report",
        "--db",
        str(sample_db),
        "--out",
        str(out),
        "--axis",
        "RUS,CHN,PAK/USA,IND,JPN",
        "--layers",
        "events=1",
    )
    assert r.returncode == 0, r.stderr
    html = out.read_text(encoding="utf-8")
    assert 'id="axis"' in html and "<script>alert(" not in html


def test_report_command_bad_options(sample_db: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from allegiance.cli import app

    out = str(tmp_path / "x.html")
    runner = CliRunner()
    for args, words in (
        (("--axis", "RUS,CHN"), "--axis"),
        (("--layers", "atop=1"), "unknown layer"),
        (("--layers", "events=x"), "layers"),
        (("--period", "20x"), "bad period"),
    ):
        r = runner.invoke(app, ["report", "--db", str(sample_db), "--out", out, *args])
        assert r.exit_code == 1, args
        assert words in r.stderr and "Traceback" not in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
    missing = run_cli("report", "--db", str(tmp_path / "none.duckdb"), "--out", out)
    assert missing.returncode == 1 and "no such database" in missing.stderr
