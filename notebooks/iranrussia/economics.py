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

from .core import COUNTRY_COLORS, date_span
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


#: Reporters whose figures come from trade statistics (customs records, IMF DOTS, UN Comtrade), as opposed to
#: officials quoting a number or the press relaying one.
STATISTICAL_REPORTERS: tuple[str, ...] = ("RUS_customs", "IRN_customs", "IMF_DOTS", "UN_comtrade")


def trade_figures(trade: pd.DataFrame, flow: str = "total") -> pd.DataFrame:
    """Every figure given for ``flow``, one row per source row, with its ``basis``.

    ``basis`` is "statistical" for customs, IMF or Comtrade figures and "officials and press" otherwise.
    A row that gives only a range counts with both ends (``low`` and ``high``); ``value`` is then missing.
    """
    rows = trade[(trade["flow"] == flow) & trade["year"].notna()
                 & trade[["value_usd_m", "value_low_usd_m", "value_high_usd_m"]].notna().any(axis=1)].copy()
    rows["year"] = rows["year"].astype(int)
    rows["value"] = rows["value_usd_m"].astype(float)
    rows["low"] = rows["value_low_usd_m"].astype(float).fillna(rows["value"])
    rows["high"] = rows["value_high_usd_m"].astype(float).fillna(rows["value"])
    rows["low"] = np.fmin(rows["low"], rows["value"].fillna(rows["low"]))
    rows["high"] = np.fmax(rows["high"], rows["value"].fillna(rows["high"]))
    rows["basis"] = np.where(rows["reporter"].isin(STATISTICAL_REPORTERS), "statistical", "officials and press")
    return rows[["year", "reporter", "period", "value", "low", "high", "basis", "confidence"]].sort_values(
        ["year", "reporter"], kind="stable").reset_index(drop=True)


def trade_ranges(trade: pd.DataFrame, flow: str = "total") -> pd.DataFrame:
    """Per year, the range of the figures sources give for ``flow``: never an average of them.

    Returns, indexed by ``year``: ``low`` and ``high`` (the smallest and largest figure or stated bound),
    ``n_figures``, ``reporters`` (sorted, comma-joined), ``statistical`` (True when at least one figure
    comes from customs, IMF or Comtrade) and ``all_low_confidence``. A year where all sources agree has
    ``low == high``. Years without a figure are absent: nothing is interpolated, and a total is never
    built from the two directions.
    """
    figures = trade_figures(trade, flow)
    grouped = figures.groupby("year", sort=True)
    table = pd.DataFrame({
        "low": grouped["low"].min(),
        "high": grouped["high"].max(),
        "n_figures": grouped.size().astype(int),
        "reporters": grouped["reporter"].agg(lambda s: ", ".join(sorted(set(s)))),
        "statistical": grouped["basis"].agg(lambda s: bool((s == "statistical").any())),
        "all_low_confidence": grouped["confidence"].agg(lambda s: bool((s == "low").all())),
    })
    table.index.name = "year"
    return table


def directional_only(trade: pd.DataFrame) -> list[int]:
    """Years with a figure for one direction of trade (or both) but no total."""
    totals = set(trade_figures(trade, "total")["year"])
    flows = set(trade_figures(trade, "RUS_to_IRN")["year"]) | set(trade_figures(trade, "IRN_to_RUS")["year"])
    return sorted(flows - totals)


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


BASIS_STYLE: dict[str, dict] = {
    "statistical": {"marker": "o", "color": "#0072B2", "label": "statistical (customs, IMF, Comtrade)"},
    "officials and press": {"marker": "o", "color": "#E69F00", "label": "officials and press"},
}


