"""The Python API: allegiance.open(db) with frames, writes and analysis pass-throughs."""

from __future__ import annotations

from pathlib import Path

import allegiance

DATA = Path(__file__).resolve().parent / "data"


def test_open_ingest_import_query_export(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "MOSCOW, Sept 26, 2016 (Reuters) - Russia and Pakistan "
        "began their first joint military exercise."
    )
    with allegiance.open(tmp_path / "t.duckdb") as db:
        assert db.ingest(tmp_path / "a.txt").stored == 1
        assert db.import_file("polecat", DATA / "polecat_sample.tsv").stored == 4
        ev = db.events(country="RUS")
        assert len(ev) == 2 and set(ev["layer"]) == {"polecat"}
        assert len(db.events(code="18", as_="polars")) == 1
        assert len(db.events(start="2023-01-04")) == 1
        docs = db.documents()
        assert list(docs["doc_id"]) and str(docs["date"][0])[:10] == "2016-09-26"
        assert len(db.relations()) == 0
        kinds = [r["kind"] for r in db.runs()]
        assert kinds == ["ingest", "import"]
        assert db.export(tmp_path / "e.parquet") == 4
    assert allegiance.__version__ == "0.1.0"


def test_analysis_pass_through(tmp_path: Path) -> None:
    with allegiance.open(tmp_path / "t.duckdb") as db:
        db.import_file("polecat", DATA / "polecat_sample.tsv")
        series = db.dyad("RUS", "PAK")
        d = series.to_dict()
        assert d["a"] == "RUS" and d["b"] == "PAK" and "series" in d
        assert "camps" in db.axis(["RUS", "PAK"], ["ISR", "PSE"]).to_dict()
        assert "blocs" in db.blocs().to_dict()
        assert "shifts" in db.shifts().to_dict()
