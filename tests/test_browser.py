"""The site as readers see it: every page opened in a real browser (headless Chromium, driven by Playwright).

For each page: no request leaves the site's own files, no console error, every image loaded, every internal
link resolves (to a page that exists and, for #anchors, an element with that id), and at 1024x768, a projector's
size, the page needs no horizontal scrolling. Screenshots go to _build/screenshots/. With CI=true the test must
run; elsewhere it is skipped when Debian's chromium is not installed.
"""

from __future__ import annotations

import functools
import json
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

import pytest

from iranrussia.core import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SHOTS = ROOT / "_build" / "screenshots"

if CHROMIUM is None:
    if os.environ.get("CI") == "true":
        raise RuntimeError("CI=true but no chromium: install Debian's package with `apt-get install chromium`")
    pytest.skip("the browser test needs Chromium: install Debian's package with `apt-get install chromium`",
                allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def served(site):
    """The built site served on a loopback port for the duration of the module."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", site
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep the test output clean
        pass


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith(("_static/", "_sources/")))


@pytest.fixture(scope="module")
def report(served):
    base, site = served
    SHOTS.mkdir(parents=True, exist_ok=True)
    results = {"pages": 0, "blocked": [], "console": [], "images": 0, "broken_images": [], "links": 0,
               "broken_links": [], "too_wide": [], "solutions": 0, "solutions_open": [], "solutions_stuck": []}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(viewport={"width": 1024, "height": 768})

        def guard(route):
            if route.request.url.startswith(base) or route.request.url.startswith(("data:", "blob:")):
                route.continue_()
            else:
                results["blocked"].append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and results["console"].append(f"{page.url}: {m.text}"))
        page.on("pageerror", lambda e: results["console"].append(f"{page.url}: {e}"))
        for rel in _pages(site):
            page.goto(base + rel, wait_until="load")
            page.wait_for_load_state("networkidle")
            if page.url != base + rel:  # a redirect page (the old front page): followed, not counted twice
                results.setdefault("redirects", []).append(rel)
                continue
            results["pages"] += 1
            sizes = page.eval_on_selector_all("img", "els => els.map(e => [e.getAttribute('src'), e.naturalWidth])")
            results["images"] += len(sizes)
            results["broken_images"] += [f"{rel}: {src}" for src, width in sizes if not width]
            hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
            for href in hrefs:
                target = urljoin(base + rel, href)
                if not target.startswith(base) or href.startswith(("mailto:", "javascript:")):
                    continue
                results["links"] += 1
                url = urlparse(target)
                path = site / unquote(url.path[len(urlparse(base).path):])
                if path.is_dir():
                    path = path / "index.html"
                if not path.exists():
                    results["broken_links"].append(f"{rel}: {href}")
                elif url.fragment and path.suffix == ".html" and \
                        f'id="{unquote(url.fragment)}"' not in path.read_text(encoding="utf-8", errors="replace"):
                    results["broken_links"].append(f"{rel}: {href} (no such anchor)")
            width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
            if width[0] > width[1]:
                results["too_wide"].append(f"{rel}: {width[0]} px > {width[1]} px")
            page.screenshot(path=str(SHOTS / (rel.replace("/", "_").removesuffix(".html") + ".png")))
            # folded solutions: nothing of a solution (its code, its output, its answer) shows before its toggle
            solutions = page.locator("div.solution")
            results["solutions"] += solutions.count()
            for k in range(solutions.count()):
                body = solutions.nth(k).locator("section, .cell_output, .cell_input")
                if any(body.nth(m).is_visible() for m in range(body.count())):
                    results["solutions_open"].append(f"{rel}: solution {k + 1}")
            if solutions.count():  # and the toggle opens one, output included
                first = solutions.nth(0)
                first.locator("p.admonition-title").first.click()  # where a reader clicks: on the title
                page.wait_for_timeout(300)
                if not first.locator("section").first.is_visible():
                    results["solutions_stuck"].append(rel)
                first.screenshot(path=str(SHOTS / (rel.replace("/", "_").removesuffix(".html") + "_solution.png")))
        browser.close()
    summary = {k: (len(v) if isinstance(v, list) else v) for k, v in results.items()}
    (SHOTS / "report.json").write_text(json.dumps(summary, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return results


def test_every_page_opens(report):
    assert report["pages"] >= 8


def test_no_request_leaves_the_site(report):
    assert not report["blocked"], report["blocked"][:10]


def test_no_console_error(report):
    assert not report["console"], report["console"][:10]


def test_every_image_loads(report):
    assert report["images"] > 0 and not report["broken_images"], report["broken_images"][:10]


def test_every_internal_link_resolves(report):
    assert report["links"] > 0 and not report["broken_links"], report["broken_links"][:10]


def test_solutions_are_folded_output_included_until_opened(report):
    assert report["solutions"] >= 20, report["solutions"]
    assert not report["solutions_open"], report["solutions_open"][:10]
    assert not report["solutions_stuck"], report["solutions_stuck"]


def test_pages_need_no_horizontal_scrolling_at_1024_px(report):
    assert not report["too_wide"], report["too_wide"]
