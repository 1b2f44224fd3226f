"""`allegiance serve`: loopback by default, refuses a public address without a token."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from allegiance.cli.serving import is_loopback, parse_axis


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    import os

    full_env = {k: v for k, v in os.environ.items() if k != "ALLEGIANCE_TOKEN"}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", "from allegiance.cli import main; main()", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=full_env,
    )


def test_loopback_detection() -> None:
    for host in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"):
        assert is_loopback(host), host
    for host in ("0.0.0.0", "192.168.1.5", "::", "example.org"):
        assert not is_loopback(host), host


def test_serve_refuses_public_host_without_token(web_db: Path) -> None:
    r = run_cli("serve", "--db", str(web_db), "--host", "0.0.0.0")
    assert r.returncode == 1
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and "--token" in lines[0] and "Traceback" not in r.stderr


def test_serve_reports_a_missing_database(tmp_path: Path) -> None:
    r = run_cli("serve", "--db", str(tmp_path / "none.duckdb"), "--port", "1")
    assert r.returncode == 1
    assert "no such database" in r.stderr and "Traceback" not in r.stderr


def test_axis_option_parsing() -> None:
    assert parse_axis("rus,chn,pak/USA,IND,JPN") == (["RUS", "CHN", "PAK"], ["USA", "IND", "JPN"])
    for bad in ("RUS,CHN", "RUS/", "RUS/USA/IND", "RUSSIA/USA"):
        with pytest.raises(ValueError):
            parse_axis(bad)
