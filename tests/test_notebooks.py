"""Notebook hygiene: what a clean, restart-and-run-all notebook looks like."""

from __future__ import annotations

import json
import re

import pytest

from iranrussia.core import NOTEBOOKS, ROOT

PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))
LOCAL = re.compile(r"((?<![\w.-])(/root/|/work/|/home/|/Users/|/tmp/)|[A-Z]:\\\\)")  # not a path inside a URL


def _nb(path):
    return json.loads(path.read_text(encoding="utf-8"))


def test_no_stray_notebooks():
    for path in ROOT.rglob("*.ipynb"):
        if any(part in {".venv", "_build", ".ipynb_checkpoints"} for part in path.parts):
            continue
        if path.parent == ROOT / "student":  # generated student copies (tests/test_student.py)
            continue
        assert path.parent == NOTEBOOKS, f"notebook outside notebooks/: {path.relative_to(ROOT)}"
        assert re.fullmatch(r"\d\d_[a-z0-9_]+\.ipynb", path.name), f"stray notebook name: {path.name}"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_one_title_first(path):
    cells = _nb(path)["cells"]
    first = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown" and first.startswith("# ")
    h1 = [c for c in cells if c["cell_type"] == "markdown"
          for line in "".join(c["source"]).splitlines() if line.startswith("# ")]
    assert len(h1) == 1, "exactly one '# ' title"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_execution_counts_run_in_order(path):
    counts = [c["execution_count"] for c in _nb(path)["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1)), "restart the kernel and run all"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_no_errors_no_local_paths_no_semicolons(path):
    for i, cell in enumerate(_nb(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        assert not "".join(cell["source"]).rstrip().endswith(";"), f"cell {i} ends with ';'"
        for out in cell.get("outputs", []):
            assert out["output_type"] != "error", f"cell {i} has an error output"
            assert not (out["output_type"] == "stream" and out["name"] == "stderr"), f"cell {i} writes to stderr"
            assert not LOCAL.search(json.dumps(out)), f"cell {i} output shows a local path"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_kernelspec_and_structure(path):
    nb = _nb(path)
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    for heading in ("**Learning objectives", "## Exercises", "## Summary", "## Discussion questions",
                    "## References"):
        assert heading in text, f"missing section {heading!r}"
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert "setup()" in "".join(code[0]["source"]), "the first code cell calls setup()"
    assert sum("setup()" in "".join(c["source"]) for c in code) == 1
    for i, c in enumerate(code):
        lines = [l for l in "".join(c["source"]).splitlines() if l.strip()]
        assert len(lines) <= 15, f"code cell {i} has {len(lines)} lines; move logic into the helper"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_every_saved_figure_exists_and_is_captioned(path):
    nb = _nb(path)
    cells = nb["cells"]
    for i, cell in enumerate(cells):
        for name in re.findall(r'save_figure\(\w+, "([^"]+)"\)', "".join(cell["source"])):
            assert name.startswith(path.stem), f"figure {name} should start with {path.stem}"
            for ext in ("svg", "png"):
                assert (ROOT / "figures" / f"{name}.{ext}").exists(), f"figures/{name}.{ext} missing"
            caption = "".join(cells[i + 1]["source"]) if i + 1 < len(cells) else ""
            assert cells[i + 1]["cell_type"] == "markdown" and "Source" in caption, \
                f"figure {name} needs a caption with its source right after it"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_exercises_are_sphinx_exercise_directives_with_folded_gated_solutions(path):
    """One way to write an exercise: an ``{exercise}`` with a label, then a ``solution-start`` / ``solution-end``
    gate (``:class: dropdown``) whose cells are all tagged ``solution`` and whose last cell is the prose answer."""
    cells = _nb(path)["cells"]
    text = lambda c: "".join(c["source"])  # noqa: E731
    tags = lambda c: c.get("metadata", {}).get("tags", [])  # noqa: E731
    found, kinds = [], set()
    for i, cell in enumerate(cells):
        body = text(cell)
        assert "**Exercise" not in body and "hide-input" not in tags(cell), f"cell {i}: an exercise in the old form"
        if cell["cell_type"] != "markdown" or not body.startswith(":::{exercise}"):
            continue
        label = re.search(r"^:label: (ex-\d\d-\d+)$", body, re.M)
        assert label and label.group(1).startswith(f"ex-{path.stem[:2]}-"), f"cell {i}: exercise needs :label: ex-NN-M"
        assert "exercise" in tags(cell), f"cell {i}: tag the exercise cell 'exercise'"
        kind = re.search(r"^\((recompute|trace|recode|read a figure),", body, re.M)
        assert kind, f"cell {i}: say the exercise's kind first, e.g. '(recompute, pairs, about 10 minutes)'"
        kinds.add(kind.group(1))
        start = cells[i + 1]
        assert text(start).startswith(f":::{{solution-start}} {label.group(1)}") and ":class: dropdown" in text(start)
        end = next(k for k in range(i + 2, len(cells)) if text(cells[k]).startswith(":::{solution-end}"))
        gate = cells[i + 1:end + 1]
        assert all("solution" in tags(c) for c in gate), f"exercise {label.group(1)}: tag every gated cell 'solution'"
        assert text(cells[end - 1]).startswith("**Answer.**"), f"exercise {label.group(1)}: end in a prose answer"
        found.append(label.group(1))
    assert len(found) >= 3, f"{path.name} has {len(found)} exercises; at least three"
    assert len(kinds) >= 2, f"{path.name}: exercises of one kind only ({kinds})"
    assert len(set(found)) == len(found)


def test_every_figure_file_is_made_by_a_notebook_and_listed_in_readme():
    made = set()
    for path in PATHS:
        for cell in _nb(path)["cells"]:
            made.update(re.findall(r'save_figure\(\w+, "([^"]+)"', "".join(cell["source"])))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for fig in (ROOT / "figures").glob("*.*"):
        assert fig.stem in made, f"figures/{fig.name} is not written by any notebook"
        assert fig.stem in readme, f"figures/{fig.name} is not in the README's list of exhibits"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_prose_numbers_are_printed_by_a_cell_of_their_section(path):
    """No number in the prose that no cell near it computes (what the check covers: tests/prose_numbers.py)."""
    from prose_numbers import unmatched

    problems = unmatched(json.loads(path.read_text(encoding="utf-8")))
    assert not problems, f"{path.name}:\n" + "\n".join(problems)


def test_every_figure_has_its_numbers_as_csv_and_the_exhibits_list_is_current():
    import importlib.util

    stems = {p.stem for p in (ROOT / "figures").glob("*.png")}
    missing = sorted(s for s in stems if not (ROOT / "figures" / f"{s}.csv").exists())
    assert not missing, f"figures without the CSV of their numbers: {missing}"
    spec = importlib.util.spec_from_file_location("collection", ROOT / "tools" / "collection.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == tool.with_exhibits(readme), "README's list of exhibits is stale: run `make datapackage`"


@pytest.mark.parametrize("png", sorted((ROOT / "figures").glob("*.png")), ids=lambda p: p.stem)
def test_nothing_drawn_is_cut_at_the_edge_of_a_figure(png):
    """Every published PNG keeps a white border on all four sides: a drawing cropped short (as savefig's tight
    box in matplotlib 3.10 crops an axis label wider than its axes) would touch the edge and be cut."""
    import numpy as np
    from PIL import Image

    ink = (np.asarray(Image.open(png).convert("L")) < 250)
    border = {"top": ink[:3].any(), "bottom": ink[-3:].any(), "left": ink[:, :3].any(), "right": ink[:, -3:].any()}
    cut = [side for side, touched in border.items() if touched]
    assert not cut, f"figures/{png.name}: drawing reaches the {', '.join(cut)} edge (cut off)"


def test_no_machine_paths_in_the_projects_text_files():
    """The project speaks of itself alone: no path of the machine it was built on in any tracked text."""
    import subprocess

    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    offenders = []
    for name in files:
        if not name.endswith((".md", ".csv", ".ipynb", ".yml", ".cff", ".txt", ".json")):
            continue
        text = (ROOT / name).read_text(encoding="utf-8", errors="replace")
        if LOCAL.search(text):
            offenders.append(f"{name}: {LOCAL.search(text).group()}")
    assert not offenders, offenders[:10]


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.stem)
def test_each_cell_prints_as_one_stream(path):
    """Prints separated by slow work are flushed in timing-dependent chunks: a cell writes one stream output."""
    for i, cell in enumerate(_nb(path)["cells"]):
        names = [o["name"] for o in cell.get("outputs", []) if o.get("output_type") == "stream"]
        assert len(names) == len(set(names)), f"code cell {i} writes its stdout in several chunks"
