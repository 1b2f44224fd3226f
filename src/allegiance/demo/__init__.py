"""The embedded demo corpus: short dated articles (1954-2017) written for this project on the
relations among the USA, the USSR/Russia, India, Pakistan, China, Japan and Afghanistan."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

# What the demo shows: the blocs of the 1970s and of 2016, and the axis the seed article
# speculates about.
DEMO_PERIODS = {"1970s": "1970-1979", "2016": "2016"}
DEMO_AXIS = (["RUS", "CHN", "PAK"], ["USA", "IND", "JPN"])


@contextmanager
def articles_dir() -> Iterator[Path]:
    """The folder of demo articles as a real path (also from a zipped install)."""
    with resources.as_file(resources.files("allegiance.demo").joinpath("articles")) as path:
        yield Path(path)
