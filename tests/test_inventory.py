"""How far each table reaches: coverage computed on hand-worked frames, and the validation cache."""

from __future__ import annotations

import pandas as pd

import iranrussia as ir
from iranrussia import data as d
from iranrussia.inventory import coverage, days_short, record_edge
from iranrussia.schemas import TABLES


def test_coverage_takes_the_latest_certain_date_over_every_date_column():
    table = TABLES["corridors"]
    frame = pd.DataFrame({f.name: [None, None, None] for f in table.fields})
    frame["agreed_date"] = ["2000", "2023-05-17", "2025-08"]
    frame["status_date"] = ["2024", "2026-02-11", "2026-02"]
    # '2026-02-11' is later than '2026-02' (which may mean 1 February) and is reported as written.
    assert coverage(frame, table) == ("2000", "2026-02-11")


def test_coverage_ignores_reading_dates_and_reads_both_ends_of_a_period():
    sipri = TABLES["sipri_figures"]
    frame = pd.DataFrame({f.name: [None, None] for f in sipri.fields})
    frame["period"] = ["2007-2020", "1995"]
    assert coverage(frame, sipri) == ("1995", "2020")
    sources = TABLES["sources"]
    frame = pd.DataFrame({f.name: ["2020-01-01"] for f in sources.fields})
    assert coverage(frame, sources) == ("", "")


def test_days_short_counts_from_the_last_day_a_date_can_mean_and_never_goes_negative():
    as_of = pd.Timestamp(ir.AS_OF)
    assert days_short("2026-03-09") == (as_of - pd.Timestamp("2026-03-09")).days
    assert days_short("2026-03") == (as_of - pd.Timestamp("2026-03-31")).days
    assert days_short(str(ir.AS_OF.year)) is None  # the as-of year itself: how far into it is unknown
    assert days_short("") is None


def test_inventory_shows_each_tables_coverage_end_and_the_edge_is_stated():
    inv = ir.inventory()
    assert {"from", "coverage end", "days short of as-of"} <= set(inv.columns)
    pair_end = inv.loc["events.csv (Russia-Iran only)", "coverage end"]
    assert pair_end and pair_end <= inv.loc["events.csv", "coverage end"] <= ir.AS_OF.isoformat()
    assert pair_end in record_edge()


def test_a_table_is_validated_once_and_again_after_any_change(data_copy, monkeypatch):
    calls = []
    real = d._load_validated
    monkeypatch.setattr(d, "_load_validated", lambda name, folder: calls.append(name) or real(name, folder))
    first = ir.load("deflator", data_dir=data_copy)
    ir.load("deflator", data_dir=data_copy)
    assert calls.count("deflator") == 1  # (sources.csv is validated too: deflator cites it)
    first.loc[0, "value"] = -1  # the caller's copy: the cache is not touched
    assert ir.load("deflator", data_dir=data_copy).loc[0, "value"] > 0
    path = data_copy / "deflator.csv"
    text = path.read_text(encoding="utf-8").replace("140.3", "140.30", 1)
    path.write_text(text, encoding="utf-8")
    ir.load("deflator", data_dir=data_copy)
    assert calls.count("deflator") == 2


def test_readme_and_codebook_state_the_current_coverage():
    from iranrussia.core import ROOT
    from iranrussia.inventory import with_coverage

    for doc in (ROOT / "README.md", ROOT / "data" / "README.md"):
        text = doc.read_text(encoding="utf-8")
        assert text == with_coverage(text), f"{doc.name}: coverage table is stale: run `make datapackage`"


def test_events_are_sorted_by_date():
    dates = ir.load("events")["date"].tolist()
    starts = [d + "-00-00"[: 10 - len(d)] if len(d) < 10 else d for d in dates]
    assert starts == sorted(starts), "events.csv must be sorted by date (ids stay as they are)"


def _stored_run(data_copy, monkeypatch, tmp_path):
    """Point the loader at a copy of data/ as if it were data/ itself, with its own store, in a fresh process."""
    monkeypatch.setattr(d, "DATA", data_copy)
    monkeypatch.setattr(d, "STORE", tmp_path / "validated")
    d._CACHE.clear()
    calls = []
    real = d._load_validated
    monkeypatch.setattr(d, "_load_validated", lambda name, folder: calls.append(name) or real(name, folder))
    return calls


def test_a_later_run_reads_the_stored_table_and_a_change_to_any_file_it_was_checked_against_validates_it_again(
        data_copy, monkeypatch, tmp_path):
    calls = _stored_run(data_copy, monkeypatch, tmp_path)
    first = ir.load("deflator")
    assert sorted(calls) == ["deflator", "sources"]  # deflator cites sources.csv: its check read both
    assert (tmp_path / "validated" / "deflator.pickle").is_file()
    d._CACHE.clear()  # a new process
    pd.testing.assert_frame_equal(ir.load("deflator"), first)
    assert len(calls) == 2  # read from the store, not validated again
    path = data_copy / "sources.csv"  # a file the check read, not the table's own
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    d._CACHE.clear()
    try:
        ir.load("deflator")
    except d.DataValidationError:
        pass  # a trailing blank line may itself break a rule; either way the file was checked again
    assert calls.count("sources") == 2


def test_a_change_to_an_unrelated_table_keeps_the_stored_one_and_a_bad_file_is_never_stored(
        data_copy, monkeypatch, tmp_path):
    calls = _stored_run(data_copy, monkeypatch, tmp_path)
    ir.load("deflator")
    events = data_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",", ";", 1), encoding="utf-8")
    d._CACHE.clear()
    ir.load("deflator")
    assert calls.count("deflator") == 1  # events.csv plays no part in checking the deflator
    stored = tmp_path / "validated" / "events.pickle"
    try:
        ir.load("events")
    except d.DataValidationError:
        pass
    assert not stored.exists()


def test_the_store_is_keyed_on_the_rules_too(data_copy, monkeypatch, tmp_path):
    calls = _stored_run(data_copy, monkeypatch, tmp_path)
    ir.load("deflator")
    d._CACHE.clear()
    monkeypatch.setattr(d, "_code_digest", lambda: "other rules")
    ir.load("deflator")
    assert calls.count("deflator") == 2
