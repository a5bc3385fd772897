"""The collection never reads the network: no URL reads in code, no network client in the helper."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from iranrussia.core import NOTEBOOKS, ROOT

NETWORK_MODULES = ("requests", "urllib3", "httpx", "aiohttp", "http.client", "urllib.request", "socket")
READS_URL = re.compile(r"(read_csv|read_json|read_excel|read_html|urlopen|\.get)\(\s*['\"]https?://")


def _code_texts():
    for path in sorted((NOTEBOOKS / "iranrussia").glob("*.py")):
        yield path.name, path.read_text(encoding="utf-8")
    for path in sorted(NOTEBOOKS.glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        yield path.name, "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    for path in sorted((ROOT / "tools").glob("*.py")):
        yield path.name, path.read_text(encoding="utf-8")


def test_no_code_reads_from_a_url():
    for name, text in _code_texts():
        assert not READS_URL.search(text), f"{name} reads from a URL"
        assert "http" not in "".join(re.findall(r"^\s*(?:import|from)\s.*$", text, re.M)), name


def test_helper_imports_no_network_client():
    for name, text in _code_texts():
        if name.endswith(".py"):
            for module in ("requests", "urllib3", "httpx", "aiohttp", "urllib.request", "http.client"):
                assert not re.search(rf"^\s*(import|from)\s+{re.escape(module)}\b", text, re.M), f"{name}: {module}"


def test_importing_the_helper_loads_no_network_client():
    code = ("import sys; sys.path.insert(0, 'notebooks'); import iranrussia as ir; ir.setup(); "
            "[ir.load(n) for n in ir.TABLES]; "
            f"print([m for m in {NETWORK_MODULES[:5]!r} if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stdout
