"""Student copies: generated from the notebooks, free of solutions, runnable, and harmless to the shared data."""

from __future__ import annotations

import hashlib
import json
import sys

import nbformat
import pytest
from nbclient import NotebookClient

from iranrussia.core import NOTEBOOKS, ROOT

sys.path.insert(0, str(ROOT / "tools"))
import collection  # noqa: E402

STUDENT = ROOT / "student"
PATHS = sorted(NOTEBOOKS.glob("*.ipynb"))


def _solution_texts(path) -> list[str]:
    """Every non-trivial line of every solution cell (source and output) of a notebook."""
    lines = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        if "solution" not in cell.get("metadata", {}).get("tags", []):
            continue
        texts = ["".join(cell["source"])]
        for out in cell.get("outputs", []):
            texts.append("".join(out.get("text", "")) + "".join(out.get("data", {}).get("text/plain", "")))
        for text in texts:
            lines += [l.strip() for l in text.splitlines()
                      if len(l.strip()) > 25 and not l.strip().startswith((":::", "import "))]
    return lines


def test_student_copies_regenerate_identically(tmp_path):
    collection.main(["student", "--out", str(tmp_path)])
    made = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    assert made == sorted(p.name for p in STUDENT.glob("*.ipynb")) == [p.name for p in PATHS]
    for name in made:
        assert (tmp_path / name).read_bytes() == (STUDENT / name).read_bytes(), \
            f"student/{name} differs from what `make student` writes: run `make student` (never edit it by hand)"


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_no_solution_text_or_output_remains(path):
    copy = json.loads((STUDENT / path.name).read_text(encoding="utf-8"))
    text = json.dumps(copy["cells"], ensure_ascii=False)
    solutions = _solution_texts(path)
    assert solutions, f"{path.name} has no solution cells"
    leaked = [line for line in solutions if json.dumps(line, ensure_ascii=False)[1:-1] in text]
    assert not leaked, f"student/{path.name} still holds solution text: {leaked[:3]}"
    for cell in copy["cells"]:
        assert "solution" not in cell.get("metadata", {}).get("tags", [])
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
    exercises = [c for c in copy["cells"] if "exercise" in c.get("metadata", {}).get("tags", [])]
    assert len(exercises) >= 3, f"student/{path.name} keeps {len(exercises)} exercises"


def _digest(folder) -> str:
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode() + p.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize("path", PATHS, ids=lambda p: p.name)
def test_student_copy_runs_top_to_bottom_and_writes_nothing_shared(path, monkeypatch):
    monkeypatch.delenv("IRANRUSSIA_BUILD", raising=False)  # a student's run, not the build
    before = _digest(ROOT / "data"), _digest(ROOT / "figures")
    nb = nbformat.read(STUDENT / path.name, as_version=4)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(STUDENT)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    assert (_digest(ROOT / "data"), _digest(ROOT / "figures")) == before, \
        "running a student copy changed data/ or figures/"
