"""Typed analysis results; ``to_dict`` gives the contract JSON (DESIGN.md section 3)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


def _r(v: float | None, nd: int = 4) -> float | None:
    return None if v is None else round(float(v), nd)


@dataclass(slots=True)
class SeriesPoint:
    period: str
    start: str
    end: str
    score: float | None  # None: no evidence within the decay horizon
    events: int = 0
    quad_counts: dict[str, int] = field(default_factory=dict)
    goldstein_sum: float = 0.0
    relations: int = 0
    ties: int = 0
    weight: float = 0.0  # decayed evidence weight W(t)
    own_weight: float = 0.0  # evidence weight from this period alone
    evidence: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "start": self.start,
            "end": self.end,
            "score": _r(self.score),
            "events": self.events,
            "quad_counts": dict(self.quad_counts),
            "goldstein_sum": _r(self.goldstein_sum, 3),
            "relations": self.relations,
            "ties": self.ties,
            "weight": _r(self.weight),
            "own_weight": _r(self.own_weight),
            "evidence": list(self.evidence),
        }


@dataclass(slots=True)
class DyadSeries:
    a: str
    b: str
    by: str
    series: list[SeriesPoint]
    layers: dict[str, float] | None = None
    lineage: bool = True

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "by": self.by,
            "series": [p.to_dict() for p in self.series],
            "layers": self.layers,
            "lineage": self.lineage,
        }


@dataclass(slots=True)
class Alignment:
    a: str
    b: str
    period: str
    direct: float | None  # r(a, b) itself
    s_score: float | None  # Signorino-Ritter S over third-party profiles
    kappa: float | None  # Cohen-style chance-corrected agreement of the profiles
    pi: float | None  # Scott-style (pooled marginal) chance correction
    third_parties: int
    profiles: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "period": self.period,
            "direct": _r(self.direct),
            "s_score": _r(self.s_score),
            "kappa": _r(self.kappa),
            "pi": _r(self.pi),
            "third_parties": self.third_parties,
            "profiles": list(self.profiles),
        }


@dataclass(slots=True)
class Blocs:
    period: str
    blocs: list[list[str]]
    frustration: float
    method: str
    baseline: dict[str, Any]
    k: int
    nodes: int
    ties: int
    frustrated_ties: int
    total_weight: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "blocs": [list(b) for b in self.blocs],
            "frustration": _r(self.frustration),
            "method": self.method,
            "baseline": dict(self.baseline),
            "k": self.k,
            "nodes": self.nodes,
            "ties": self.ties,
            "frustrated_ties": self.frustrated_ties,
            "frustration_share": _r(self.frustration / self.total_weight)
            if self.total_weight > 0
            else 0.0,
        }

    def membership(self) -> dict[str, int]:
        return {s: i for i, bloc in enumerate(self.blocs) for s in bloc}


@dataclass(slots=True)
class Shift:
    a: str
    b: str | None
    kind: str  # flip | changepoint | bloc-change | warming | cooling
    before: dict[str, Any]
    after: dict[str, Any]
    magnitude: float
    evidence: list[dict[str, Any]] = field(default_factory=list)
    detail: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "kind": self.kind,
            "before": {"period": self.before["period"], "score": _r(self.before["score"])},
            "after": {"period": self.after["period"], "score": _r(self.after["score"])},
            "magnitude": _r(self.magnitude),
            "evidence": list(self.evidence),
            **self.detail,
        }


@dataclass(slots=True)
class Shifts:
    by: str
    shifts: list[Shift]

    def to_dict(self) -> dict[str, Any]:
        return {"by": self.by, "shifts": [s.to_dict() for s in self.shifts]}


@dataclass(slots=True)
class AxisPoint:
    period: str
    cohesion: list[float | None]
    opposition: float | None
    dyads: dict[str, int]
    support: list[dict[str, Any]] = field(default_factory=list)
    contradict: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period,
            "cohesion": [_r(c) for c in self.cohesion],
            "opposition": _r(self.opposition),
            "dyads": dict(self.dyads),
            "support": list(self.support),
            "contradict": list(self.contradict),
        }


@dataclass(slots=True)
class Axis:
    camps: list[list[str]]
    by: str
    series: list[AxisPoint]
    support: list[dict[str, Any]] = field(default_factory=list)
    contradict: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "camps": [list(c) for c in self.camps],
            "by": self.by,
            "series": [p.to_dict() for p in self.series],
            "evidence": {"support": list(self.support), "contradict": list(self.contradict)},
        }


@dataclass(slots=True)
class SignedNetwork:
    nodes: list[str]
    weights: np.ndarray  # symmetric scores, 0 where no (enough) evidence
    period: str = "all"
    evidence_weight: np.ndarray | None = None  # W per dyad, same shape

    def edges(self) -> list[dict[str, Any]]:
        iu, ju = np.nonzero(np.triu(self.weights, 1))
        out = []
        for i, j in zip(iu.tolist(), ju.tolist(), strict=True):
            e = {"a": self.nodes[i], "b": self.nodes[j], "score": _r(self.weights[i, j])}
            if self.evidence_weight is not None:
                e["weight"] = _r(self.evidence_weight[i, j])
            out.append(e)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period, "nodes": list(self.nodes), "edges": self.edges()}