def plot_trade(figures: pd.DataFrame, constant: pd.DataFrame, base_year: int,
               directional_years: list[int] | tuple[int, ...] = ()) -> Figure:
    """Russia-Iran trade turnover per year: every figure sources give, and their range in constant dollars.

    Top: one dot per figure (:func:`trade_figures`), coloured by basis; a hollow dot is a low-confidence
    figure; a vertical line joins the lowest and highest figure of a year, so disagreement shows as length
    and no average is drawn. Bottom: the same ranges in constant ``base_year`` dollars (``constant`` has
    ``low`` and ``high`` by year). Years with no total are empty; ``directional_years`` (a figure for one
    direction only) are marked under the axis.
    """
    years = sorted(set(figures["year"]) | set(constant.index) | set(directional_years))
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(13, 9), sharex=True, height_ratios=(3, 2))
    ranges = figures.groupby("year").agg(low=("low", "min"), high=("high", "max"))
    top.vlines(ranges.index, ranges["low"], ranges["high"], color="#555555", linewidth=2, zorder=1)
    for basis, style in BASIS_STYLE.items():
        part = figures[figures["basis"] == basis]
        for confident, face in ((True, style["color"]), (False, "white")):
            rows = part[(part["confidence"] != "low") == confident]
            if rows.empty:
                continue
            label = style["label"] + ("" if confident else ", low confidence")
            for column in ("low", "high"):
                top.scatter(rows["year"], rows[column], s=60, marker=style["marker"], facecolors=face,
                            edgecolors=style["color"], linewidths=2, zorder=3,
                            label=label if column == "low" else None)
    if directional_years:
        top.scatter(list(directional_years), [0] * len(directional_years), marker="^", s=70, color="#999999",
                    zorder=3, clip_on=False, label="one direction only, no total")
    top.set_ylabel("current US$ million")
    top.set_ylim(bottom=0)
    top.set_title("Russia-Iran trade turnover: every figure sources give, and their range")
    top.legend(loc="upper left", fontsize=11)
    bottom.vlines(constant.index, constant["low"].astype(float), constant["high"].astype(float),
                  color="#D55E00", linewidth=6, alpha=0.7)
    single = constant[constant["low"] == constant["high"]]
    bottom.scatter(single.index, single["low"].astype(float), color="#D55E00", s=40, zorder=3)
    bottom.set_ylabel(f"constant {base_year}\nUS$ million")
    bottom.set_ylim(bottom=0)
    bottom.set_xlabel("year (empty: no sourced total for the year)")
    bottom.xaxis.set_major_locator(MaxNLocator(integer=True))
    if years:
        bottom.set_xlim(min(years) - 1, max(years) + 1)
    for ax in (top, bottom):
        ax.grid(axis="x", visible=False)
    return fig


def _bar_colors(codes: pd.Series) -> list[str]:
    """Russia and Iran in their own colours, every other partner grey."""
    return [COUNTRY_COLORS[c] if c in ("RUS", "IRN") else OTHER_COLOR for c in codes]


def plot_partners(ranks_iran: pd.DataFrame, shares_russia: pd.DataFrame, iran_title: str,
                  russia_title: str) -> Figure:
    """Two panels, each from one source and one basis, so nothing is compared that should not be.

    Left: Iran's partners by the rank its customs gave them (``ranks_iran`` from :func:`partner_shares`
    with ``rank_basis`` "reported"): a ranked list, since that source publishes no values. Right:
    Russia's partners as a share of Russia's total trade (``shares_russia`` with ``share_basis``
    "of world total"); a partner drawn hatched comes from another source (column ``other_source``
    True). Russia and Iran are drawn in their colours, the other partners in grey.
    """
    fig, (left, right) = plt.subplots(1, 2, figsize=(14, 6.5), width_ratios=(1, 1.6))
    ranks = ranks_iran.sort_values("rank", kind="stable")
    n = len(ranks)
    left.scatter([0] * n, range(n - 1, -1, -1), s=420, zorder=2,
                 c=[COUNTRY_COLORS["RUS"] if p == "RUS" else "#DDDDDD" for p in ranks["partner"]])
    for i, (_, row) in enumerate(ranks.iterrows()):
        y = n - 1 - i
        color = COUNTRY_COLORS.get(row["partner"], OTHER_COLOR) if row["partner"] in ("RUS", "IRN") else "#555555"
        left.text(0, y, f"{int(row['rank'])}", ha="center", va="center", fontsize=12, fontweight="bold",
                  color="white" if row["partner"] == "RUS" else "#333333", zorder=3)
        left.text(0.12, y, row["partner_name"], va="center", fontsize=13, color=color,
                  fontweight="bold" if row["partner"] == "RUS" else "normal")
    left.set_xlim(-0.15, 1.2)
    left.set_ylim(-0.8, n - 0.2)
    left.axis("off")
    left.set_title(iran_title, fontsize=14)
    table = shares_russia.sort_values("share_pct", ascending=True, kind="stable")
    labels = table["partner_name"] if "partner_name" in table.columns else table["partner"]
    widths = table["share_pct"].astype(float).fillna(0.0)
    other = table["other_source"].fillna(False).astype(bool) if "other_source" in table.columns else \
        pd.Series(False, index=table.index)
    bars = right.barh(range(len(table)), widths, color=_bar_colors(table["partner"]))
    for bar, hatched in zip(bars, other):
        if hatched:
            bar.set_hatch("//")
            bar.set_edgecolor("white")
    right.set_yticks(range(len(table)), list(labels))
    for tick, code in zip(right.get_yticklabels(), table["partner"]):
        if code in ("RUS", "IRN"):
            tick.set_color(COUNTRY_COLORS[code])
            tick.set_fontweight("bold")
    top = float(widths.max()) if len(widths) else 1.0
    for i, (share, value) in enumerate(zip(table["share_pct"].astype(float), table["value_usd_bn"].astype(float))):
        text = "no figure" if pd.isna(share) else f"{share:.1f}%"
        if pd.notna(value):
            text += f" (${value:.1f} bn)"
        right.text((0.0 if pd.isna(share) else share) + top * 0.01, i, text, va="center", fontsize=11)
    right.set_xlim(0, top * 1.4)
    right.set_xlabel("share of Russia's total trade, %")
    right.set_title(russia_title, fontsize=14)
    right.grid(axis="y", visible=False)
    fig.tight_layout()
    return fig


