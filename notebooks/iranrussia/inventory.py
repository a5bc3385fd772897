"""The data inventory shown in the introduction, and how far each table's record reaches.

Two dates must never be confused. ``AS_OF`` is the day the stored sources were last read.
A table's *coverage end* is its latest dated row: the record reaches no further than that,
whatever the as-of date says.
"""

from __future__ import annotations

import re

import pandas as pd

from .core import AS_OF, date_span
from .data import _split_list, load
from .schemas import TABLES

#: Columns that date the reading of a source, not the record: left out of coverage.
_NOT_COVERAGE = {"accessed", "published"}
#: Integer or text columns that carry a year or a period of the record.
_YEARLIKE = {"year", "snapshot", "period", "order_year"}


def _as_dates(values: pd.Series, kind: str) -> list[str]:
    """The dated values of one column as ISO strings (YYYY, YYYY-MM or YYYY-MM-DD)."""
    out = []
    for value in values.dropna():
        if kind == "date":
            out.append(pd.Timestamp(value).strftime("%Y-%m-%d"))
            continue
        text = str(value)
        # A period such as '2019-2023' (SIPRI) is dated by both ends.
        out.extend(text.split("-") if re.fullmatch(r"\d{4}-\d{4}", text) else [text])
    return [v for v in out if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", v)]


def coverage(frame: pd.DataFrame, table) -> tuple[str, str]:
    """First and last date a table's rows refer to, over every date column but reading dates.

    Partial dates are compared by the first day they can mean, so the coverage end is the latest
    date the rows certainly reach: '2026-03-09' is later than '2026-03', and '2025-10-02' later than
    '2025'. Values are reported as written, never with a day the rows do not give.
    Returns ``("", "")`` for a table with no dated column (a lookup table, the ledger).
    """
    dated: list[str] = []
    for f in table.fields:
        if f.name in _NOT_COVERAGE:
            continue
        if f.type in {"date", "partial_date"} or f.name in _YEARLIKE:
            dated.extend(_as_dates(frame[f.name], f.type))
    if not dated:
        return "", ""
    first = min(dated, key=lambda v: date_span(v)[0])
    last = max(dated, key=lambda v: (date_span(v)[0], len(v)))
    return first, last


def coverage_end(name: str) -> str:
    """The latest date a table's record reaches (its latest dated row), or '' for an undated table."""
    return coverage(load(name), TABLES[name])[1]


def days_short(end: str) -> int | None:
    """Days from the last day ``end`` can mean to the as-of date.

    None for an undated table, and for an end that spans the as-of date (the year of the as-of date, say),
    since how far into that period the rows reach is not known.
    """
    if not end:
        return None
    first, last = date_span(end)
    if first <= pd.Timestamp(AS_OF) <= last:
        return None  # a year (or month) that holds the as-of date: how far into it the rows reach is unknown
    return (pd.Timestamp(AS_OF) - last).days


def inventory() -> pd.DataFrame:
    """One row per table: rows, the first and last date its rows refer to, and the sources it cites.

    ``coverage end`` is the latest dated row; ``days short of as-of`` says how far it stops before
    the date the sources were read.
    """
    rows = []
    for name, table in TABLES.items():
        frame = load(name)
        first, last = coverage(frame, table)
        sources = set()
        if "source_ids" in frame:
            for value in frame["source_ids"].dropna():
                sources.update(_split_list(value))
        short = days_short(last)
        rows.append({"table": table.filename, "title": table.title, "rows": len(frame),
                     "from": first, "coverage end": last,
                     "days short of as-of": pd.NA if short is None else short,
                     "sources cited": len(sources) if "source_ids" in frame else pd.NA})
        if name == "events":  # the pair's own events end earlier than the context around them
            pair = frame[frame["scope"] == "russia_iran"]
            p_first, p_last = coverage(pair, table)
            p_short = days_short(p_last)
            rows.append({"table": "events.csv (Russia-Iran only)", "title": "Events between Russia and Iran",
                         "rows": len(pair), "from": p_first, "coverage end": p_last,
                         "days short of as-of": pd.NA if p_short is None else p_short, "sources cited": pd.NA})
    out = pd.DataFrame(rows).set_index("table")
    out["days short of as-of"] = out["days short of as-of"].astype("Int64")
    out["sources cited"] = out["sources cited"].astype("Int64")
    return out


def record_edge(threshold_days: int = 90) -> str:
    """Plain sentences on where the event record stops, for the notebooks and the README.

    Two ends are given: the last event between Russia and Iran, and the last context event (between other
    parties), which may be later.
    """
    events = load("events")
    table = TABLES["events"]
    pair_end = coverage(events[events["scope"] == "russia_iran"], table)[1]
    all_end = coverage(events, table)[1]
    short = days_short(pair_end)
    text = f"The sources were last read on {AS_OF.isoformat()}; the last event between Russia and Iran is of {pair_end}"
    if short is not None and short > threshold_days:
        text += f", {short} days earlier, because the stored pages thin out after that"
    text += "."
    if all_end != pair_end:
        text += f" Context events between other parties reach {all_end}."
    return text + " Nothing later is claimed."


#: Markers around the generated coverage table in README.md and data/README.md.
COVERAGE_START, COVERAGE_END = "<!-- coverage table: generated by `make datapackage` -->", "<!-- end of coverage table -->"


def coverage_markdown() -> str:
    """The coverage table for the README and the codebook: each dated table's first and last date."""
    inv = inventory()
    lines = [COVERAGE_START, "", f"Sources last read: **{AS_OF.isoformat()}**. {record_edge()}", "",
             "| table | rows | from | coverage end | days short of the as-of date |", "|---|---|---|---|---|"]
    for name, row in inv.iterrows():
        if not row["coverage end"]:
            continue
        short = row["days short of as-of"]
        shown = "not known (within the as-of year)" if pd.isna(short) else str(short)
        label = f"`{name}`" if name.endswith(".csv") else f"`{name.split(' ', 1)[0]}` {name.split(' ', 1)[1]}"
        lines.append(f"| {label} | {row['rows']} | {row['from']} | {row['coverage end']} | {shown} |")
    lines += ["", COVERAGE_END]
    return "\n".join(lines)


def with_coverage(text: str) -> str:
    """``text`` with its coverage block replaced by the current table (raises if the markers are missing)."""
    if COVERAGE_START not in text or COVERAGE_END not in text:
        raise ValueError("the coverage markers are missing")
    head, rest = text.split(COVERAGE_START, 1)
    tail = rest.split(COVERAGE_END, 1)[1]
    return head + coverage_markdown() + tail
