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


#: Treaty steps that count in the temperature: the political acts. Ratification, approval, promulgation,
#: notification and entry into force are procedure and would count one treaty several times.
POLITICAL_TREATY_STEPS: tuple[str, ...] = ("signed", "extended", "invoked")

SET_ASIDE_CONTEXT = "context: not an act between Russia and Iran"
SET_ASIDE_REPORTED = "reported or denied: not confirmed"
SET_ASIDE_PROCEDURE = "procedural step of a treaty already counted at its signing"


def procedural_steps(milestones: pd.DataFrame) -> set[str]:
    """Event ids of the procedural steps of treaties, through ``treaty_milestones.event_id``."""
    linked = milestones.dropna(subset=["event_id"])
    return set(linked.loc[~linked["step"].isin(POLITICAL_TREATY_STEPS), "event_id"])


def temperature_basis(events: pd.DataFrame, milestones: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split the record into the events a Russia-Iran temperature counts and those it sets aside.

    Three rules, applied in this order and stated in the codebook: (1) only events whose ``scope`` is
    ``russia_iran`` (the two states acting on each other) count; events between other parties are context;
    (2) events flagged ``reported`` (denied by a party or unconfirmed) are set aside, never averaged in;
    (3) a treaty counts once, at its signing (or extension): its ratification, approval, promulgation,
    notification and entry into force are procedure. Returns ``(counted, set_aside)``; ``set_aside`` has
    a column ``set aside because`` naming the first rule that applies.
    """
    procedure = procedural_steps(milestones)
    reason = pd.Series(pd.NA, index=events.index, dtype="string")
    reason[events["id"].isin(procedure)] = SET_ASIDE_PROCEDURE
    reason[events["reported"].fillna(False).astype(bool)] = SET_ASIDE_REPORTED
    reason[events["scope"] != "russia_iran"] = SET_ASIDE_CONTEXT
    counted = events[reason.isna()]
    set_aside = events[reason.notna()].assign(**{"set aside because": reason[reason.notna()]})
    return counted, set_aside


def dyad(events: pd.DataFrame, a: str = "RUS", b: str = "IRN") -> pd.DataFrame:
    """Events between ``a`` and ``b``, in either direction."""
    pair = {a, b}
    mask = events.apply(lambda r: {r["actor_1"], r["actor_2"]} == pair, axis=1)
    return events[mask]


def _pair_only(events: pd.DataFrame) -> None:
    """Refuse context events in a Russia-Iran aggregate (a table with a ``scope`` column is checked)."""
    if "scope" in events.columns and (events["scope"] != "russia_iran").any():
        bad = events.loc[events["scope"] != "russia_iran", "id"].tolist()[:5]
        raise ValueError(f"a Russia-Iran aggregate cannot include context events (e.g. {', '.join(bad)}): "
                         "select them with temperature_basis() first")


def yearly(events: pd.DataFrame, first: int | None = None, last: int | None = None) -> pd.DataFrame:
    """Per year: event count, sum and mean Goldstein, counts per quad class, cooperation and conflict.

    ``events`` needs ``year``, ``goldstein`` and ``quad_class`` (see :func:`with_quads`). Years between
    ``first`` and ``last`` with no event appear with count 0 and a missing mean, not a zero mean.
    """
    _pair_only(events)
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
    """Per period: events, mean Goldstein, share of conflict events and of material cooperation.

    Like :func:`yearly`, it refuses context events: pass the events :func:`temperature_basis` counts.
    """
    _pair_only(events)
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
    """Russia-Iran events by domain over time, with the context events drawn apart.

    Events between Russia and Iran (``scope`` ``russia_iran``) are filled dots when cooperative
    (Goldstein 0 or above) and hollow when conflictual; events flagged ``reported`` have a dashed edge.
    Context events between other parties (a US strike on Iran, Russia's war for Assad) are small grey
    diamonds just under their lane, so they never hide a Russia-Iran event: they are neither warmth nor
    conflict between the two, so they carry no Goldstein colour.
    """
    domains = list(events["domain"].value_counts().sort_index(ascending=False).index)
    fig, ax = plt.subplots(figsize=(13, 7))
    x = events["date"].map(_plot_date)
    y = events["domain"].map({d: i for i, d in enumerate(domains)})
    pair = events["scope"] == "russia_iran"
    reported = events["reported"].fillna(False).astype(bool)
    coop = events["goldstein"] >= 0
    ax.scatter(x[~pair], y[~pair] - 0.3, s=40, marker="D", color="#999999", alpha=0.85,
               label="context: other pairs, drawn under the lane (no Goldstein colour)")
    cooperation = pair & coop & ~reported
    ax.scatter(x[cooperation], y[cooperation], s=70, color=COUNTRY_COLORS["RUS"], alpha=0.75,
               label="Russia-Iran cooperation (Goldstein >= 0)")
    conflict = pair & ~coop & ~reported
    ax.scatter(x[conflict], y[conflict], s=70, facecolors="none", edgecolors="#D55E00", linewidths=2,
               label="Russia-Iran conflict (Goldstein < 0)")
    ax.scatter(x[pair & reported], y[pair & reported], s=70, facecolors="none", edgecolors="#333333",
               linewidths=1.5, linestyle="--", label="reported or denied (set aside)")
    for i, p in enumerate(periods):
        if i:
            ax.axvline(pd.Timestamp(f"{p.start}-01-01"), color="#555555", linestyle="--", linewidth=1.2)
        ax.text(pd.Timestamp(f"{p.start}-04-01"), len(domains) - 0.5 + 0.55 * (i % 2), f"{p.start}: {p.label}",
                fontsize=11, va="bottom", color="#333333")
    ax.set_yticks(range(len(domains)), domains)
    ax.set_ylim(-0.7, len(domains) + 0.8)
    first, last = events["date"].min(), events["date"].max()
    ax.set_title(f"Russia-Iran events by domain, with context events in grey ({first[:4]} to {last})")
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left", bbox_to_anchor=(0, -0.06), ncol=2)
    return fig


def plot_temperature(table: pd.DataFrame, periods: tuple[Period, ...] = PERIODS, partial_from: str | None = None):
    """Two panels: events per year by quad class (stacked), and the yearly mean Goldstein with its count.

    Each mean is drawn with a marker whose area grows with the number of events behind it and the count
    written beside it, so a mean of one event does not look like a mean of twenty-seven. ``partial_from``
    (an ISO date) marks the last year as partial: the record stops at that date.
    """
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(13, 8.5), sharex=True, height_ratios=(3, 2))
    bottom_stack = pd.Series(0, index=table.index)
    for quad in QUADS:
        top.bar(table.index, table[quad], bottom=bottom_stack, color=QUAD_COLORS[quad], label=quad, width=0.8)
        bottom_stack = bottom_stack + table[quad]
    top.set_ylim(0, max(1, table["events"].max()) * 1.25)
    top.set_ylabel("events per year")
    top.set_title("Russia-Iran events per year and their mean Goldstein score")
    top.legend(ncol=2, loc="upper left")
    bottom.axhline(0, color="#333333", linewidth=1)
    bottom.plot(table.index, table["goldstein_mean"], color=COUNTRY_COLORS["RUS"], linewidth=1.5, alpha=0.6)
    counts = table["events"].astype(float)
    bottom.scatter(table.index, table["goldstein_mean"], s=12 + 14 * counts, color=COUNTRY_COLORS["RUS"], zorder=3)
    for year, mean, n in zip(table.index, table["goldstein_mean"], table["events"]):
        if pd.notna(mean):
            bottom.annotate(f"{int(n)}", (year, mean), textcoords="offset points", xytext=(0, 9), ha="center",
                            fontsize=9, color="#333333")
    bottom.set_ylabel("mean Goldstein")
    bottom.set_ylim(-10, 10)
    for ax in (top, bottom):
        for p in periods[1:]:
            ax.axvline(p.start - 0.5, color="#555555", linestyle="--", linewidth=1.2)
        ax.grid(axis="x", visible=False)
    if partial_from is not None:
        last = int(table.index.max())
        for ax in (top, bottom):
            ax.axvspan(last - 0.5, last + 0.5, color="#DDDDDD", alpha=0.6, zorder=0)
        top.text(last, top.get_ylim()[1] * 0.97, f"partial:\nto {partial_from}", ha="center", va="top", fontsize=9)
    bottom.set_xlabel("year (numbers: events behind each mean; gaps: no event counted)")
    return fig
