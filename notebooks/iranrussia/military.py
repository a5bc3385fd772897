"""Arms and drones: the Russia-Iran arms-transfer register and the monthly drone counts.

Every function takes the tables as arguments (no loading here), so the tests can feed
small hand-made fixtures. Counts are never extrapolated: a month or year without a
figure stays missing, and the range between counters is kept, not averaged away.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from .core import COUNTRY_COLORS

#: Deal statuses, from firmest to weakest, then the deals that did not happen.
STATUSES: tuple[str, ...] = ("delivered", "in_delivery", "ordered", "reported_only", "denied", "cancelled_or_banned")
#: The two directions of the register, in display order.
DIRECTIONS: tuple[str, ...] = ("RUS→IRN", "IRN→RUS")
#: Order periods used by :func:`deals_by_period` unless others are given.
DEFAULT_BINS: tuple[tuple[int, int], ...] = ((1989, 1999), (2000, 2009), (2010, 2021), (2022, 2026))
#: Statuses drawn hatched (a bar) or hollow (a marker): not a confirmed delivery.
UNCONFIRMED: tuple[str, ...] = ("reported_only", "denied", "ordered")
DEPENDENCY_NOTE = ("The register holds only Russia-Iran deals, so a recipient's share from one supplier is "
                   "1 by construction; the measure means something only when the register also holds the "
                   "recipient's deals with other suppliers.")


def direction(arms: pd.DataFrame) -> pd.Series:
    """The direction of each deal, ``supplier→recipient`` (e.g. "RUS→IRN", "IRN→RUS")."""
    return (arms["supplier"].astype(str) + "→" + arms["recipient"].astype(str)).rename("direction")


def _check_statuses(arms: pd.DataFrame) -> None:
    """Raise on a status outside :data:`STATUSES` (a typo would otherwise vanish from the counts)."""
    unknown = sorted(set(arms["status"].dropna()) - set(STATUSES))
    if unknown:
        raise ValueError(f"unknown deal status {unknown}; expected one of {STATUSES}")


def _directions(arms: pd.DataFrame) -> list[str]:
    """The two register directions first, then any other direction present, sorted."""
    present = set(direction(arms))
    return list(DIRECTIONS) + sorted(present - set(DIRECTIONS))


def register_summary(arms: pd.DataFrame) -> pd.DataFrame:
    """Number of deals by direction (rows) and status (columns, in :data:`STATUSES` order, zeros kept)."""
    _check_statuses(arms)
    table = pd.crosstab(direction(arms), arms["status"])
    table = table.reindex(index=_directions(arms), columns=list(STATUSES), fill_value=0).astype(int)
    table.index.name, table.columns.name = "direction", "status"
    return table


def _period_labels(years: pd.Series, bins: tuple[tuple[int, int], ...]) -> pd.Series:
    """The ``"start-end"`` label of the bin holding each year; missing when none does."""
    spans = sorted(bins)
    for (_, end), (start, _) in zip(spans, spans[1:]):
        if start <= end:
            raise ValueError(f"periods {spans} overlap")
    labels = pd.Series(pd.NA, index=years.index, dtype="string")
    for start, end in bins:
        inside = years.notna() & (years >= start) & (years <= end)
        labels[inside.fillna(False).astype(bool)] = f"{start}-{end}"
    return labels


def deals_by_period(arms: pd.DataFrame,
                    bins: tuple[tuple[int, int], ...] = DEFAULT_BINS) -> pd.DataFrame:
    """Deals by direction and order period (rows) and category (columns), zeros kept.

    The period is the bin ``(first, last)`` holding the deal's ``order_year``. Deals
    with no order year or one outside every bin are counted in a period "unknown",
    which appears only when there are such deals. A ``total`` column sums the row.
    """
    periods = _period_labels(arms["order_year"], bins)
    labels = [f"{s}-{e}" for s, e in bins]
    if periods.isna().any():
        labels.append("unknown")
    periods = periods.fillna("unknown")
    categories = sorted(set(arms["category"].dropna()))
    index = pd.MultiIndex.from_product([_directions(arms), labels], names=["direction", "period"])
    table = pd.crosstab([direction(arms), periods.rename("period")], arms["category"])
    table = table.reindex(index=index, columns=categories, fill_value=0).astype(int)
    table.columns.name = "category"
    table["total"] = table.sum(axis=1)
    return table


def dependency(arms: pd.DataFrame, recipient: str, supplier: str,
               periods: tuple[tuple[int, int], ...] = DEFAULT_BINS) -> pd.DataFrame:
    """Share of ``recipient``'s recorded deals that come from ``supplier``, per order period.

    Two measures: ``deal_share`` (rows of the register) and ``unit_share`` (units
    delivered, over the deals that give a ``number_delivered``; ``units_known`` says how
    many deals that is). A share is missing when its denominator is 0. ``suppliers``
    counts the distinct suppliers of the recipient in the period and ``note`` warns
    where there is only one: then the share is 1 by construction and says nothing
    about dependency. The general caveat is in ``table.attrs["note"]``.
    """
    deals = arms[arms["recipient"] == recipient]
    labels = _period_labels(deals["order_year"], periods)
    rows = []
    for start, end in periods:
        part = deals[(labels == f"{start}-{end}").fillna(False).astype(bool)]
        own = part["supplier"] == supplier
        known = part["number_delivered"].notna()
        units_all = int(part.loc[known, "number_delivered"].sum())
        units_own = int(part.loc[known & own, "number_delivered"].sum())
        n_suppliers = part["supplier"].nunique()
        rows.append({
            "period": f"{start}-{end}",
            "deals": len(part), "deals_from_supplier": int(own.sum()),
            "deal_share": own.sum() / len(part) if len(part) else np.nan,
            "units_known": int(known.sum()), "units": units_all, "units_from_supplier": units_own,
            "unit_share": units_own / units_all if units_all else np.nan,
            "suppliers": n_suppliers,
            "note": "one supplier in the register: share is not a dependency measure" if n_suppliers <= 1 else "",
        })
    table = pd.DataFrame(rows).set_index("period")
    table.attrs["note"] = DEPENDENCY_NOTE
    return table


def _month_range(first: str, last: str) -> list[str]:
    """Every month from ``first`` to ``last`` ("YYYY-MM"), both included."""
    return [str(p) for p in pd.period_range(first, last, freq="M")]


def monthly(drones: pd.DataFrame, series: str = "launched", drone_type: str | None = None,
            skip_cumulative: bool = True) -> pd.DataFrame:
    """One row per month for ``series``, from the month-precision rows only.

    Per month: ``low`` = the smallest of the reported values and stated lows,
    ``high`` = the largest of the reported values and stated highs, ``central`` = the
    median of the reported values, ``n_counters`` and ``counters`` (sorted,
    comma-joined), and ``drone_types`` (which types the figures cover). Every month
    from the first to the last with a figure is present; a month without one has
    missing values and 0 counters, so gaps stay visible. Pass ``drone_type`` to keep
    one type only (otherwise ``drone_types`` shows where types are mixed). Year- and
    day-precision rows are left out (a year total is not a monthly figure), and so,
    with ``skip_cumulative``, are month rows whose ``unit`` says "cumulative" (a running
    total dated to a month is not that month's count).
    """
    rows = drones[(drones["series"] == series) & (drones["period_precision"] == "month")]
    if skip_cumulative and "unit" in rows.columns:
        rows = rows[~rows["unit"].fillna("").astype(str).str.contains("cumulative", case=False)]
    if drone_type is not None:
        rows = rows[rows["drone_type"] == drone_type]
    values = rows[["value", "value_low", "value_high"]].astype(float)
    has_figure = values.notna().any(axis=1)
    rows, values = rows[has_figure], values[has_figure]
    columns = ["low", "high", "central", "n_counters", "counters", "drone_types"]
    if rows.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="month", dtype="str"))
    frame = pd.DataFrame({
        "month": rows["period"].astype(str).str[:7].to_numpy(),
        "value": values["value"].to_numpy(),
        "low": np.fmin(values["value"], values["value_low"]).to_numpy(),
        "high": np.fmax(values["value"], values["value_high"]).to_numpy(),
        "counter": rows["counter"].astype(str).to_numpy(),
        "drone_type": rows["drone_type"].astype(str).to_numpy(),
    })
    grouped = frame.groupby("month", sort=True)
    table = pd.DataFrame({
        "low": grouped["low"].min(),
        "high": grouped["high"].max(),
        "central": grouped["value"].median(),
        "n_counters": grouped["counter"].nunique(),
        "counters": grouped["counter"].agg(lambda s: ", ".join(sorted(set(s)))),
        "drone_types": grouped["drone_type"].agg(lambda s: ", ".join(sorted(set(s)))),
    })
    months = _month_range(table.index.min(), table.index.max())
    table = table.reindex(months)
    table.index.name = "month"
    for col in ("low", "high", "central"):
        table[col] = table[col].astype("Float64")
    table["n_counters"] = table["n_counters"].fillna(0).astype("Int64")
    table[["counters", "drone_types"]] = table[["counters", "drone_types"]].fillna("")
    table.attrs["series"] = series
    return table


def largest_gap(monthly_table: pd.DataFrame) -> tuple[str, float, float]:
    """The month where the counters disagree most: ``(month, low, high)`` with the largest ``high - low``.

    Months without figures are skipped; a tie goes to the earliest month.
    """
    spread = (monthly_table["high"].astype(float) - monthly_table["low"].astype(float)).dropna()
    if spread.empty:
        raise ValueError("no month has both a low and a high figure")
    month = spread.idxmax()
    return str(month), float(monthly_table.at[month, "low"]), float(monthly_table.at[month, "high"])


def yearly_totals(monthly_table: pd.DataFrame) -> pd.DataFrame:
    """Per calendar year: sums of the monthly ``low`` and ``high`` over the months that have figures.

    ``months_covered`` counts those months and ``complete`` is True only for all 12:
    a partial year is a partial sum, flagged, never scaled up to twelve months. A
    year whose months all lack figures has missing sums.
    """
    covered = monthly_table["low"].notna() & monthly_table["high"].notna()
    frame = pd.DataFrame({
        "year": [int(str(m)[:4]) for m in monthly_table.index],
        "low": monthly_table["low"].astype(float).where(covered).to_numpy(),
        "high": monthly_table["high"].astype(float).where(covered).to_numpy(),
        "covered": covered.to_numpy(),
    })
    grouped = frame.groupby("year", sort=True)
    table = pd.DataFrame({
        "low": grouped["low"].sum(min_count=1),
        "high": grouped["high"].sum(min_count=1),
        "months_covered": grouped["covered"].sum().astype(int),
    })
    table["complete"] = table["months_covered"] == 12
    return table


def _year(value: object) -> float | None:
    """The year of a delivery or order field: an integer year or a partial ISO date ("2022-08"); None if missing."""
    if value is None or pd.isna(value):
        return None
    return float(str(value).strip()[:4])


def _short(label: str, width: int = 42) -> str:
    """A y-axis label cut to ``width`` characters, so long designations do not squeeze the plot."""
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _deal_color(supplier: str) -> str:
    """The supplier's colour, grey for a supplier without one."""
    return COUNTRY_COLORS.get(supplier, "#777777")


def plot_register(arms: pd.DataFrame) -> Figure:
    """Timeline of the register: one row per deal, grouped by direction and sorted by order year.

    A deal without an order year is placed by its first delivery year, and one with
    neither comes last in its group.

    A bar runs from the first to the last delivery year (a year or a partial ISO date,
    drawn as whole years); a deal with no delivery years is a marker at its order year,
    and a deal with neither says "no year known". Colour shows the direction (the supplier's
    colour); hatched bars and hollow markers are deals not confirmed as delivered
    (ordered, reported only, denied); an X marks a deal cancelled or banned. Labels
    longer than 42 characters are cut with an ellipsis.
    """
    _check_statuses(arms)
    deals = arms.assign(_direction=direction(arms))
    order = {d: i for i, d in enumerate(_directions(arms))}
    sort_year = [o if o is not None else d for o, d in
                 zip(map(_year, arms["order_year"]), map(_year, arms["delivery_first"]))]
    deals = deals.assign(_group=deals["_direction"].map(order),
                         _sort_year=pd.array(sort_year, dtype="Float64"))
    deals = deals.sort_values(["_group", "_sort_year", "id"], kind="stable", na_position="last")
    n = len(deals)
    fig, ax = plt.subplots(figsize=(13, max(10.0, 0.3 * n + 2)))
    for y, (_, deal) in enumerate(deals.iterrows()):
        color = _deal_color(str(deal["supplier"]))
        first, last = _year(deal["delivery_first"]), _year(deal["delivery_last"])
        first = first if first is not None else last  # only a last delivery year: a one-year bar
        last = last if last is not None else first
        ordered = _year(deal["order_year"])
        status = deal["status"]
        hollow = status in UNCONFIRMED
        if first is not None:
            ax.barh(y, last + 1 - first, left=first, height=0.6,
                    color="white" if hollow else color, edgecolor=color, linewidth=1.5,
                    hatch="///" if hollow else None)
        elif ordered is not None and status != "cancelled_or_banned":
            ax.plot(ordered + 0.5, y, marker="o", markersize=9, color=color,
                    markerfacecolor="white" if hollow else color, markeredgewidth=2, linestyle="none")
        if status == "cancelled_or_banned":
            x = ordered if ordered is not None else first
            if x is not None:
                ax.plot(x + 0.5, y, marker="X", markersize=11, color=color, linestyle="none")
        if first is None and ordered is None:
            ax.text(0.01, y, "no year known", transform=ax.get_yaxis_transform(), va="center",
                    fontsize=11, color="#555555")
    ax.set_yticks(range(n), [_short(str(d)) for d in deals["designation"]], fontsize=11)
    ax.set_ylim(n - 0.5, -0.5)
    groups = deals["_direction"].tolist()
    for y in range(1, n):
        if groups[y] != groups[y - 1]:
            ax.axhline(y - 0.5, color="#555555", linewidth=1, linestyle="--")
    ax.tick_params(axis="x", labelsize=12)
    ax.set_xlabel("year (bar: delivery years; marker: order year)", fontsize=13)
    ax.set_title("Russia-Iran arms-transfer register", fontsize=16)
    ax.grid(axis="y", visible=False)
    handles = [Patch(facecolor=_deal_color(d.split("→")[0]), label=f"{d} delivered or in delivery")
               for d in _directions(arms) if d in set(groups)]
    handles += [
        Patch(facecolor="white", edgecolor="#333333", hatch="///", label="delivery years, not confirmed"),
        Line2D([], [], marker="o", color="#333333", linestyle="none", markersize=9,
               label="order year (delivered, years not known)"),
        Line2D([], [], marker="o", color="#333333", markerfacecolor="white", markeredgewidth=2,
               linestyle="none", markersize=9, label="ordered, reported only or denied (no delivery)"),
        Line2D([], [], marker="X", color="#333333", linestyle="none", markersize=11, label="cancelled or banned"),
    ]
    fig.legend(handles=handles, loc="lower center", ncol=2, fontsize=11)
    fig.tight_layout(rect=(0, 0.1 * 10 / fig.get_size_inches()[1], 1, 1))
    return fig


def plot_drones(monthly_table: pd.DataFrame, ylabel: str = "drones launched per month") -> Figure:
    """Bars of the central monthly figure with a whisker from low to high; months without a figure stay empty."""
    months = pd.PeriodIndex([str(m) for m in monthly_table.index], freq="M")
    x = months.to_timestamp() + pd.Timedelta(days=14)
    central = monthly_table["central"].astype(float).to_numpy()
    low = monthly_table["low"].astype(float).to_numpy()
    high = monthly_table["high"].astype(float).to_numpy()
    fig, ax = plt.subplots(figsize=(13, 6))
    has_bar = ~np.isnan(central)
    ax.bar(x[has_bar], central[has_bar], width=24, color=COUNTRY_COLORS["IRN"], label="central figure (median)")
    has_range = ~np.isnan(low) & ~np.isnan(high)
    ax.vlines(x[has_range], low[has_range], high[has_range], color="#333333", linewidth=2,
              label="range of counters (low-high)")
    ax.set_ylabel(ylabel)
    ax.set_xlabel("month (empty: no figure)")
    ax.set_ylim(bottom=0)
    ax.grid(axis="x", visible=False)
    ax.legend(loc="upper left")
    return fig


__all__ = [
    "DEFAULT_BINS", "DIRECTIONS", "STATUSES", "deals_by_period", "dependency", "direction", "largest_gap",
    "monthly", "plot_drones", "plot_register", "register_summary", "yearly_totals",
]
