"""Helpers for the report tests (a uniquely named module: tests/web has its own)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from allegiance.report._sample import PLANTED

CHROMIUM = Path("/usr/bin/chromium")


def analysis_available() -> bool:
    try:
        from allegiance.analysis import (  # noqa: F401
            alignment,
            axis,
            blocs,
            dyad_series,
            shifts,
            signed_network,
        )
    except Exception:
        return False
    return True


needs_analysis = pytest.mark.skipif(
    not analysis_available(), reason="allegiance.analysis is not available yet"
)


def _evidence(doc_id: str, text: str, date: str, **extra: Any) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "sentence": 1,
        "span": [0, len(text)],
        "sentence_text": text,
        "date": {"start": date, "end": date, "precision": "day", "basis": "document"},
        "modality": "asserted",
        "weight": 1.0,
        **extra,
    }


def contract_data() -> dict[str, Any]:
    """What ``collect`` returns, built by hand from the contract shapes (DESIGN.md section 3)."""
    years = [str(y) for y in range(1955, 1990, 5)] + ["2014", "2015", "2016"]
    scores = [-0.7, -0.8, -0.6, -0.7, -0.5, -0.6, -0.4, 0.4, 0.5, 0.62]
    series = [
        {
            "period": p,
            "score": s,
            "events": 3,
            "quads": {"1": 1, "2": 1 if s > 0 else 0, "3": 1, "4": 0 if s > 0 else 1},
            "evidence": [
                _evidence("doc1", f"Evidence for {p} " + PLANTED, f"{p}-01-01", code="062")
            ],
        }
        for p, s in zip(years, scores, strict=True)
    ]
    shift = {
        "a": "PAK",
        "b": "RUS",
        "kind": "flip",
        "before": {"period": "1985", "score": -0.4},
        "after": {"period": "2016", "score": 0.62},
        "evidence": [
            _evidence(
                "doc1", "Russian troops arrived in Pakistan " + PLANTED, "2016-09-24", code="062"
            ),
            _evidence(
                "doc2",
                "During the Cold War they were adversaries.",
                "1970-01-01",
                stance="adversary",
            ),
        ],
    }
    nodes = ["RUS", "CHN", "PAK", "USA", "IND", "JPN"]
    w = np.array(
        [
            [0, 0.5, 0.6, -0.6, -0.2, -0.3],
            [0.5, 0, 0.8, -0.4, -0.5, -0.5],
            [0.6, 0.8, 0, -0.1, -0.8, 0],
            [-0.6, -0.4, -0.1, 0, 0.6, 0.9],
            [-0.2, -0.5, -0.8, 0.6, 0, 0.4],
            [-0.3, -0.5, 0, 0.9, 0.4, 0],
        ]
    )
    blocs = [["CHN", "PAK", "RUS"], ["IND", "JPN", "USA"]]
    panel = {
        "period": "2010-2016",
        "nodes": nodes,
        "weights": w,
        "blocs": blocs,
        "frustration": 0.0,
        "method": "local search",
    }
    early = {
        "period": "1960-1969",
        "nodes": nodes,
        "weights": -w * 0.5 + 0.1,
        "blocs": [["RUS", "IND"], ["USA", "PAK", "JPN"], ["CHN"]],
        "frustration": 1.2,
        "method": "x",
    }
    return {
        "shifts": [shift],
        "dyads": [{"a": "PAK", "b": "RUS", "by": "year", "series": series}],
        "strip": [early, panel],
        "networks": [early, panel],
        "heatmap": {"period": "2010-2016", "states": nodes, "matrix": np.corrcoef(w).tolist()},
        "axis": {
            "camps": [["RUS", "CHN", "PAK"], ["USA", "IND", "JPN"]],
            "series": [
                {"period": "2014", "cohesion": [0.3, 0.5], "opposition": 0.2},
                {"period": "2016", "cohesion": [0.6, 0.7], "opposition": 0.5},
            ],
        },
        "documents": {
            "doc1": {
                "doc_id": "doc1",
                "title": "Joint drill " + PLANTED,
                "date": None,
                "url": "https://news.example.org/doc1",
                "source": "wire",
            },
            "doc2": {
                "doc_id": "doc2",
                "title": "History",
                "date": None,
                "url": "javascript:alert(1)",
                "source": "wire",
            },
        },
        "facts": {
            "documents": 2,
            "events": 10,
            "relations": 1,
            "ties": 0,
            "runs": 1,
            "coder_versions": ["test-1"],
            "layers": [{"layer": "events", "weight": 1.0, "events": 10, "relations": 1, "ties": 0}],
            "years": (1955, 2016),
            "generated": "2026-01-01 00:00 UTC",
        },
        "by": "year",
    }


def chromium_or_skip() -> Any:
    """The sync Playwright API, or a skip saying what is missing."""
    if not CHROMIUM.exists() and not shutil.which("chromium"):
        pytest.skip("browser test: /usr/bin/chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("browser test: the playwright package is missing (pip install playwright)")
    return sync_playwright


BROWSER_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
