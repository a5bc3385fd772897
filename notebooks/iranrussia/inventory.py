"""The data inventory shown in the introduction."""

from __future__ import annotations

import pandas as pd

from .data import _split_list, load
from .schemas import TABLES


def _date_range(frame: pd.DataFrame, table) -> tuple[str, str]:
    for f in table.fields:
        if f.name in {"accessed", "published"}:
            continue
        if f.type in {"date", "partial_date"}:
            values = frame[f.name].dropna().astype("string").str[:10]
            if len(values):
                return str(values.min()), str(values.max())
        if f.name in {"year", "snapshot", "period"} and len(frame[f.name].dropna()):
            values = frame[f.name].dropna().astype("string")
            return str(values.min()), str(values.max())
    return "", ""


def inventory() -> pd.DataFrame:
    """One row per table: rows, the dates it spans and how many distinct sources it cites."""
    rows = []
    for name, table in TABLES.items():
        frame = load(name)
        first, last = _date_range(frame, table)
        sources = set()
        if "source_ids" in frame:
            for value in frame["source_ids"].dropna():
                sources.update(_split_list(value))
        rows.append({"table": table.filename, "title": table.title, "rows": len(frame),
                     "from": first, "to": last, "sources cited": len(sources) if "source_ids" in frame else None})
    return pd.DataFrame(rows).set_index("table")
