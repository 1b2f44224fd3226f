"""Fixtures for the dashboard tests: a small demo-like store and test clients."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_support import TOKEN, make_client

from allegiance.report._sample import build_sample_store


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("web") / "t.duckdb")


@pytest.fixture(scope="session")
def client(web_db: Path):  # noqa: ANN201
    return make_client(web_db)


@pytest.fixture(scope="session")
def token_client(web_db: Path):  # noqa: ANN201
    return make_client(web_db, TOKEN)
