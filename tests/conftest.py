"""Shared fixtures: a scratch copy of data/ that a test may break without touching the real files."""

from __future__ import annotations

import shutil
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
