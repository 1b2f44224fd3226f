"""A Rich progress bar that appears only when a run takes more than a second."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from allegiance.cli.common import console


@contextmanager
def progress_bar(
    label: str, unit: str = "items", delay: float = 1.0
) -> Iterator[Callable[[int, int], None]]:
    """Yield a ``(done, total)`` callback that drives a bar with a rate in ``unit``/s."""
    started = time.monotonic()
    state: dict[str, object] = {"progress": None, "task": None}

    def update(done: int, total: int) -> None:
        if state["progress"] is None:
            if time.monotonic() - started < delay and done < total:
                return
            if not console.is_terminal and done >= total:
                return
            prog = Progress(
                TextColumn(f"[bold]{label}"),
                BarColumn(),
                MofNCompleteColumn(),
                TaskProgressColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=console,
                transient=False,
            )
            prog.start()
            state["progress"] = prog
            state["task"] = prog.add_task(label, total=total or None, rate="")
        prog = state["progress"]
        elapsed = max(time.monotonic() - started, 1e-6)
        prog.update(
            state["task"],
            completed=done,
            total=total or None,
            rate=f"{done / elapsed:,.1f} {unit}/s",
        )

    try:
        yield update
    finally:
        if state["progress"] is not None:
            state["progress"].stop()
