"""Analysis commands: dyad, alignment, blocs, shifts, axis."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from allegiance.cli.common import DbOption, Format, app, emit_json, fail, open_store, out

LayersOption = typer.Option(
    None,
    "--layers",
    help="Layers and weights, e.g. events=1,atop=0.5 (default: all present, weight 1).",
)
LineageOption = typer.Option(
    False, "--no-lineage", help="Keep dissolved states (SUN) apart from successors."
)


def _layers(text: str | None) -> dict[str, float] | None:
    from allegiance.analysis import parse_layers

    try:
        return parse_layers(text)
    except ValueError as exc:
        fail(f"--layers {text!r}: {exc}")


def _state(code: str) -> str:
    code = code.strip().upper()
    if not code.isalpha() or not 2 <= len(code) <= 12:
        fail(f"{code!r}: not a state or actor code (expected e.g. RUS, PAK, USA)")
    return code


def _analyse(db: Path | None, fn, *args, **kwargs) -> dict:  # noqa: ANN001 - any analysis
    """Run one analysis on a read-only store and return its contract dict."""
    store = open_store(db, read_only=True)
    try:
        return fn(store, *args, **kwargs).to_dict()
    finally:
        store.close()


def _name(code: str) -> str:
    from allegiance.actors import Gazetteer

    c = Gazetteer.default().country(code)
    return c.name if c else code


@app.command("dyad")
def dyad_cmd(
    a: str = typer.Argument(..., help="First state (ISO3, e.g. RUS)."),
    b: str = typer.Argument(..., help="Second state (ISO3, e.g. PAK)."),
    db: Path = DbOption,
    by: str = typer.Option("year", "--by", help="year | quarter | month"),
    layers: str = LayersOption,
    no_lineage: bool = LineageOption,
    evidence: int = typer.Option(3, "--evidence", min=0, help="Evidence records per period."),
    fmt: Format = typer.Option(Format.text, "--format", "-f"),
) -> None:
    """The relation score of two states over time, with the records behind each point."""
    from allegiance.analysis import dyad_series

    if by not in {"year", "quarter", "month"}:
        fail(f"--by {by!r}: expected year, quarter or month")
    d = _analyse(
        db,
        dyad_series,
        _state(a),
        _state(b),
        by=by,
        layers=_layers(layers),
        lineage=not no_lineage,
        evidence=evidence,
    )
    if fmt == Format.json:
        emit_json(d)
        return
    table = Table(title=f"{_name(d['a'])} – {_name(d['b'])} by {d['by']}")
    table.add_column("period")
    table.add_column("score", justify="right")
    table.add_column("records", justify="right")
    table.add_column("strongest evidence", overflow="fold")
    for p in d["series"]:
        ev = p.get("evidence") or []
        top = ev[0].get("sentence_text") or ev[0].get("ref") or "" if ev else ""
        score = p["score"]
        colour = "green" if score and score > 0.1 else "red" if score and score < -0.1 else "white"
        table.add_row(
            str(p["period"]),
            f"[{colour}]{score:+.2f}[/{colour}]" if score is not None else "–",
            str(p.get("events", 0)),
            (top or "")[:160],
        )
    out.print(table)


@app.command("alignment")
def alignment_cmd(
    a: str = typer.Argument(...),
    b: str = typer.Argument(...),
    db: Path = DbOption,
    period: str = typer.Option(None, "--period", help="1970 | 1966-1969 | 2016Q3 | 2016-09"),
    layers: str = LayersOption,
    no_lineage: bool = LineageOption,
    fmt: Format = typer.Option(Format.text, "--format", "-f"),
) -> None:
    """How alike two states' relations to all others are (S score and kappa)."""
    from allegiance.analysis import alignment

    d = _analyse(
        db,
        alignment,
        _state(a),
        _state(b),
        period=period,
        layers=_layers(layers),
        lineage=not no_lineage,
    )
    if fmt == Format.json:
        emit_json(d)
    else:
        for k, v in d.items():
            out.print(f"{k:>12}: {v}")