#: Marker and colour for each status of a sanctions channel (colour-blind-safe Okabe-Ito colours).
STATUS_STYLE: dict[str, dict] = {
    "announced": {"marker": "o", "color": "#999999", "label": "announced (paper only)"},
    "partly_operating": {"marker": "D", "color": "#E69F00", "label": "partly operating"},
    "operating": {"marker": "s", "color": "#009E73", "label": "operating"},
    "stalled": {"marker": "X", "color": "#D55E00", "label": "stalled"},
}
#: How a stated figure is written on the chart, by its unit.
_UNIT_FORMATS: dict[str, str] = {
    "percent": "{v}%", "percent (over)": ">{v}%", "percent (approx.)": "~{v}%", "percent (about)": "~{v}%",
    "million tonnes": "{v} Mt", "bn EUR": "EUR {v} bn", "containers per year": "{v} containers", "year": "by {v}",
    "phase": "phase {v}", "stage": "stage {v}",
}


def channel_label(value, unit) -> str:
    """A short text for a stated figure: '>60%', '1.3 EUR bn', '0.65 / 3 Mt'; empty when there is none."""
    if pd.isna(value) or str(value).strip() == "":
        return ""
    unit = "" if pd.isna(unit) else str(unit)
    return _UNIT_FORMATS.get(unit, "{v} {u}").format(v=value, u=unit).strip()


def channel_timeline(channels: pd.DataFrame, gap_days: int = 120) -> pd.DataFrame:
    """One row per dated step of a sanctions channel, with the span its date can mean and a short label.

    ``start``/``end`` come from :func:`~iranrussia.core.date_span` (a year-only date covers the whole
    year), ``mid`` is where the marker goes (the middle of the span, to the day), and ``label`` joins the
    step and its figure. Channels keep the order in which they first appear in the table (``row``);
    steps are sorted by date within a channel. Steps of one channel less than ``gap_days`` apart share a
    ``cluster`` number, so the chart can write their labels together instead of on top of each other.
    ``evidence`` keeps an official's claim (step ``claim``) apart from agreements, launches and status
    reports: a claimed percentage is what someone said, not a measured system.
    """
    spans = channels["date"].map(date_span)
    out = channels.assign(start=[s for s, _ in spans], end=[e for _, e in spans])
    out["mid"] = (out["start"] + (out["end"] - out["start"]) / 2).dt.floor("D")
    figures = [channel_label(v, u) for v, u in zip(out["value"], out["unit"])]
    out["label"] = [step.replace("_", " ") + (f": {f}" if f else "") for step, f in zip(out["step"], figures)]
    order = {name: i for i, name in enumerate(dict.fromkeys(out["channel"]))}
    out["row"] = out["channel"].map(order)
    out = out.sort_values(["row", "mid", "id"], kind="stable").reset_index(drop=True)
    new_lane = out["row"].diff().ne(0)
    far = out["mid"].diff().dt.days.fillna(gap_days).ge(gap_days)
    out["cluster"] = (new_lane | far).cumsum() - 1
    out["evidence"] = np.where(out["step"] == "claim", "claim by an official", "agreement, launch or report")
    columns = ["id", "channel", "row", "cluster", "step", "date", "start", "mid", "end", "status", "evidence", "label"]
    return out[columns]


