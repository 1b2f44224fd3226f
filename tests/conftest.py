"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The team's shared reference folder beside the checkout; tests needing it skip without."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not present (a user's fresh clone)")
    return SHARED


@pytest.fixture(scope="session")
def coder():
    """One coder for the session: loading spaCy and the gazetteer once keeps the suite fast."""
    from allegiance.coding import Coder

    return Coder()


@pytest.fixture(scope="session")
def code(coder):
    """Code one text; returns (events, relations) as contract dicts."""
    import datetime as dt

    from allegiance.model import Document

    def run(text: str, date: str | None = "2016-09-26", doc_id: str = "t"):
        d = dt.date.fromisoformat(date) if date else None
        coded = coder.code(Document(doc_id=doc_id, text=text, date=d))
        return [e.to_dict() for e in coded.events], [r.to_dict() for r in coded.relations]

    return run
