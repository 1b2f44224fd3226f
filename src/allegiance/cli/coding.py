"""Commands that code text: code, actors, process, evaluate."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from allegiance.cli.common import (
    DbOption,
    Format,
    app,
    console,
    emit_json,
    emit_jsonl,
    fail,
    open_store,
    out,
    parse_date_option,
)
from allegiance.cli.progress import progress_bar

if TYPE_CHECKING:
    from allegiance.coding import Coder


@app.command("code")
def code_cmd(
    files: list[str] = typer.Argument(None, help="Text files (or - for stdin)."),
    date: str = typer.Option(
        None, "--date", help="Document date YYYY-MM-DD when the input has none."
    ),
    input_format: str = typer.Option(
        None, "--input-format", help="text | jsonl (default: by extension)."
    ),
    dictionary: list[Path] = typer.Option(
        None, "--dictionary", help="Extra actor dictionary (YAML or PETRARCH/TABARI); repeatable."
    ),
    lexicon: Path = typer.Option(
        None, "--lexicon", help="A lexicon YAML file replacing the packaged one."
    ),
    verbs: list[Path] = typer.Option(
        None, "--verbs", help="PETRARCH/TABARI verb dictionary tried first; repeatable."
    ),
    no_gate: bool = typer.Option(
        False, "--no-gate", help="Parse every sentence, not only those naming actors."
    ),
    fmt: Format = typer.Option(
        Format.jsonl, "--format", "-f", help="jsonl (records) or json (an array) or text."
    ),
) -> None:
    """Code text into event and relation records (stateless: nothing is stored)."""
    from allegiance.coding import Coder
    from allegiance.readers import Rejected, read_paths, read_stream

    default_date = parse_date_option(date)
    if input_format not in (None, "text", "jsonl"):
        fail(f"--input-format {input_format!r}: expected text or jsonl")
    sources = files or ["-"]
    for f in sources:
        if f != "-" and not Path(f).exists():
            fail(f"{f}: no such file")
    coder = (
        _verbs_coder(dictionary, lexicon, verbs, not no_gate)
        if verbs
        else Coder.load(dictionary or (), lexicon=lexicon, gate=not no_gate)
    )
    rejected: list[str] = []

    def documents():
        for f in sources:
            items = (
                read_stream(
                    sys.stdin.buffer,
                    "<stdin>",
                    input_format=input_format or "text",
                    default_date=default_date,
                )
                if f == "-"
                else read_paths([f], input_format=input_format, default_date=default_date)
            )
            for item in items:
                if isinstance(item, Rejected):
                    where = f"{item.input}:{item.line}" if item.line else item.input
                    if len(sources) == 1 and item.line is None:
                        fail(f"{where}: {item.reason}")
                    print(f"allegiance: error: {where}: {item.reason}", file=sys.stderr)
                    rejected.append(where)
                    continue
                yield item

    records = (
        rec.to_dict()
        for coded in coder.code_many(documents())
        for rec in [*coded.events, *coded.relations]
    )
    if fmt == Format.json:
        emit_json(list(records))
    elif fmt == Format.text:
        for r in records:
            if r["type"] == "event":
                tgt = r["target"]["code"] if r["target"] else "-"
                out.print(
                    f"{r['date']['start'] or '?':10}  {r['source']['code']:>8} -> {tgt:<8} "
                    f"{r['cameo']:>4} {r['modality']:<12} {r['trigger']}"
                )
            else:
                out.print(
                    f"{r['date']['start'] or '?':10}  {r['a']['code']:>8} ~ {r['b']['code']:<8} "
                    f"{r['stance']:<9} {r['modality']:<12} {r['trigger']}"
                )
    else:
        emit_jsonl(records)
    if rejected:
        # The good inputs were coded; the bad ones were named on stderr.  Still a failure.
        raise SystemExit(1)


@app.command("actors")
def actors_cmd(
    texts: list[str] = typer.Argument(..., help="Mention strings to resolve."),
    date: str = typer.Option(None, "--date", help="Resolve leaders as of this date."),
    dictionary: list[Path] = typer.Option(
        None, "--dictionary", help="Extra actor dictionary; repeatable."
    ),
    fmt: Format = typer.Option(Format.json, "--format", "-f"),
) -> None:
    """Resolve mention strings to actors: a JSON array with an actor or null for each."""
    from allegiance.actors import Gazetteer

    when = parse_date_option(date)
    gaz = Gazetteer.load(dictionary) if dictionary else Gazetteer.default()
    result = []
    for t in texts:
        actor = gaz.resolve(t, when)
        result.append(actor.to_dict() if actor else None)
    if fmt == Format.text:
        for t, a in zip(texts, result, strict=True):
            out.print(f"{t!r:40} {a['code'] if a else 'null'}")
    else:
        emit_json(result)


@app.command("process")
def process_cmd(
    db: Path = DbOption,
    workers: int = typer.Option(
        1, "--workers", "-w", help="Processes to code with (0: all cores)."
    ),
    scheduler: str = typer.Option(
        None, "--scheduler", help="Dask scheduler address to code on a cluster."
    ),
    dictionary: list[Path] = typer.Option(
        None, "--dictionary", help="Extra actor dictionary; repeatable."
    ),
    lexicon: Path = typer.Option(
        None, "--lexicon", help="A lexicon YAML file replacing the packaged one."
    ),
    verbs: list[Path] = typer.Option(
        None, "--verbs", help="PETRARCH/TABARI verb dictionary tried first; repeatable."
    ),
    no_gate: bool = typer.Option(False, "--no-gate", help="Parse every sentence."),
    batch_size: int = typer.Option(64, "--batch-size", min=1),
    limit: int = typer.Option(None, "--limit", min=1, help="Code at most this many documents."),
    fmt: Format = typer.Option(Format.text, "--format", "-f"),
) -> None:
    """Code the stored documents not yet coded by this coder version."""
    for d in dictionary or ():
        if not d.exists():
            fail(f"{d}: no such file")
    if verbs and (scheduler or workers != 1):
        # Worker processes rebuild their coder from paths, which cannot carry the verbs.
        fail("--verbs codes in this process only: use it without --scheduler and --workers")
    coder = _verbs_coder(dictionary, lexicon, verbs, not no_gate) if verbs else None
    store = open_store(db)
    try:
        if scheduler:
            from allegiance.distributed import process_on_dask

            try:
                with progress_bar("coding", unit="docs") as bar:
                    result = process_on_dask(
                        store,
                        scheduler,
                        dictionaries=dictionary or (),
                        lexicon=lexicon,
                        gate=not no_gate,
                        batch_size=batch_size,
                        progress=bar,
                    )
            except (ConnectionError, OSError, TimeoutError) as exc:
                fail(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({exc})")
        else:
            from allegiance.pipeline.process import process

            with progress_bar("coding", unit="docs") as bar:
                result = process(
                    store,
                    dictionaries=dictionary or (),
                    lexicon=lexicon,
                    gate=not no_gate,
                    workers=workers,
                    batch_size=batch_size,
                    limit=limit,
                    progress=bar,
                    coder=coder,
                )
    finally:
        store.close()
    summary = {
        "run_id": result.run_id,
        "documents": result.documents,
        "events": result.events,
        "relations": result.relations,
        "sentences": result.sentences,
        "skipped_sentences": result.skipped_sentences,
        "coder_version": result.coder_version,
    }
    if fmt == Format.json:
        emit_json(summary)
    else:
        console.print(
            f"coded {result.documents} documents: {result.events} events, "
            f"{result.relations} relations ({result.skipped_sentences} sentences skipped) "
            f"[dim]run {result.run_id}[/dim]"
        )


@app.command("evaluate")
def evaluate_cmd(
    gold: list[Path] = typer.Argument(
        ..., help="Gold JSONL file(s) or folder, or PETRARCH validation XML."
    ),
    dictionary: list[Path] = typer.Option(
        None, "--dictionary", help="Extra actor dictionary; repeatable."
    ),
    lexicon: Path = typer.Option(None, "--lexicon"),
    verbs: list[Path] = typer.Option(
        None, "--verbs", help="PETRARCH/TABARI verb dictionary tried first; repeatable."
    ),
    no_gate: bool = typer.Option(False, "--no-gate"),
    errors: Path = typer.Option(None, "--errors", help="Write every mismatch as JSONL here."),
    fmt: Format = typer.Option(Format.text, "--format", "-f"),
) -> None:
    """Score the coder against gold records: precision, recall, F1, modality and date accuracy."""
    from allegiance.coding import Coder
    from allegiance.evaluation import evaluate_paths

    for g in gold:
        if not g.exists():
            fail(f"{g}: no such file")
    coder = (
        _verbs_coder(dictionary, lexicon, verbs, not no_gate)
        if verbs
        else Coder.load(dictionary or (), lexicon=lexicon, gate=not no_gate)
    )
    report = evaluate_paths(gold, coder, errors_path=errors)
    if fmt == Format.json:
        emit_json(report.to_dict())
    else:
        from allegiance.cli.tables import print_evaluation

        print_evaluation(report)


def _verbs_coder(
    dictionary: list[Path] | None, lexicon: Path | None, verbs: list[Path], gate: bool
) -> Coder:
    """A coder whose lexicon takes PETRARCH verb dictionaries: Coder.load only takes a lexicon
    path, so the Lexicon is built here.  The first --verbs file's senses are tried first."""
    from allegiance.actors import Gazetteer
    from allegiance.coding import Coder
    from allegiance.coding.lexicon import Lexicon

    for v in verbs:
        if not v.exists():
            fail(f"{v}: no such file")
    lex = Lexicon.from_file(lexicon) if lexicon else Lexicon.default()
    for path in reversed(verbs):
        lex = Lexicon.from_petrarch_verbs(path, base=lex)
    gaz = Gazetteer.load(dictionary) if dictionary else Gazetteer.default()
    return Coder(gaz, lex, gate=gate)
