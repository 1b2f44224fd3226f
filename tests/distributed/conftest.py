"""Fixtures: a small corpus of short documents and the records of a plain local run."""

from __future__ import annotations

import pytest
from coding_corpus import make_store, records, short_documents

from allegiance.model import Document


@pytest.fixture(scope="session")
def corpus() -> list[Document]:
    return short_documents()


@pytest.fixture(scope="session")
def local_records(corpus, tmp_path_factory, coder) -> tuple[list[tuple], list[tuple]]:
    """The records of a plain single-process run: what every other way must reproduce."""
    from allegiance.pipeline.process import process

    store = make_store(tmp_path_factory.mktemp("local") / "local.duckdb", corpus)
    try:
        res = process(store, coder=coder, batch_size=8)
        assert res.documents == len(corpus)
        return records(store)
    finally:
        store.close()
