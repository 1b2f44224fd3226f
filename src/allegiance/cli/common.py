"""Shared pieces of the CLI: the app, output helpers and one-line error handling."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn

import typer
from rich.console import Console

from allegiance.model import InputError
from allegiance.store import Store, StoreError

app = typer.Typer(
    name="allegiance",
    help="Code news into political events and relations; measure who aligns with whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)
out = Console(highlight=False, soft_wrap=True)

USER_ERRORS: tuple[type[Exception], ...] = (
    InputError,
    StoreError,
    ValueError,
    FileNotFoundError,
    PermissionError,
    IsADirectoryError,
)


class Format(StrEnum):
    text = "text"
    json = "json"
    jsonl = "jsonl"


def fail(message: str) -> NoReturn:
    """One line on stderr, exit 1: the contract for bad input."""
    first = str(message).strip().splitlines()[0] if str(message).strip() else "error"
    print(f"allegiance: error: {first}", file=sys.stderr)
    raise SystemExit(1)


def _default(o: Any) -> Any:
    if isinstance(o, dt.date | dt.datetime):
        return o.isoformat()
    if hasattr(o, "to_dict"):
        return o.to_dict()
    if hasattr(o, "item"):  # numpy scalars
        return o.item()
    if isinstance(o, set | tuple):
        return list(o)
    raise TypeError(f"not JSON serialisable: {type(o).__name__}")


def dumps(obj: Any, indent: int | None = None) -> str:
    return json.dumps(obj, default=_default, ensure_ascii=False, indent=indent)


def emit_json(obj: Any) -> None:
    sys.stdout.write(dumps(obj, indent=2) + "\n")


def emit_jsonl(records: Iterable[Any]) -> int:
    n = 0
    write = sys.stdout.write
    for rec in records:
        write(dumps(rec) + "\n")
        n += 1
    sys.stdout.flush()
    return n


def parse_date_option(value: str | None, option: str = "--date") -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        fail(f"{option} {value!r}: not a date (expected YYYY-MM-DD)")


def open_store(db: Path | None, read_only: bool = False) -> Store:
    try:
        return Store(db, read_only=read_only)
    except StoreError as exc:
        fail(str(exc))


DbOption = typer.Option(
    None, "--db", help="Database file (default: $ALLEGIANCE_DB or ./allegiance.duckdb)."
)
FormatOption = typer.Option(Format.text, "--format", "-f", help="Output format.")
