"""Event-data importers: GDELT 1/2, ICEWS, POLECAT, JSONL; every row accounted for."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from allegiance.pipeline.imports import import_file
from allegiance.store import Store, event_record
from allegiance.store.importers import ImportError_
from allegiance.store.importers.events import EVENT_IMPORTERS, country_keys, plover_root

DATA = Path(__file__).resolve().parents[1] / "data"
SHARED = Path(__file__).resolve().parents[2].parent / "shared"
EVENTS = SHARED / "data" / "events"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.duckdb")
    yield s
    s.close()


def gdelt2_row(
    gid: str,
    date: str = "20180326",
    code: str = "042",
    a1: str = "RUS",
    a2: str = "PAK",
    ncols: int = 61,
) -> str:
    f = [""] * 61
    f[0], f[1], f[2], f[3] = gid, date, date[:6], date[:4]
    f[5], f[6], f[7], f[12] = f"{a1}GOV", "RUSSIA", a1, "GOV"
    f[15], f[16], f[17], f[22] = f"{a2}MIL", "PAKISTAN", a2, "MIL"
    f[25], f[26], f[27], f[28], f[29], f[30] = "1", code, code[:3], code[:2], "1", "1.9"
    f[32], f[59], f[60] = "3", "20180326044500", f"https://example.org/{gid}"
    return "\t".join(f[:ncols])


def test_registry_keys() -> None:
    assert set(EVENT_IMPORTERS) == {"gdelt1", "gdelt2", "icews", "polecat", "jsonl"}


def test_country_mapping_facts() -> None:
    keys = country_keys()
    assert keys["USA"] == "USA" and keys["ROM"] == "ROU" and keys["EUR"] is None
    assert keys["russian federation"] == "RUS"
    assert plover_root("ASSAULT") in ("18", "19", "20")
    assert plover_root("CONSULT") == "04"


def test_gdelt2_bad_rows_are_rejected_with_lines(store: Store, tmp_path: Path) -> None:
    p = tmp_path / "g2.tsv"
    lines = [
        gdelt2_row("1"),
        gdelt2_row("2", ncols=40),
        gdelt2_row("3", code="13y"),
        gdelt2_row("4", date="2017-13-45"),
        gdelt2_row("1"),  # GDELT re-emits events
        gdelt2_row("5", a1="ROM", a2="EUR"),
    ]
    p.write_text("\n".join(lines) + "\n")
    res = import_file(store, "gdelt2", p)
    assert (res.rows, res.stored, res.duplicates, res.rejected) == (6, 2, 1, 3)
    rej = {r["line"]: r["reason"] for r in store.rejects(res.run_id)}
    assert set(rej) == {2, 3, 4}
    assert "found 40" in rej[2]
    assert "13y" in rej[3]
    assert "2017-13-45" in rej[4]
    assert all(r["input"] == str(p) for r in store.rejects(res.run_id))
    ev = store.con.execute(
        "SELECT event_id, source_country, source_sector, target_country, target_sector, cameo, "
        "cameo_root, goldstein, quad_class, is_root, num_sources, url, native_id, modality, "
        "confidence, date_start::VARCHAR FROM events ORDER BY event_id"
    ).fetchall()
    assert ev[0] == (
        "gdelt2:1",
        "RUS",
        "GOV",
        "PAK",
        "MIL",
        "042",
        "04",
        1.9,
        1,
        True,
        3,
        "https://example.org/1",
        "1",
        "asserted",
        1.0,
        "2018-03-26",
    )
    assert ev[1][1] == "ROU" and ev[1][3] is None  # CAMEO ROM -> ISO ROU; EUR is a region
    # idempotent
    again = import_file(store, "gdelt2", p)
    assert (again.stored, again.duplicates, again.rejected) == (0, 3, 3)
    assert store.count("events") == 2
    run = [r for r in store.runs() if r["run_id"] == res.run_id][0]
    assert run["kind"] == "import" and run["params"] == {"kind": "gdelt2", "path": str(p)}
    assert (run["stored"], run["duplicates"], run["rejected"], run["status"]) == (2, 1, 3, "ok")


def test_gdelt2_header_gzip_and_zip(store: Store, tmp_path: Path) -> None:
    header = "\t".join(["GLOBALEVENTID", "SQLDATE"] + [f"c{i}" for i in range(59)])
    body = "\n".join([header, gdelt2_row("10"), gdelt2_row("11")]) + "\n"
    gz = tmp_path / "g.export.CSV.gz"
    gz.write_bytes(gzip.compress(body.encode()))
    res = import_file(store, "gdelt2", gz)
    assert (res.rows, res.stored) == (2, 2)
    zp = tmp_path / "g.export.CSV.zip"
    with zipfile.ZipFile(zp, "w") as zf:
        zf.writestr("g.export.CSV", "\n".join([gdelt2_row("12"), gdelt2_row("x", ncols=3)]))
    res2 = import_file(store, "gdelt2", zp)
    assert (res2.rows, res2.stored, res2.rejected) == (2, 1, 1)
    assert store.rejects(res2.run_id)[0]["input"] == str(zp)


def test_truncated_gzip_keeps_the_good_rows_and_ledgers_the_cut(
    store: Store, tmp_path: Path
) -> None:
    body = ("\n".join(gdelt2_row(str(i)) for i in range(3000)) + "\n").encode()
    blob = gzip.compress(body)
    p = tmp_path / "t.tsv.gz"
    p.write_bytes(blob[: len(blob) // 2])
    res = import_file(store, "gdelt2", p)
    assert 0 < res.stored < 3000 and res.rejected == 1
    assert res.rows == res.stored + res.duplicates + res.rejected
    (cut,) = store.rejects(res.run_id)
    assert cut["input"] == str(p) and cut["line"] == res.stored + 1
    assert "truncated gzip" in cut["reason"] and "incomplete" in cut["reason"]
    # every stored row is complete: its native id and URL survived intact
    ids = {r[0] for r in store.con.execute("SELECT native_id FROM events").fetchall()}
    assert ids == {str(i) for i in range(res.stored)}
    run = store.runs()[-1]
    assert (run["status"], run["stored"], run["rejected"]) == ("ok", res.stored, 1)


def test_import_streams_in_chunks_with_a_ledger_per_chunk(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Tiny chunks: line numbers, duplicates across chunks and counts stay exact."""
    from allegiance.store.importers import lines

    monkeypatch.setattr(lines, "CHUNK_BYTES", 2000)
    monkeypatch.setattr(lines, "_READ", 1000)
    rows = [gdelt2_row(str(i % 40)) for i in range(60)]  # ids 0-19 repeat in a later chunk
    rows[45] = gdelt2_row("bad", ncols=12)
    p = tmp_path / "c.tsv"
    p.write_text("\n".join(rows) + "\n", encoding="utf-8")
    seen: list[tuple[int, int]] = []
    res = import_file(store, "gdelt2", p, progress=lambda d, t: seen.append((d, t)))
    assert (res.rows, res.stored, res.duplicates, res.rejected) == (60, 40, 19, 1)
    assert [r["line"] for r in store.rejects(res.run_id)] == [46]
    assert seen[-1] == (p.stat().st_size, p.stat().st_size) and len(seen) > 3


