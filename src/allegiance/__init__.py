"""allegiance: code news into political events and relations; measure who aligns with whom."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # Lazy, so that ``import allegiance`` stays cheap: ``allegiance.open(db)`` -> Database.
    if name in ("open", "Database"):
        from allegiance import api

        return getattr(api, name)
    raise AttributeError(f"module 'allegiance' has no attribute {name!r}")


__all__ = ["__version__", "open"]
