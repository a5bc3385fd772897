"""The event record: periods, yearly aggregation in GDELT's quad classes, leader meetings, timeline plot."""

from __future__ import annotations

from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd

from .core import COUNTRY_COLORS
from .data import load

QUADS = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")
QUAD_COLORS = {"verbal cooperation": "#56B4E9", "material cooperation": "#0072B2",
               "verbal conflict": "#E69F00", "material conflict": "#D55E00"}


@dataclass(frozen=True)
class Period:
    """A phase of the relationship: first and last year, a label and why it starts where it does."""

    start: int
    end: int
    label: str
    opened_by: str


#: Periodisation argued in notebook 01 from the event record; the last period runs to the as-of year.
PERIODS: tuple[Period, ...] = (
    Period(1992, 2000, "customer and supplier", "Soviet-era arms and reactor deals carried over"),
    Period(2001, 2005, "treaty and revival", "2001 treaty; Russia leaves the 1995 arms-sales cap"),
    Period(2006, 2014, "sanctions and distance", "Russia votes for UN sanctions; S-300 ban in 2010"),
    Period(2015, 2021, "convergence: JCPOA and Syria", "nuclear deal, S-300 unban, joint war in Syria"),
    Period(2022, 2026, "war partnership without defence", "Iranian drones for Russia's war in Ukraine"),
)


def period_of(year: int, periods: tuple[Period, ...] = PERIODS) -> str:
    """The label of the period containing ``year``; raises if none does."""
    for p in periods:
        if p.start <= year <= p.end:
            return p.label
    raise ValueError(f"year {year} falls in no period")


def with_quads(events: pd.DataFrame, cameo: pd.DataFrame | None = None) -> pd.DataFrame:
    """Add ``year`` and ``quad_class`` (from the CAMEO lookup) to an event table."""
    cameo = load("cameo_goldstein") if cameo is None else cameo
    out = events.copy()
    out["year"] = out["date"].str[:4].astype(int)
    out["quad_class"] = out["cameo_code"].map(cameo.set_index("code")["quad_class"])
    return out


def dyad(events: pd.DataFrame, a: str = "RUS", b: str = "IRN") -> pd.DataFrame:
    """Events between ``a`` and ``b``, in either direction."""
    pair = {a, b}
    mask = events.apply(lambda r: {r["actor_1"], r["actor_2"]} == pair, axis=1)
    return events[mask]


