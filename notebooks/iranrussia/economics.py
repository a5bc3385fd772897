"""Trade and money: who reports Russia-Iran trade, how far the reports agree, constant dollars, oil revenue.

Every function takes the tables as arguments (no loading here), so the tests can
feed small hand-made fixtures. Nothing is interpolated or filled: a year without a
figure stays missing, and a spread between sources is shown, never averaged away.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from .core import COUNTRY_COLORS
from .schemas import ACTORS

#: The two partners' own customs services; every other reporter is a third party or an official quote.
PARTNER_REPORTERS: tuple[str, str] = ("RUS_customs", "IRN_customs")
#: Periods that count as a year's figure for the mirror comparison (preferred first).
MIRROR_PERIODS: tuple[str, ...] = ("calendar", "iranian_year")
#: For each directional flow: (exporter's customs, importer's customs).
FLOW_SIDES: dict[str, tuple[str, str]] = {
    "RUS_to_IRN": ("RUS_customs", "IRN_customs"),
    "IRN_to_RUS": ("IRN_customs", "RUS_customs"),
}
MIRROR_COLUMNS: list[str] = [
    "year", "flow", "exporter", "importer", "exporter_value", "importer_value",
    "exporter_period", "importer_period", "gap", "ratio",
]
OTHER_COLOR = "#BBBBBB"


def coverage(trade: pd.DataFrame, first: int = 1992, last: int = 2025) -> pd.DataFrame:
    """Who reports a figure for each year from ``first`` to ``last``.

    Returns one row per year (index ``year``) with ``reporters`` (sorted, comma-joined),
    ``n_reporters`` and ``status``: "both partners" (Russian and Iranian customs),
    "one partner", "third party or officials only" (figures, but none from either
    customs service) or "none" (no row at all for the year).
    """
    years = pd.Index(range(first, last + 1), name="year")
    rows = trade.dropna(subset=["year"])
    by_year = rows.groupby(rows["year"].astype(int))["reporter"].agg(lambda s: sorted(set(s)))
    rows_out = []
    for year in years:
        names = by_year.get(year, [])
        partners = sum(name in PARTNER_REPORTERS for name in names)
        if partners == 2:
            status = "both partners"
        elif partners == 1:
            status = "one partner"
        elif names:
            status = "third party or officials only"
        else:
            status = "none"
        rows_out.append({"reporters": ", ".join(names), "n_reporters": len(names), "status": status})
    return pd.DataFrame(rows_out, index=years)


def _one_figure(rows: pd.DataFrame) -> pd.Series:
    """The single figure of one reporter for one year and flow: calendar year preferred, then Iranian year."""
    order = {p: i for i, p in enumerate(MIRROR_PERIODS)}
    ranked = rows.assign(_order=rows["period"].map(order)).sort_values("_order", kind="stable")
    return ranked.iloc[0]


def mirror(trade: pd.DataFrame) -> pd.DataFrame:
    """Mirror statistics: the exporter's customs against the importer's, per year and direction.

    For ``RUS_to_IRN`` the exporter is Russian customs and the importer Iranian customs;
    for ``IRN_to_RUS`` the other way round. A year and flow appears only when both
    customs services give a figure for a calendar or Iranian year; when a service gives
    both, the calendar-year figure is used, and the periods used are shown so a
    calendar/Iranian-year mismatch stays visible. ``gap = importer - exporter`` and
    ``ratio = importer / exporter`` (missing when the exporter reports 0). Importers
    usually report more, because they value goods CIF (with freight and insurance)
    and exporters FOB. Returns an empty table with the same columns when no pair exists.
    """
    usable = trade[
        trade["flow"].isin(list(FLOW_SIDES))
        & trade["reporter"].isin(list(PARTNER_REPORTERS))
        & trade["period"].isin(list(MIRROR_PERIODS))
        & trade["value_usd_m"].notna()
        & trade["year"].notna()
    ]
    out = []
    for (year, flow), group in usable.groupby(["year", "flow"], sort=True):
        exporter, importer = FLOW_SIDES[flow]
        exp_rows = group[group["reporter"] == exporter]
        imp_rows = group[group["reporter"] == importer]
        if exp_rows.empty or imp_rows.empty:
            continue
        exp, imp = _one_figure(exp_rows), _one_figure(imp_rows)
        exp_value, imp_value = float(exp["value_usd_m"]), float(imp["value_usd_m"])
        out.append({
            "year": int(year), "flow": flow, "exporter": exporter, "importer": importer,
            "exporter_value": exp_value, "importer_value": imp_value,
            "exporter_period": exp["period"], "importer_period": imp["period"],
            "gap": imp_value - exp_value,
            "ratio": imp_value / exp_value if exp_value != 0 else np.nan,
        })
    return pd.DataFrame(out, columns=MIRROR_COLUMNS)


def best_series(trade: pd.DataFrame, flow: str = "total", include_ranges: bool = False) -> pd.DataFrame:
    """One line with a band: per year, the median of all available figures for ``flow``, and their range.

    Every non-missing ``value_usd_m`` of the flow counts as one figure, whoever reports it
    and for whichever period. Returns, indexed by ``year``: ``value`` (median),
    ``n_figures``, ``low`` (smallest figure), ``high`` (largest figure) and
    ``reporters`` (sorted, comma-joined). With ``include_ranges=True`` the band also
    takes in the ranges that single sources state (``value_low_usd_m`` and
    ``value_high_usd_m``). Years without a figure are absent: nothing is interpolated.
    A total is not built from the two directions: only rows with that flow count.
    """
    rows = trade[(trade["flow"] == flow) & trade["value_usd_m"].notna() & trade["year"].notna()].copy()
    rows["year"] = rows["year"].astype(int)
    rows["value"] = rows["value_usd_m"].astype(float)
    rows["low"] = rows["value"]
    rows["high"] = rows["value"]
    if include_ranges:
        rows["low"] = np.fmin(rows["value"], rows["value_low_usd_m"].astype(float).to_numpy())
        rows["high"] = np.fmax(rows["value"], rows["value_high_usd_m"].astype(float).to_numpy())
    grouped = rows.groupby("year", sort=True)
    table = pd.DataFrame({
        "value": grouped["value"].median(),
        "n_figures": grouped["value"].size().astype(int),
        "low": grouped["low"].min(),
        "high": grouped["high"].max(),
        "reporters": grouped["reporter"].agg(lambda s: ", ".join(sorted(set(s)))),
    })
    table.index.name = "year"
    return table


def to_constant(values: pd.Series, deflator: pd.DataFrame, base_year: int) -> pd.Series:
    """Current dollars to constant ``base_year`` dollars: ``value * CPI[base_year] / CPI[year]``.

    ``values`` is indexed by year; ``deflator`` has ``year`` and ``value`` (US CPI-U
    annual average). Years without a CPI value give a missing value (never filled or
    carried forward). Raises if the base year has no CPI value or a year is listed twice.
    """
    cpi_rows = deflator.dropna(subset=["year", "value"])
    if cpi_rows["year"].duplicated().any():
        raise ValueError("the deflator lists a year more than once")
    cpi = pd.Series(cpi_rows["value"].astype(float).to_numpy(), index=cpi_rows["year"].astype(int).to_numpy())
    if base_year not in cpi.index:
        raise ValueError(f"the deflator has no value for the base year {base_year}")
    factor = cpi[base_year] / cpi.reindex(values.index.astype(int)).to_numpy()
    result = values.astype("Float64") * pd.array(factor, dtype="Float64")
    return pd.Series(result.array, index=values.index, name=values.name, dtype="Float64")


def partner_shares(partners: pd.DataFrame, year: int, country: str, flow: str | None = None) -> pd.DataFrame:
    """The trading partners of ``country`` in ``year``: value, share and rank by value.

    ``share_pct`` is the reported share where the source gives one (``share_basis`` =
    "reported"). Where it does not, it is computed from the value over the world total
    if the table has a ``WLD`` row ("of world total"), else over the partners listed
    that have a value ("of listed partners"), which overstates each share when the list
    is a top-N. A partner with neither share nor value has basis "no figure".
    ``rank`` is 1 for the largest value (``rank_basis`` "by value"); when some partner
    has no value, the ranks the source states are kept instead ("reported").
    Pass ``flow`` when the table holds more than one flow for that country and year;
    mixing exports and imports would be meaningless, so that raises instead.
    """
    rows = partners[(partners["year"] == year) & (partners["country"] == country)]
    if flow is not None:
        rows = rows[rows["flow"] == flow]
    flows = sorted(set(rows["flow"].dropna()))
    if len(flows) > 1:
        raise ValueError(f"{country} {year} has several flows {flows}: pass flow=")
    if rows.empty:
        raise ValueError(f"no partners listed for {country} in {year}")
    world = rows[rows["partner"] == "WLD"]
    listed = rows[rows["partner"] != "WLD"]
    values = listed["value_usd_bn"].astype(float)
    if not world.empty and pd.notna(world["value_usd_bn"].iloc[0]):
        denominator, basis = float(world["value_usd_bn"].iloc[0]), "of world total"
    else:
        denominator, basis = float(values.sum()), "of listed partners"
    reported = listed["share_pct"].astype(float)
    computed = values / denominator * 100 if denominator else values * np.nan
    share_basis = np.where(reported.notna(), "reported", np.where(values.notna(), basis, "no figure"))
    out = pd.DataFrame({
        "year": year, "country": country, "partner": listed["partner"].to_numpy(),
        "partner_name": listed["partner"].map(lambda c: ACTORS.get(c, c)).to_numpy(),
        "flow": listed["flow"].to_numpy(),
        "value_usd_bn": values.to_numpy(),
        "share_pct": np.where(reported.notna(), reported, computed),
        "share_basis": share_basis,
    })
    if values.notna().all():
        out["rank"] = out["value_usd_bn"].rank(ascending=False, method="min").astype("Int64")
        out["rank_basis"] = "by value"
    else:
        out["rank"] = pd.array(listed["rank"].to_numpy(), dtype="Int64")
        out["rank_basis"] = "reported"
    return out.sort_values(["rank", "partner"], kind="stable", na_position="last").reset_index(drop=True)


def revenue_effect(price_change_usd: float, sensitivity_low: float, sensitivity_high: float,
                   months: float = 1) -> dict[str, float]:
    """Change in Russia's oil-and-gas budget revenue (bn RUB) for a change in the oil price.

    A transparent linear estimate::

        effect = price_change_usd * sensitivity * months / 12

    where ``sensitivity`` is the revenue change in bn RUB per year for each US$1/bbl
    (as budget rules of thumb state it), and ``months`` is how long the price change
    lasts. Returns ``low``, ``high`` (the smaller and larger of the two estimates,
    so a price fall gives a negative range) and ``mid`` (their midpoint).

    Limits: it ignores the lag in the tax formulas (taxes follow last month's
    prices), the rouble exchange rate (which moves with oil and changes the rouble
    value of dollar revenue), export and production volumes, and the discount of
    Urals to Brent; it is an order of magnitude, not a forecast.
    """
    if months < 0:
        raise ValueError("months must be 0 or more")
    estimates = [price_change_usd * s * months / 12 for s in (sensitivity_low, sensitivity_high)]
    low, high = min(estimates), max(estimates)
    return {"low": low, "high": high, "mid": (low + high) / 2}


def _as_frame(series: pd.Series | pd.DataFrame) -> pd.DataFrame:
    """A series becomes a frame with ``value``; a frame keeps ``value`` and any ``low``/``high``."""
    if isinstance(series, pd.Series):
        frame = series.to_frame("value")
    else:
        frame = series[[c for c in ("value", "low", "high") if c in series.columns]]
    frame = frame.astype(float)
    frame.index = frame.index.astype(int)
    return frame


def plot_trade(series_current: pd.Series | pd.DataFrame, series_constant: pd.Series | pd.DataFrame,
               base_year: int) -> Figure:
    """Russia-Iran trade per year in current and in constant ``base_year`` dollars.

    Each argument is a series indexed by year or a frame with ``value`` and, where a
    band is wanted, ``low`` and ``high`` (as :func:`best_series` returns). Both are
    put on the full range of years with missing values, so the line breaks where a
    year has no figure instead of bridging it.
    """
    frames = [_as_frame(series_current), _as_frame(series_constant)]
    years = [y for f in frames for y in f.index]
    full = pd.RangeIndex(min(years), max(years) + 1, name="year") if years else pd.RangeIndex(0)
    fig, ax = plt.subplots(figsize=(12, 6))
    styles = (
        ("current US$", COUNTRY_COLORS["RUS"], "o"),
        (f"constant {base_year} US$ (US CPI-U)", "#D55E00", "s"),
    )
    for frame, (label, color, marker) in zip(frames, styles):
        frame = frame.reindex(full)
        if {"low", "high"} <= set(frame.columns):
            band = frame["low"].notna() & frame["high"].notna()
            ax.fill_between(full, frame["low"], frame["high"], where=band.to_numpy(), color=color,
                            alpha=0.18, linewidth=0, label=f"{label}: range of sources")
        ax.plot(full, frame["value"], marker=marker, color=color, label=label)
    ax.set_ylabel("US$ million")
    ax.set_xlabel("year (gaps: no figure for the year)")
    ax.set_ylim(bottom=0)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Russia-Iran trade")
    ax.legend(loc="upper left")
    return fig


def _bar_colors(codes: pd.Series) -> list[str]:
    """Russia and Iran in their own colours, every other partner grey."""
    return [COUNTRY_COLORS[c] if c in ("RUS", "IRN") else OTHER_COLOR for c in codes]


def plot_partners(shares_iran: pd.DataFrame, shares_russia: pd.DataFrame) -> Figure:
    """Two panels of horizontal bars: each country's partners by share, largest on top.

    Takes two tables from :func:`partner_shares` (bars in rank order, rank 1 on top).
    Both panels use one x-scale (percent of the country's trade, starting at 0) so the
    bars compare across the panels; Russia and Iran are drawn in their colours, other
    partners in grey, and each bar carries its share and value ("no figure" where the
    source gives only a rank).
    """
    fig, axes = plt.subplots(1, 2, figsize=(14, 6), sharex=True)
    shares = pd.concat([shares_iran["share_pct"], shares_russia["share_pct"]]).astype(float)
    top = float(shares.max()) if shares.notna().any() else 0.0
    for ax, table, name in zip(axes, (shares_iran, shares_russia), ("Iran", "Russia")):
        table = table.sort_values(["rank", "partner"], ascending=[False, False], kind="stable", na_position="first")
        labels = table["partner_name"] if "partner_name" in table.columns else table["partner"]
        widths = table["share_pct"].astype(float).fillna(0.0)
        ax.barh(range(len(table)), widths, color=_bar_colors(table["partner"]))
        ax.set_yticks(range(len(table)), list(labels))
        for tick, code in zip(ax.get_yticklabels(), table["partner"]):
            if code in ("RUS", "IRN"):  # highlighted even where the bar is missing
                tick.set_color(COUNTRY_COLORS[code])
                tick.set_fontweight("bold")
        for i, (share, value) in enumerate(zip(table["share_pct"].astype(float), table["value_usd_bn"].astype(float))):
            text = "no figure" if pd.isna(share) else f"{share:.1f}%"
            if pd.notna(value):
                text += f" (${value:.1f} bn)"
            ax.text((0.0 if pd.isna(share) else share) + max(top, 1.0) * 0.01, i, text, va="center", fontsize=11)
        year = ", ".join(str(y) for y in sorted(set(table["year"]))) if "year" in table.columns else ""
        basis = sorted(set(table["share_basis"])) if "share_basis" in table.columns else []
        ax.set_title(f"{name}'s trading partners {year}".strip())
        ax.set_xlabel("share of trade, %" + (f" ({'; '.join(basis)})" if basis else ""))
        ax.grid(axis="y", visible=False)
    axes[0].set_xlim(0, top * 1.35 if top > 0 else 1)
    fig.tight_layout()
    return fig


__all__ = [
    "FLOW_SIDES", "PARTNER_REPORTERS", "best_series", "coverage", "mirror", "partner_shares",
    "plot_partners", "plot_trade", "revenue_effect", "to_constant",
]
