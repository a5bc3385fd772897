"""Economics helpers on small fixtures whose answers were worked out by hand."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_hex
from matplotlib.figure import Figure

from iranrussia import economics as e
from iranrussia.core import COUNTRY_COLORS

NA = pd.NA


def _trade() -> pd.DataFrame:
    # 2019: both customs services, both directions, plus three totals (1500, 1700, 1600)
    # 2020: third parties only, totals 2000 (range 1800-2300) and 2200
    # 2021: nothing
    # 2022: both customs for RUS_to_IRN (Russian calendar 3000 and Iranian-year 3100; Iranian 3300), total 4000
    # 2023: Iranian customs only, total 4900
    rows = [
        (2019, "RUS_customs", "RUS_to_IRN", 1000.0, NA, NA, "calendar"),
        (2019, "IRN_customs", "RUS_to_IRN", 1200.0, NA, NA, "iranian_year"),
        (2019, "RUS_customs", "IRN_to_RUS", 500.0, NA, NA, "calendar"),
        (2019, "IRN_customs", "IRN_to_RUS", 400.0, NA, NA, "calendar"),
        (2019, "RUS_customs", "total", 1500.0, NA, NA, "calendar"),
        (2019, "IMF_DOTS", "total", 1700.0, NA, NA, "calendar"),
        (2019, "IRN_customs", "total", 1600.0, NA, NA, "iranian_year"),
        (2020, "IMF_DOTS", "total", 2000.0, 1800.0, 2300.0, "calendar"),
        (2020, "secondary", "total", 2200.0, NA, NA, "calendar"),
        (2022, "RUS_customs", "RUS_to_IRN", 3000.0, NA, NA, "calendar"),
        (2022, "RUS_customs", "RUS_to_IRN", 3100.0, NA, NA, "iranian_year"),
        (2022, "IRN_customs", "RUS_to_IRN", 3300.0, NA, NA, "iranian_year"),
        (2022, "RUS_customs", "total", 4000.0, NA, NA, "calendar"),
        (2023, "IRN_customs", "total", 4900.0, NA, NA, "iranian_year"),
        (2023, "other_official", "total", NA, NA, NA, "calendar"),  # no figure: not counted in best_series
    ]
    df = pd.DataFrame(rows, columns=["year", "reporter", "flow", "value_usd_m", "value_low_usd_m",
                                     "value_high_usd_m", "period"])
    df["year"] = df["year"].astype("Int64")
    for col in ("value_usd_m", "value_low_usd_m", "value_high_usd_m"):
        df[col] = df[col].astype("Float64")
    df["confidence"] = "medium"
    return df


def _deflator() -> pd.DataFrame:
    return pd.DataFrame({"year": pd.array([2019, 2020], dtype="Int64"),
                         "value": pd.array([250.0, 200.0], dtype="Float64")})


def _partners() -> pd.DataFrame:
    # Iran 2022 exports, no shares given: listed total 20 + 15 + 5 = 40 bn
    #   -> CHN 50 %, TUR 37.5 %, RUS 12.5 % of listed partners
    # Russia 2022 exports: CHN 25 % reported; IND and IRN not, world total 600 bn
    #   -> IND 60 / 600 = 10 %, IRN 6 / 600 = 1 % of world total
    rows = [
        (2022, "IRN", "CHN", "exports", 20.0, NA, 1),
        (2022, "IRN", "TUR", "exports", 15.0, NA, 2),
        (2022, "IRN", "RUS", "exports", 5.0, NA, 3),
        (2022, "IRN", "CHN", "imports", 18.0, NA, 1),
        (2022, "RUS", "CHN", "exports", 150.0, 25.0, 1),
        (2022, "RUS", "IND", "exports", 60.0, NA, 2),
        (2022, "RUS", "IRN", "exports", 6.0, NA, 3),
        (2022, "RUS", "WLD", "exports", 600.0, 100.0, NA),
        (2021, "RUS", "CHN", "exports", 100.0, 20.0, 1),
    ]
    df = pd.DataFrame(rows, columns=["year", "country", "partner", "flow", "value_usd_bn", "share_pct", "rank"])
    df["share_pct"] = df["share_pct"].astype("Float64")
    df["reporter"] = "UN_comtrade"
    return df


def test_coverage_status_per_year():
    table = e.coverage(_trade(), first=2018, last=2023)
    assert list(table.index) == list(range(2018, 2024))
    assert list(table["status"]) == ["none", "both partners", "third party or officials only", "none",
                                     "both partners", "one partner"]
    assert table.loc[2019, "reporters"] == "IMF_DOTS, IRN_customs, RUS_customs"
    assert list(table["n_reporters"]) == [0, 3, 2, 0, 2, 2]
    assert table.loc[2018, "reporters"] == ""


def test_mirror_compares_exporter_with_importer():
    table = e.mirror(_trade())
    assert list(zip(table["year"], table["flow"])) == [(2019, "IRN_to_RUS"), (2019, "RUS_to_IRN"),
                                                       (2022, "RUS_to_IRN")]
    # 2019 IRN_to_RUS: exporter Iran 400, importer Russia 500 -> gap 100, ratio 1.25
    first = table.iloc[0]
    assert (first["exporter"], first["importer"]) == ("IRN_customs", "RUS_customs")
    assert first["gap"] == pytest.approx(100.0) and first["ratio"] == pytest.approx(1.25)
    # 2019 RUS_to_IRN: exporter Russia 1000, importer Iran 1200 (Iranian year) -> gap 200, ratio 1.2
    assert table.iloc[1]["gap"] == pytest.approx(200.0) and table.iloc[1]["ratio"] == pytest.approx(1.2)
    assert table.iloc[1]["importer_period"] == "iranian_year"
    # 2022: Russia's calendar 3000 is preferred to its Iranian-year 3100 -> gap 3300 - 3000 = 300, ratio 1.1
    last = table.iloc[2]
    assert last["exporter_value"] == pytest.approx(3000.0) and last["exporter_period"] == "calendar"
    assert last["gap"] == pytest.approx(300.0) and last["ratio"] == pytest.approx(1.1)


def test_mirror_is_empty_with_columns_when_no_pair():
    trade = _trade()
    table = e.mirror(trade[trade["reporter"] != "IRN_customs"])
    assert table.empty and list(table.columns) == e.MIRROR_COLUMNS


def test_trade_ranges_keep_the_spread_and_never_average():
    table = e.trade_ranges(_trade())
    assert list(table.index) == [2019, 2020, 2022, 2023]  # 2021 absent, not interpolated
    assert "value" not in table.columns  # no median or mean of disagreeing sources
    assert (table.loc[2019, "low"], table.loc[2019, "high"]) == (1500.0, 1700.0)
    assert table.loc[2019, "n_figures"] == 3
    assert table.loc[2019, "reporters"] == "IMF_DOTS, IRN_customs, RUS_customs"
    # 2020: IMF_DOTS states 1800-2300 around its 2000, the press 2200 -> 1800-2300
    assert (table.loc[2020, "low"], table.loc[2020, "high"]) == (1800.0, 2300.0)
    assert bool(table.loc[2020, "statistical"]) is True
    # 2023: the empty figure of other_official does not count
    assert table.loc[2023, "n_figures"] == 1 and table.loc[2023, "reporters"] == "IRN_customs"


def test_trade_figures_basis_and_directional_years():
    figures = e.trade_figures(_trade(), flow="RUS_to_IRN")
    assert figures["year"].tolist() == [2019, 2019, 2022, 2022, 2022]
    assert set(figures["basis"]) == {"statistical"}
    press = e.trade_figures(_trade())
    assert press.loc[press["reporter"] == "secondary", "basis"].tolist() == ["officials and press"]
    only_flows = _trade()
    only_flows = only_flows[~((only_flows["year"] == 2022) & (only_flows["flow"] == "total"))]
    assert e.directional_only(only_flows) == [2022]


def test_to_constant_deflates_and_leaves_missing_cpi_missing():
    values = pd.Series([100.0, 200.0, 300.0], index=pd.Index([2019, 2020, 2021], name="year"), name="value")
    out = e.to_constant(values, _deflator(), base_year=2020)
    # 2019: 100 * 200 / 250 = 80; 2020: 200 * 200 / 200 = 200; 2021: no CPI -> NA
    assert out[2019] == pytest.approx(80.0)
    assert out[2020] == pytest.approx(200.0)
    assert pd.isna(out[2021])
    assert out.name == "value" and list(out.index) == [2019, 2020, 2021]
    with pytest.raises(ValueError):
        e.to_constant(values, _deflator(), base_year=2021)


def test_partner_shares_computed_over_listed_partners():
    table = e.partner_shares(_partners(), 2022, "IRN", flow="exports")
    assert list(table["partner"]) == ["CHN", "TUR", "RUS"]
    assert list(table["rank"]) == [1, 2, 3]
    assert list(table["share_pct"]) == pytest.approx([50.0, 37.5, 12.5])
    assert set(table["share_basis"]) == {"of listed partners"}


def test_partner_shares_reported_share_and_world_total():
    table = e.partner_shares(_partners(), 2022, "RUS").set_index("partner")
    assert list(table.index) == ["CHN", "IND", "IRN"]  # WLD is the denominator, not a partner
    assert table.loc["CHN", "share_pct"] == pytest.approx(25.0)
    assert table.loc["CHN", "share_basis"] == "reported"
    assert table.loc["IND", "share_pct"] == pytest.approx(10.0)  # 60 / 600
    assert table.loc["IRN", "share_pct"] == pytest.approx(1.0)  # 6 / 600
    assert table.loc["IRN", "share_basis"] == "of world total"


def test_partner_shares_keeps_reported_ranks_without_values():
    # Iran 2023: the source gives ranks only (CHN 1, RUS 2) -> no shares, reported ranks kept
    ranks_only = pd.DataFrame({"year": [2023, 2023], "country": "IRN", "partner": ["RUS", "CHN"],
                               "flow": "total", "value_usd_bn": pd.array([NA, NA], dtype="Float64"),
                               "share_pct": pd.array([NA, NA], dtype="Float64"),
                               "rank": pd.array([2, 1], dtype="Int64"), "reporter": "IRN_customs"})
    table = e.partner_shares(ranks_only, 2023, "IRN")
    assert list(table["partner"]) == ["CHN", "RUS"] and list(table["rank"]) == [1, 2]
    assert set(table["rank_basis"]) == {"reported"} and set(table["share_basis"]) == {"no figure"}
    assert table["share_pct"].isna().all()
    fig = e.plot_partners(table, e.partner_shares(_partners(), 2022, "RUS"), "a", "b")
    try:
        assert [t.get_text() for t in fig.axes[0].texts if t.get_text().isdigit()] == ["1", "2"]
    finally:
        plt.close(fig)


def test_partner_shares_refuses_to_mix_flows():
    with pytest.raises(ValueError, match="flow"):
        e.partner_shares(_partners(), 2022, "IRN")


def test_revenue_effect_is_linear_and_ordered():
    # -10 $/bbl for 3 months at 80 and 120 bn RUB per $1/bbl per year:
    # -10 * 80 * 3/12 = -200, -10 * 120 * 3/12 = -300 -> low -300, high -200, mid -250
    assert e.revenue_effect(-10, 80, 120, months=3) == pytest.approx({"low": -300.0, "high": -200.0, "mid": -250.0})
    # +5 $/bbl for a year at 100-140: 500 to 700, mid 600
    assert e.revenue_effect(5, 100, 140, months=12) == pytest.approx({"low": 500.0, "high": 700.0, "mid": 600.0})
    with pytest.raises(ValueError):
        e.revenue_effect(5, 100, 140, months=-1)


def test_plot_trade_draws_every_figure_and_ranges_not_a_line():
    figures = e.trade_figures(_trade())
    ranges = e.trade_ranges(_trade())
    constant = pd.DataFrame({c: e.to_constant(ranges[c], _deflator(), base_year=2020) for c in ("low", "high")})
    fig = e.plot_trade(figures, constant, base_year=2020, directional_years=[2021])
    try:
        assert isinstance(fig, Figure)
        top, bottom = fig.axes
        assert not top.lines  # no line joins the years
        assert top.get_ylabel() == "current US$ million"
        # constant 2020 $: 2019 range 1500-1700 * 200 / 250 = 1200-1360
        segments = bottom.collections[0].get_segments()
        assert segments[0][0][1] == pytest.approx(1200.0) and segments[0][1][1] == pytest.approx(1360.0)
    finally:
        plt.close(fig)


def test_plot_partners_ranks_left_shares_of_world_right():
    ranks_only = _partners().assign(value_usd_bn=pd.array([NA] * len(_partners()), dtype="Float64"))
    iran = e.partner_shares(ranks_only[ranks_only["country"] == "IRN"], 2022, "IRN", flow="exports")
    russia = e.partner_shares(_partners(), 2022, "RUS").assign(other_source=lambda t: t["partner"] == "IRN")
    fig = e.plot_partners(iran, russia, "Iran: ranks", "Russia: shares")
    try:
        left, right = fig.axes
        assert not left.axison  # a ranked list, no value axis
        assert any(t.get_text() == "Russia" for t in left.texts)
        # right panel: smallest share first: IRN (1 %), drawn hatched as another source
        first = right.patches[0]
        assert to_hex(first.get_facecolor()) == COUNTRY_COLORS["IRN"].lower() and first.get_hatch() == "//"
        assert right.get_xlabel() == "share of Russia's total trade, %"
    finally:
        plt.close(fig)


def _channels() -> pd.DataFrame:
    # Lane "A": a day, a month 20 days later (one cluster), a year much later (a new cluster).
    # Lane "B": one step known to the year only. Table order puts B's row between A's.
    rows = [
        ("S1", "A", "agreement", "2023-01-10", "announced", NA, NA),
        ("S2", "B", "claim", "2024", "operating", "2", "million tonnes"),
        ("S3", "A", "claim", "2023-02", "operating", "60", "percent (over)"),
        ("S4", "A", "status_report", "2025", "stalled", "95 of 164", "km"),
    ]
    return pd.DataFrame(rows, columns=["id", "channel", "step", "date", "status", "value", "unit"])


@pytest.mark.parametrize(("value", "unit", "text"), [
    ("60", "percent (over)", ">60%"),
    ("1.3", "bn EUR", "EUR 1.3 bn"),
    ("95 of 164", "km", "95 of 164 km"),
    ("not concluded", NA, "not concluded"),
    (NA, "percent", ""),
])
def test_channel_label_writes_the_stated_figure(value, unit, text):
    assert e.channel_label(value, unit) == text


def test_channel_timeline_spans_lanes_and_clusters():
    t = e.channel_timeline(_channels(), gap_days=120)
    assert list(t["id"]) == ["S1", "S3", "S4", "S2"]  # lane A first (first seen), by date within a lane
    assert list(t["row"]) == [0, 0, 0, 1]
    assert list(t["cluster"]) == [0, 0, 1, 2]  # S1 and S3 are 25 days apart; S4 is two years on
    s3 = t.set_index("id").loc["S3"]
    assert (s3["start"], s3["end"], s3["mid"]) == (
        pd.Timestamp("2023-02-01"), pd.Timestamp("2023-02-28"), pd.Timestamp("2023-02-14"))
    s2 = t.set_index("id").loc["S2"]
    assert (s2["start"], s2["end"], s2["mid"]) == (
        pd.Timestamp("2024-01-01"), pd.Timestamp("2024-12-31"), pd.Timestamp("2024-07-01"))
    assert list(t["label"]) == ["agreement", "claim: >60%", "status report: 95 of 164 km", "claim: 2 Mt"]


def test_plot_channel_timeline_draws_one_lane_per_channel_and_spans_for_partial_dates():
    fig = e.plot_channel_timeline(e.channel_timeline(_channels()))
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["A", "B"]
    assert len(ax.lines) == 3  # month and two years drawn as spans; the exact day is a marker only
    texts = [t.get_text() for t in ax.texts]
    assert "agreement\nclaim: >60%" in texts  # one cluster, one label
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [s["label"] for s in e.STATUS_STYLE.values()] + [
        "hollow: an official's claim, not a measurement"]
    plt.close(fig)


def test_plot_revenue_leaves_missing_months_empty_and_shares_one_scale():
    monthly = pd.Series({"2025-01": 800.0, "2025-02": 700.0, "2025-04": 500.0})  # March has no figure
    fig = e.plot_revenue(monthly, ("2025-02-10", "2025-02-20"), "2025-02", 60.0)
    left, right = fig.axes  # no prices: no top panel
    assert [round(p.get_height()) for p in left.containers[0]] == [800, 700, 500]
    assert [t.get_text() for t in left.texts] == ["n/a"]  # one empty slot, for 2025-03
    assert left.get_shared_y_axes().joined(left, right)
    assert [round(p.get_height()) for p in right.patches] == [700, 60]
    assert [t.get_text() for t in right.texts] == ["700", "at most\n60"]
    plt.close(fig)


def _energy_prices() -> pd.DataFrame:
    rows = [
        ("2025-01", "month", "brent_price", "Brent spot FOB monthly average", 80.0),
        ("2025-03", "month", "brent_price", "Brent spot FOB monthly average", 70.0),
        ("2025", "year", "brent_price", "Brent annual average", 75.0),  # a year: not a month
        ("2025-01", "month", "urals_price", "Urals price for tax purposes (Economy Ministry)", 60.0),
        ("2025-02", "month", "urals_price", "Urals market price, late February (approx.)", 55.0),  # other kind
        ("2025-01", "month", "oilgas_revenue", "federal budget oil and gas revenue", 900.0),
    ]
    return pd.DataFrame(rows, columns=["date", "date_precision", "indicator", "subject", "value"])


def test_monthly_prices_keeps_only_the_named_monthly_series_and_leaves_gaps():
    prices = e.monthly_prices(_energy_prices())
    assert list(prices.columns) == list(e.PRICE_SERIES)
    assert list(prices.index) == ["2025-01", "2025-03"]
    brent, urals = (prices[c] for c in e.PRICE_SERIES)
    assert list(brent) == [80.0, 70.0]
    assert urals["2025-01"] == 60.0 and math.isnan(urals["2025-03"])


def test_monthly_prices_refuses_two_prices_for_one_month():
    energy = pd.concat([_energy_prices(), _energy_prices().iloc[[0]]], ignore_index=True)
    with pytest.raises(ValueError, match="two Brent .* for one month: \\['2025-01'\\]"):
        e.monthly_prices(energy)


def test_plot_revenue_with_prices_adds_a_panel_over_the_same_months():
    monthly = pd.Series({"2025-02": 700.0, "2025-03": 600.0})
    prices = e.monthly_prices(_energy_prices())
    fig = e.plot_revenue(monthly, ("2025-02-10", "2025-02-20"), "2025-02", 60.0, prices=prices)
    left, right, top = fig.axes
    assert top.get_shared_x_axes().joined(top, left)
    assert [t.get_text() for t in left.texts] == ["n/a"]  # January has prices but no revenue figure
    brent = top.lines[0].get_ydata()
    assert list(brent[[0, 2]]) == [80.0, 70.0] and math.isnan(brent[1])  # February: a gap, not a bridge
    plt.close(fig)


def test_price_revenue_table_joins_months_and_derives_the_discount_and_tax_flag():
    prices = e.monthly_prices(_energy_prices())  # Brent 2025-01 80, 2025-03 70; Urals 2025-01 60
    revenue = pd.DataFrame({"date": ["2025-01", "2025-04"], "value": [900.0, 1100.0],
                            "notes": [pd.NA, "April includes quarterly profit tax"]})
    table = e.price_revenue_table(prices, revenue)
    assert list(table.index) == ["2025-01", "2025-03", "2025-04"]
    assert table.loc["2025-01", "Brent minus Urals"] == 20.0
    assert math.isnan(table.loc["2025-03", "Brent minus Urals"])  # no Urals price: no discount
    assert list(table["quarterly tax noted"]) == [False, False, True]
    assert pd.isna(table.loc["2025-03", "revenue, bn RUB"]) and table.loc["2025-04", "revenue, bn RUB"] == 1100.0