def plot_channel_timeline(timeline: pd.DataFrame) -> Figure:
    """One lane per channel; a marker per dated step, shaped and coloured by its status.

    A claim by an official (step ``claim``) is drawn hollow in its status colour: what was said, not
    what was seen to run.

    A step known only to the month or year is drawn as a thin bar over the whole span it can mean, with
    the marker at its middle, so the chart never claims a day the sources do not give. Steps of one
    cluster (see :func:`channel_timeline`) share one label, a line each, and clusters alternate above
    and below their lane so neighbours stay readable.
    """
    lanes = timeline.drop_duplicates("row").set_index("row")["channel"].sort_index()
    fig, ax = plt.subplots(figsize=(15, 1.5 * len(lanes) + 2.2))
    for _, r in timeline[timeline["start"] != timeline["end"]].iterrows():
        ax.plot([r["start"], r["end"]], [r["row"], r["row"]], color=STATUS_STYLE[r["status"]]["color"],
                linewidth=5, alpha=0.35, solid_capstyle="butt")
    claim = timeline["step"] == "claim"
    for status, style in STATUS_STYLE.items():
        rows = timeline[(timeline["status"] == status) & ~claim]
        ax.scatter(rows["mid"], rows["row"], s=130, marker=style["marker"], color=style["color"],
                   edgecolors="black", linewidths=0.6, zorder=3, label=style["label"])
        said = timeline[(timeline["status"] == status) & claim]
        ax.scatter(said["mid"], said["row"], s=130, marker=style["marker"], facecolors="white",
                   edgecolors=style["color"], linewidths=2.2, zorder=3)
    ax.scatter([], [], s=130, marker="o", facecolors="white", edgecolors="#333333", linewidths=2.2,
               label="hollow: an official's claim, not a measurement")
    for _, lane in timeline.groupby("row"):
        for k, (_, group) in enumerate(lane.groupby("cluster")):
            above = k % 2 == 0
            ax.annotate("\n".join(group["label"]), (group["mid"].min() + (group["mid"].max() - group["mid"].min()) / 2,
                        group["row"].iloc[0]), xytext=(0, 11 if above else -11), textcoords="offset points",
                        ha="center", va="bottom" if above else "top", fontsize=11, linespacing=1.1)
    ax.set_yticks(list(lanes.index), list(lanes))
    ax.set_ylim(len(lanes) - 0.4, -0.6)
    ax.set_xlim(timeline["start"].min() - pd.Timedelta(days=120), timeline["end"].max() + pd.Timedelta(days=120))
    ax.grid(axis="y", visible=False)
    ax.set_title("Sanctions workarounds: what was signed, what runs, what stalled")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=3, frameon=False)
    return fig


#: The monthly price series drawn above the revenue bars: label -> (indicator, subject prefix).
PRICE_SERIES: dict[str, tuple[str, str]] = {
    "Brent (spot, monthly average)": ("brent_price", "Brent spot FOB monthly average"),
    "Urals (price for Russian taxes)": ("urals_price", "Urals price for tax purposes"),
}


def monthly_prices(energy: pd.DataFrame) -> pd.DataFrame:
    """Monthly Brent and Urals prices (USD/bbl), one column per :data:`PRICE_SERIES`, indexed by 'YYYY-MM'.

    Only rows known to the month whose subject starts with the series' prefix count, so partial-year
    averages and market quotes of other kinds stay out; a month without such a row is missing (NaN),
    never filled. Two rows for one month and series would be ambiguous and raise an error.
    """
    columns = {}
    for label, (indicator, prefix) in PRICE_SERIES.items():
        rows = energy[(energy["indicator"] == indicator) & (energy["date_precision"] == "month")
                      & energy["subject"].str.startswith(prefix)]
        if rows["date"].duplicated().any():
            raise ValueError(f"two {label} prices for one month: {sorted(rows.loc[rows['date'].duplicated(), 'date'])}")
        columns[label] = rows.set_index("date")["value"].astype(float)
    return pd.DataFrame(columns).sort_index()


def price_revenue_table(prices: pd.DataFrame, revenue: pd.DataFrame) -> pd.DataFrame:
    """The numbers behind :func:`plot_revenue`: prices, revenue and two derived columns, one row per month.

    ``prices`` comes from :func:`monthly_prices`; ``revenue`` holds the monthly revenue rows of the energy
    table (``date``, ``value``, ``notes``). Adds ``quarterly tax noted`` (the row's notes say the month
    includes a quarterly profit tax) and ``Brent minus Urals`` (the discount, USD/bbl; missing where either
    price is). Months come from both tables; nothing is filled in.
    """
    brent, urals = list(PRICE_SERIES)
    monthly = revenue.set_index("date")["value"].rename("revenue, bn RUB")
    table = prices.join(monthly, how="outer").sort_index()
    taxed = revenue.loc[revenue["notes"].str.contains("includes quarterly", case=False, na=False), "date"]
    table["quarterly tax noted"] = table.index.isin(taxed)
    table["Brent minus Urals"] = table[brent] - table[urals]
    return table


