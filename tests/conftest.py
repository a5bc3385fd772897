"""Shared fixtures: a scratch copy of data/ that a test may break without touching the real files."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from iranrussia.core import DATA, ROOT


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of every CSV in data/, in a folder named data/ so messages read the same."""
    target = tmp_path / "data"
    target.mkdir()
    for path in DATA.glob("*.csv"):
        shutil.copy(path, target / path.name)
    return target


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The site built once per test session, strictly (warnings are errors), into a scratch folder."""
    out = tmp_path_factory.mktemp("site")
    book = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run([str(book), "build", str(ROOT), "--path-output", str(out), "--warningiserror",
                             "--nitpick", "--quiet"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out / "_build" / "html"
