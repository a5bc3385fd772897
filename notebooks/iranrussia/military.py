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
#: Hatch of a delivery bar by status: solid for delivered, a distinct pattern for each unconfirmed status.
STATUS_HATCH: dict[str, str | None] = {"delivered": None, "in_delivery": "..", "ordered": "---",
                                       "reported_only": "///", "denied": "xxx", "cancelled_or_banned": None}
#: The register's category for a Russian launch of an Iranian-built satellite: a service, not an arms deal.
LAUNCH_SERVICE = "launch_service"
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


def arms_deals(arms: pd.DataFrame) -> pd.DataFrame:
    """The register without its launch services (category :data:`LAUNCH_SERVICE`): the arms deals proper.

    :func:`register_summary`, :func:`deals_by_period`, :func:`dependency` and
    :func:`plot_register` count and draw these rows only.
    """
    return arms[arms["category"] != LAUNCH_SERVICE]


def launch_services(arms: pd.DataFrame) -> pd.DataFrame:
    """The register's launch services: Russian launches of Iranian-built satellites, kept apart from the arms deals."""
    return arms[arms["category"] == LAUNCH_SERVICE]


def _directions(arms: pd.DataFrame) -> list[str]:
    """The two register directions first, then any other direction present, sorted."""
    present = set(direction(arms))
    return list(DIRECTIONS) + sorted(present - set(DIRECTIONS))


def register_summary(arms: pd.DataFrame) -> pd.DataFrame:
    """Number of arms deals by direction (rows) and status (columns, in :data:`STATUSES` order, zeros kept).

    Launch services are left out (:func:`arms_deals`).
    """
    _check_statuses(arms)
    arms = arms_deals(arms)
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
    Launch services are left out (:func:`arms_deals`).
    """
    arms = arms_deals(arms)
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
    about dependency. The general caveat is in ``table.attrs["note"]``. Launch services
    are left out (:func:`arms_deals`).
    """
    arms = arms_deals(arms)
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


#: The ``drone_type`` a month's figure is taken from when a month has several, broadest first: an unsplit
#: total (the basis of most months from mid-2024), then a total said to include decoys, then the Shahed-type
#: subset, then decoys alone. A subset is never set against its total.
TYPE_PREFERENCE: tuple[str, ...] = ("all_long_range_drones", "incl_decoys", "shahed_geran", "decoy")
#: Confidence levels, firmest first.
CONFIDENCE_ORDER: tuple[str, ...] = ("high", "medium", "low")


def _is_lower_bound(unit: pd.Series) -> pd.Series:
    """True where the unit says the figure is a lower bound ("lower bound", "over", "at least")."""
    return unit.fillna("").astype(str).str.contains("lower bound", case=False)


