"""Rich tables for reports printed by the CLI."""

from __future__ import annotations

from rich.table import Table

from allegiance.cli.common import out


def print_evaluation(report) -> None:  # noqa: ANN001 - EvaluationReport, imported lazily
    d = report.to_dict()
    t = Table(
        title=f"Evaluation on {d['sentences']} sentences "
        f"({d['gold_events']} gold events, {d['predicted_events']} predicted)"
    )
    t.add_column("measure")
    t.add_column("precision", justify="right")
    t.add_column("recall", justify="right")
    t.add_column("F1", justify="right")
    for label, key in (
        ("events (source, target)", "dyad"),
        ("events (source, target, root)", "dyad_root"),
        ("events (source, target, code)", "dyad_code"),
    ):
        s = d["events"][key]
        t.add_row(label, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}")
    for label, key in (
        ("relations (pair, stance)", "relations"),
        ("relations (pair, polarity sign)", "relation_pairs"),
    ):
        s = d[key]
        t.add_row(label, f"{s['precision']:.3f}", f"{s['recall']:.3f}", f"{s['f1']:.3f}")
    out.print(t)
    a = Table(title="Accuracy on matched events")
    a.add_column("measure")
    a.add_column("accuracy", justify="right")
    a.add_column("n", justify="right")
    for label, key in (
        ("PLOVER type", "plover_type"),
        ("modality", "modality"),
        ("start year", "date_start_year"),
        ("year within date span", "date_year_in_span"),
        ("no-event sentences left empty", "no_event_sentences"),
    ):
        s = d[key]
        a.add_row(label, f"{s['accuracy']:.3f}", str(s["total"]))
    out.print(a)
