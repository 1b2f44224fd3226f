"""Plain typed records shared by every stage.

These are the only objects that cross a package boundary: no stage hands spaCy
objects or loose dicts to another.  ``to_dict`` gives exactly the JSON shapes of
the public contract (DESIGN.md section 3); extend, never rename.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

Modality = Literal["asserted", "negated", "hypothetical", "future", "alleged", "speculative"]
MODALITIES: tuple[str, ...] = (
    "asserted",
    "negated",
    "hypothetical",
    "future",
    "alleged",
    "speculative",
)
Precision = Literal["day", "month", "year", "decade", "era", "unknown"]
PRECISIONS: tuple[str, ...] = ("day", "month", "year", "decade", "era", "unknown")
Basis = Literal["explicit", "era", "relative", "document", "tense"]
BASES: tuple[str, ...] = ("explicit", "era", "relative", "document", "tense")
Stance = Literal["ally", "partner", "friendly", "neutral", "strained", "rival", "adversary"]
STANCES: tuple[str, ...] = (
    "ally",
    "partner",
    "friendly",
    "neutral",
    "strained",
    "rival",
    "adversary",
)
Trend = Literal["improving", "worsening"]
SECTORS: tuple[str, ...] = ("GOV", "MIL", "POL", "REB", "INS", "IGO", "NGO", "BUS", "MED", "CVL")


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor mention: who, not how it was written (``text`` keeps that)."""

    code: str
    country: str | None
    sector: str | None
    name: str
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "name": self.name,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            d["code"], d.get("country"), d.get("sector"), d.get("name", ""), d.get("text", "")
        )


@dataclass(frozen=True, slots=True)
class DateSpan:
    """When a thing happened, with how precisely and on what grounds we know it."""

    start: dt.date | None
    end: dt.date | None
    precision: str = "unknown"
    basis: str = "document"

    def to_dict(self) -> dict[str, Any]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "precision": self.precision,
            "basis": self.basis,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> DateSpan:
        if not d:
            return UNKNOWN_DATE
        return cls(
            dt.date.fromisoformat(d["start"]) if d.get("start") else None,
            dt.date.fromisoformat(d["end"]) if d.get("end") else None,
            d.get("precision", "unknown"),
            d.get("basis", "document"),
        )


UNKNOWN_DATE = DateSpan(None, None, "unknown", "document")


@dataclass(slots=True)
class Document:
    """One input text and what we know about where it came from."""

    doc_id: str
    text: str
    date: dt.date | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Event:
    """A coded event: one directed (source -> target) interaction."""

    doc_id: str
    sentence: int
    span: tuple[int, int]
    sentence_text: str
    trigger: str
    source: Actor
    target: Actor | None
    cameo: str
    cameo_root: str
    plover: str | None
    plover_mode: str | None
    goldstein: float
    quad_class: int
    modality: str
    date: DateSpan
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "event",
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
            "sentence_text": self.sentence_text,
            "trigger": self.trigger,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root,
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "modality": self.modality,
            "date": self.date.to_dict(),
            "confidence": round(self.confidence, 3),
        }


@dataclass(slots=True)
class Relation:
    """A stance statement about two actors ("X and Y were adversaries")."""

    doc_id: str
    sentence: int
    span: tuple[int, int]
    sentence_text: str
    a: Actor
    b: Actor
    stance: str
    polarity: float
    trend: str | None
    modality: str
    date: DateSpan
    confidence: float
    trigger: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "relation",
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "span": [self.span[0], self.span[1]],
            "sentence_text": self.sentence_text,
            "a": self.a.to_dict(),
            "b": self.b.to_dict(),
            "stance": self.stance,
            "polarity": round(self.polarity, 3),
            "trend": self.trend,
            "modality": self.modality,
            "date": self.date.to_dict(),
            "confidence": round(self.confidence, 3),
            "trigger": self.trigger,
        }


@dataclass(slots=True)
class CodedDocument:
    """Everything the coder produced for one document, plus what it had to skip."""

    doc_id: str
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    sentences: int = 0
    skipped_sentences: int = 0


def content_hash(text: str) -> str:
    """Hash of the whitespace-normalised text: a document's identity by content."""
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()


def make_doc_id(text: str) -> str:
    """A stable id for a document that came without one."""
    return "d" + content_hash(text)[:16]


class InputError(ValueError):
    """Bad input a user can fix; the message is one line naming the input, line and reason."""

    def __init__(self, input: str, reason: str, line: int | None = None) -> None:
        self.input = input
        self.line = line
        self.reason = reason
        where = f"{input}:{line}" if line is not None else input
        super().__init__(f"{where}: {reason}")
