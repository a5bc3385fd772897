"""Four fixes to what the book's pages do in a reader's browser, each at the point Sphinx makes the page.

1. Drop sphinx-thebe's scripts from every page: live code cells are off in this book (``launch_buttons.thebe``).

Jupyter Book 1 always loads the sphinx-thebe extension, and it adds its inline configuration script twice to
each page, so every page raised "Identifier 'THEBE_JS_URL' has already been declared" in the browser console,
and the configuration names a script on a CDN that an offline page must not need. With thebe off, none of
these scripts does anything: this extension removes them at the point Sphinx writes each page.

2. Give the theme a colour mode. Jupyter Book 1 sets no ``default_mode`` for the PyData theme, so a reader's
first visit (nothing in the browser's storage yet) logged "Got invalid theme mode" as a console error. The
theme's own setting ``default_mode`` (read from ``html_context``) is set to "auto", following the reader's
system setting, unless the book's configuration sets it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path


def _is_thebe(script) -> bool:
    name = str(script)
    body = script.attributes.get("body", "") if hasattr(script, "attributes") else ""
    return "thebe" in name.lower() or "THEBE_JS_URL" in body


def _drop(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe(s)]


def _default_mode(app, config) -> None:
    context = dict(config.html_context or {})
    context.setdefault("default_mode", "auto")
    config.html_context = context


_TITLE = re.compile(r"Exercise \((\d+\.\d+): ([^<]*?)\)")


def _exercise_titles(app, pagename, templatename, context, doctree) -> None:
    """4. Number the exercises as the notebooks do. Each exercise carries its notebook's number in its title
    (``:nonumber:`` keeps sphinx-exercise's book-wide counter, which would not match "Exercise 3.1" in the text,
    out of it); sphinx-exercise then prints "Exercise (3.1: title)", which this rewrites to "Exercise 3.1: title",
    in the exercise and in its solution's title."""
    if "body" in context:
        context["body"] = _TITLE.sub(r"Exercise \1: \2", context["body"])


def _student_copies(app, exception) -> None:
    """3. Publish the student copies: each notebook page links ``../student/NN_slug.ipynb``, the same relative
    path as in the repository, so the site carries the generated copies beside its pages."""
    if exception is not None or app.builder.format != "html":
        return
    source = Path(app.srcdir) / "student"
    if source.is_dir():
        target = Path(app.outdir) / "student"
        target.mkdir(parents=True, exist_ok=True)
        for notebook in sorted(source.glob("*.ipynb")):
            shutil.copyfile(notebook, target / notebook.name)


def setup(app):
    app.connect("build-finished", _student_copies)
    app.connect("config-inited", _default_mode)
    app.connect("html-page-context", _drop, priority=900)
    app.connect("html-page-context", _exercise_titles)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
