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


def test_the_front_page_is_a_page_with_the_answer(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert 'http-equiv="refresh"' not in page, "index.html is a redirect, not a front page"
    assert "The short answer" in page and "notebooks/00_introduction.html" in page


def test_the_front_page_links_the_verdict(site):
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "notebooks/06_verdict.html" in page


def test_exercises_are_numbered_as_the_notebooks_number_them(site):
    for path in sorted((site / "notebooks").glob("*.html")):
        page = path.read_text(encoding="utf-8")
        number = int(path.stem[:2])
        assert "Exercise (" not in page, f"{path.name}: an exercise title left in sphinx-exercise's raw form"
        titles = re.findall(r'class="admonition-title">Exercise (\d+)\.(\d+):', page)
        assert len(titles) >= 3 and all(int(n) == number for n, _ in titles), (path.name, titles)


def test_each_notebook_page_links_its_student_copy_and_the_site_carries_it(site):
    for path in sorted((site / "notebooks").glob("*.html")):
        assert f'href="../student/{path.stem}.ipynb"' in path.read_text(encoding="utf-8"), path.name
        assert (site / "student" / f"{path.stem}.ipynb").is_file(), f"student/{path.stem}.ipynb not published"


def _repository_url() -> str:
    text = (ROOT / "_config.yml").read_text(encoding="utf-8")
    match = re.search(r"^repository:\s*\n\s+url:\s*\"?([^\"\n]*)\"?", text, re.M)
    assert match, "_config.yml has no repository.url"
    return match.group(1).strip()


def test_binder_badge_and_citation_follow_the_one_repository_address():
    url = _repository_url()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    citation = (ROOT / "CITATION.cff").read_text(encoding="utf-8")
    badges = re.findall(r"mybinder\.org/v2/gh/([^/\s)]+/[^/\s)]+)/", readme)
    code = re.findall(r"^repository-code:\s*\"?([^\"\n]+)", citation, re.M)
    if not url:
        assert not badges and not code, "no public address is set: the badge and repository-code must wait for it"
    else:
        slug = url.removeprefix("https://github.com/").strip("/")
        assert badges == [slug] and code == [url]
