"""Dashboard security: injection through data, SQL injection, traversal, tokens, sizes, load.

The database is built with hostile article text, titles, URLs and actor names; every page and
the HTML report must show them escaped.  Query parameters get SQL injection payloads; no
answer may be a 500 or leak the canary document.  A bounded load test runs on loopback only.
"""

from __future__ import annotations

import json
import statistics
import threading
import time
from pathlib import Path

import httpx
import pytest
from web_support import TOKEN, live_server, make_client

from allegiance.model import Document
from allegiance.pipeline.imports import import_file
from allegiance.store import Store

XSS = [
    "<script>alert('x1')</script>",
    "<img src=x onerror=alert('x2')>",
    "\"><svg onload=alert('x3')>",
    "</script><script>alert('x4')</script>",
    "'-alert('x5')-'",
]
CANARY = "CANARY-SECRET-7f3a"
SQLI = [
    "' OR '1'='1",
    "'; DROP TABLE events; --",
    "1 UNION SELECT text FROM documents --",
    "RUS' --",
    '" OR 1=1 --',
    "%' OR doc_id LIKE '%",
    "1; SELECT 1",
    "../../etc/passwd",
    "\x00",
    "ü" * 50,
    "06) OR (1=1",
    "2016-01-01' OR '1'='1",
]


@pytest.fixture(scope="module")
def evil_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("evil")
    db = tmp / "evil.duckdb"
    with Store(db) as store:
        run = store.begin_run("ingest")
        docs = [
            Document(
                doc_id=f"x{i}",
                text=f"Russia met Pakistan. {payload} India objected.",
                date=None,
                title=f"Title {payload}",
                url="javascript:alert('u')",
                source=payload,
            )
            for i, payload in enumerate(XSS)
        ]
        docs.append(Document(doc_id="canary", text=f"{CANARY} is never to leak.", title="c"))
        with store.transaction():
            store.add_documents(docs, run)
        store.finish_run(run)
    events = tmp / "ev.jsonl"
    with events.open("w", encoding="utf-8") as fh:
        for i, payload in enumerate(XSS):
            fh.write(
                json.dumps(
                    {
                        "type": "event",
                        "doc_id": f"x{i}",
                        "sentence": 0,
                        "span": [0, 19],
                        "sentence_text": f"Russia met Pakistan. {payload}",
                        "trigger": payload,
                        "source": {
                            "code": "RUS",
                            "country": "RUS",
                            "sector": None,
                            "name": payload,
                            "text": payload,
                        },
                        "target": {
                            "code": "PAK",
                            "country": "PAK",
                            "sector": None,
                            "name": "Pakistan",
                            "text": "Pakistan",
                        },
                        "cameo": "036",
                        "cameo_root": "03",
                        "goldstein": 4.0,
                        "quad_class": 1,
                        "modality": "asserted",
                        "confidence": 0.9,
                        "date": {
                            "start": f"201{i}-09-26",
                            "end": f"201{i}-09-26",
                            "precision": "day",
                            "basis": "document",
                        },
                    }
                )
                + "\n"
            )
    with Store(db) as store:
        assert import_file(store, "jsonl", events).stored == len(XSS)
    return db


@pytest.fixture(scope="module")
def evil(evil_db: Path):  # noqa: ANN201
    return make_client(evil_db)


def _no_raw_payload(body: str, where: str) -> None:
    for payload in XSS:
        assert payload not in body, f"{where}: unescaped {payload!r}"
    for bad in ("<script>alert", "<img src=x", "<svg onload", 'href="javascript:'):
        assert bad not in body, f"{where}: {bad!r}"


PAGES = [
    "/",
    "/dyad?a=RUS&b=PAK",
    "/blocs",
    "/events",
    "/events?country=RUS",
    "/docs",
    *[f"/documents/x{i}" for i in range(len(XSS))],
]


