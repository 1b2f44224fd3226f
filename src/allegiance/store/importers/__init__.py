"""Bulk imports of external datasets into the store, as set-based DuckDB SQL.

Two families: event datasets (rows into ``events`` with layer = kind) and structured relation
layers (rows into ``ties`` / ``unga_votes``).  Each importer streams its file and records every
bad row in the run's ``rejects`` ledger with file, line and reason.
"""

from __future__ import annotations

from allegiance.store.importers.base import ImportCounts, Importer, ImportError_
from allegiance.store.importers.events import EVENT_IMPORTERS
from allegiance.store.importers.layers import LAYER_IMPORTERS

# DESIGN.md names the UN-vote layer "unga-agreement"; the issue that built it says
# "unga-votes".  Both names import the same roll-call file into the "unga-votes" layer.
LAYER_ALIASES = {"unga-agreement": "unga-votes"}
IMPORTERS: dict[str, Importer] = {
    **EVENT_IMPORTERS,
    **LAYER_IMPORTERS,
    **{alias: LAYER_IMPORTERS[name] for alias, name in LAYER_ALIASES.items()},
}
KINDS: tuple[str, ...] = tuple(sorted(IMPORTERS))

__all__ = ["IMPORTERS", "KINDS", "LAYER_ALIASES", "ImportCounts", "ImportError_", "Importer"]
