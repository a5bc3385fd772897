"""The claims ledger: each analysis notebook records its verdicts here."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .core import SCRATCH, building
from .data import DataValidationError, load, write_table
from .schemas import VERDICTS

SHOWN = ["id", "claim", "verdict", "sense", "evidence", "reason"]

#: When the explainer was written, read once from its own text and used to judge every forecast in it.
#: Its reference list names news reports of Israel's strikes on Iran of June 2025 (the war that began on
#: 2025-06-13, events.csv EV203), so it was written no earlier than mid-June 2025; "this year" in its
#: forecasts is 2025. Some of its sentences repeat forecasts first made in 2024 (the treaty "later this
#: year"): they are judged as of the writing date all the same, and the reason says so.
WRITTEN: str = "2025-06"


def record_verdicts(notebook: str, verdicts: list[dict[str, str]]) -> pd.DataFrame:
    """Write ``verdicts`` (dicts with id, verdict, sense, evidence, reason) into the ledger.

    Only claims assigned to ``notebook`` may be judged by it. Inside the build the published ledger,
    ``data/claims.csv``, is rewritten atomically and re-validated; any other run (nbval, JupyterLab, a
    student copy) writes its version to ``_build/scratch/claims.csv`` and leaves the shared data alone.
    The notebook's rows are returned for display, as written.
    """
    claims = load("claims")
    for v in verdicts:
        row = claims.index[claims["id"] == v["id"]]
        if len(row) != 1:
            raise KeyError(f"claim {v['id']!r} is not in data/claims.csv")
        if claims.at[row[0], "notebook"] != notebook:
            raise ValueError(f"claim {v['id']} belongs to {claims.at[row[0], 'notebook']}, not {notebook}")
        if v["verdict"] not in VERDICTS:
            raise ValueError(f"verdict {v['verdict']!r} is not one of {VERDICTS}")
        for key in ("verdict", "sense", "evidence", "reason"):
            claims.at[row[0], key] = v.get(key)
    if building():
        write_table(claims, "claims")
        return ledger(notebook)
    SCRATCH.mkdir(parents=True, exist_ok=True)
    write_table(claims, "claims", data_dir=SCRATCH)
    return claims[claims["notebook"] == notebook][SHOWN].set_index("id")


def ledger(notebook: str | None = None) -> pd.DataFrame:
    """The ledger (or one notebook's part of it), with the columns a reader needs."""
    claims = load("claims")
    if notebook is not None:
        claims = claims[claims["notebook"] == notebook]
    return claims[SHOWN].set_index("id")


def verdict_counts() -> pd.DataFrame:
    """Claims per notebook and verdict: the ledger's state at a glance."""
    claims = load("claims")
    table = pd.crosstab(claims["notebook"], claims["verdict"], margins=True, margins_name="all")
    return table


VERDICT_COLORS = {
    "supported": "#009E73", "partly supported": "#56B4E9", "outdated": "#CC79A7",
    "not supported": "#D55E00", "cannot be judged": "#999999", "pending": "#E6E6E6",
}


def plot_ledger():
    """Stacked bars: claims per notebook, coloured by verdict. Returns the figure."""
    counts = verdict_counts().drop(index="all", columns="all")
    order = [v for v in VERDICT_COLORS if v in counts.columns]
    counts = counts[order].iloc[::-1]
    fig, ax = plt.subplots(figsize=(11, 4.8))
    left = pd.Series(0, index=counts.index)
    for verdict in order:
        ax.barh(counts.index, counts[verdict], left=left, color=VERDICT_COLORS[verdict],
                edgecolor="white", label=verdict)
        left = left + counts[verdict]
    ax.set_xlabel("claims of the source article")
    ax.set_title("The claims ledger: verdicts per notebook")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.42), ncol=len(order))
    return fig


__all__ = ["plot_ledger", "record_verdicts", "ledger", "verdict_counts", "DataValidationError"]
