"""Fixtures for the analysis tests; the row builders live in analysis_support.py."""

from analysis_support import store  # noqa: F401  (the fixture)