@app.command("blocs")
def blocs_cmd(
    db: Path = DbOption,
    period: str = typer.Option(
        None, "--period", help="1970 | 1966-1969 | 2016Q3 | 2016-09 (default: all data)."
    ),
    k: int = typer.Option(
        None, "--k", min=1, help="Number of blocs (default: chosen by the data)."
    ),
    layers: str = LayersOption,
    no_lineage: bool = LineageOption,
    fmt: Format = typer.Option(Format.text, "--format", "-f"),
) -> None:
    """Partition the signed network of a period into blocs with least frustration."""
    from allegiance.analysis import blocs

    d = _analyse(db, blocs, period=period, layers=_layers(layers), k=k, lineage=not no_lineage)
    if fmt == Format.json:
        emit_json(d)
        return
    out.print(
        f"[bold]Blocs {d['period']}[/bold]  frustration {d['frustration']:.2f} ({d['method']})"
    )
    base = d.get("baseline") or {}
    if base:
        out.print(f"  spectral baseline frustration {base.get('frustration')}")
    for i, bloc in enumerate(d["blocs"], 1):
        out.print(f"  {i}. " + ", ".join(bloc))


@app.command("shifts")
def shifts_cmd(
    db: Path = DbOption,
    by: str = typer.Option("year", "--by", help="year | quarter | month"),
    layers: str = LayersOption,
    no_lineage: bool = LineageOption,
    top: int = typer.Option(20, "--top", min=1),
    fmt: Format = typer.Option(Format.text, "--format", "-f"),
) -> None:
    """Realignments ranked by size: sign flips, changepoints, trends, bloc changes."""
    from allegiance.analysis import shifts

    if by not in {"year", "quarter", "month"}:
        fail(f"--by {by!r}: expected year, quarter or month")
    d = _analyse(db, shifts, by=by, layers=_layers(layers), lineage=not no_lineage, top=top)
    if fmt == Format.json:
        emit_json(d)
        return
    table = Table(title="Shifts")
    for col in ("dyad", "kind", "before", "after", "evidence"):
        table.add_column(col, overflow="fold")
    for s in d["shifts"]:
        ev = (s.get("evidence") or [{}])[0]
        table.add_row(
            f"{s['a']}–{s.get('b') or ''}",
            s["kind"],
            f"{s['before']['period']} {s['before']['score']:+.2f}"
            if s["before"].get("score") is not None
            else str(s["before"].get("period")),
            f"{s['after']['period']} {s['after']['score']:+.2f}"
            if s["after"].get("score") is not None
            else str(s["after"].get("period")),
            (ev.get("sentence_text") or ev.get("ref") or "")[:140],
        )
    out.print(table)


@app.command("axis")
def axis_cmd(
    camp_a: str = typer.Argument(..., help='First camp, e.g. "RUS,CHN,PAK".'),
    camp_b: str = typer.Argument(..., help='Second camp, e.g. "USA,IND,JPN".'),
    db: Path = DbOption,
    by: str = typer.Option("year", "--by"),
    layers: str = LayersOption,
    no_lineage: bool = LineageOption,
    fmt: Format = typer.Option(Format.text, "--format", "-f"),
) -> None:
    """Cohesion inside two camps and opposition between them, per period."""
    from allegiance.analysis import axis

    a = [_state(c) for c in camp_a.split(",") if c.strip()]
    b = [_state(c) for c in camp_b.split(",") if c.strip()]
    if not a or not b:
        fail('axis needs two non-empty camps, e.g. "RUS,CHN,PAK" "USA,IND,JPN"')
    d = _analyse(db, axis, a, b, by=by, layers=_layers(layers), lineage=not no_lineage)
    if fmt == Format.json:
        emit_json(d)
        return
    table = Table(title=f"Axis {'/'.join(a)} vs {'/'.join(b)}")
    for col in ("period", "cohesion A", "cohesion B", "opposition"):
        table.add_column(col, justify="right")
    for p in d["series"]:
        ca, cb = p["cohesion"]
        table.add_row(str(p["period"]), _signed(ca), _signed(cb), _signed(p["opposition"]))
    out.print(table)


def _signed(v: float | None) -> str:
    return "–" if v is None else f"{v:+.2f}"
