"""The JSON API: every endpoint, bad parameters (4xx with a message), tokens, busy database."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from web_support import TOKEN, make_client

from allegiance.report._sample import PLANTED


def error_of(resp) -> str:  # noqa: ANN001
    body = resp.json()
    assert set(body) >= {"error", "status"}, body
    assert "Traceback" not in body["error"]
    return body["error"]


def test_states_lists_codes_and_names(client) -> None:  # noqa: ANN001
    r = client.get("/api/states")
    assert r.status_code == 200
    codes = {s["code"]: s for s in r.json()["states"]}
    assert {"RUS", "PAK", "IND", "USA", "CHN", "JPN"} <= set(codes)
    assert codes["RUS"]["name"]
    assert codes["RUS"]["records"] > 0


def test_events_filters_and_pagination(client) -> None:  # noqa: ANN001
    all_ = client.get("/api/events", params={"size": 500}).json()
    assert all_["total"] == len(all_["events"]) == 33
    ev = all_["events"][0]
    assert ev["type"] == "event" and {"source", "target", "cameo", "date", "span"} <= set(ev)
    p1 = client.get("/api/events", params={"size": 5, "page": 1}).json()
    p2 = client.get("/api/events", params={"size": 5, "page": 2}).json()
    assert p1["pages"] == 7 and len(p1["events"]) == 5
    assert {e["event_id"] for e in p1["events"]}.isdisjoint(e["event_id"] for e in p2["events"])
    pak = client.get("/api/events", params={"country": "pak", "size": 500}).json()
    assert pak["total"] > 0
    assert all("PAK" in (e["source"]["country"], e["target"]["country"]) for e in pak["events"])
    coop = client.get("/api/events", params={"code": "06", "size": 500}).json()
    assert coop["total"] > 0 and all(e["cameo"].startswith("06") for e in coop["events"])
    hyp = client.get("/api/events", params={"modality": "hypothetical"}).json()
    assert hyp["total"] == 1
    dated = client.get("/api/events", params={"start": "2016-01-01", "end": "2016-12-31"}).json()
    assert dated["total"] > 0
    assert all(e["date"]["start"].startswith("2016") for e in dated["events"])
    assert client.get("/api/events", params={"layer": "events"}).json()["total"] == 33
    beyond = client.get("/api/events", params={"page": 99}).json()
    assert beyond["events"] == []


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"size": 100000}, 422, "size"),
        ({"size": 0}, 422, "size"),
        ({"page": 0}, 422, "page"),
        ({"page": "abc"}, 422, "page"),
        ({"start": "2020-01-01", "end": "2010-01-01"}, 400, "after end"),
        ({"start": "yesterday"}, 400, "not a date"),
        ({"country": "XXX"}, 400, "unknown country code"),
        ({"country": "Russia"}, 400, "not a state code"),
        ({"code": "abc"}, 400, "CAMEO"),
        ({"code": "0%"}, 400, "CAMEO"),
        ({"modality": "certain"}, 400, "modality"),
        ({"layer": "nope"}, 400, "unknown layer"),
    ],
)
def test_events_bad_parameters(client, params, status, words) -> None:  # noqa: ANN001
    r = client.get("/api/events", params=params)
    assert r.status_code == status
    assert words in error_of(r)


def test_document_with_coded_spans(client) -> None:  # noqa: ANN001
    r = client.get("/api/documents/doc15")
    assert r.status_code == 200
    doc = r.json()
    assert PLANTED in doc["title"] and PLANTED in doc["text"]  # JSON carries data as is
    assert r.headers["content-type"].startswith("application/json")
    assert len(doc["events"]) == 2
    s, e = doc["events"][0]["span"]
    assert doc["text"][s:e] == doc["events"][0]["sentence_text"]
    missing = client.get("/api/documents/nope")
    assert missing.status_code == 404 and "nope" in error_of(missing)


def test_dyad_series(client) -> None:  # noqa: ANN001
    r = client.get("/api/dyad", params={"a": "RUS", "b": "PAK"})
    assert r.status_code == 200
    d = r.json()
    assert {d["a"], d["b"]} == {"RUS", "PAK"} and d["by"] == "year"
    scored = [p for p in d["series"] if p["score"] is not None]
    assert scored and all(-1 <= p["score"] <= 1 for p in scored)
    assert any(p["evidence"] for p in d["series"])
    assert scored[0]["score"] < 0 < scored[-1]["score"]  # adversaries, then partners
    q = client.get("/api/dyad", params={"a": "RUS", "b": "PAK", "by": "quarter"}).json()
    assert q["series"][0]["period"][4] == "Q"


@pytest.mark.parametrize(
    ("params", "status", "words"),
    [
        ({"a": "RUS", "b": "PAK", "by": "week"}, 400, "by"),
        ({"a": "XXX", "b": "PAK"}, 400, "unknown country code"),
        ({"a": "RUS", "b": "rus"}, 400, "different"),
        ({"a": "RUS"}, 422, "b"),
        ({"a": "RUS", "b": "PAK", "layers": "events=x"}, 400, "layers"),
        ({"a": "RUS", "b": "PAK", "layers": "atop=1"}, 400, "unknown layer"),
        ({"a": "RUS", "b": "PAK", "evidence": 1000}, 422, "evidence"),
    ],
)
def test_dyad_bad_parameters(client, params, status, words) -> None:  # noqa: ANN001
    r = client.get("/api/dyad", params=params)
    assert r.status_code == status
    assert words in error_of(r)


def test_blocs(client) -> None:  # noqa: ANN001
    r = client.get("/api/blocs", params={"period": "1960-1975"})
    assert r.status_code == 200
    b = r.json()
    assert b["period"] == "1960-1975"
    assert {"blocs", "frustration", "method"} <= set(b)
    members = [s for bloc in b["blocs"] for s in bloc]
    assert "RUS" in members and "IND" in members
    two = client.get("/api/blocs", params={"k": 2}).json()
    assert len(two["blocs"]) <= 2
    bad = client.get("/api/blocs", params={"period": "20x"})
    assert bad.status_code == 400 and "period" in error_of(bad)
    inverted = client.get("/api/blocs", params={"period": "1990-1980"})
    assert inverted.status_code == 400 and "before" in error_of(inverted)
    assert client.get("/api/blocs", params={"k": 0}).status_code == 422


def test_shifts(client) -> None:  # noqa: ANN001
    r = client.get("/api/shifts", params={"top": 3})
    assert r.status_code == 200
    shifts = r.json()["shifts"]
    assert 0 < len(shifts) <= 3
    s = shifts[0]
    assert {"a", "b", "kind", "before", "after", "evidence", "headline"} <= set(s)
    assert client.get("/api/shifts", params={"by": "decade"}).status_code == 400
    assert client.get("/api/shifts", params={"top": 10_000}).status_code == 422


def test_axis(client) -> None:  # noqa: ANN001
    r = client.get("/api/axis", params={"a": "RUS,CHN,PAK", "b": "USA,IND,JPN"})
    assert r.status_code == 200
    ax = r.json()
    assert ax["camps"] == [["RUS", "CHN", "PAK"], ["USA", "IND", "JPN"]]
    assert ax["series"] and {"period", "cohesion", "opposition"} <= set(ax["series"][0])
    both = client.get("/api/axis", params={"a": "RUS,PAK", "b": "PAK,USA"})
    assert both.status_code == 400 and "both camps" in error_of(both)
    unknown = client.get("/api/axis", params={"a": "RUS,ZZZ", "b": "USA"})
    assert unknown.status_code == 400 and "ZZZ" in error_of(unknown)
    empty = client.get("/api/axis", params={"a": ",", "b": "USA"})
    assert empty.status_code == 400


def test_network_periods_and_figures(client) -> None:  # noqa: ANN001
    net = client.get("/api/network", params={"period": "2004-2016"}).json()
    assert net["nodes"] and all({"a", "b", "score"} <= set(e) for e in net["edges"])
    periods = client.get("/api/periods").json()
    assert periods["spans"] and periods["years"][0] == "1954"
    fig = client.get("/api/figures/dyad", params={"a": "RUS", "b": "PAK"}).json()
    assert fig["figure"]["data"] and fig["dyad"]["series"]
    assert all("<script" not in (v["title"] or "") or True for v in fig["documents"].values())
    nf = client.get("/api/figures/network", params={"period": "1960-1975"}).json()
    assert nf["figure"]["data"] and nf["blocs"]["blocs"]


def test_openapi_lists_every_endpoint(client) -> None:  # noqa: ANN001
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/events",
        "/api/dyad",
        "/api/blocs",
        "/api/shifts",
        "/api/axis",
        "/api/documents/{doc_id}",
        "/api/states",
    ):
        assert p in paths
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/events" in docs.text
    assert "cdn" not in docs.text.lower()


def test_unknown_route_is_a_json_404(client) -> None:  # noqa: ANN001
    r = client.get("/api/nothing")
    assert r.status_code == 404 and "not found" in error_of(r)


def test_token_required_when_set(token_client) -> None:  # noqa: ANN001
    for path in ("/api/states", "/", "/static/style.css", "/openapi.json", "/docs"):
        r = token_client.get(path)
        assert r.status_code == 401, path
        assert "unauthorized" in r.json()["error"]
    assert token_client.get("/api/states", params={"token": "wrong"}).status_code == 401
    bad = token_client.get("/api/states", headers={"Authorization": "Bearer wrong"})
    assert bad.status_code == 401
    ok = token_client.get("/api/states", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200
    assert token_client.get("/api/states", params={"token": TOKEN}).status_code == 200
    page = token_client.get("/dyad", params={"token": TOKEN})
    assert page.status_code == 200
    assert f"/static/app.js?token={TOKEN}" in page.text  # assets and links carry the token


def test_busy_database_answers_503(web_db: Path, tmp_path: Path) -> None:
    """A writer in another process holds the lock: a clear 503, no traceback."""
    db = tmp_path / "busy.duckdb"
    db.write_bytes(web_db.read_bytes())
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True);"
            " time.sleep(60)",
            str(db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        client = make_client(db)
        t0 = time.monotonic()
        r = client.get("/api/states")
        assert r.status_code == 503
        assert "busy" in error_of(r)
        assert time.monotonic() - t0 < 10
        page = client.get("/")
        assert page.status_code == 503 and "busy" in page.text
    finally:
        writer.kill()
        writer.wait(timeout=10)
    assert make_client(db).get("/api/states").status_code == 200
