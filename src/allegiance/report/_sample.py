"""A small demo-like store for tests, screenshots and development of the report and dashboard.

It tells the seed article's story in a few dozen records: Russia and Pakistan adversaries in
the Cold War and partners by 2016; India close to the Soviets, later moving toward the USA;
China with Pakistan throughout.  One title and one sentence carry a planted ``<script>`` so
tests can check that everything from articles is escaped.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

from allegiance.ontology import cameo_codes
from allegiance.store import Store

PLANTED = "<script>alert('pwned')</script>"
NAMES = {
    "RUS": "Russia",
    "PAK": "Pakistan",
    "IND": "India",
    "USA": "United States",
    "CHN": "China",
    "JPN": "Japan",
    "AFG": "Afghanistan",
}

# (date, source, target, cameo, sentence, modality)
EVENTS: list[tuple[str, str, str, str, str, str]] = [
    (
        "1954-05-19",
        "USA",
        "PAK",
        "057",
        "The United States and Pakistan signed a mutual defence assistance agreement in Karachi.",
        "asserted",
    ),
    (
        "1955-11-20",
        "RUS",
        "IND",
        "042",
        "Khrushchev and Bulganin arrived in New Delhi for a state visit.",
        "asserted",
    ),
    (
        "1957-02-20",
        "RUS",
        "PAK",
        "111",
        "The Soviet delegate denounced Pakistan's position on Kashmir at the Security Council.",
        "asserted",
    ),
    (
        "1960-05-10",
        "RUS",
        "PAK",
        "138",
        "Khrushchev warned Pakistan that Peshawar would be targeted after the U-2 incident.",
        "asserted",
    ),
    (
        "1962-11-04",
        "USA",
        "IND",
        "072",
        "American transport planes airlifted arms to India.",
        "asserted",
    ),
    (
        "1963-03-02",
        "CHN",
        "PAK",
        "057",
        "China and Pakistan signed a border agreement.",
        "asserted",
    ),
    (
        "1965-09-08",
        "USA",
        "PAK",
        "163",
        "Washington suspended arms shipments to Pakistan.",
        "asserted",
    ),
    (
        "1969-03-02",
        "CHN",
        "RUS",
        "190",
        "Chinese and Soviet troops clashed on Zhenbao island.",
        "asserted",
    ),
    (
        "1971-08-09",
        "RUS",
        "IND",
        "057",
        "India and the Soviet Union signed a treaty of peace, friendship and cooperation.",
        "asserted",
    ),
    (
        "1971-12-05",
        "RUS",
        "PAK",
        "111",
        "Moscow condemned Pakistan at the United Nations.",
        "asserted",
    ),
    (
        "1972-09-29",
        "JPN",
        "CHN",
        "057",
        "Japan and China normalised diplomatic relations.",
        "asserted",
    ),
    ("1979-12-27", "RUS", "AFG", "190", "Soviet troops entered Kabul.", "asserted"),
    (
        "1980-01-10",
        "PAK",
        "RUS",
        "111",
        "Pakistan denounced the Soviet invasion of Afghanistan.",
        "asserted",
    ),
    (
        "1985-06-01",
        "USA",
        "PAK",
        "072",
        "The United States delivered F-16 fighters to Pakistan.",
        "asserted",
    ),
    ("2000-03-21", "USA", "IND", "042", "President Clinton arrived in New Delhi.", "asserted"),
    (
        "2005-07-18",
        "USA",
        "IND",
        "057",
        "India and the United States signed a civil nuclear framework " + PLANTED + ".",
        "asserted",
    ),
    (
        "2014-11-20",
        "RUS",
        "PAK",
        "057",
        "Russia and Pakistan signed a defence cooperation agreement.",
        "asserted",
    ),
    (
        "2015-08-19",
        "RUS",
        "PAK",
        "072",
        "Russia agreed to sell Mi-35 attack helicopters to Pakistan.",
        "asserted",
    ),
    (
        "2016-09-24",
        "RUS",
        "PAK",
        "062",
        "Russian troops arrived in Pakistan for the first ever joint military exercise.",
        "asserted",
    ),
    (
        "2016-09-24",
        "IND",
        "RUS",
        "130",
        "India expected Russia to call off the exercise.",
        "hypothetical",
    ),
    (
        "2016-06-07",
        "USA",
        "IND",
        "062",
        "India and the United States held joint naval drills with Japan.",
        "asserted",
    ),
    (
        "2016-05-20",
        "CHN",
        "PAK",
        "061",
        "China and Pakistan expanded the economic corridor.",
        "asserted",
    ),
    (
        "2016-08-01",
        "USA",
        "JPN",
        "062",
        "Japan and the United States held joint exercises.",
        "asserted",
    ),
]

# (start, end, a, b, stance, polarity, sentence)
RELATIONS: list[tuple[str, str, str, str, str, float, str]] = [
    (
        "1955-01-01",
        "1989-12-31",
        "RUS",
        "PAK",
        "adversary",
        -0.8,
        "During the Cold War, Russia and Pakistan were adversaries.",
    ),
    (
        "1955-01-01",
        "1991-12-31",
        "RUS",
        "IND",
        "ally",
        0.8,
        "The Soviets were close to India throughout the Cold War.",
    ),
    (
        "1954-01-01",
        "1989-12-31",
        "USA",
        "PAK",
        "ally",
        0.7,
        "Pakistan was an ally of the United States.",
    ),
    (
        "1962-01-01",
        "2016-12-31",
        "CHN",
        "PAK",
        "ally",
        0.8,
        "China and Pakistan are all-weather friends.",
    ),
    (
        "2014-01-01",
        "2016-12-31",
        "RUS",
        "PAK",
        "partner",
        0.6,
        "Russia and Pakistan have built a strategic partnership.",
    ),
    (
        "2010-01-01",
        "2016-12-31",
        "USA",
        "IND",
        "partner",
        0.6,
        "India has moved closer to the United States.",
    ),
    (
        "1962-01-01",
        "1980-12-31",
        "CHN",
        "IND",
        "adversary",
        -0.7,
        "China and India were bitter rivals after the border war.",
    ),
    (
        "2012-01-01",
        "2016-12-31",
        "CHN",
        "JPN",
        "rival",
        -0.5,
        "Relations between China and Japan have soured.",
    ),
    (
        "2012-01-01",
        "2016-12-31",
        "USA",
        "JPN",
        "ally",
        0.9,
        "Japan is the closest ally of the United States in Asia.",
    ),
]


def _id(*parts: object) -> str:
    return hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:24]


def _actor(prefix: str, code: str) -> dict[str, Any]:
    return {
        f"{prefix}_code": f"{code}GOV",
        f"{prefix}_country": code,
        f"{prefix}_sector": "GOV",
        f"{prefix}_name": NAMES.get(code, code),
        f"{prefix}_text": NAMES.get(code, code),
    }


def _insert(store: Store, table: str, rows: list[dict[str, Any]]) -> None:
    """Plain bound INSERTs (a few dozen rows; no Arrow registration needed)."""
    cols = list(rows[0])
    store.con.executemany(
        f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})",
        [[r[c] for c in cols] for r in rows],
    )


def build_sample_store(path: Path) -> Path:
    """Create (or refill) a small database at ``path`` and return the path."""
    path = Path(path)
    codes = cameo_codes()
    with Store(path) as store:
        run = store.begin_run("process", coder_version="sample-1")
        docs = []
        events = []
        for i, (date, src, tgt, cameo, sentence, modality) in enumerate(EVENTS):
            doc_id = f"doc{i:02d}"
            title = f"{NAMES[src]} and {NAMES[tgt]}, {date[:4]}"
            if i == 15:
                title = "Nuclear deal " + PLANTED
            text = f"{title}\n\n{sentence} Officials said more talks would follow."
            start = len(title) + 2
            docs.append((doc_id, title, date, f"https://news.example.org/{doc_id}", text))
            c = codes[cameo]
            d = dt.date.fromisoformat(date)
            symmetric = cameo in ("057", "062", "061")  # "A and B signed": one record each way
            for s, t in ((src, tgt), (tgt, src)) if symmetric else ((src, tgt),):
                events.append(
                    {
                        "event_id": _id(doc_id, s, t, cameo),
                        "layer": "events",
                        "doc_id": doc_id,
                        "sentence": 1,
                        "span_start": start,
                        "span_end": start + len(sentence),
                        "sentence_text": sentence,
                        "trigger": c.name.split()[0].lower(),
                        **_actor("source", s),
                        **_actor("target", t),
                        "cameo": cameo,
                        "cameo_root": c.root,
                        "plover": c.plover,
                        "plover_mode": c.plover_mode,
                        "goldstein": c.goldstein,
                        "quad_class": c.quad_class,
                        "modality": modality,
                        "date_start": d,
                        "date_end": d,
                        "date_precision": "day",
                        "date_basis": "document",
                        "confidence": 0.9,
                        "coder_version": "sample-1",
                        "run_id": run,
                        "num_sources": 1,
                    }
                )
        with store.transaction():
            store.con.execute("DELETE FROM documents")
            store.con.execute("DELETE FROM events")
            store.con.execute("DELETE FROM relations")
            for doc_id, title, date, url, text in docs:
                store.con.execute(
                    "INSERT INTO documents (doc_id, content_hash, title, date, url, source, text,"
                    " n_chars, cluster_id, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        doc_id,
                        _id(text),
                        title,
                        dt.date.fromisoformat(date),
                        url,
                        "sample wire",
                        text,
                        len(text),
                        doc_id,
                        run,
                    ],
                )
            store.insert_event_rows(events)
            for j, (start, end, a, b, stance, pol, sentence) in enumerate(RELATIONS):
                doc_id = f"rel{j:02d}"
                text = sentence + " Analysts agree."
                store.con.execute(
                    "INSERT INTO documents (doc_id, content_hash, title, date, url, source, text,"
                    " n_chars, cluster_id, run_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        doc_id,
                        _id(text),
                        f"Analysis: {NAMES[a]} and {NAMES[b]}",
                        dt.date.fromisoformat(end),
                        f"https://news.example.org/{doc_id}",
                        "sample analysis",
                        text,
                        len(text),
                        doc_id,
                        run,
                    ],
                )
                row = {
                    "relation_id": _id(doc_id, a, b, stance),
                    "layer": "events",
                    "doc_id": doc_id,
                    "sentence": 0,
                    "span_start": 0,
                    "span_end": len(sentence),
                    "sentence_text": sentence,
                    "trigger": stance,
                    **{k.replace("source", "a"): v for k, v in _actor("source", a).items()},
                    **{k.replace("source", "b"): v for k, v in _actor("source", b).items()},
                    "stance": stance,
                    "polarity": pol,
                    "trend": None,
                    "modality": "asserted",
                    "date_start": dt.date.fromisoformat(start),
                    "date_end": dt.date.fromisoformat(end),
                    "date_precision": "year",
                    "date_basis": "era",
                    "confidence": 0.8,
                    "coder_version": "sample-1",
                    "run_id": run,
                }
                _insert(store, "relations", [row])
        store.finish_run(run, events=len(events), relations=len(RELATIONS))
    return path
