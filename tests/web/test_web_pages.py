"""The HTML pages: they render, escape article text, keep assets local and explain errors."""

from __future__ import annotations

import re

from allegiance.report._sample import PLANTED

ESCAPED = "&lt;script&gt;alert("


def no_external_assets(html: str) -> None:
    assert not re.search(r"<(script|img)[^>]+src=[\"']?(https?:)?//", html, re.I)
    assert not re.search(r"<link[^>]+href=[\"']?(https?:)?//", html, re.I)


def test_pages_render_with_local_assets_and_csp(client) -> None:  # noqa: ANN001
    for path in (
        "/",
        "/dyad",
        "/dyad?a=USA&b=IND&by=quarter",
        "/blocs",
        "/blocs?period=1970",
        "/events",
        "/documents/doc00",
        "/docs",
    ):
        r = client.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        assert "script-src 'self'" in r.headers["content-security-policy"]
        no_external_assets(r.text)
    assert "/static/plotly.min.js" in client.get("/dyad").text
    js = client.get("/static/plotly.min.js")
    assert js.status_code == 200 and "plotly.js" in js.text[:2000]
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/missing.js").status_code == 404


def test_document_view_escapes_planted_script(client) -> None:  # noqa: ANN001
    r = client.get("/documents/doc15")
    assert r.status_code == 200
    assert PLANTED not in r.text
    assert r.text.count(ESCAPED) >= 3  # title, heading, highlighted sentence
    assert '<mark class="q1"' in r.text  # the coded span is highlighted
    assert 'id="span-' in r.text
    assert 'href="https://news.example.org/doc15"' in r.text


def test_events_page_escapes_and_reports_bad_filters(client) -> None:  # noqa: ANN001
    r = client.get("/events", params={"country": "IND", "size": 100})
    assert r.status_code == 200
    assert PLANTED not in r.text and ESCAPED in r.text
    bad = client.get("/events", params={"start": "2020-01-01", "end": "2000-01-01"})
    assert bad.status_code == 400 and "after end" in bad.text
    unknown = client.get("/events", params={"country": "XXX"})
    assert unknown.status_code == 400 and "unknown country code" in unknown.text
    huge = client.get("/events", params={"size": 10**6})
    assert huge.status_code == 422 and "size" in huge.text


def test_page_errors_are_html(client) -> None:  # noqa: ANN001
    r = client.get("/documents/none-such")
    assert r.status_code == 404 and "none-such" in r.text and "<!DOCTYPE html>" in r.text
    r = client.get("/blocs", params={"period": "<script>"})
    assert r.status_code == 400 and "<script>" not in r.text and "&lt;script&gt;" in r.text
