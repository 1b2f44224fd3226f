"""Coder throughput against a bare full spaCy pass over the same documents.

    .venv/bin/python benchmarks/bench_coder.py [--quick] [--docs N] [--rounds R]

Variants, each in its own process (so each has its own peak memory):
  bare        nlp.pipe of the FULL en_core_web_sm pipeline (with NER) over the documents
  gated       the coder as shipped: gate on, NER off, cached attribute ruler and lemmatizer
  no_gate     the coder parsing every sentence (the gate's reference for yield)
  gated_stock the gated coder on the stock spaCy components (full run only): must give the
              very same records, which shows the fast components change nothing
Rounds alternate bare and gated and keep each one's best time, which resists other load on
the machine.  Sentences/s counts the same sentences for every variant (the coder's cheap
splitter), so the ratio is a ratio of times.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import time
from importlib import resources
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, REUTERS, load, peak_rss_mib, run_child, save, table  # noqa: E402


def documents(n: int | None) -> tuple[str, list]:
    """The Reuters sample when present, else the packaged demo corpus."""
    from allegiance.model import Document

    docs = []
    if REUTERS.exists():
        with REUTERS.open(encoding="utf-8") as fh:
            for line in fh:
                r = json.loads(line)
                date = dt.date.fromisoformat(r["date"]) if r.get("date") else None
                docs.append(Document(doc_id=r["id"], text=r["text"], date=date))
        source = REUTERS.name
    else:
        folder = resources.files("allegiance.demo").joinpath("articles")
        for item in sorted(folder.iterdir(), key=lambda p: p.name):
            if not item.name[:4].isdigit():
                continue
            _, head, body = item.read_text(encoding="utf-8").split("---", 2)
            meta = dict(x.split(": ", 1) for x in head.strip().splitlines() if ": " in x)
            docs.append(
                Document(
                    doc_id=item.name, text=body.strip(), date=dt.date.fromisoformat(meta["date"])
                )
            )
        source = "demo corpus"
    return source, docs[:n] if n else docs


def child(variant: str, n: int | None) -> dict:
    """Run one variant in this process and return its measurements."""
    from allegiance.coding import Coder
    from allegiance.nlp import load_pipeline, normalise, split_sentences

    _source, docs = documents(n)
    sentences = sum(1 for d in docs for _ in split_sentences(normalise(d.text)))
    chars = sum(len(d.text) for d in docs)
    out: dict = {"variant": variant, "docs": len(docs), "sentences": sentences, "chars": chars}
    if variant == "bare":
        nlp = load_pipeline(disable_ner=False)
        assert "ner" in nlp.pipe_names
        texts = [d.text for d in docs]
        t0, c0 = time.perf_counter(), time.process_time()
        spacy_sents = sum(sum(1 for _ in doc.sents) for doc in nlp.pipe(texts))
        out.update(
            wall_s=time.perf_counter() - t0,
            cpu_s=time.process_time() - c0,
            spacy_sentences=spacy_sents,
            pipeline=nlp.pipe_names,
        )
    else:
        nlp = load_pipeline(True, fast=variant != "gated_stock")
        coder = Coder(gate=variant != "no_gate", nlp=nlp)
        t0, c0 = time.perf_counter(), time.process_time()
        coded = list(coder.code_many(docs))
        out.update(
            wall_s=time.perf_counter() - t0, cpu_s=time.process_time() - c0, pipeline=nlp.pipe_names
        )
        keys = _event_keys(coded)
        out.update(
            events=len(keys), relations=sum(len(c.relations) for c in coded), digest=_digest(coded)
        )
        # The comparisons run in this same process (the coder's code may change between
        # processes while others work on it): no_gate also codes gated, gated_stock also
        # codes with the fast components.
        if variant == "no_gate":
            gated_coded = list(Coder(gate=True, nlp=nlp).code_many(docs))
            gated = set(_event_keys(gated_coded))
            full = set(keys)
            out.update(
                identical_to_gated=_digest(gated_coded) == out["digest"],
                gate_yield=len(gated & full) / max(1, len(full)),
                events_gated=len(gated),
                events_lost_by_gate=len(full - gated),
                events_only_gated=len(gated - full),
            )
        if variant == "gated_stock":
            fast = Coder(gate=True, nlp=load_pipeline(True, fast=True))
            out["identical_to_fast"] = _digest(list(fast.code_many(docs))) == out["digest"]
    out["peak_rss_mib"] = peak_rss_mib()
    return out


def _event_keys(coded: list) -> list[str]:
    return sorted(
        f"{e.doc_id}|{e.sentence}|{e.span}|{e.source.code}|"
        f"{e.target.code if e.target else ''}|{e.cameo}|{e.modality}"
        for c in coded
        for e in c.events
    )


def _digest(coded: list) -> str:
    recs = [[e.to_dict() for e in c.events] + [r.to_dict() for r in c.relations] for c in coded]
    return hashlib.sha1(json.dumps(recs, sort_keys=True, default=str).encode()).hexdigest()


def measure(variant: str, n: int | None) -> dict:
    res = run_child([PYTHON, __file__, "--child", variant] + (["--docs", str(n)] if n else []))
    data = json.loads(res["stdout"].strip().splitlines()[-1])
    data["load_1min"] = load()
    return data


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="120 documents, one round")
    ap.add_argument("--docs", type=int, default=None, help="documents to use (default: all)")
    ap.add_argument("--rounds", type=int, default=None, help="bare/gated rounds (default 2)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    n = args.docs or (120 if args.quick else None)
    if args.child:
        print(json.dumps(child(args.child, n), default=str))
        return
    rounds = args.rounds or (1 if args.quick else 2)
    source, docs = documents(n)
    print(f"coder benchmark: {len(docs)} documents from {source}; load {load()}", flush=True)
    runs: dict[str, list[dict]] = {"bare": [], "gated": []}
    for _ in range(rounds):
        for v in ("bare", "gated"):
            runs[v].append(measure(v, n))
            print(
                f"  {v}: {runs[v][-1]['wall_s']:.1f} s (load {runs[v][-1]['load_1min']})",
                flush=True,
            )
    runs["no_gate"] = [measure("no_gate", n)]
    if not args.quick:
        runs["gated_stock"] = [measure("gated_stock", n)]
    best = {v: min(rs, key=lambda r: r["wall_s"]) for v, rs in runs.items()}
    bare = best["bare"]
    rows, variants = [], {}
    for v, r in best.items():
        variants[v] = dict(r)
        variants[v]["all_rounds_wall_s"] = [round(x["wall_s"], 2) for x in runs[v]]
        rows.append(
            [
                v,
                round(r["wall_s"], 1),
                round(r["cpu_s"], 1),
                round(r["sentences"] / r["wall_s"], 1),
                round(r["events"] / r["wall_s"], 2) if "events" in r else "-",
                r["peak_rss_mib"],
                round(bare["wall_s"] / r["wall_s"], 2),
                round(bare["cpu_s"] / r["cpu_s"], 2),
                r["load_1min"],
            ]
        )
    ng = best["no_gate"]
    summary = {
        "speedup_vs_bare_wall": round(bare["wall_s"] / best["gated"]["wall_s"], 2),
        "speedup_vs_bare_cpu": round(bare["cpu_s"] / best["gated"]["cpu_s"], 2),
        "gate_yield": round(ng["gate_yield"], 4),
        "gated_records_identical_to_no_gate": ng["identical_to_gated"],
        "events_gated": ng["events_gated"],
        "events_no_gate": ng["events"],
        "events_lost_by_gate": ng["events_lost_by_gate"],
        "events_only_gated": ng["events_only_gated"],
        "target_speedup_4x_met": bare["wall_s"] / best["gated"]["wall_s"] >= 4.0,
        "target_yield_99_met": ng["gate_yield"] >= 0.99,
    }
    if "gated_stock" in best:
        summary["fast_components_identical"] = best["gated_stock"]["identical_to_fast"]
    print(
        table(
            rows,
            [
                "variant",
                "wall s",
                "cpu s",
                "sent/s",
                "events/s",
                "peak MiB",
                "x bare (wall)",
                "x bare (cpu)",
                "load",
            ],
        )
    )
    print(json.dumps(summary, indent=1))
    path = save(
        "coder",
        {
            "source": source,
            "documents": len(docs),
            "rounds": rounds,
            "variants": variants,
            "summary": summary,
        },
    )
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
