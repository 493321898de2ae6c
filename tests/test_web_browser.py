"""The pages in a real headless Chromium (Debian's, driven by Playwright): right-to-left Arabic, charts drawn,
links followed from the home page to a story, an entity and an article, an Arabic search with a spelling
variant, hostile text shown as text, a phone's width, and no request leaving the machine.

scripts/test.sh installs Debian's chromium when it is missing and requires these tests; elsewhere they are
skipped when no Chromium is found. Screenshots go to $MARSAD_SCREENSHOTS when set (scripts/screenshots.py).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .web_store import HOSTILE, build, serving

CHROMIUM = os.environ.get("MARSAD_CHROMIUM", "/usr/bin/chromium")
REQUIRE = os.environ.get("MARSAD_REQUIRE_BROWSER") == "1"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def server(tmp_path_factory, cli):
    folder = tmp_path_factory.mktemp("browser")
    with serving(build(cli, str(folder / "web.db"), folder)) as (base, _):
        yield base


@pytest.fixture(scope="module")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        if REQUIRE:
            pytest.fail(f"no Chromium at {CHROMIUM}; scripts/test.sh installs Debian's chromium")
        pytest.skip(f"no Chromium at {CHROMIUM}: run the suite with scripts/test.sh")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Visit:
    """One browser tab that records page errors, console errors and every request that is not to the server."""

    def __init__(self, browser, base: str, width: int = 1280, height: int = 900):
        self.base = base
        self.ctx = browser.new_context(viewport={"width": width, "height": height}, locale="ar")
        self.page = self.ctx.new_page()
        self.errors: list[str] = []
        self.outside: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.ctx.route("**/*", self._route)

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            return route.continue_()
        self.outside.append(route.request.url)
        return route.abort()

    def go(self, path: str):
        response = self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")
        return response

    def shot(self, name: str) -> None:
        folder = os.environ.get("MARSAD_SCREENSHOTS")
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=False)

    def close(self) -> None:
        self.ctx.close()
        assert not self.outside, f"requests left the machine: {self.outside}"


@pytest.fixture
def visit(browser, server):
    tabs: list[Visit] = []

    def open_tab(**size) -> Visit:
        tabs.append(Visit(browser, server, **size))
        return tabs[-1]

    yield open_tab
    for tab in tabs:
        tab.close()


def _chart_drawn(page) -> bool:
    return page.evaluate("() => [...document.querySelectorAll('canvas.chart')].length > 0 && "
                         "[...document.querySelectorAll('canvas.chart')].every(c => !!Chart.getChart(c))")


def test_home_is_right_to_left_arabic_with_fonts_and_a_chart(visit):
    v = visit()
    assert v.go("/").status == 200
    page = v.page
    assert page.get_attribute("html", "lang") == "ar" and page.get_attribute("html", "dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    page.evaluate("document.fonts.ready")
    assert page.evaluate("document.fonts.check('16px \"IBM Plex Sans Arabic\"', 'مرصد')")
    assert page.evaluate("[...document.fonts].some(f => f.status === 'loaded' && f.family.includes('Arabic'))")
    assert _chart_drawn(page)
    assert page.locator(".cards .card").count() >= 3
    assert page.locator(".ranked li").count() >= 10
    v.shot("home")
    assert not v.errors, v.errors


def test_links_from_home_to_story_entity_and_article(visit):
    v = visit()
    v.go("/")
    page = v.page
    first = page.locator(".cards .card a.title").first
    title = first.inner_text()
    first.click()
    page.wait_for_load_state("networkidle")
    assert "/stories/" in page.url and page.locator("h1").inner_text() == title
    assert page.locator("ol.timeline li").count() >= 2
    assert page.locator("table.framing tbody tr").count() >= 1
    assert page.locator("ol.summary cite a").count() >= 1
    assert _chart_drawn(page)
    v.shot("story")

    actor = page.locator("table.framing tbody th a").first
    name = actor.inner_text()
    actor.click()
    page.wait_for_load_state("networkidle")
    assert "/entities/" in page.url and name in page.locator("h1").inner_text()
    assert _chart_drawn(page) and page.locator(".ranked li a").count() >= 3
    v.shot("entity")

    page.locator(".quotes cite a, .list a[href^='/stories/']").first.click()
    page.wait_for_load_state("networkidle")
    if "/stories/" in page.url:
        page.locator("ol.summary cite a").first.click()
        page.wait_for_load_state("networkidle")
    assert "/articles/" in page.url
    assert page.locator(".doc .body .m-ent").count() >= 3
    side = page.locator(".side li[id^='e']").first
    side.hover()
    ref = side.get_attribute("id")
    assert page.locator(f".doc [data-ref='{ref}'].lit").count() >= 1
    assert page.locator("a[href$='/raw']").count() == 1
    v.shot("article")
    assert not v.errors, v.errors


def test_arabic_search_finds_a_spelling_variant_and_marks_it(visit):
    v = visit()
    v.go("/")
    page = v.page
    page.fill("header input[name=q]", "الهونى")          # alif maqsura; the articles mostly write الهوني
    page.press("header input[name=q]", "Enter")
    page.wait_for_load_state("networkidle")
    assert "/search" in page.url
    marks = page.locator(".hits mark").all_inner_texts()
    assert marks and any(m.endswith("الهوني") for m in marks), marks
    v.shot("search")
    page.locator(".hits a.title").first.click()
    page.wait_for_load_state("networkidle")
    assert "/articles/" in page.url
    assert not v.errors, v.errors


def test_a_malformed_search_says_why(visit):
    v = visit()
    response = v.go("/search?q=%22%D9%88%D9%82%D9%81")
    assert response.status == 400
    assert "quotation" in v.page.locator(".error-box").inner_text()


def test_hostile_text_is_shown_as_text(visit):
    v = visit()
    v.go("/search?q=" + "الاتفاق قريب طرابلس")
    page = v.page
    page.locator(".hits a.title", has_text="الرئيس يزور").first.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("h1").inner_text() == HOSTILE["title"]
    assert page.locator("h1 b, .body script, .body a[href^='javascript'], a[href^='javascript']").count() == 0
    assert "<script>window.__pwned=3</script>" in page.locator(".doc .body").inner_text()
    assert HOSTILE["url"] in page.locator(".pubmeta").inner_text()
    v.go("/outlets")
    assert page.evaluate("window.__pwned") is None and page.locator("table img").count() == 0


def test_pages_fit_a_phone(visit):
    v = visit(width=390, height=844)
    for path in ("/", "/stories", "/entities?type=PER", "/outlets", "/search?q=ليبيا"):
        v.go(path)
        assert v.page.evaluate("document.documentElement.scrollWidth") <= 392, path
    v.go("/")
    v.page.locator(".cards .card a.title").first.click()
    v.page.wait_for_load_state("networkidle")
    assert v.page.evaluate("document.documentElement.scrollWidth") <= 392
    v.shot("story-phone")


def test_the_api_documentation_works_offline(visit):
    v = visit()
    v.go("/docs")
    v.page.wait_for_selector(".opblock", timeout=20_000)
    assert v.page.locator(".opblock").count() >= 15
    assert not v.errors, v.errors
