"""What every importer returns and raises."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from allegiance.store import Store


@dataclass(slots=True)
class ImportCounts:
    """The ledger of one import: every input row is stored, a duplicate, or rejected."""

    rows: int = 0  # data rows read from the file
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    unknown_codes: dict[str, int] = field(default_factory=dict)  # e.g. COW codes with no ISO3


class ImportError_(ValueError):
    """A file that cannot be imported at all (wrong columns, unreadable): one line, names file."""


class Importer(Protocol):
    def __call__(self, store: Store, path: Path, run_id: str) -> ImportCounts: ...


class EventImporter(Protocol):
    """An event-file importer: streams in chunks, commits and ledgers each one itself."""

    def __call__(
        self,
        store: Store,
        path: Path,
        run_id: str,
        progress: Callable[[int, int], None] | None = None,
    ) -> ImportCounts: ...
