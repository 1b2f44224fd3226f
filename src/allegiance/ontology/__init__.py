"""CAMEO and PLOVER as data: codes, names, Goldstein scores, quad classes and the mapping.

The tables live in ``ontology/data/*.tsv`` and are loaded once per process.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

QUAD_NAMES = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    plover_context: str | None


@dataclass(frozen=True, slots=True)
class PloverType:
    name: str
    quad: str
    modes: tuple[str, ...]
    score: float | None
    cameo_roots: tuple[str, ...]


def _rows(filename: str) -> list[dict[str, str]]:
    text = (
        resources.files("allegiance.ontology")
        .joinpath("data")
        .joinpath(filename)
        .read_text("utf-8")
    )
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@cache
def cameo_codes() -> dict[str, CameoCode]:
    """All CAMEO codes keyed by code ("062", "0211", "19")."""
    out = {}
    for r in _rows("cameo.tsv"):
        out[r["code"]] = CameoCode(
            code=r["code"],
            root=r["root"],
            name=r["name"],
            goldstein=float(r["goldstein"]),
            quad_class=int(r["quad_class"]),
            plover=r["plover"] or None,
            plover_mode=r["plover_mode"] or None,
            plover_context=r["plover_context"] or None,
        )
    return out


@cache
def plover_types() -> dict[str, PloverType]:
    out = {}
    for r in _rows("plover.tsv"):
        out[r["type"]] = PloverType(
            name=r["type"],
            quad=r["quad"],
            modes=tuple(m for m in r["modes"].split(";") if m),
            score=float(r["score"]) if r["score"] else None,
            cameo_roots=tuple(x for x in r["cameo_roots"].split(",") if x),
        )
    return out


def lookup(code: str) -> CameoCode:
    """The CAMEO entry for a code; raises KeyError naming the code when it is unknown."""
    try:
        return cameo_codes()[normalise_code(code)]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


def normalise_code(code: str) -> str:
    """Canonical form of a CAMEO code as written in event datasets ("62" -> "062")."""
    code = str(code).strip()
    if (
        code.isdigit()
        and len(code) == 2
        and code not in cameo_codes()
        and f"0{code}" in cameo_codes()
    ):
        return f"0{code}"
    return code


def is_valid(code: str) -> bool:
    return normalise_code(code) in cameo_codes()


def root_of(code: str) -> str:
    return lookup(code).root