def monthly(drones: pd.DataFrame, series: str = "launched", drone_type: str | None = None,
            skip_cumulative: bool = True, skip_outliers: bool = True) -> pd.DataFrame:
    """One row per month for ``series``, from the month-precision rows, comparing like with like.

    Within a month only rows of one ``drone_type`` are compared: the type given, or
    else the first of :data:`TYPE_PREFERENCE` that the month has (so a Shahed-only
    subset is used only where no total is sourced, and never as the low end of a
    total). Per month: ``low`` and ``high`` = the smallest and largest of those rows'
    values (a row without a value counts with its own ``value_low``/``value_high``; the
    month-wide ``value_low``/``value_high`` of a row with a value are not used, because
    they span every type of the month), ``central`` = the median of the values,
    ``n_counters``, ``counters`` (sorted, comma-joined), ``drone_type`` (the type
    compared), ``set_aside`` (other types the month has, left out), ``lower_bound`` (True
    when every figure used is a lower bound) and ``confidence`` (the best confidence
    among the rows used). Every month from the first to the last with a figure is
    present; a month without one has missing values and 0 counters, so gaps stay
    visible. Year- and day-precision rows are left out (a year total is not a monthly
    figure); so, with ``skip_cumulative``, are month rows whose ``unit`` says
    "cumulative", and, with ``skip_outliers``, rows flagged ``outlier``.
    """
    rows = drones[(drones["series"] == series) & (drones["period_precision"] == "month")]
    if skip_cumulative and "unit" in rows.columns:
        rows = rows[~rows["unit"].fillna("").astype(str).str.contains("cumulative", case=False)]
    if skip_outliers and "outlier" in rows.columns:
        rows = rows[~rows["outlier"].fillna(False).astype(bool)]
    values = rows[["value", "value_low", "value_high"]].astype(float)
    has_figure = values.notna().any(axis=1)
    rows, values = rows[has_figure], values[has_figure]
    rows = rows.assign(_month=rows["period"].astype(str).str[:7])
    all_types = rows.groupby("_month")["drone_type"].agg(lambda s: set(s.astype(str)))
    if drone_type is not None:
        keep = rows["drone_type"] == drone_type
    else:
        rank = {t: i for i, t in enumerate(TYPE_PREFERENCE)}
        type_rank = rows["drone_type"].map(rank).fillna(len(rank))
        keep = type_rank == type_rank.groupby(rows["_month"]).transform("min")
    rows, values = rows[keep], values[keep]
    columns = ["low", "high", "central", "n_counters", "counters", "drone_type", "set_aside", "lower_bound",
               "confidence"]
    if rows.empty:
        return pd.DataFrame(columns=columns, index=pd.Index([], name="month", dtype="str"))
    own = values["value"].notna()
    frame = pd.DataFrame({
        "month": rows["_month"].to_numpy(),
        "value": values["value"].to_numpy(),
        "low": values["value"].where(own, values["value_low"]).to_numpy(),
        "high": values["value"].where(own, values["value_high"]).to_numpy(),
        "counter": rows["counter"].astype(str).to_numpy(),
        "drone_type": rows["drone_type"].astype(str).to_numpy(),
        "lower_bound": _is_lower_bound(rows["unit"]).to_numpy(),
        "confidence": rows["confidence"].map({c: i for i, c in enumerate(CONFIDENCE_ORDER)}).to_numpy(),
    })
    grouped = frame.groupby("month", sort=True)
    table = pd.DataFrame({
        "low": grouped["low"].min(),
        "high": grouped["high"].max(),
        "central": grouped["value"].median(),
        "n_counters": grouped["counter"].nunique(),
        "counters": grouped["counter"].agg(lambda s: ", ".join(sorted(set(s)))),
        "drone_type": grouped["drone_type"].agg(lambda s: ", ".join(sorted(set(s)))),
        "lower_bound": grouped["lower_bound"].all(),
        "confidence": grouped["confidence"].min().map(dict(enumerate(CONFIDENCE_ORDER))),
    })
    table["set_aside"] = [", ".join(sorted(all_types[m] - set(t.split(", ")))) for m, t in table["drone_type"].items()]
    months = _month_range(table.index.min(), table.index.max())
    table = table[columns].reindex(months)
    table.index.name = "month"
    for col in ("low", "high", "central"):
        table[col] = table[col].astype("Float64")
    table["n_counters"] = table["n_counters"].fillna(0).astype("Int64")
    table["lower_bound"] = table["lower_bound"].astype("boolean")
    table[["counters", "drone_type", "set_aside", "confidence"]] = (
        table[["counters", "drone_type", "set_aside", "confidence"]].fillna(""))
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
    year whose months all lack figures has missing sums. ``drone_types`` lists the
    types the summed months count (more than one: the sum adds months counted on
    different bases) and ``lower_bound_months`` the months whose figure is a floor.
    """
    covered = monthly_table["low"].notna() & monthly_table["high"].notna()
    types = monthly_table["drone_type"] if "drone_type" in monthly_table else pd.Series("", index=monthly_table.index)
    bounds = (monthly_table["lower_bound"].fillna(False).astype(bool) if "lower_bound" in monthly_table
              else pd.Series(False, index=monthly_table.index))
    frame = pd.DataFrame({
        "year": [int(str(m)[:4]) for m in monthly_table.index],
        "low": monthly_table["low"].astype(float).where(covered).to_numpy(),
        "high": monthly_table["high"].astype(float).where(covered).to_numpy(),
        "covered": covered.to_numpy(),
        "type": types.where(covered, "").to_numpy(),
        "bound": (bounds & covered).to_numpy(),
    })
    grouped = frame.groupby("year", sort=True)
    table = pd.DataFrame({
        "low": grouped["low"].sum(min_count=1),
        "high": grouped["high"].sum(min_count=1),
        "months_covered": grouped["covered"].sum().astype(int),
    })
    table["complete"] = table["months_covered"] == 12
    table["lower_bound_months"] = grouped["bound"].sum().astype(int)
    table["drone_types"] = grouped["type"].agg(lambda s: ", ".join(sorted({t for t in s if t})))
    return table


#: Kinds of production figure, told apart by the words of their ``unit`` (first match wins).
PRODUCTION_KINDS: tuple[tuple[str, str], ...] = (
    ("ratio", "multiple"),
    ("plan or target", "plan|target|projected"),
    ("rate or capacity", "per day|per month|per year"),
)


def production_kinds(drones: pd.DataFrame) -> pd.DataFrame:
    """The ``production`` rows with a ``kind`` column, sorted by kind, then period.

    Kinds, from the ``unit``: "ratio" (a multiple of a plan), "plan or target" (planned,
    target, projected), "rate or capacity" (a figure per day, month or year) and
    otherwise "output to date" (drones assembled, produced or delivered). The kinds
    are different quantities and are never compared with one another.
    """
    rows = drones[drones["series"] == "production"]
    unit = rows["unit"].fillna("").astype(str)
    kind = pd.Series("output to date", index=rows.index)
    for name, pattern in reversed(PRODUCTION_KINDS):
        kind[unit.str.contains(pattern, case=False)] = name
    order = {k: i for i, k in enumerate([k for k, _ in PRODUCTION_KINDS] + ["output to date"])}
    rows = rows.assign(kind=kind)
    rows = rows.assign(_order=rows["kind"].map(order), _period=rows["period"].astype(str))
    return rows.sort_values(["_order", "_period"], kind="stable").drop(columns=["_order", "_period"])


def mentions(table: pd.DataFrame, pattern: str, columns: tuple[str, ...]) -> pd.DataFrame:
    """Rows of ``table`` where any of ``columns`` matches the regular expression ``pattern`` (case-insensitive).

    A search that finds nothing returns an empty table: the search and its result can both be printed.
    """
    hit = pd.Series(False, index=table.index)
    for col in columns:
        hit |= table[col].fillna("").astype(str).str.contains(pattern, case=False, regex=True)
    return table[hit]


def exercise_summary(exercises: pd.DataFrame) -> dict[str, int]:
    """Counts behind the prose on exercises: port calls are not exercises, and the Army Games are contests.

    ``exercises`` (rows that are not port calls), ``naval`` (of those, naval exercises),
    ``naval_with_china`` (naval exercises with CHN among the participants),
    ``multinational`` and, of those, ``army_games`` (rows named "Army Games").
    """
    drills = exercises[exercises["kind"] != "port_call"]
    naval = drills[drills["kind"] == "naval_exercise"]
    multi = drills[drills["kind"] == "multinational_exercise"]
    return {
        "exercises": len(drills), "port_calls": int((exercises["kind"] == "port_call").sum()),
        "naval": len(naval),
        "naval_with_china": int(naval["participants"].astype(str).str.split(";").map(lambda p: "CHN" in p).sum()),
        "multinational": len(multi),
        "army_games": int(multi["name"].astype(str).str.contains("Army Games").sum()),
    }


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


def _register_order(arms: pd.DataFrame) -> pd.DataFrame:
    """The arms deals grouped by direction and sorted by order year (else first delivery year), then id."""
    deals = arms_deals(arms)
    deals = deals.assign(_direction=direction(deals))
    order = {d: i for i, d in enumerate(_directions(deals))}
    sort_year = [o if o is not None else d for o, d in
                 zip(map(_year, deals["order_year"]), map(_year, deals["delivery_first"]))]
    deals = deals.assign(_group=deals["_direction"].map(order),
                         _sort_year=pd.array(sort_year, dtype="Float64"))
    return deals.sort_values(["_group", "_sort_year", "id"], kind="stable", na_position="last")


REGISTER_COLUMNS = ["id", "designation", "order_year", "delivery_first", "delivery_last", "status", "confidence"]


def register_table(arms: pd.DataFrame) -> pd.DataFrame:
    """The rows behind :func:`plot_register`, top to bottom, with the columns it draws."""
    deals = _register_order(arms)
    return deals.assign(direction=deals["_direction"])[["direction"] + REGISTER_COLUMNS].set_index("id")


def plot_register(arms: pd.DataFrame) -> Figure:
    """Timeline of the arms deals: one row per deal, grouped by direction and sorted by order year.

    Launch services are left out (:func:`arms_deals`). A deal without an order year is
    placed by its first delivery year, and one with neither comes last in its group.

    A bar runs from the first to the last delivery year (a year or a partial ISO date,
    drawn as whole years); a deal with no delivery years is a marker at its order year,
    and a deal with neither says "no year known". Colour shows the direction (the supplier's
    colour). The status has its own mark: a solid bar for delivered, dots for in delivery,
    and on a white bar dashes for ordered, slashes for reported only and crosses for
    denied (:data:`STATUS_HATCH`); a marker is filled for a delivered or in-delivery deal
    and hollow otherwise; an X marks a deal cancelled or banned. The right-hand axis names
    every row's status and confidence. Labels longer than 42 characters are cut with an
    ellipsis.
    """
    _check_statuses(arms)
    deals = _register_order(arms)
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
                    color="white" if hollow else color, edgecolor="white" if status == "in_delivery" else color,
                    linewidth=1.5, hatch=STATUS_HATCH.get(status))
        elif ordered is not None and status != "cancelled_or_banned":
            ax.plot(ordered + 0.5, y, marker="o", markersize=9, color=color,
                    markerfacecolor="white" if hollow else color, markeredgewidth=2, linestyle="none")
        if status == "cancelled_or_banned":
            x = ordered if ordered is not None else first
            if x is not None:
                ax.plot(x + 0.5, y, marker="X", markersize=11, color=color, linestyle="none")
        if first is None and ordered is None:
            ax.text(0.01, y, "no year known", transform=ax.get_yaxis_transform(), va="center",
                    fontsize=11, color=color)
    ax.set_yticks(range(n), [_short(str(d)) for d in deals["designation"]], fontsize=11)
    ax.set_ylim(n - 0.5, -0.5)
    right = ax.twinx()
    right.set_ylim(n - 0.5, -0.5)
    right.set_yticks(range(n), [f"{s.replace('_', ' ')}, {c}" for s, c in zip(deals["status"], deals["confidence"])],
                     fontsize=11)
    right.grid(False)
    groups = deals["_direction"].tolist()
    for y in range(1, n):
        if groups[y] != groups[y - 1]:
            ax.axhline(y - 0.5, color="#555555", linewidth=1, linestyle="--")
    ax.tick_params(axis="x", labelsize=12)
    ax.set_xlabel("year (bar: delivery years; marker: order year)", fontsize=13)
    ax.set_title("Russia-Iran arms-transfer register (arms deals; right: status, confidence)", fontsize=16)
    ax.grid(axis="y", visible=False)
    handles = [Patch(facecolor=_deal_color(d.split("→")[0]), label=f"{d} delivered")
               for d in _directions(deals) if d in set(groups)]
    handles += [
        Patch(facecolor="#333333", edgecolor="white", hatch=STATUS_HATCH["in_delivery"], label="in delivery"),
        *[Patch(facecolor="white", edgecolor="#333333", hatch=STATUS_HATCH[s], label=s.replace("_", " "))
          for s in ("ordered", "reported_only", "denied")],
        Line2D([], [], marker="o", color="#333333", linestyle="none", markersize=9,
               label="order year, delivered or in delivery (no delivery year)"),
        Line2D([], [], marker="o", color="#333333", markerfacecolor="white", markeredgewidth=2,
               linestyle="none", markersize=9, label="order year, not delivered (ordered, reported only, denied)"),
        Line2D([], [], marker="X", color="#333333", linestyle="none", markersize=11, label="cancelled or banned"),
    ]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0), bbox_transform=fig.transFigure, ncol=3,
               fontsize=11)
    fig.tight_layout(rect=(0, 0.12 * 10 / fig.get_size_inches()[1], 1, 1))
    return fig


#: Bar colours by ``drone_type`` (Okabe-Ito palette, readable with colour-vision deficiency).
TYPE_COLORS: dict[str, str] = {"all_long_range_drones": "#0072B2", "incl_decoys": "#CC79A7",
                               "shahed_geran": "#E69F00", "decoy": "#999999"}
TYPE_LABELS: dict[str, str] = {"all_long_range_drones": "all long-range drones (no type split)",
                               "incl_decoys": "total said to include decoys",
                               "shahed_geran": "Shahed/Geran-type only", "decoy": "decoys only"}


def plot_drones(monthly_table: pd.DataFrame, ylabel: str = "drones launched per month") -> Figure:
    """Bars of the central monthly figure with a whisker from low to high; months without a figure stay empty.

    The bar's colour is the month's ``drone_type`` (:data:`TYPE_COLORS`); a month whose
    best source is of ``low`` confidence is hatched and pale; a month whose figures are all
    lower bounds carries a "▲" above its bar (the true figure may be higher).
    """
    months = pd.PeriodIndex([str(m) for m in monthly_table.index], freq="M")
    x = months.to_timestamp() + pd.Timedelta(days=14)
    central = monthly_table["central"].astype(float).to_numpy()
    low = monthly_table["low"].astype(float).to_numpy()
    high = monthly_table["high"].astype(float).to_numpy()
    types = monthly_table["drone_type"].astype(str).to_numpy()
    weak = (monthly_table["confidence"].astype(str) == "low").to_numpy()
    floor = monthly_table["lower_bound"].fillna(False).astype(bool).to_numpy()
    fig, ax = plt.subplots(figsize=(13, 6))
    has_bar = ~np.isnan(central)
    shown = [t for t in TYPE_PREFERENCE if t in set(types[has_bar])]
    for t in shown:
        for is_weak in (False, True):
            sel = has_bar & (types == t) & (weak == is_weak)
            if sel.any():
                ax.bar(x[sel], central[sel], width=24, color=TYPE_COLORS[t], alpha=0.45 if is_weak else 1.0,
                       hatch="//" if is_weak else None, edgecolor=TYPE_COLORS[t])
    has_range = ~np.isnan(low) & ~np.isnan(high)
    ax.vlines(x[has_range], low[has_range], high[has_range], color="#333333", linewidth=2)
    top = np.fmax(central, high)
    ax.plot(x[has_bar & floor], top[has_bar & floor] * 1.04 + 60, linestyle="none", marker="^", color="#333333",
            markersize=8)
    handles = [Patch(facecolor=TYPE_COLORS[t], label=TYPE_LABELS[t]) for t in shown]
    handles += [
        Patch(facecolor="#BBBBBB", alpha=0.45, hatch="//", edgecolor="#555555", label="low confidence (best source)"),
        Line2D([], [], color="#333333", linewidth=2, label="range of compilations of the same type"),
        Line2D([], [], color="#333333", marker="^", linestyle="none", markersize=8, label="lower bound only"),
    ]
    ax.set_ylabel(ylabel)
    ax.set_xlabel("month (empty: no month-precision figure)")
    ax.set_ylim(bottom=0)
    ax.grid(axis="x", visible=False)
    ax.legend(handles=handles, loc="upper left")
    return fig


__all__ = [
    "DEFAULT_BINS", "DIRECTIONS", "LAUNCH_SERVICE", "STATUSES", "STATUS_HATCH", "TYPE_PREFERENCE", "arms_deals",
    "deals_by_period", "dependency", "direction", "exercise_summary", "largest_gap", "launch_services", "mentions",
    "monthly", "plot_drones", "plot_register", "production_kinds", "register_summary", "register_table",
    "yearly_totals",
]
