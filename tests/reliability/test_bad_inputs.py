"""The nasty-input corpus (tests/data/bad/): each file is stored or rejected with its reason.

Large inputs (a 50 MB single line, a zip and a gzip bomb of 200 MB of zeros) are generated
into tmp_path by ``make_bad_inputs.big_inputs``; nothing large is committed.
"""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path

import pytest
from reliability_support import cli

from allegiance.pipeline.imports import import_file
from allegiance.pipeline.ingest import ingest
from allegiance.store import Store
from allegiance.store.importers import ImportError_

BAD = Path(__file__).resolve().parents[1] / "data" / "bad"


def _corpus():  # noqa: ANN202 - the generator module, loaded by path
    spec = importlib.util.spec_from_file_location("make_bad_inputs", BAD / "make_bad_inputs.py")
    mod = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(mod)
    return mod


CORPUS = _corpus()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, tuple[str, object]]]:
    """The generated large inputs (about 100 MB on disk), written once for the module."""
    folder = tmp_path_factory.mktemp("big")
    return folder, CORPUS.big_inputs(folder)


def _outcomes(store: Store, run_id: str, files: list[Path]) -> dict[str, tuple[int, list]]:
    """Per input file: documents stored from it and the reasons it (or its lines) were rejected."""
    out = {}
    rejects = store.rejects(run_id)
    for f in files:
        n = store.con.execute(
            "SELECT count(*) FROM documents WHERE path = ? OR path LIKE ?", [str(f), f"{f}!%"]
        ).fetchone()[0]
        reasons = [r for r in rejects if r["input"] == str(f) or r["input"].startswith(f"{f}!")]
        out[f.name] = (n, reasons)
    return out


def _check(expected: dict[str, tuple[str, object]], got: dict[str, tuple[int, list]]) -> None:
    for name, (what, detail) in expected.items():
        n, reasons = got[name]
        if what == "stored":
            assert n == detail, (name, n, reasons)
        else:
            assert n == 0, (name, n)
            assert reasons, f"{name}: neither stored nor rejected"
            assert all(detail in r["reason"] for r in reasons), (name, reasons)


def test_small_corpus_outcomes(tmp_path: Path) -> None:
    files = [BAD / name for name in CORPUS.EXPECTED]
    with Store(tmp_path / "bad.duckdb") as store:
        result = ingest(store, [str(f) for f in files], batch_size=3)
        got = _outcomes(store, result.run_id, files)
        _check(CORPUS.EXPECTED, got)
        lines = {r["line"]: r["reason"] for r in got["bad_lines.jsonl"][1]}
        assert set(lines) == set(CORPUS.BAD_LINES)
        for line, words in CORPUS.BAD_LINES.items():
            assert words in lines[line]
        # every input accounted for: the ledger's counts match what is in the tables
        run = store.runs()[-1]
        assert run["status"] == "ok"
        assert run["stored"] == store.count("documents")
        assert run["rejected"] == len(store.rejects(result.run_id))
        # text is stored as text: injection strings verbatim, scripts gone from HTML
        texts = [
            r[0]
            for r in store.con.execute(
                "SELECT text FROM documents WHERE path LIKE '%csv_injection.csv'"
            ).fetchall()
        ]
        assert sorted(t.split(" Russia")[0] for t in texts) == sorted(CORPUS.INJECTIONS)
        html_text = store.con.execute(
            "SELECT text FROM documents WHERE path LIKE '%script.html'"
        ).fetchone()[0]
        assert "joint military exercise" in html_text
        assert "<script" not in html_text and "alert(" not in html_text
        utf16 = store.con.execute(
            "SELECT text FROM documents WHERE path LIKE '%utf16_no_bom.txt'"
        ).fetchone()[0]
        assert utf16.startswith("Russia and Pakistan held")
    assert not Path("/tmp/allegiance-evil.txt").exists()


