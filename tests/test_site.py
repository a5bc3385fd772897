"""The rendered site: Jupyter Book builds it strictly and offline, and no page loads anything remote."""

from __future__ import annotations

import re
import pytest

from iranrussia.core import ROOT

REMOTE = [
    re.compile(r"<script[^>]+src=[\"']?(https?:)?//", re.I),
    re.compile(r"<link[^>]+href=[\"']?(https?:)?//[^>]*>", re.I),
    re.compile(r"<(img|iframe|source|video|audio|embed)[^>]+src=[\"']?(https?:)?//", re.I),
    re.compile(r"url\(\s*[\"']?(https?:)?//", re.I),
    re.compile(r"@import\s+[\"']?(url\()?\s*[\"']?(https?:)?//", re.I),
]


def test_every_page_is_built(site):
    for nb in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        assert (site / "notebooks" / f"{nb.stem}.html").exists()
    assert (site / "data" / "README.html").exists()


def test_no_page_loads_anything_from_the_network(site):
    offenders = []
    for path in list(site.rglob("*.html")) + list(site.rglob("*.css")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for pattern in REMOTE:
            m = pattern.search(text)
            if m:
                offenders.append(f"{path.relative_to(site)}: {text[m.start():m.start() + 120]}")
    assert not offenders, "\n".join(offenders[:10])


def test_pages_show_the_tested_outputs(site):
    page = (site / "notebooks" / "00_introduction.html").read_text(encoding="utf-8")
    assert "claims of the source article" in page.lower() or "claims ledger" in page.lower()
    assert "<img" in page, "figures from the executed notebook are shown"