@pytest.mark.parametrize("path", PAGES)
def test_pages_escape_hostile_text(evil, path: str) -> None:  # noqa: ANN001
    r = evil.get(path)
    assert r.status_code == 200, (path, r.status_code)
    _no_raw_payload(r.text, path)
    assert "Content-Security-Policy" in r.headers


def test_document_page_shows_text_escaped(evil) -> None:  # noqa: ANN001
    body = evil.get("/documents/x0").text
    assert "&lt;script&gt;alert(" in body or "&lt;script&gt;alert(&#39;" in body


@pytest.mark.parametrize("payload", XSS)
def test_reflected_parameters_are_escaped(evil, payload: str) -> None:  # noqa: ANN001
    for path, params in (
        ("/events", {"country": payload}),
        ("/events", {"code": payload}),
        ("/dyad", {"a": payload, "b": payload}),
        ("/blocs", {"period": payload}),
        (f"/documents/{payload}", {}),
        (f"/nope/{payload}", {}),
    ):
        r = evil.get(path, params=params)
        assert r.status_code < 500, (path, r.status_code)
        _no_raw_payload(r.text, f"{path} {params}")


def test_report_escapes_hostile_text(evil_db: Path, tmp_path: Path) -> None:
    from allegiance.report import write_report

    with Store(evil_db, read_only=True) as store:
        out = write_report(store, tmp_path / "r.html")
    _no_raw_payload(Path(out).read_text(encoding="utf-8"), "report")


ENDPOINT_PARAMS = {
    "/api/events": ["start", "end", "country", "code", "modality", "layer", "page", "size"],
    "/api/dyad": ["a", "b", "by", "layers", "evidence"],
    "/api/blocs": ["period", "k", "layers"],
    "/api/shifts": ["by", "top", "layers"],
    "/api/axis": ["a", "b", "by", "layers"],
    "/api/network": ["period", "layers"],
    "/api/periods": ["parts"],
    "/api/figures/dyad": ["a", "b", "by", "layers"],
    "/api/figures/network": ["period", "layers", "k"],
    "/api/states": [],
    "/events": ["start", "end", "country", "code", "modality", "layer", "page", "size"],
    "/dyad": ["a", "b", "by"],
    "/blocs": ["period"],
}
BASE = {"a": "RUS", "b": "PAK"}


def test_sql_injection_every_parameter(evil, evil_db: Path) -> None:  # noqa: ANN001
    tried = 0
    for path, names in ENDPOINT_PARAMS.items():
        for name in names:
            # every payload on the search endpoints; a sample on the (slower) analyses
            for payload in SQLI if "events" in path else SQLI[:5]:
                params = {**(BASE if "a" in names else {}), name: payload}
                r = evil.get(path, params=params)
                tried += 1
                assert r.status_code < 500, (path, name, payload, r.status_code, r.text[:300])
                assert CANARY not in r.text, (path, name, payload)
    from urllib.parse import quote

    for payload in SQLI:
        r = evil.get(f"/api/documents/{quote(payload, safe='')}")
        tried += 1
        assert r.status_code in (404, 400, 422) and CANARY not in r.text, (payload, r.text)
    with Store(evil_db, read_only=True) as store:  # nothing dropped
        assert store.count("events") == len(XSS) and store.count("documents") == len(XSS) + 1
    assert tried > 250


TRAVERSAL = [
    "/static/..%2f..%2fpyproject.toml",
    "/static/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/static/../../../etc/passwd",
    "/static/..\\..\\etc\\passwd",
    "/static/%00",
    "/static//etc/passwd",
    "/static/app.css%00.js",
    "/documents/..%2f..%2fetc%2fpasswd",
    "/api/documents/..%2f..%2fetc%2fpasswd",
    "/../../etc/passwd",
    "/static/%252e%252e%252fetc%252fpasswd",
]


@pytest.mark.parametrize("path", TRAVERSAL)
def test_path_traversal(evil, path: str) -> None:  # noqa: ANN001
    r = evil.get(path)
    assert r.status_code in (400, 404, 405, 422), (path, r.status_code)
    assert "root:" not in r.text and "[project]" not in r.text