def test_csv_export_neutralises_formulas(tmp_path: Path) -> None:
    """Injection strings reach exports through imported event fields; CSV cells are quoted."""
    src = tmp_path / "events.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i, inj in enumerate(CORPUS.INJECTIONS):
            fh.write(
                json.dumps(
                    {
                        "type": "event",
                        "doc_id": f"d{i}",
                        "sentence": 0,
                        "span": [0, 10],
                        "sentence_text": f"{inj} Russia condemned Pakistan.",
                        "trigger": inj,
                        "source": {
                            "code": "RUS",
                            "country": "RUS",
                            "sector": None,
                            "name": inj,
                            "text": "Russia",
                        },
                        "target": {
                            "code": "PAK",
                            "country": "PAK",
                            "sector": None,
                            "name": "Pakistan",
                            "text": "Pakistan",
                        },
                        "cameo": "111",
                        "cameo_root": "11",
                        "goldstein": -2.0,
                        "quad_class": 3,
                        "modality": "asserted",
                        "confidence": 0.9,
                        "date": {
                            "start": "2016-09-26",
                            "end": "2016-09-26",
                            "precision": "day",
                            "basis": "document",
                        },
                    }
                )
                + "\n"
            )
    db = tmp_path / "x.duckdb"
    with Store(db) as store:
        res = import_file(store, "jsonl", src)
        assert res.stored == len(CORPUS.INJECTIONS), res.to_dict()
    out = tmp_path / "events.csv"
    p = cli("export", "--db", db, "--to", out)
    assert p.returncode == 0, p.stderr
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(CORPUS.INJECTIONS)
    for row in rows:
        for col, cell in row.items():
            if col in ("goldstein", "confidence", "quad_class"):
                continue  # numbers: "-2.0" is a number to a spreadsheet, not a formula
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (col, cell)
        assert row["sentence_text"].lstrip("'").split(" Russia")[0] in CORPUS.INJECTIONS
    assert any(float(r["goldstein"]) < 0 for r in rows)  # numbers are left alone
    # JSONL keeps the exact text (it is data, not a spreadsheet)
    jl = tmp_path / "events.jsonl"
    assert cli("export", "--db", db, "--to", jl).returncode == 0
    texts = {json.loads(x)["sentence_text"] for x in jl.read_text().splitlines()}
    assert texts == {f"{inj} Russia condemned Pakistan." for inj in CORPUS.INJECTIONS}


def test_big_inputs_are_rejected_without_blowing_memory(tmp_path: Path, big) -> None:  # noqa: ANN001
    big, expected = big
    files = [big / name for name in expected]
    db = tmp_path / "big.duckdb"
    p = cli("ingest", *files, "--db", db, "--format", "json")
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr
    with Store(db, read_only=True) as store:
        run_id = store.runs()[-1]["run_id"]
        _check(expected, _outcomes(store, run_id, files))
        reasons = [r["reason"] for r in store.rejects(run_id)]
        assert any("line is longer than" in r for r in reasons)
        assert store.document("after") is not None


def test_memory_stays_bounded_on_a_zip_bomb(big) -> None:  # noqa: ANN001
    """The zip and gzip bombs are refused in a process limited to 1 GiB of address space."""
    big = big[0]
    import subprocess
    import sys

    code = (
        "import resource, sys;"
        "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30));"
        "from allegiance.readers import read_paths;"
        "items = list(read_paths(sys.argv[1:]));"
        "print(len(items), [getattr(i, 'reason', 'doc') for i in items])"
    )
    p = subprocess.run(
        [sys.executable, "-c", code, str(big / "bomb.zip"), str(big / "bomb.txt.gz")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert p.returncode == 0, p.stderr[-500:]
    assert "zip bomb" in p.stdout and "decompressed size exceeds" in p.stdout


def test_import_zip_bomb_and_limits(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    big,  # noqa: ANN001
) -> None:
    big = big[0]
    with Store(tmp_path / "i.duckdb") as store:
        with pytest.raises(ImportError_, match="zip bomb"):
            import_file(store, "gdelt1", big / "bomb.zip")
        monkeypatch.setenv("ALLEGIANCE_MAX_ARCHIVE_BYTES", "1000000")
        with pytest.raises(ImportError_, match="exceeds the limit of 1,000,000"):
            import_file(store, "gdelt1", big / "bomb.zip")
        assert [r["status"] for r in store.runs()] == ["failed", "failed"]
        assert store.count("events") == 0
    p = cli("import", "--kind", "gdelt1", big / "bomb.txt.gz", "--db", tmp_path / "i.duckdb")
    assert p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1, p.stderr


def test_max_bytes_option_and_env(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_text("Russia and Pakistan held talks. " * 100, encoding="utf-8")  # 3,200 bytes
    db = tmp_path / "m.duckdb"
    p = cli("ingest", doc, "--db", db, "--max-bytes", "1000")
    assert p.returncode == 1
    assert (
        p.stderr.strip().splitlines()[-1].endswith("file is larger than 1,000 bytes (3,200 bytes)")
    )
    p = cli("ingest", doc, "--db", db, ALLEGIANCE_MAX_BYTES="2000")
    assert p.returncode == 1 and "larger than 2,000 bytes" in p.stderr
    p = cli("ingest", doc, "--db", db, ALLEGIANCE_MAX_BYTES="lots")
    assert p.returncode == 1 and "ALLEGIANCE_MAX_BYTES" in p.stderr
    assert len(p.stderr.strip().splitlines()) == 1
    assert cli("ingest", doc, "--db", db, "--max-bytes", "5000").returncode == 0
    with Store(db, read_only=True) as store:
        assert store.count("documents") == 1
        assert sum(r["rejected"] for r in store.runs()) == 2
