"""The real data: every table validates, the data package matches, the codebook describes every file."""

from __future__ import annotations

import hashlib
import importlib.util
import csv
import json
import re

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


def _source_prefixes() -> set[str]:
    return {re.match(r"[A-Z]+", i).group() for i in ir.load("sources")["id"]}


@pytest.mark.parametrize("name", [n for n in TABLES if n not in {"sources", "cameo_goldstein", "claims"}])
def test_a_source_named_in_a_rows_text_is_cited_by_that_row(name):
    """A note that leans on another page ("differs from RC001") cites that page in source_ids."""
    prefixes, known = _source_prefixes(), set(ir.load("sources")["id"])
    frame = ir.load(name)
    text_columns = [f.name for f in TABLES[name].fields if f.type == "string" and f.name not in {"id", "event_id"}]
    problems = []
    for i, row in frame.iterrows():
        cited = set(str(row.get("source_ids") or "").split(";"))
        for column in text_columns:
            for token in re.findall(r"\b([A-Z]{1,3}\d{3})\b", str(row[column] or "")):
                if re.match(r"[A-Z]+", token).group() in prefixes and (token not in cited or token not in known):
                    problems.append(f"data/{name}.csv line {i + 2}, column {column}: {token} is named but not cited")
    assert not problems, "\n".join(problems[:10])


EVENT_LINKED = ("treaty_milestones", "exercises", "arms_transfers", "corridors", "sanctions_channels")


@pytest.mark.parametrize("name", EVENT_LINKED)
def test_every_linked_step_has_its_event_on_the_same_date(name):
    """One event record: the steps other tables date have their event in events.csv, dated alike."""
    events = ir.load("events").set_index("id")
    table = TABLES[name]
    rule = next(r for r in table.row_rules if r.column == "event_id")
    frame = ir.load(name)
    assert rule.test(frame, ir.load).all()
    linked = frame.dropna(subset=["event_id"])
    assert set(linked["event_id"]) <= set(events.index)


def test_a_missing_or_misdated_event_link_names_file_row_and_rule(data_copy):
    path = data_copy / "treaty_milestones.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    signing = next(i for i, r in enumerate(rows) if r["treaty_id"] == "RUS-IRN-2025" and r["step"] == "signed")
    entry = next(i for i, r in enumerate(rows) if r["treaty_id"] == "RUS-IRN-2025" and r["step"] == "entry_into_force")

    def write_and_load():
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
        with pytest.raises(ir.DataValidationError) as caught:
            ir.load("treaty_milestones", data_dir=data_copy)
        return str(caught.value)

    rows[entry]["event_id"] = rows[signing]["event_id"]  # an event of another day
    message = write_and_load()
    assert f"line {entry + 2}" in message and "event_id" in message and "dated as date" in message
    rows[signing]["event_id"] = ""  # the signing loses its event
    message = write_and_load()
    assert f"line {signing + 2}" in message and "required for this row" in message


def test_event_scope_follows_the_actors():
    events = ir.load("events")
    pair = events.apply(lambda r: {r["actor_1"], r["actor_2"]} == {"RUS", "IRN"}, axis=1)
    assert ((events["scope"] == "russia_iran") == pair).all()


#: Row ids of the tables a ledger verdict may cite, by prefix.
_EVIDENCE_IDS = {"EV": ("events", "id"), "SC": ("sanctions_channels", "id"), "CR": ("corridors", "id"),
                 "EX": ("exercises", "id"), "AT": ("arms_transfers", "id")}


def test_every_id_a_ledger_verdict_cites_exists():
    claims = ir.load("claims")
    known = {prefix: set(ir.load(table)[column]) for prefix, (table, column) in _EVIDENCE_IDS.items()}
    sources = set(ir.load("sources")["id"])
    problems = []
    for _, claim in claims.dropna(subset=["evidence"]).iterrows():
        text = claim["evidence"]
        for a, b in re.findall(r"\b(EV\d{3,4})-(EV\d{3,4})\b", text):  # a range: both ends must exist
            problems += [f"{claim['id']}: {x}" for x in (a, b) if x not in known["EV"]]
        for token in re.findall(r"\b((?:EV|SC|CR|EX|AT)\d{2,4})\b", text):
            if token not in known[token[:2]]:
                problems.append(f"{claim['id']}: {token}")
        for token in re.findall(r"\b([A-Z]{1,3}\d{3})\b", text):
            if not token.startswith(tuple(_EVIDENCE_IDS)) and token not in sources:
                problems.append(f"{claim['id']}: source {token}")
    assert not problems, problems
