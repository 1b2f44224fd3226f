"""Import: one external dataset file into the store, as one ledgered run (streamed in chunks)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allegiance.store import Store


@dataclass(slots=True)
class ImportResult:
    """What one import did: every data row is stored, a duplicate, or rejected."""

    run_id: str
    kind: str
    path: str
    rows: int = 0
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    unknown_codes: dict[str, int] = field(default_factory=dict)
    rejects: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "kind": self.kind,
            "path": self.path,
            "rows": self.rows,
            "stored": self.stored,
            "duplicates": self.duplicates,
            "rejected": self.rejected,
            "unknown_codes": self.unknown_codes,
            "rejects": self.rejects,
        }


def import_kinds() -> tuple[str, ...]:
    from allegiance.store.importers import KINDS

    return KINDS


def import_file(
    store: Store,
    kind: str,
    path: str | Path,
    progress: Callable[[int, int], None] | None = None,
) -> ImportResult:
    """Import ``path`` with the importer for ``kind``; ValueError lists the kinds if unknown.

    Event files stream in chunks that each commit with their ledger counts (bounded memory;
    a failed or killed import keeps its finished chunks and importing again adds the rest).
    Relation layers, a fraction of the size, land in one transaction: all or nothing.
    ``progress(done, total)`` gets bytes of the file read.
    """
    from allegiance.store.importers import IMPORTERS, KINDS
    from allegiance.store.importers.events import EVENT_IMPORTERS

    if kind not in IMPORTERS:
        raise ValueError(f"unknown import kind {kind!r} (choose from {', '.join(KINDS)})")
    path = Path(path)
    run_id = store.begin_run("import", {"kind": kind, "path": str(path)})
    try:
        if kind in EVENT_IMPORTERS:
            counts = EVENT_IMPORTERS[kind](store, path, run_id, progress=progress)
        else:
            with store.transaction():
                counts = IMPORTERS[kind](store, path, run_id)
                store.add_to_run(
                    run_id,
                    stored=counts.stored,
                    duplicates=counts.duplicates,
                    rejected=counts.rejected,
                )
    except BaseException:
        store.finish_run(run_id, "failed")
        raise
    store.finish_run(run_id, "ok")
    return ImportResult(
        run_id=run_id,
        kind=kind,
        path=str(path),
        rows=counts.rows,
        stored=counts.stored,
        duplicates=counts.duplicates,
        rejected=counts.rejected,
        unknown_codes=dict(counts.unknown_codes),
        rejects=store.rejects(run_id)[:1000],
    )