def plot_revenue(monthly: pd.Series, war: tuple[str, str], month: str, bound: float,
                 prices: pd.DataFrame | None = None) -> Figure:
    """Russia's monthly oil-and-gas revenue beside the estimated worth of a price spike.

    Bottom left: ``monthly`` (bn RUB, indexed by 'YYYY-MM') as bars on a complete monthly axis, so a
    month without a published figure is an empty slot marked "n/a", never an interpolated bar; the
    ``war`` window (two ISO dates) is shaded. Bottom right: the revenue of ``month`` beside ``bound``,
    an upper bound of the price spike's worth (from :func:`revenue_effect`), drawn dashed and on the same
    scale, so the size of the effect is seen honestly and never read as a point estimate. Top left, if ``prices`` (from :func:`monthly_prices`) is given: the oil
    prices over the same months, with markers only, so a missing month is a visible gap.
    """
    months = pd.period_range(min(monthly.index), max(monthly.index), freq="M").strftime("%Y-%m")
    if prices is not None:
        months = months.union(prices.dropna(how="all").index).sort_values()
    values = monthly.reindex(months)
    fig = plt.figure(figsize=(15, 10 if prices is not None else 6))
    grid = fig.add_gridspec(2 if prices is not None else 1, 2, width_ratios=[3, 1.1],
                            height_ratios=[1, 1.4] if prices is not None else [1])
    left = fig.add_subplot(grid[-1, 0])
    right = fig.add_subplot(grid[-1, 1], sharey=left)
    x = np.arange(len(months))
    first = pd.Period(months[0], freq="M")
    where = [(pd.Period(d[:7], freq="M") - first).n + (int(d[8:10]) - 1) / 30.4 - 0.5 for d in war]
    ticks = [i for i, m in enumerate(months) if m.endswith(("-01", "-04", "-07", "-10"))]
    if prices is not None:
        top = fig.add_subplot(grid[0, 0], sharex=left)
        for (label, series), color, marker in zip(prices.reindex(months).items(), ("#000000", COUNTRY_COLORS["RUS"]),
                                                  ("o", "s")):
            top.plot(x, series.to_numpy(dtype=float), marker=marker, color=color, label=label)
        top.axvspan(*where, color="#D55E00", alpha=0.25)
        top.set_ylabel("USD per barrel")
        top.set_title("Oil prices")
        top.legend(loc="lower left")
        top.grid(axis="x", visible=False)
        top.tick_params(labelbottom=False)
    left.bar(x[values.notna()], values.dropna(), color=COUNTRY_COLORS["RUS"], width=0.8)
    for i in x[values.isna()]:
        left.text(i, 0, "n/a", rotation=90, ha="center", va="bottom", fontsize=10, color="#666666")
    left.axvspan(*where, color="#D55E00", alpha=0.25, label=f"war window {war[0]} to {war[1]}")
    left.set_xticks(ticks, [months[i] for i in ticks], rotation=45, ha="right")
    left.set_ylabel("bn RUB per month")
    left.set_title("Oil-and-gas revenue of Russia's budget")
    left.legend(loc="upper right")
    left.grid(axis="x", visible=False)
    right.bar([0], [monthly[month]], color=COUNTRY_COLORS["RUS"], width=0.6)
    right.bar([1], [bound], color="#D55E00", alpha=0.35, width=0.6, edgecolor="#D55E00", linestyle="--")
    right.text(0, monthly[month], f"{monthly[month]:,.0f}", ha="center", va="bottom")
    right.text(1, bound, f"at most\n{bound:,.0f}", ha="center", va="bottom")
    right.set_xticks([0, 1], [f"revenue\n{month}", "upper bound\nof war effect"])
    right.tick_params(labelleft=False)
    right.set_title(f"{month} beside the bound")
    right.grid(axis="x", visible=False)
    fig.tight_layout()
    return fig


__all__ = [
    "FLOW_SIDES", "PARTNER_REPORTERS", "PRICE_SERIES", "STATISTICAL_REPORTERS", "STATUS_STYLE", "channel_label", "channel_timeline",
    "coverage", "directional_only", "mirror", "monthly_prices", "partner_shares", "price_revenue_table", "plot_channel_timeline", "plot_partners", "plot_revenue", "plot_trade",
    "revenue_effect", "to_constant", "trade_figures", "trade_ranges",
]