def test_unknown_kind_and_missing_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="gdelt2"):
        import_file(store, "nope", tmp_path / "x")
    with pytest.raises(ImportError_, match="no such file"):
        import_file(store, "gdelt1", tmp_path / "missing.tsv")


def test_polecat_fixture(store: Store) -> None:
    p = DATA / "polecat_sample.tsv"
    res = import_file(store, "polecat", p)
    assert (res.rows, res.stored, res.duplicates, res.rejected) == (7, 4, 1, 2)
    reasons = {r["line"]: r["reason"] for r in store.rejects(res.run_id)}
    assert "BANANA" in reasons[7] and "2017-13-45" in reasons[8]
    rows = {r["native_id"]: r for r in (event_record(d) for d in _rows(store))}
    first = rows["20230101-0001"]
    assert first["plover"] == "CONSULT" and first["plover_mode"] == "visit"
    assert first["cameo"] == "04" and first["source"]["country"] == "RUS"
    assert first["source"]["sector"] == "GOV" and first["target"]["country"] == "PAK"
    assert rows["20230101-0004"]["source"]["country"] == "IND"  # country names work too
    assert rows["20230101-0003"]["goldstein"] == -9.0
    assert first["event_id"] == "polecat:20230101-0001" and first["layer"] == "polecat"


