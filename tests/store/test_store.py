"""Ingest pipeline and near-duplicate clustering: batches, ledger, idempotence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allegiance.pipeline.ingest import ingest
from allegiance.store import Store
from allegiance.store.dedup import cluster_near_duplicates

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
NEWS = SHARED / "data" / "news" / "isot_reuters_politics_2017q4.jsonl"

STORY = (
    "Russian troops arrived in Pakistan on Friday for the first joint military exercise "
    "between the two countries, a sign of warming ties between the former Cold War rivals. "
    "The two-week drill takes place in the mountains of northern Pakistan, officials said, "
    "and India had asked Moscow to call off the exercise after an attack in Kashmir."
)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.duckdb")
    yield s
    s.close()


def test_ingest_mixed_inputs(store: Store, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("MOSCOW, Sept 26, 2016 (Reuters) - " + STORY)
    (tmp_path / "b.txt").write_bytes(b"\x00\x01binary")
    lines = [
        json.dumps({"id": f"j{i}", "text": f"Document number {i} about talks."}) for i in range(5)
    ]
    (tmp_path / "c.jsonl").write_text("\n".join([*lines, "{bad"]) + "\n")
    seen: list[tuple[int, int]] = []
    res = ingest(
        store,
        [
            str(tmp_path / "a.txt"),
            str(tmp_path / "b.txt"),
            str(tmp_path / "c.jsonl"),
            str(tmp_path / "missing.txt"),
        ],
        batch_size=2,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert (res.stored, res.duplicates, res.rejected, res.missing_date) == (6, 0, 3, 5)
    assert seen and seen[-1] == (9, 9)
    assert store.count("documents") == 6
    run = store.runs()[-1]
    assert (run["kind"], run["status"], run["stored"], run["rejected"]) == ("ingest", "ok", 6, 3)
    reasons = {(r["input"], r["line"]): r["reason"] for r in store.rejects(res.run_id)}
    assert "binary" in reasons[(str(tmp_path / "b.txt"), None)]
    assert reasons[(str(tmp_path / "c.jsonl"), 6)].startswith("malformed JSON")
    assert reasons[(str(tmp_path / "missing.txt"), None)] == "no such file"
    again = ingest(store, [str(tmp_path / "a.txt"), str(tmp_path / "c.jsonl")])
    assert (again.stored, again.duplicates) == (0, 6)
    assert store.count("documents") == 6


def test_near_duplicates_share_a_cluster(store: Store, tmp_path: Path) -> None:
    (tmp_path / "wire1.txt").write_text("ISLAMABAD (Reuters) - " + STORY)
    (tmp_path / "wire2.txt").write_text("ISLAMABAD (AP) - " + STORY + " More to follow.")
    (tmp_path / "other.txt").write_text(
        "India and the United States signed a logistics pact "
        "allowing each other's militaries to use bases."
    )
    res = ingest(store, [str(tmp_path)])
    assert res.stored == 3
    rows = dict(store.con.execute("SELECT path, cluster_id FROM documents").fetchall())
    c1, c2 = rows[str(tmp_path / "wire1.txt")], rows[str(tmp_path / "wire2.txt")]
    assert c1 == c2
    assert rows[str(tmp_path / "other.txt")] != c1
    assert cluster_near_duplicates(store) == 0  # idempotent


@pytest.mark.skipif(not NEWS.exists(), reason="../shared sample data absent")
def test_real_news_all_accounted(store: Store) -> None:
    n_lines = sum(1 for line in NEWS.open() if line.strip())
    res = ingest(store, [str(NEWS)])
    assert res.stored + res.duplicates + res.rejected == n_lines
    assert res.missing_date == 0
    assert ingest(store, [str(NEWS)]).stored == 0