def yearly(events: pd.DataFrame, first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """Per year: event count, sum and mean Goldstein, counts per quad class, cooperation and conflict.

    ``events`` needs ``year``, ``goldstein`` and ``quad_class`` (see :func:`with_quads`). Years between
    ``first`` and ``last`` with no event appear with count 0 and a missing mean, not a zero mean.
    """
    years = range(first if first is not None else events["year"].min(),
                  (last if last is not None else events["year"].max()) + 1)
    grouped = events.groupby("year")
    table = pd.DataFrame(index=pd.Index(years, name="year"))
    table["events"] = grouped.size().reindex(years, fill_value=0).astype(int)
    table["goldstein_sum"] = grouped["goldstein"].sum().reindex(years, fill_value=0.0).astype(float)
    table["goldstein_mean"] = grouped["goldstein"].mean().reindex(years).astype(float)
    quads = pd.crosstab(events["year"], events["quad_class"]).reindex(index=years, columns=list(QUADS),
                                                                      fill_value=0)
    table = table.join(quads.astype(int))
    table["cooperation"] = table["verbal cooperation"] + table["material cooperation"]
    table["conflict"] = table["verbal conflict"] + table["material conflict"]
    return table


def by_period(events: pd.DataFrame, periods: tuple[Period, ...] = PERIODS) -> pd.DataFrame:
    """Per period: events, mean Goldstein, share of conflict events and of material cooperation."""
    ev = events.assign(period=events["year"].map(lambda y: period_of(y, periods)))
    rows = []
    for p in periods:
        part = ev[ev["period"] == p.label]
        n = len(part)
        rows.append({"period": f"{p.start}-{p.end} {p.label}", "events": n,
                     "mean Goldstein": part["goldstein"].mean() if n else float("nan"),
                     "conflict share": (part["quad_class"].isin(QUADS[2:]).sum() / n) if n else float("nan"),
                     "material cooperation share": ((part["quad_class"] == QUADS[1]).sum() / n) if n else float("nan"),
                     "opened by": p.opened_by})
    return pd.DataFrame(rows).set_index("period")


def leader_meetings(events: pd.DataFrame) -> pd.Series:
    """In-person meetings of the leaders per year: distinct (date, actors) among rows flagged ``leaders_meeting``."""
    meetings = events[events["leaders_meeting"].fillna(False).astype(bool)]
    distinct = meetings.drop_duplicates(subset=["date", "title"]).copy()
    distinct["year"] = distinct["date"].str[:4].astype(int)
    return distinct.groupby("year").size().rename("leader meetings")


def un_votes(events: pd.DataFrame) -> pd.DataFrame:
    """Russia's recorded votes on Iran in the UN Security Council, as a table."""
    votes = events[(events["kind"] == "un_vote") & (events["actor_1"] == "RUS")]
    return votes[["id", "date", "title", "cameo_code", "goldstein", "source_ids"]].set_index("id")


def _plot_date(date: str) -> pd.Timestamp:
    """A partial date drawn at the middle of the span it covers (a year at 1 July, a month at the 15th)."""
    if len(date) == 4:
        return pd.Timestamp(f"{date}-07-01")
    if len(date) == 7:
        return pd.Timestamp(f"{date}-15")
    return pd.Timestamp(date)


def plot_timeline(events: pd.DataFrame, periods: tuple[Period, ...] = PERIODS):
    """Events by domain over time, filled for cooperation and hollow for conflict, with period breaks."""
    domains = list(events["domain"].value_counts().sort_index(ascending=False).index)
    fig, ax = plt.subplots(figsize=(13, 7))
    x = events["date"].map(_plot_date)
    y = events["domain"].map({d: i for i, d in enumerate(domains)})
    coop = events["goldstein"] >= 0
    ax.scatter(x[coop], y[coop], s=70, color=COUNTRY_COLORS["RUS"], alpha=0.75, label="cooperation (Goldstein >= 0)")
    ax.scatter(x[~coop], y[~coop], s=70, facecolors="none", edgecolors="#D55E00", linewidths=2,
               label="conflict (Goldstein < 0)")
    for i, p in enumerate(periods):
        if i:
            ax.axvline(pd.Timestamp(f"{p.start}-01-01"), color="#555555", linestyle="--", linewidth=1.2)
        ax.text(pd.Timestamp(f"{p.start}-04-01"), len(domains) - 0.5 + 0.55 * (i % 2), f"{p.start}: {p.label}",
                fontsize=11, va="bottom", color="#333333")
    ax.set_yticks(range(len(domains)), domains)
    ax.set_ylim(-0.7, len(domains) + 0.8)
    ax.set_title("Russia-Iran event record by domain, 1992-2026")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.06), ncol=2)
    return fig


def plot_temperature(table: pd.DataFrame, periods: tuple[Period, ...] = PERIODS):
    """Two panels: events per year by quad class (stacked), and the yearly mean Goldstein."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(13, 8), sharex=True, height_ratios=(3, 2))
    bottom_stack = pd.Series(0, index=table.index)
    for quad in QUADS:
        top.bar(table.index, table[quad], bottom=bottom_stack, color=QUAD_COLORS[quad], label=quad, width=0.8)
        bottom_stack = bottom_stack + table[quad]
    top.set_ylim(0, max(1, table["events"].max()) * 1.2)
    top.set_ylabel("events per year")
    top.set_title("Russia-Iran events per year and their mean Goldstein score")
    top.legend(ncol=2, loc="upper left")
    bottom.axhline(0, color="#333333", linewidth=1)
    bottom.plot(table.index, table["goldstein_mean"], marker="o", color=COUNTRY_COLORS["RUS"])
    bottom.set_ylabel("mean Goldstein")
    bottom.set_ylim(-10, 10)
    for ax in (top, bottom):
        for p in periods[1:]:
            ax.axvline(p.start - 0.5, color="#555555", linestyle="--", linewidth=1.2)
        ax.grid(axis="x", visible=False)
    bottom.set_xlabel("year (gaps: no bilateral event recorded)")
    return fig