def test_polecat_missing_columns(store: Store, tmp_path: Path) -> None:
    p = tmp_path / "p.tsv"
    p.write_text("Event ID\tEvent Date\n1\t2023-01-01\n")
    with pytest.raises(ImportError_, match="Event Type"):
        import_file(store, "polecat", p)


def _rows(store: Store) -> list[dict]:
    cur = store.con.execute("SELECT * FROM events")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def test_jsonl_round_trip(store: Store, tmp_path: Path) -> None:
    rec = {
        "type": "event",
        "doc_id": "d1",
        "sentence": 2,
        "span": [10, 40],
        "sentence_text": "Russia held an exercise with Pakistan.",
        "trigger": "exercise",
        "source": {
            "code": "RUSMIL",
            "country": "RUS",
            "sector": "MIL",
            "name": "Russia",
            "text": "Russian troops",
        },
        "target": {
            "code": "PAKMIL",
            "country": "PAK",
            "sector": "MIL",
            "name": "Pakistan",
            "text": "Pakistan",
        },
        "cameo": "062",
        "cameo_root": "06",
        "plover": "COOPERATE",
        "plover_mode": None,
        "goldstein": 6.4,
        "quad_class": 2,
        "modality": "asserted",
        "date": {
            "start": "2016-09-24",
            "end": "2016-09-24",
            "precision": "day",
            "basis": "document",
        },
        "confidence": 0.9,
    }
    bad = dict(rec, cameo="13y")
    p = tmp_path / "e.jsonl"
    p.write_text("\n".join([json.dumps(rec), "{oops", json.dumps(bad), json.dumps(rec)]) + "\n")
    res = import_file(store, "jsonl", p)
    assert (res.rows, res.stored, res.duplicates, res.rejected) == (4, 1, 1, 2)
    (row,) = _rows(store)
    back = event_record(row)
    for key in ("doc_id", "sentence", "span", "source", "target", "cameo", "modality", "date"):
        assert back[key] == rec[key], key
    assert back["layer"] == "events"
    res2 = import_file(store, "jsonl", p)
    assert res2.stored == 0


def _data_lines(path: Path, header: bool) -> int:
    with path.open("rb") as fh:
        n = sum(1 for line in fh if line.strip())
    return n - (1 if header else 0)


needs_shared = pytest.mark.skipif(not EVENTS.exists(), reason="../shared sample data absent")


@needs_shared
def test_real_gdelt2_sample(store: Store) -> None:
    p = EVENTS / "gdelt2_events_20180326044500_with_header.tsv"
    res = import_file(store, "gdelt2", p)
    assert res.rows == 1540 == _data_lines(p, header=True)
    assert res.stored + res.duplicates + res.rejected == res.rows
    assert res.stored > 1500
    n_country = store.con.execute(
        "SELECT count(*) FROM events WHERE source_country IS NOT NULL"
    ).fetchone()[0]
    assert n_country > 500
    bad = store.con.execute(
        "SELECT count(*) FROM events WHERE length(source_country) <> 3"
    ).fetchone()[0]
    assert bad == 0
    assert import_file(store, "gdelt2", p).stored == 0


@needs_shared
def test_real_gdelt1_sample(store: Store) -> None:
    p = EVENTS / "gdelt1_events_sample_reed9999_noheader.tsv"
    res = import_file(store, "gdelt1", p)
    assert res.rows == _data_lines(p, header=False)
    assert res.stored + res.duplicates + res.rejected == res.rows
    urls = store.con.execute("SELECT count(url) FROM events").fetchone()[0]
    assert 0 < urls < res.stored  # back-file rows (57 columns) have no SOURCEURL


@needs_shared
def test_real_icews_sample(store: Store) -> None:
    p = EVENTS / "icews_events_2018_sample_andybega.tab"
    res = import_file(store, "icews", p)
    assert res.rows == _data_lines(p, header=True) == 3705
    assert res.stored + res.duplicates + res.rejected == res.rows
    share = store.con.execute(
        "SELECT avg((source_country IS NOT NULL)::INT) FROM events"
    ).fetchone()[0]
    assert share > 0.9
    rus = store.con.execute("SELECT count(*) FROM events WHERE source_country = 'RUS'").fetchone()[
        0
    ]
    assert rus > 100  # "Russian Federation" resolved
    assert import_file(store, "icews", p).stored == 0
