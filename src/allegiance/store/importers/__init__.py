"""Bulk imports of external datasets into the store, as set-based DuckDB SQL.

Two families: event datasets (rows into ``events`` with layer = kind) and structured relation
layers (rows into ``ties`` / ``unga_votes``).  Each importer streams its file and records every
bad row in the run's ``rejects`` ledger with file, line and reason.
"""

from __future__ import annotations

from allegiance.store.importers.base import ImportCounts, Importer, ImportError_
from allegiance.store.importers.events import EVENT_IMPORTERS
from allegiance.store.importers.layers import LAYER_IMPORTERS

IMPORTERS: dict[str, Importer] = {**EVENT_IMPORTERS, **LAYER_IMPORTERS}
KINDS: tuple[str, ...] = tuple(sorted(IMPORTERS))

__all__ = ["IMPORTERS", "KINDS", "ImportCounts", "ImportError_", "Importer"]
