"""`allegiance demo`: the embedded showcase, offline, end to end."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import typer
from rich.panel import Panel
from rich.table import Table

from allegiance.cli.common import app, console, emit_json, out
from allegiance.cli.progress import progress_bar
from allegiance.demo import DEMO_AXIS, DEMO_PERIODS, articles_dir


@app.command("demo")
def demo_cmd(
    out_dir: Path = typer.Option(
        None, "--out", help="Keep the database and report in this folder."
    ),
    top: int = typer.Option(8, "--top", min=1, help="How many shifting dyads to show."),
    json_out: bool = typer.Option(False, "--json", help="Print the results as JSON instead."),
) -> None:
    """Ingest the embedded corpus (1954-2017), code it, and show who realigned with whom."""
    from allegiance.analysis import blocs, shifts
    from allegiance.pipeline.ingest import ingest
    from allegiance.pipeline.process import process
    from allegiance.report import write_report
    from allegiance.store import Store

    started = time.perf_counter()
    folder = Path(out_dir) if out_dir else Path(tempfile.mkdtemp(prefix="allegiance-demo-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "demo.duckdb"
    if db.exists():
        db.unlink()
    store = Store(db)
    with articles_dir() as src, progress_bar("ingest", unit="docs") as bar:
        ing = ingest(store, [str(src)], progress=bar)
    with progress_bar("code", unit="docs") as bar:
        proc = process(store, progress=bar)
    found = shifts(store, by="year", top=top * 3)
    bloc_results = {label: blocs(store, period=period) for label, period in DEMO_PERIODS.items()}
    report_path = write_report(store, folder / "report.html", axis=DEMO_AXIS)
    elapsed = time.perf_counter() - started
    store.close()

    dyad_shifts = _one_per_dyad(found.to_dict()["shifts"], top)
    if json_out:
        emit_json(
            {
                "documents": ing.stored,
                "events": proc.events,
                "relations": proc.relations,
                "shifts": dyad_shifts,
                "blocs": {k: v.to_dict() for k, v in bloc_results.items()},
                "report": str(report_path),
                "database": str(db),
                "seconds": round(elapsed, 1),
            }
        )
        return

    out.print(
        Panel.fit(
            f"[bold]allegiance demo[/bold]: {ing.stored} articles (1954-2017) coded into "
            f"{proc.events} events and {proc.relations} relation statements",
            border_style="cyan",
        )
    )
    table = Table(title="Dyads whose relation changed most", show_lines=True)
    table.add_column("dyad", style="bold")
    table.add_column("change")
    table.add_column("before", justify="right")
    table.add_column("after", justify="right")
    table.add_column("evidence", overflow="fold", max_width=70)
    for s in dyad_shifts:
        ev = next((e for e in (s.get("evidence") or []) if e.get("sentence_text")), {})
        quote = ev.get("sentence_text") or ""
        when = (
            (ev.get("date") or {}).get("start")
            if isinstance(ev.get("date"), dict)
            else ev.get("date")
        )
        table.add_row(
            f"{s['a']}–{s['b']}",
            s["kind"],
            _fmt_point(s["before"]),
            _fmt_point(s["after"]),
            f"“{quote}” [dim]({ev.get('doc_id', '')}, {when or ''})[/dim]" if quote else "",
        )
    out.print(table)
    for label, res in bloc_results.items():
        d = res.to_dict()
        lines = "\n".join(f"  {i}. {', '.join(b)}" for i, b in enumerate(d["blocs"], 1))
        base = (d.get("baseline") or {}).get("frustration")
        out.print(
            Panel(
                f"{lines}\n[dim]frustration {d['frustration']:.2f}"
                + (f" (spectral baseline {base:.2f})" if isinstance(base, int | float) else "")
                + f"; {d['method']}[/dim]",
                title=f"Blocs {label}",
                border_style="magenta",
            )
        )
    out.print(f"Report: [link=file://{report_path}]{report_path}[/link]")
    out.print(f"Database: {db}")
    console.print(f"[dim]demo finished in {elapsed:.1f} s[/dim]")


def _fmt_point(p: dict) -> str:
    score = p.get("score")
    return (
        f"{p.get('period')}  {score:+.2f}"
        if isinstance(score, int | float)
        else str(p.get("period"))
    )


def _one_per_dyad(shifts: list[dict], top: int) -> list[dict]:
    """Strongest shift per dyad, in rank order; state-level bloc changes after dyads."""
    seen: set[tuple[str, str]] = set()
    picked = []
    for s in shifts:
        if not s.get("b"):
            continue
        key = tuple(sorted((s["a"], s["b"])))
        if key in seen:
            continue
        seen.add(key)
        picked.append(s)
        if len(picked) >= top:
            break
    return picked
