"""Score the coder against gold records (our JSONL format or PETRARCH validation XML).

Events are matched per sentence as multisets on (source key, target key, CAMEO root), where a
key is the actor's country (ISO3, "SUN" for the USSR) or, for actors tied to no state, its code
("NATO", "TALIBAN").  Only dyadic predictions (source and target both present) are scored: the
gold format annotates dyadic events only.  On the matched pairs we report full-code, PLOVER
type, modality and date accuracy.  Relations match on the unordered pair and the stance.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from allegiance.model import Document, InputError
from allegiance.ontology import cameo_codes, normalise_code

GOLD_KEYS = ("id", "text", "date", "events", "relations")


@dataclass(slots=True)
class GoldEvent:
    source: str
    target: str
    cameo: str
    modality: str | None = None
    year: int | None = None


@dataclass(slots=True)
class GoldRelation:
    a: str
    b: str
    stance: str
    modality: str | None = None
    year: int | None = None


@dataclass(slots=True)
class GoldItem:
    id: str
    text: str
    date: dt.date | None
    events: list[GoldEvent]
    relations: list[GoldRelation]
    tags: list[str] = field(default_factory=list)
    origin: str = "jsonl"  # jsonl | petrarch


@dataclass(slots=True)
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.total += 1
        self.correct += int(ok)

    def to_dict(self) -> dict[str, Any]:
        return {"accuracy": round(self.value, 4), "correct": self.correct, "total": self.total}


@dataclass(slots=True)
class EvaluationReport:
    sentences: int = 0
    gold_events: int = 0
    predicted_events: int = 0
    events_dyad: Scores = field(default_factory=Scores)  # (source, target)
    events_root: Scores = field(default_factory=Scores)  # (source, target, root)
    events_code: Scores = field(default_factory=Scores)  # (source, target, full code)
    plover: Accuracy = field(default_factory=Accuracy)
    modality: Accuracy = field(default_factory=Accuracy)
    date_year: Accuracy = field(default_factory=Accuracy)  # predicted start year == gold year
    date_span: Accuracy = field(default_factory=Accuracy)  # gold year inside predicted span
    relations: Scores = field(default_factory=Scores)  # (pair, stance)
    relation_pairs: Scores = field(default_factory=Scores)  # (pair, sign of polarity)
    no_event_sentences: Accuracy = field(
        default_factory=Accuracy
    )  # no prediction where gold has none
    by_root: dict[str, Scores] = field(default_factory=dict)
    modality_confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    skipped_sentences: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentences": self.sentences,
            "gold_events": self.gold_events,
            "predicted_events": self.predicted_events,
            "events": {
                "dyad": self.events_dyad.to_dict(),
                "dyad_root": self.events_root.to_dict(),
                "dyad_code": self.events_code.to_dict(),
            },
            "plover_type": self.plover.to_dict(),
            "modality": self.modality.to_dict(),
            "date_start_year": self.date_year.to_dict(),
            "date_year_in_span": self.date_span.to_dict(),
            "relations": self.relations.to_dict(),
            "relation_pairs": self.relation_pairs.to_dict(),
            "no_event_sentences": self.no_event_sentences.to_dict(),
            "by_root": {k: v.to_dict() for k, v in sorted(self.by_root.items())},
            "modality_confusion": [
                {"gold": g, "predicted": p, "count": n}
                for (g, p), n in sorted(self.modality_confusion.items())
            ],
            "skipped_sentences": self.skipped_sentences,
        }


# -- gold readers ------------------------------------------------------------------------------


def load_gold(path: Path) -> list[GoldItem]:
    """A gold file or a folder of them: ``*.jsonl`` (ours) or PETRARCH validation XML."""
    if path.is_dir():
        items: list[GoldItem] = []
        for p in sorted(path.iterdir()):
            if p.suffix in {".jsonl", ".xml"}:
                items.extend(load_gold(p))
        return items
    head = path.read_bytes()[:2000].lstrip()
    if head.startswith(b"<"):
        return load_petrarch_xml(path)
    return load_gold_jsonl(path)


def load_gold_jsonl(path: Path) -> list[GoldItem]:
    items = []
    with path.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(str(path), f"invalid JSON: {exc.msg}", lineno) from None
            missing = [k for k in GOLD_KEYS if k not in rec]
            if missing:
                raise InputError(str(path), f"missing keys: {', '.join(missing)}", lineno)
            try:
                date = dt.date.fromisoformat(rec["date"]) if rec.get("date") else None
                events = [
                    GoldEvent(
                        e["source"],
                        e["target"],
                        normalise_code(e["cameo"]),
                        e.get("modality"),
                        e.get("year"),
                    )
                    for e in rec["events"]
                ]
                rels = [
                    GoldRelation(r["a"], r["b"], r["stance"], r.get("modality"), r.get("year"))
                    for r in rec["relations"]
                ]
            except (KeyError, ValueError, TypeError) as exc:
                raise InputError(str(path), f"bad gold record: {exc}", lineno) from None
            for e in events:
                if e.cameo not in cameo_codes():
                    raise InputError(str(path), f"unknown CAMEO code {e.cameo!r}", lineno)
            items.append(
                GoldItem(
                    str(rec["id"]), rec["text"], date, events, rels, list(rec.get("tags") or [])
                )
            )
    return items


def load_petrarch_xml(path: Path) -> list[GoldItem]:
    """PETRARCH validation records: <Sentence date id><EventCoding .../><Text>..</Text>."""
    raw = path.read_text(encoding="utf-8", errors="replace")
    # The files hold comments and stray markup outside the root; parse sentence by sentence.
    items = []
    for m in re.finditer(r"<Sentence\b.*?</Sentence>", raw, re.S):
        try:
            el = ET.fromstring(m.group(0))
        except ET.ParseError:
            continue
        text_el = el.find("Text")
        if text_el is None or not (text_el.text or "").strip():
            continue
        text = " ".join(text_el.text.split())
        d = el.get("date") or ""
        try:
            date = dt.datetime.strptime(d, "%Y%m%d").date() if d else None
        except ValueError:
            date = None
        events = []
        for ec in el.findall("EventCoding"):
            if ec.get("noevents"):
                continue
            code = ec.get("eventcode")
            src, tgt = ec.get("sourcecode"), ec.get("targetcode")
            if not code or not src or not tgt:
                continue
            events.append(GoldEvent(src, tgt, code, None, date.year if date else None))
        items.append(
            GoldItem(
                el.get("id") or f"{path.name}:{len(items)}",
                text,
                date,
                events,
                [],
                [el.get("category") or ""],
                origin="petrarch",
            )
        )
    if not items:
        raise InputError(str(path), "no <Sentence> records found")
    return items


# -- scoring -----------------------------------------------------------------------------------


# Organs of an organisation count as the organisation in the gold format ("UN" for the
# Security Council and the General Assembly).
ORGAN_OF = {"UNSC": "UN", "UNGA": "UN", "UNHRC": "UN", "UNSG": "UN"}


def _actor_key(actor: dict[str, Any] | None, origin: str) -> str | None:
    if actor is None:
        return None
    if origin == "petrarch":
        return (actor.get("country") or actor.get("code") or "")[:3] or None
    key = actor.get("country") or actor.get("code")
    return ORGAN_OF.get(key, key)


def _gold_key(code: str, origin: str) -> str:
    return code[:3] if origin == "petrarch" else code


def _root(code: str) -> str:
    entry = cameo_codes().get(code)
    return entry.root if entry else code[:2]


def _polarity_sign(stance: str) -> int:
    return {"ally": 1, "partner": 1, "friendly": 1, "neutral": 0}.get(stance, -1)


def evaluate(items: Sequence[GoldItem], coder: Any, errors: bool = True) -> EvaluationReport:
    """Code each gold sentence with ``coder`` and score the records against the gold."""
    report = EvaluationReport()
    docs = [Document(doc_id=it.id, text=it.text, date=it.date) for it in items]
    for item, coded in zip(items, coder.code_many(docs), strict=True):
        report.sentences += 1
        report.skipped_sentences += coded.skipped_sentences
        preds = [e.to_dict() for e in coded.events if e.target is not None]
        report.predicted_events += len(preds)
        report.gold_events += len(item.events)
        _score_events(report, item, preds)
        _score_relations(report, item, [r.to_dict() for r in coded.relations])
        if not item.events:
            report.no_event_sentences.add(not preds)
    return report


def _score_events(report: EvaluationReport, item: GoldItem, preds: list[dict[str, Any]]) -> None:
    o = item.origin
    gold = list(item.events)

    def pkey(p: dict[str, Any]) -> tuple[str | None, str | None]:
        return _actor_key(p["source"], o), _actor_key(p["target"], o)

    def gkey(g: GoldEvent) -> tuple[str, str]:
        return _gold_key(g.source, o), _gold_key(g.target, o)

    for level, scores, same in (
        ("dyad", report.events_dyad, lambda g, p: True),
        ("root", report.events_root, lambda g, p: _root(g.cameo) == p["cameo_root"]),
        ("code", report.events_code, lambda g, p: g.cameo == p["cameo"]),
    ):
        unmatched = list(range(len(preds)))
        for g in gold:
            hit = next(
                (i for i in unmatched if pkey(preds[i]) == gkey(g) and same(g, preds[i])), None
            )
            if hit is None:
                scores.fn += 1
                if level == "root":
                    report.by_root.setdefault(_root(g.cameo), Scores()).fn += 1
                    report.errors.append(
                        {"id": item.id, "kind": "missed", "gold": _gold_dict(g), "text": item.text}
                    )
                continue
            unmatched.remove(hit)
            scores.tp += 1
            if level == "root":
                p = preds[hit]
                report.by_root.setdefault(_root(g.cameo), Scores()).tp += 1
                gold_plover = cameo_codes().get(g.cameo)
                report.plover.add(bool(gold_plover) and gold_plover.plover == p["plover"])
                if g.modality:
                    report.modality.add(g.modality == p["modality"])
                    report.modality_confusion[(g.modality, p["modality"])] += 1
                if g.year:
                    start, end = p["date"]["start"], p["date"]["end"]
                    report.date_year.add(bool(start) and int(start[:4]) == g.year)
                    lo = int(start[:4]) if start else -(10**9)
                    hi = int(end[:4]) if end else 10**9
                    report.date_span.add(bool(start or end) and lo <= g.year <= hi)
        scores.fp += len(unmatched)
        if level == "root":
            for i in unmatched:
                report.by_root.setdefault(preds[i]["cameo_root"], Scores()).fp += 1
                report.errors.append(
                    {
                        "id": item.id,
                        "kind": "spurious",
                        "predicted": {
                            "source": pkey(preds[i])[0],
                            "target": pkey(preds[i])[1],
                            "cameo": preds[i]["cameo"],
                            "trigger": preds[i]["trigger"],
                            "modality": preds[i]["modality"],
                        },
                        "text": item.text,
                    }
                )


def _gold_dict(g: GoldEvent) -> dict[str, Any]:
    return {
        "source": g.source,
        "target": g.target,
        "cameo": g.cameo,
        "modality": g.modality,
        "year": g.year,
    }


def _score_relations(report: EvaluationReport, item: GoldItem, preds: list[dict[str, Any]]) -> None:
    if item.origin == "petrarch":
        return
    o = item.origin

    def pair(a: str | None, b: str | None) -> frozenset[str | None]:
        return frozenset((a, b))

    for scores, same in (
        (report.relations, lambda g, p: g.stance == p["stance"]),
        (
            report.relation_pairs,
            lambda g, p: _polarity_sign(g.stance) == _polarity_sign(p["stance"]),
        ),
    ):
        unmatched = list(range(len(preds)))
        for g in item.relations:
            gp = pair(g.a, g.b)
            hit = next(
                (
                    i
                    for i in unmatched
                    if pair(_actor_key(preds[i]["a"], o), _actor_key(preds[i]["b"], o)) == gp
                    and same(g, preds[i])
                ),
                None,
            )
            if hit is None:
                scores.fn += 1
            else:
                unmatched.remove(hit)
                scores.tp += 1
        scores.fp += len(unmatched)


def evaluate_paths(
    paths: Iterable[Path], coder: Any, errors_path: Path | None = None
) -> EvaluationReport:
    items: list[GoldItem] = []
    for p in paths:
        items.extend(load_gold(Path(p)))
    report = evaluate(items, coder)
    if errors_path is not None:
        with Path(errors_path).open("w", encoding="utf-8") as fh:
            for err in report.errors:
                fh.write(json.dumps(err, default=str) + "\n")
    return report
