"""The loader: typed output for good files, one clear error for each kind of bad input.

Every bad-input test checks that the message names the file, the line and the column.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

import iranrussia as ir
from iranrussia.data import DataValidationError


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _set_field(path: Path, line: int, column: str, value: str) -> None:
    """Replace one field of one line (1-based, header is line 1) in a simple CSV."""
    import csv
    import io

    lines = _lines(path)
    header = next(csv.reader([lines[0]]))
    row = next(csv.reader([lines[line - 1]]))
    row[header.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="").writerow(row)
    lines[line - 1] = buffer.getvalue()
    path.write_text("\n".join(lines), encoding="utf-8")


def _assert_names(err: DataValidationError, file: str, line: int | None, column: str | None) -> None:
    text = str(err)
    assert err.file == file and file in text
    assert err.line == line and f"line {line if line is not None else '-'}" in text
    assert err.column == column and f"column {column if column else '-'}" in text
    assert "breaks the rule" in text


def test_good_tables_come_back_typed():
    events = ir.load("events")
    assert str(events["goldstein"].dtype) == "Float64"
    assert str(events["leaders_meeting"].dtype) == "boolean"
    sources = ir.load("sources")
    assert pd.api.types.is_datetime64_any_dtype(sources["accessed"])


def test_missing_file(data_copy):
    (data_copy / "events.csv").unlink()
    with pytest.raises(DataValidationError) as exc:
        ir.load("events", data_dir=data_copy)
    _assert_names(exc.value, "data/events.csv", None, None)
    assert "must exist" in str(exc.value)


def test_missing_column(data_copy):
    path = data_copy / "claims.csv"
    lines = _lines(path)
    lines = [",".join(l.split(",")[:-1]) if l else l for l in lines]  # drop the last column (reason)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError) as exc:
        ir.load("claims", data_dir=data_copy)
    _assert_names(exc.value, "data/claims.csv", 1, "reason")
    assert "missing" in exc.value.rule


def test_unknown_column(data_copy):
    path = data_copy / "claims.csv"
    lines = _lines(path)
    lines[0] += ",extra"
    lines = [lines[0]] + [l + "," if l else l for l in lines[1:]]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError) as exc:
        ir.load("claims", data_dir=data_copy)
    _assert_names(exc.value, "data/claims.csv", 1, "extra")


def test_wrong_type(data_copy):
    _set_field(data_copy / "cameo_goldstein.csv", 4, "goldstein", "minus two")
    with pytest.raises(DataValidationError) as exc:
        ir.load("cameo_goldstein", data_dir=data_copy)
    _assert_names(exc.value, "data/cameo_goldstein.csv", 4, "goldstein")
    assert exc.value.value == "minus two" and "must be a number" in exc.value.rule


def test_out_of_range(data_copy):
    _set_field(data_copy / "cameo_goldstein.csv", 5, "goldstein", "11.5")
    with pytest.raises(DataValidationError) as exc:
        ir.load("cameo_goldstein", data_dir=data_copy)
    _assert_names(exc.value, "data/cameo_goldstein.csv", 5, "goldstein")
    assert "at most 10" in exc.value.rule


def test_impossible_date(data_copy):
    _set_field(data_copy / "events.csv", 3, "date", "2010-02-30")
    with pytest.raises(DataValidationError) as exc:
        ir.load("events", data_dir=data_copy)
    _assert_names(exc.value, "data/events.csv", 3, "date")
    assert "real ISO date" in exc.value.rule


def test_impossible_full_date(data_copy):
    _set_field(data_copy / "sources.csv", 2, "accessed", "2026-13-01")
    with pytest.raises(DataValidationError) as exc:
        ir.load("sources", data_dir=data_copy)
    _assert_names(exc.value, "data/sources.csv", 2, "accessed")
    assert "real date" in exc.value.rule


def test_date_after_as_of(data_copy):
    _set_field(data_copy / "sources.csv", 3, "accessed", "2027-01-05")
    with pytest.raises(DataValidationError) as exc:
        ir.load("sources", data_dir=data_copy)
    _assert_names(exc.value, "data/sources.csv", 3, "accessed")
    assert "as-of date" in exc.value.rule


def test_event_date_after_as_of(data_copy):
    _set_field(data_copy / "events.csv", 2, "date", "2031-05")
    with pytest.raises(DataValidationError) as exc:
        ir.load("events", data_dir=data_copy)
    _assert_names(exc.value, "data/events.csv", 2, "date")


def test_unknown_country_code(data_copy):
    _set_field(data_copy / "events.csv", 4, "actor_2", "XYZ")
    with pytest.raises(DataValidationError) as exc:
        ir.load("events", data_dir=data_copy)
    _assert_names(exc.value, "data/events.csv", 4, "actor_2")
    assert exc.value.value == "XYZ" and "must be one of" in exc.value.rule


def test_duplicate_id(data_copy):
    path = data_copy / "claims.csv"
    lines = _lines(path)
    first_id = lines[1].split(",")[0]
    _set_field(path, 3, "id", first_id)
    with pytest.raises(DataValidationError) as exc:
        ir.load("claims", data_dir=data_copy)
    assert exc.value.column == "id" and exc.value.line in (2, 3)
    assert "unique" in exc.value.rule and "data/claims.csv" in str(exc.value)


def test_source_id_not_in_sources(data_copy):
    _set_field(data_copy / "cameo_goldstein.csv", 6, "source_ids", "L001;Q999")
    with pytest.raises(DataValidationError) as exc:
        ir.load("cameo_goldstein", data_dir=data_copy)
    _assert_names(exc.value, "data/cameo_goldstein.csv", 6, "source_ids")
    assert "sources.csv" in exc.value.rule


def test_empty_required_field(data_copy):
    _set_field(data_copy / "claims.csv", 7, "claim", "")
    with pytest.raises(DataValidationError) as exc:
        ir.load("claims", data_dir=data_copy)
    _assert_names(exc.value, "data/claims.csv", 7, "claim")
    assert "required" in exc.value.rule


def test_broken_quoting(data_copy):
    path = data_copy / "cameo_goldstein.csv"
    lines = _lines(path)
    lines[8] = lines[8].replace(",", ',"broken', 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError) as exc:
        ir.load("cameo_goldstein", data_dir=data_copy)
    assert exc.value.line == 9 and exc.value.column is not None
    assert "quoting" in exc.value.rule or "fields" in exc.value.rule
    assert "data/cameo_goldstein.csv, line 9" in str(exc.value)


def test_non_utf8_bytes(data_copy):
    path = data_copy / "claims.csv"
    raw = path.read_bytes().split(b"\n")
    raw[5] = raw[5].replace(b",", b",\xff\xfe", 1)  # bad bytes at the start of the second field
    path.write_bytes(b"\n".join(raw))
    with pytest.raises(DataValidationError) as exc:
        ir.load("claims", data_dir=data_copy)
    _assert_names(exc.value, "data/claims.csv", 6, "section")
    assert "UTF-8" in exc.value.rule


def test_wrong_number_of_fields(data_copy):
    path = data_copy / "sources.csv"
    lines = _lines(path)
    lines[2] = lines[2] + ",surplus"
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataValidationError) as exc:
        ir.load("sources", data_dir=data_copy)
    assert exc.value.line == 3 and exc.value.column == "language"
    assert "fields" in exc.value.rule


def test_cross_table_rule_goldstein_must_match_code(data_copy):
    _set_field(data_copy / "events.csv", 2, "goldstein", "9.9")
    with pytest.raises(DataValidationError) as exc:
        ir.load("events", data_dir=data_copy)
    _assert_names(exc.value, "data/events.csv", 2, "goldstein")
    assert "cameo_goldstein.csv" in exc.value.rule


def test_precision_must_match_date(data_copy):
    _set_field(data_copy / "events.csv", 2, "date_precision", "year")
    with pytest.raises(DataValidationError) as exc:
        ir.load("events", data_dir=data_copy)
    assert exc.value.line == 2 and exc.value.column == "date"


def test_message_counts_further_problems(data_copy):
    _set_field(data_copy / "claims.csv", 2, "verdict", "maybe")
    _set_field(data_copy / "claims.csv", 3, "verdict", "perhaps")
    with pytest.raises(DataValidationError) as exc:
        ir.load("claims", data_dir=data_copy)
    assert exc.value.line == 2 and "1 more problem" in str(exc.value)


def test_message_has_no_machine_path(data_copy):
    (data_copy / "events.csv").unlink()
    with pytest.raises(DataValidationError) as exc:
        ir.load("events", data_dir=data_copy)
    assert not re.search(r"(/tmp/|/home/|/root/|/work/)", str(exc.value))


def test_unknown_table_name():
    with pytest.raises(KeyError):
        ir.load("no_such_table")
