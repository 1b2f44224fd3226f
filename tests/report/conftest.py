"""Fixtures for the report tests: contract-shaped analysis dicts and a small store."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from report_support import contract_data

from allegiance.report._sample import build_sample_store


@pytest.fixture
def data() -> dict[str, Any]:
    return contract_data()


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sample_store(tmp_path_factory.mktemp("sample") / "t.duckdb")
