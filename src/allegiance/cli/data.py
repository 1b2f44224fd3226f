"""Commands that move data: ingest, import, export, runs."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import typer

from allegiance.cli.common import (
    DbOption,
    Format,
    app,
    emit_json,
    fail,
    open_store,
    out,
    parse_date_option,
)

MAX_LISTED = 50


def _say(message: str) -> None:
    """A plain line on stdout (no Rich markup: paths may contain brackets)."""
    out.print(message, markup=False, highlight=False)


def _where(input: str, line: int | None) -> str:
    return f"{input}:{line}" if line is not None else input


def _print_rejects(rejects: list, more_hint: str) -> None:
    """One line per rejected input on stderr (capped), so a user sees what was skipped."""
    for r in rejects[:MAX_LISTED]:
        inp = r["input"] if isinstance(r, dict) else r.input
        line = r["line"] if isinstance(r, dict) else r.line
        reason = r["reason"] if isinstance(r, dict) else r.reason
        print(f"allegiance: rejected: {_where(inp, line)}: {reason}", file=sys.stderr)
    if len(rejects) > MAX_LISTED:
        print(
            f"allegiance: ... and {len(rejects) - MAX_LISTED} more ({more_hint})", file=sys.stderr
        )


def _delayed(bar: Callable[[int, int], None], delay: float = 1.0) -> Callable[[int, int], None]:
    """Forward progress only once the run has taken more than ``delay`` seconds."""
    started = time.monotonic()

    def update(done: int, total: int) -> None:
        if time.monotonic() - started >= delay:
            bar(done, total)

    return update


@app.command("ingest")
def ingest_cmd(
    paths: list[str] = typer.Argument(..., help="Files, folders, globs, .gz/.zip, or - for stdin."),
    db: Path = DbOption,
    input_format: str = typer.Option(
        None,
        "--input-format",
        help="text | markdown | jsonl | csv | tsv | html | feed (default: by extension/content).",
    ),
    date: str = typer.Option(None, "--date", help="Date YYYY-MM-DD for documents that give none."),
    text_column: str = typer.Option(None, "--text-column", help="JSONL/CSV field with the text."),
    id_column: str = typer.Option(None, "--id-column", help="JSONL/CSV field with the id."),
    date_column: str = typer.Option(None, "--date-column", help="JSONL/CSV field with the date."),
    title_column: str = typer.Option(None, "--title-column", help="JSONL/CSV title field."),
    url_column: str = typer.Option(None, "--url-column", help="JSONL/CSV url field."),
    source_column: str = typer.Option(None, "--source-column", help="JSONL/CSV source field."),
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="Documents per transaction."),
    max_bytes: int = typer.Option(
        None,
        "--max-bytes",
        min=1,
        help="Largest file, decompressed member or document to read, in bytes "
        "(default: $ALLEGIANCE_MAX_BYTES or 20000000); larger ones are rejected.",
    ),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
) -> None:
    """Store documents (idempotent: re-ingesting adds nothing); print the run's ledger."""
    from allegiance.cli.progress import progress_bar
    from allegiance.pipeline.ingest import ingest
    from allegiance.readers import FORMATS

    default_date = parse_date_option(date)
    if input_format is not None and input_format not in FORMATS:
        fail(f"--input-format {input_format!r}: expected one of {', '.join(FORMATS)}")
    columns = {
        k: v
        for k, v in {
            "text": text_column,
            "id": id_column,
            "date": date_column,
            "title": title_column,
            "url": url_column,
            "source": source_column,
        }.items()
        if v
    }
    store = open_store(db)
    try:
        with progress_bar("ingesting", unit="docs") as bar:
            result = ingest(
                store,
                paths,
                input_format=input_format,
                columns=columns or None,
                default_date=default_date,
                batch_size=batch_size,
                progress=_delayed(bar),
                max_bytes=max_bytes,
            )
    finally:
        store.close()
    nothing = result.stored == 0 and result.rejected > 0
    if fmt == Format.json:
        emit_json(result.to_dict())
        _print_rejects(
            result.rejects[:-1] if nothing else result.rejects, "allegiance runs --rejects"
        )
    else:
        _print_rejects(
            result.rejects[:-1] if nothing else result.rejects, "allegiance runs --rejects"
        )
        _say(
            f"stored {result.stored} documents, {result.duplicates} duplicates, "
            f"{result.rejected} rejected, {result.missing_date} without a date "
            f"(run {result.run_id})"
        )
    if nothing:
        last = result.rejects[-1]
        fail(f"{_where(last.input, last.line)}: {last.reason}")


