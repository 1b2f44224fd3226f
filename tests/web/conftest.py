"""Fixtures for the dashboard tests: a small demo-like store and test clients."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from allegiance.report._sample import build_sample_store

TOKEN = "s3cret-token"


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("web") / "t.duckdb")


def _client(db: Path, token: str | None = None):  # noqa: ANN202 - TestClient import is lazy
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from allegiance.web import create_app

    return TestClient(create_app(db, token=token), raise_server_exceptions=False)


@pytest.fixture(scope="session")
def client(web_db: Path):  # noqa: ANN201
    return _client(web_db)


@pytest.fixture(scope="session")
def token_client(web_db: Path):  # noqa: ANN201
    return _client(web_db, TOKEN)