def test_static_files_are_a_fixed_list(evil) -> None:  # noqa: ANN001
    r = evil.get("/static/plotly.min.js")
    assert r.status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/events",
        "/api/states",
        "/api/events",
        "/docs",
        "/static/plotly.min.js",
        "/documents/x0",
        "/openapi.json",
    ],
)
def test_token_required_everywhere(evil_db: Path, path: str) -> None:
    client = make_client(evil_db, TOKEN)
    assert client.get(path).status_code == 401
    assert client.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert client.get(path, params={"token": TOKEN[:-1]}).status_code == 401
    assert client.get(path, params={"token": ""}).status_code == 401
    assert client.get(path, headers={"Authorization": f"Basic {TOKEN}"}).status_code == 401
    ok = client.get(path, headers={"Authorization": f"Bearer {TOKEN}"})
    assert ok.status_code == 200, (path, ok.status_code)
    assert client.get(path, params={"token": TOKEN}).status_code == 200
    assert CANARY not in client.get("/api/documents/canary").text


def test_oversized_requests_get_4xx(evil, evil_db: Path) -> None:  # noqa: ANN001
    r = evil.get("/api/events", params={"country": "A" * 60_000})
    assert 400 <= r.status_code < 500
    r = evil.get("/api/documents/" + "x" * 10_000)
    assert 400 <= r.status_code < 500
    r = evil.post("/api/events", content=b"x" * 5_000_000)
    assert 400 <= r.status_code < 500
    r = evil.get("/api/axis", params={"a": ",".join(["RUS"] * 5000), "b": "PAK"})
    assert 400 <= r.status_code < 500
    with live_server(make_client(evil_db).app) as base, httpx.Client(timeout=20) as c:
        import socket

        port = int(base.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
            sock.sendall(
                f"GET /api/events?country={'A' * 200_000} HTTP/1.1\r\n"
                "Host: 127.0.0.1\r\n\r\n".encode()
            )
            head = sock.recv(64)  # a 4xx, or the connection closed (b""): never a 2xx/5xx
            assert head == b"" or head.startswith(b"HTTP/1.1 4"), head
        big_header = {"X-Big": "y" * 100_000}
        try:
            r = c.get(f"{base}/api/states", headers=big_header)
            assert r.status_code < 500
        except httpx.RemoteProtocolError:
            pass
        assert c.get(f"{base}/api/states").status_code == 200  # and it still serves


def test_bounded_load_on_loopback(evil_db: Path) -> None:
    """500 requests from 8 concurrent clients; zero errors; latency percentiles reported."""
    total, clients = 500, 8
    paths = [
        "/api/states",
        "/api/events?size=20",
        "/api/dyad?a=RUS&b=PAK",
        "/",
        "/events?country=RUS",
        "/documents/x1",
        "/api/blocs",
    ]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def worker(base: str) -> None:
        with httpx.Client(base_url=base, timeout=30) as c:
            while True:
                with lock:
                    i = next(counter, None)
                if i is None:
                    return
                t0 = time.perf_counter()
                r = c.get(paths[i % len(paths)])
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    if r.status_code != 200:
                        errors.append(f"{paths[i % len(paths)]}: {r.status_code}")

    from allegiance.web import create_app

    with live_server(create_app(evil_db)) as base:
        assert base.startswith("http://127.0.0.1:")
        threads = [threading.Thread(target=worker, args=(base,)) for _ in range(clients)]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=300)
        wall = time.perf_counter() - t0
    assert len(latencies) == total and not errors, errors[:5]
    q = statistics.quantiles(latencies, n=100)
    p50, p95, p99 = q[49] * 1000, q[94] * 1000, q[98] * 1000
    print(
        f"\nload: {total} requests, {clients} clients, {wall:.1f}s, "
        f"{total / wall:.0f} req/s, p50 {p50:.0f} ms, p95 {p95:.0f} ms, p99 {p99:.0f} ms"
    )
