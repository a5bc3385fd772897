"""requirements.txt and environment.yml name the same packages at the same versions."""

from __future__ import annotations

import re

from iranrussia.core import ROOT


def _pip() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, version = line.split("==")
            pins[name.lower()] = version
    return pins


def _conda() -> dict[str, str]:
    pins, in_pip = {}, False
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"^\s+-\s+([A-Za-z0-9_.\-]+)\s*(==?)\s*([^\s#]+)", line)
        if m and m.group(1) != "python":
            pins[m.group(1).lower()] = m.group(3)
    return pins


def test_same_packages_same_versions():
    assert _pip() == _conda()


def test_every_requirement_is_pinned_exactly_and_in_constraints():
    constraints = (ROOT / "constraints.txt").read_text().lower()
    for name, version in _pip().items():
        assert re.fullmatch(r"\d+(\.\d+)*(\.post\d+)?", version), f"{name} is not pinned exactly"
        assert f"{name}=={version}" in constraints, f"{name}=={version} missing from constraints.txt"


def test_environment_lists_pip_and_conda_forge():
    text = (ROOT / "environment.yml").read_text()
    assert "conda-forge" in text and re.search(r"^\s+- pip\s*$", text, re.M)
    assert "python=3.11" in text


def test_installed_versions_match_the_pins():
    from importlib.metadata import version

    for name, pinned in _pip().items():
        assert version(name) == pinned, f"{name}: installed {version(name)}, pinned {pinned}"


def test_jupyterlab_myst_is_enabled_and_compatible_with_the_installed_jupyterlab():
    """The exercise directives read correctly in JupyterLab only if jupyterlab-myst loads there."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    jupyter = Path(sys.executable).with_name("jupyter")
    if not jupyter.exists():
        jupyter = Path(shutil.which("jupyter") or "jupyter")
    env = dict(os.environ, JUPYTER_PATH=str(Path(sys.prefix) / "share" / "jupyter"))
    out = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True, text=True, env=env)
    text = out.stdout + out.stderr
    line = next((l for l in text.splitlines() if "jupyterlab-myst" in l and " v" in l), "")
    assert "enabled" in line and "OK" in line and "not compatible" not in text, text[-800:]