@app.command("import")
def import_cmd(
    file: Path = typer.Argument(..., help="The dataset file (.gz and .zip work too)."),
    kind: str = typer.Option(
        ...,
        "--kind",
        "-k",
        help="gdelt1 gdelt2 icews polecat jsonl signed-edges atop cow-alliance unga-agreement ...",
    ),
    db: Path = DbOption,
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
) -> None:
    """Import an event dataset or relation layer; every row is stored, duplicate or rejected."""
    from allegiance.pipeline.imports import import_file
    from allegiance.store.importers import ImportError_

    if not file.exists():
        fail(f"{file}: no such file")
    from allegiance.cli.progress import progress_bar

    store = open_store(db)
    try:
        try:
            with progress_bar(f"importing {file.name}", unit="MiB") as bar:

                def mib(done: int, total: int) -> None:
                    bar(-(-done >> 20), -(-total >> 20))  # whole MiB, rounded up

                result = import_file(store, kind, file, progress=mib)
        except ImportError_ as exc:
            fail(str(exc))
        except ValueError as exc:
            fail(str(exc))
    finally:
        store.close()
    if fmt == Format.json:
        emit_json(result.to_dict())
    else:
        _print_rejects(result.rejects, f"allegiance runs --rejects --run {result.run_id}")
        _say(
            f"imported {file} as {kind}: {result.rows} rows, {result.stored} stored, "
            f"{result.duplicates} duplicates, {result.rejected} rejected (run {result.run_id})"
        )


@app.command("export")
def export_cmd(
    to: Path = typer.Option(..., "--to", help="Output file: .parquet, .csv, .csv.gz or .jsonl."),
    db: Path = DbOption,
    schema: str = typer.Option("native", "--schema", help="native | gdelt | plover."),
    what: str = typer.Option("events", "--what", help="events | relations."),
    start: str = typer.Option(None, "--start", help="From this date (YYYY-MM-DD)."),
    end: str = typer.Option(None, "--end", help="Up to this date (YYYY-MM-DD)."),
    country: str = typer.Option(None, "--country", help="ISO3 code(s), comma-separated."),
    code: str = typer.Option(None, "--code", help="CAMEO code or prefix (events), stance."),
    modality: str = typer.Option(None, "--modality", help="asserted, negated, ..."),
    layer: str = typer.Option(None, "--layer", help="events or an import kind; comma-separated."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
) -> None:
    """Write events or relations for pandas, Polars, DuckDB or GDELT/POLECAT tooling."""
    from allegiance.export import export

    for opt, value in (("--start", start), ("--end", end)):
        parse_date_option(value, opt)
    store = open_store(db, read_only=True)
    try:
        try:
            n = export(
                store,
                to,
                schema=schema,
                what=what,
                start=start,
                end=end,
                country=country,
                code=code,
                modality=modality,
                layer=layer,
            )
        except ValueError as exc:
            fail(str(exc))
        except OSError as exc:
            fail(f"{to}: cannot write: {exc.strerror or exc}")
    finally:
        store.close()
    if fmt == Format.json:
        emit_json({"path": str(to), "rows": n, "what": what, "schema": schema})
    else:
        _say(f"wrote {n} {what} to {to}")


@app.command("runs")
def runs_cmd(
    db: Path = DbOption,
    rejects: bool = typer.Option(False, "--rejects", help="List rejected and duplicate inputs."),
    run: str = typer.Option(None, "--run", help="Only this run (with --rejects)."),
    fmt: Format = typer.Option(Format.text, "--format", "-f", help="text or json."),
) -> None:
    """The run ledger: every ingest, process and import with its counts."""
    store = open_store(db, read_only=True)
    try:
        runs = store.runs()
        rej = store.rejects(run) if rejects else []
    finally:
        store.close()
    if fmt == Format.json:
        emit_json({"runs": runs, "rejects": rej} if rejects else runs)
        return
    if rejects:
        for r in rej:
            _say(f"{r['run_id']}\t{r['kind']}\t{_where(r['input'], r['line'])}\t{r['reason']}")
        return
    if not runs:
        _say("no runs yet")
        return
    for r in runs:
        counts = ", ".join(
            f"{k} {r[k]}"
            for k in ("stored", "duplicates", "rejected", "events", "relations")
            if r.get(k)
        )
        _say(f"{r['run_id']}\t{r['kind']}\t{r['status']}\t{r['started_at']}\t{counts or '-'}")
