"""Export round trips: Parquet/CSV/JSONL read by pandas, Polars and DuckDB equal the table."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from allegiance.export import export
from allegiance.pipeline.imports import import_file
from allegiance.store import Store

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store(tmp_path / "t.duckdb")
    import_file(s, "polecat", DATA / "polecat_sample.tsv")
    yield s
    s.close()


def table(store: Store) -> pd.DataFrame:
    return store.con.execute("SELECT * FROM events ORDER BY date_start, event_id").df()


def test_parquet_round_trip(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    assert export(store, out) == 4
    expected = table(store)
    got = pd.read_parquet(out)
    assert list(got.columns) == list(expected.columns)
    assert got.shape == expected.shape
    assert list(got["event_id"]) == list(expected["event_id"])
    assert list(got["goldstein"]) == list(expected["goldstein"])
    assert [str(d)[:10] for d in got["date_start"]] == [str(d)[:10] for d in expected["date_start"]]
    polars = pytest.importorskip("polars")
    assert polars.read_parquet(out).shape == expected.shape
    diff = store.con.execute(
        f"SELECT count(*) FROM (SELECT * FROM '{out}' EXCEPT SELECT * FROM events)"
    ).fetchall()
    assert diff == [(0,)]
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{out}'").fetchall() == [(4,)]


def test_csv_gdelt_and_plover_schemas(store: Store, tmp_path: Path) -> None:
    g = tmp_path / "g.csv"
    export(store, g, schema="gdelt")
    df = pd.read_csv(g, dtype=str)
    for col in (
        "GLOBALEVENTID",
        "SQLDATE",
        "Actor1Code",
        "Actor1CountryCode",
        "Actor2Code",
        "EventCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumSources",
        "SOURCEURL",
    ):
        assert col in df.columns
    assert set(df["SQLDATE"]) >= {"20230102"}
    p = tmp_path / "p.csv.gz"
    export(store, p, schema="plover")
    with gzip.open(p, "rt") as fh:
        dp = pd.read_csv(fh)
    assert {
        "event_id",
        "event_date",
        "event_type",
        "event_mode",
        "source_actor",
        "source_country",
        "target_actor",
        "target_country",
    } <= set(dp.columns)
    assert "CONSULT" in set(dp["event_type"])


def test_jsonl_contract_records_and_filters(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "e.jsonl"
    n = export(store, out, country="RUS", start="2023-01-01", end="2023-01-02")
    recs = [json.loads(x) for x in out.read_text().splitlines()]
    assert n == len(recs) == 2
    assert recs[0]["type"] == "event" and recs[0]["source"]["country"] == "RUS"
    assert recs[0]["date"]["start"] == "2023-01-02"
    assert export(store, tmp_path / "x.jsonl", code="18") == 1
    assert export(store, tmp_path / "y.csv", layer="events") == 0
    # re-import our own records into a fresh store: the same rows
    other = Store(tmp_path / "o.duckdb")
    res = import_file(other, "jsonl", out)
    assert res.stored == 2
    other.close()


def test_bad_export_requests(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export(store, tmp_path / "e.xlsx")
    with pytest.raises(ValueError, match="schema"):
        export(store, tmp_path / "e.csv", schema="cameo")
    with pytest.raises(ValueError, match="not a date"):
        export(store, tmp_path / "e.csv", start="2017-13-45")
