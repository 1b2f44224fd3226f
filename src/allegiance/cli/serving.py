"""`allegiance serve` (the local dashboard) and `allegiance report` (the HTML report)."""

from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path

import typer

from allegiance.cli.common import DbOption, app, console, fail, open_store
from allegiance.store import default_db_path

TOKEN_ENV = "ALLEGIANCE_TOKEN"


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    h = host.strip().strip("[]").lower()
    if h == "localhost":
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False


def parse_axis(text: str) -> tuple[list[str], list[str]]:
    """``"RUS,CHN,PAK/USA,IND,JPN"`` -> (["RUS","CHN","PAK"], ["USA","IND","JPN"])."""
    if text.count("/") != 1:
        raise ValueError(f"--axis {text!r}: expected two camps as A,B,C/D,E,F")
    left, right = text.split("/")
    camps = []
    for part in (left, right):
        codes = [c.strip().upper() for c in part.split(",") if c.strip()]
        if not codes:
            raise ValueError(f"--axis {text!r}: a camp is empty")
        for c in codes:
            if not re.fullmatch(r"[A-Z]{3}", c):
                raise ValueError(f"--axis {text!r}: {c!r} is not a state code (e.g. RUS)")
        camps.append(codes)
    return camps[0], camps[1]


@app.command()
def serve(
    db: Path | None = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to bind (default: loopback)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    token: str | None = typer.Option(
        None, "--token", help=f"Require this bearer token (default: ${TOKEN_ENV})."
    ),
) -> None:
    """Serve the read-only dashboard and JSON API (OpenAPI reference at /docs)."""
    token = token or os.environ.get(TOKEN_ENV) or None
    if not is_loopback(host) and not token:
        fail(f"--host {host} is reachable from other machines: set --token or ${TOKEN_ENV}")
    path = Path(db) if db is not None else default_db_path()
    open_store(path, read_only=True).close()  # a clear one-line error now, not per request
    import uvicorn

    from allegiance.web import create_app

    console.print(
        f"allegiance: serving {path} on http://{host}:{port}/"
        + (" (token required)" if token else "")
    )
    uvicorn.run(create_app(path, token=token), host=host, port=port, log_level="warning")


@app.command()
def report(
    db: Path | None = DbOption,
    out: Path = typer.Option(..., "--out", "-o", help="HTML file to write."),
    axis: str | None = typer.Option(
        None, "--axis", help='Test an axis of two camps: "RUS,CHN,PAK/USA,IND,JPN".'
    ),
    layers: str | None = typer.Option(
        None, "--layers", help="NAME=WEIGHT,... (default: every layer present, weight 1)."
    ),
    figures: Path | None = typer.Option(
        None, "--figures", help="Also write PNG figures for papers into this folder."
    ),
    period: list[str] | None = typer.Option(
        None, "--period", help="A period for the network pictures (repeatable)."
    ),
    title: str = typer.Option("allegiance report", "--title", help="Report title."),
) -> None:
    """Write a self-contained HTML report: shifts with evidence, timelines, blocs, methods."""
    from allegiance.analysis import parse_layers, parse_period
    from allegiance.report import write_report

    try:
        camps = parse_axis(axis) if axis else None
        lay = parse_layers(layers)
        periods = [parse_period(p).label for p in period] if period else None
    except ValueError as exc:
        fail(str(exc))
    store = open_store(db, read_only=True)
    try:
        if lay:
            unknown = sorted(set(lay) - set(store.layers()))
            if unknown:
                fail(
                    f"--layers: unknown layer {unknown[0]!r} (present: "
                    f"{', '.join(store.layers()) or 'none'})"
                )
        try:
            path = write_report(
                store, out, axis=camps, layers=lay, figures=figures, periods=periods, title=title
            )
        except (ValueError, RuntimeError, OSError) as exc:
            fail(str(exc))
    finally:
        store.close()
    console.print(f"allegiance: wrote {path}" + (f" and figures in {figures}" if figures else ""))
