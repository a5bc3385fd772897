"""The real data: every table validates, the data package matches, the codebook describes every file."""

from __future__ import annotations

import hashlib
import importlib.util
import json

import pytest

import iranrussia as ir
from iranrussia.core import DATA, ROOT
from iranrussia.schemas import TABLES


def _tool():
    spec = importlib.util.spec_from_file_location("collection", ROOT / "tools" / "collection.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", list(TABLES))
def test_table_validates(name):
    frame = ir.load(name)
    assert len(frame) > 0


def test_every_data_file_has_a_schema_and_a_codebook_section():
    codebook = (DATA / "README.md").read_text(encoding="utf-8")
    files = sorted(p.name for p in DATA.iterdir() if p.is_file() and p.name != "README.md")
    for name in files:
        assert f"## {name}" in codebook, f"data/{name} has no section in data/README.md"
        if name.endswith(".csv"):
            assert name[:-4] in TABLES, f"data/{name} has no schema in iranrussia/schemas.py"
    for table in TABLES.values():
        assert (DATA / table.filename).exists(), f"schema {table.name} has no file"
        section = codebook.split(f"## {table.filename}", 1)[1].split("\n## ", 1)[0]
        for field in table.fields:
            assert f"| {field.name} |" in section, f"{table.filename}: column {field.name} not in the codebook"


def test_datapackage_matches_schemas_and_files():
    committed = (DATA / "datapackage.json").read_text(encoding="utf-8")
    assert committed == _tool().datapackage(), "data/datapackage.json is stale: run `make datapackage`"


def test_checksums_in_datapackage_match_files():
    package = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        digest = hashlib.sha256((DATA / resource["path"]).read_bytes()).hexdigest()
        assert resource["hash"] == f"sha256:{digest}", f"{resource['path']} changed since the package was written"


def test_claims_name_a_notebook_and_non_pending_have_evidence():
    claims = ir.load("claims")
    assert claims["notebook"].notna().all()
    judged = claims[claims["verdict"] != "pending"]
    assert judged["evidence"].notna().all() and judged["reason"].notna().all()
    notebooks = {p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
    for _, row in claims.iterrows():
        if row["notebook"] not in notebooks:
            assert row["verdict"] == "pending", f"{row['id']} judged by a notebook that does not exist"


def test_every_source_is_cited_somewhere():
    """A source nobody cites is either a leftover or belongs in a notebook's references."""
    cited: set[str] = set()
    for name, table in TABLES.items():
        frame = ir.load(name)
        if "source_ids" in frame:
            for value in frame["source_ids"].dropna():
                cited.update(v.strip() for v in value.split(";"))
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "notebooks").glob("*.ipynb"))
    text += (DATA / "README.md").read_text(encoding="utf-8")
    missing = [s for s in ir.load("sources")["id"] if s not in cited and s not in text]
    assert not missing, f"sources never cited: {missing[:10]}"
