"""The dashboard in headless Chromium: overview, dyad explorer click-through, bloc map."""

from __future__ import annotations

from pathlib import Path

import pytest
from web_support import BROWSER_ARGS, CHROMIUM, live_server, playwright_or_skip

from allegiance.web import create_app

ARTIFACTS = Path("test-artifacts")
pytestmark = pytest.mark.browser


def test_dashboard_in_chromium(web_db: Path) -> None:
    sync_playwright = playwright_or_skip()
    ARTIFACTS.mkdir(exist_ok=True)
    with live_server(create_app(web_db)) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=BROWSER_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            outside: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: errors.append(f"dialog: {d.message}"))
            page.on("request", lambda r: None if r.url.startswith(base) else outside.append(r.url))

            # Overview: counts, then the shifts computed in the background.
            page.goto(base + "/")
            assert page.locator(".stat .num").first.inner_text() == "32"
            page.wait_for_selector("ul.shifts li", timeout=90_000)
            assert "–" in page.locator("ul.shifts .headline").first.inner_text()
            page.screenshot(path=str(ARTIFACTS / "web-overview.png"), full_page=True)

            # Dyad explorer: a timeline for RUS-PAK; clicking a point shows its evidence.
            page.goto(base + "/dyad?a=RUS&b=PAK")
            page.wait_for_selector("#dyad-plot[data-ready='1']", timeout=60_000)
            assert page.locator("#dyad-plot .main-svg").count() > 0
            points = page.locator("#dyad-plot .scatterlayer .point")
            assert points.count() > 10
            points.nth(points.count() - 1).click(force=True)
            page.wait_for_selector("#evidence-list li .quote")
            quotes = " ".join(page.locator("#evidence-list .quote").all_inner_texts())
            assert "Russia" in quotes and "Pakistan" in quotes
            page.screenshot(path=str(ARTIFACTS / "web-dyad.png"), full_page=True)

            # The evidence links to the document view with the span highlighted.
            page.locator("#evidence-list a.doclink").first.click()
            page.wait_for_selector("mark")
            assert "/documents/" in page.url
            page.screenshot(path=str(ARTIFACTS / "web-document.png"), full_page=True)

            # Bloc map.
            page.goto(base + "/blocs?period=1960-1975")
            page.wait_for_selector("#blocs-plot[data-ready='1']", timeout=60_000)
            assert page.locator("#blocs-list .bloc").count() >= 2
            page.screenshot(path=str(ARTIFACTS / "web-blocs.png"), full_page=True)

            # Narrow screens: no horizontal scrolling of the page.
            page.set_viewport_size({"width": 420, "height": 900})
            page.goto(base + "/events")
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1

            assert errors == []
            assert outside == []
        finally:
            browser.close()
