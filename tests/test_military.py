"""Military helpers on small fixtures whose answers were worked out by hand."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure

from iranrussia import military as m

NA = pd.NA


def _arms() -> pd.DataFrame:
    rows = [
        # id, supplier, recipient, designation, category, delivered, order, first, last, status
        ("A1", "RUS", "IRN", "S-300PMU2", "air_defence", 4, 2007, 2016, 2016, "delivered"),
        ("A2", "RUS", "IRN", "Su-35", "aircraft", NA, 2021, NA, NA, "reported_only"),
        ("A3", "RUS", "IRN", "Tor-M1", "air_defence", 29, 2005, 2006, 2007, "delivered"),
        ("A4", "IRN", "RUS", "Shahed-136", "drone", NA, 2022, 2022, 2023, "in_delivery"),
        ("A5", "IRN", "RUS", "Fath-360", "missile", NA, 2024, NA, NA, "denied"),
        ("A6", "RUS", "IRN", "Kilo", "naval", 3, 1990, 1992, 1997, "delivered"),
        ("A7", "RUS", "IRN", "S-300PMU1", "air_defence", NA, 2007, NA, NA, "cancelled_or_banned"),
        ("A8", "RUS", "IRN", "Mi-28", "aircraft", NA, NA, NA, NA, "reported_only"),
    ]
    df = pd.DataFrame(rows, columns=["id", "supplier", "recipient", "designation", "category",
                                     "number_delivered", "order_year", "delivery_first", "delivery_last", "status"])
    for col in ("number_delivered", "order_year", "delivery_first", "delivery_last"):
        df[col] = df[col].astype("Int64")
    df["number_ordered"] = df["number_delivered"]
    df["number_delivered_low"] = pd.array([NA] * len(df), dtype="Int64")
    df["number_delivered_high"] = pd.array([NA] * len(df), dtype="Int64")
    df["licensed_production"] = False
    df["confidence"] = "medium"
    return df


def _with_china() -> pd.DataFrame:
    arms = _arms()
    extra = arms.iloc[[0]].assign(id="A9", supplier="CHN", designation="C-704", category="missile",
                                  number_delivered=pd.array([10], dtype="Int64"),
                                  order_year=pd.array([2003], dtype="Int64"))
    return pd.concat([arms, extra], ignore_index=True)


def _drones() -> pd.DataFrame:
    rows = [
        # series, period, precision, type, counter, value, low, high, unit, confidence, outlier
        ("launched", "2023-01", "month", "all_long_range_drones", "A", 100.0, NA, NA, "drones", "medium", False),
        ("launched", "2023-01", "month", "all_long_range_drones", "B", 120.0, 60.0, 150.0, "drones", "low", False),
        ("launched", "2023-01", "month", "shahed_geran", "B", 60.0, 60.0, 150.0, "drones (lower bound)", "high",
         False),                                                              # a subset of the total: set aside
        ("intercepted", "2023-02", "month", "all_long_range_drones", "A", 50.0, NA, NA, "drones", "medium", False),
        ("launched", "2023", "year", "all_long_range_drones", "A", 5000.0, NA, NA, "drones", "medium", False),
        ("launched", "2023-03-05", "day", "all_long_range_drones", "A", 40.0, NA, NA, "drones", "medium", False),
        ("launched", "2023-03", "month", "incl_decoys", "A", 200.0, 20.0, 260.0, "drones", "medium", False),
        ("launched", "2023-03", "month", "incl_decoys", "F", 20.0, 20.0, 260.0, "drones", "low", True),  # outlier
        ("launched", "2023-03", "month", "incl_decoys", "G", 260.0, 20.0, 260.0, "drones", "low", False),
        ("launched", "2023-04", "month", "all_long_range_drones", "C", NA, 300.0, 400.0, "drones", "low", False),
        ("launched", "2024-01", "month", "shahed_geran", "A", 500.0, NA, NA, "drones (lower bound)", "medium", False),
        ("launched", "2024-01", "month", "shahed_geran", "D", 9000.0, NA, NA, "drones (cumulative since 2022-09)",
         "high", False),                                                      # a running total: skipped
    ]
    df = pd.DataFrame(rows, columns=["series", "period", "period_precision", "drone_type", "counter", "value",
                                     "value_low", "value_high", "unit", "confidence", "outlier"])
    for col in ("value", "value_low", "value_high"):
        df[col] = df[col].astype("Float64")
    return df


def test_direction():
    assert list(m.direction(_arms()))[:4] == ["RUS→IRN", "RUS→IRN", "RUS→IRN", "IRN→RUS"]


def test_register_summary_keeps_every_status():
    table = m.register_summary(_arms())
    assert list(table.columns) == list(m.STATUSES)
    assert list(table.index) == ["RUS→IRN", "IRN→RUS"]
    # RUS→IRN: delivered A1 A3 A6 = 3, reported_only A2 A8 = 2, cancelled A7 = 1
    assert list(table.loc["RUS→IRN"]) == [3, 0, 0, 2, 0, 1]
    # IRN→RUS: in_delivery A4, denied A5
    assert list(table.loc["IRN→RUS"]) == [0, 1, 0, 0, 1, 0]
    with pytest.raises(ValueError):
        m.register_summary(_arms().assign(status="rumoured"))


def test_deals_by_period_and_category():
    table = m.deals_by_period(_arms())
    assert ("RUS→IRN", "unknown") in table.index  # A8 has no order year
    assert table.loc[("RUS→IRN", "1989-1999"), "naval"] == 1                      # A6 (1990)
    assert table.loc[("RUS→IRN", "2000-2009"), "air_defence"] == 3                # A1, A3, A7
    assert table.loc[("RUS→IRN", "2010-2021"), "aircraft"] == 1                   # A2 (2021)
    assert table.loc[("RUS→IRN", "2022-2026"), "total"] == 0                      # zeros kept
    assert table.loc[("IRN→RUS", "2022-2026"), ["drone", "missile"]].tolist() == [1, 1]
    assert table.loc[("RUS→IRN", "unknown"), "aircraft"] == 1
    assert int(table["total"].sum()) == 8
    assert "unknown" not in m.deals_by_period(_arms().iloc[:7]).index.get_level_values("period")
    with pytest.raises(ValueError):
        m.deals_by_period(_arms(), bins=((2000, 2010), (2010, 2020)))


def test_dependency_shares_and_notes():
    table = m.dependency(_with_china(), recipient="IRN", supplier="RUS", periods=m.DEFAULT_BINS)
    # 1989-1999: only A6 (RUS, 3 units) -> 1/1, 3/3, one supplier: flagged
    assert table.loc["1989-1999", "deal_share"] == 1.0 and table.loc["1989-1999", "unit_share"] == 1.0
    assert table.loc["1989-1999", "note"] != ""
    # 2000-2009: A1, A3, A7 from RUS and A9 from CHN -> 3/4 deals;
    # units known for A1 (4), A3 (29), A9 (10) -> RUS 33 of 43
    row = table.loc["2000-2009"]
    assert (row["deals"], row["deals_from_supplier"]) == (4, 3)
    assert row["deal_share"] == pytest.approx(0.75)
    assert (row["units_known"], row["units"], row["units_from_supplier"]) == (3, 43, 33)
    assert row["unit_share"] == pytest.approx(33 / 43)
    assert row["suppliers"] == 2 and row["note"] == ""
    # 2010-2021: A2 without numbers -> unit share missing; 2022-2026: no deals -> both missing
    assert math.isnan(table.loc["2010-2021", "unit_share"])
    assert table.loc["2022-2026", "deals"] == 0 and math.isnan(table.loc["2022-2026", "deal_share"])
    assert "only Russia-Iran deals" in table.attrs["note"]


def test_monthly_keeps_gaps_and_compares_like_with_like():
    table = m.monthly(_drones())
    months = ["2023-%02d" % i for i in range(1, 13)] + ["2024-01"]
    assert list(table.index) == months
    # 2023-01: the total's rows A 100 and B 120; B's month-wide 60-150 spans the subset, so it is not used;
    # the Shahed subset (60) is set aside -> 100-120, median 110; best confidence medium
    jan = table.loc["2023-01"]
    assert (jan["low"], jan["high"], jan["central"]) == (100.0, 120.0, 110.0)
    assert jan["n_counters"] == 2 and jan["counters"] == "A, B"
    assert (jan["drone_type"], jan["set_aside"], jan["confidence"]) == ("all_long_range_drones", "shahed_geran",
                                                                        "medium")
    assert not jan["lower_bound"]
    # 2023-02: only an 'intercepted' figure -> a gap in 'launched'
    assert pd.isna(table.loc["2023-02", "central"]) and table.loc["2023-02", "n_counters"] == 0
    # 2023-03: the day row (40) and the outlier F (20) are left out -> 200-260 around 230
    mar = table.loc["2023-03"]
    assert (mar["low"], mar["high"], mar["central"]) == (200.0, 260.0, 230.0)
    assert m.monthly(_drones(), skip_outliers=False).loc["2023-03", "low"] == 20.0
    # 2023-04: a range without a value: its own bounds, 300-400, no central
    assert table.loc["2023-04", "low"] == 300.0 and table.loc["2023-04", "high"] == 400.0
    assert pd.isna(table.loc["2023-04", "central"]) and table.loc["2023-04", "confidence"] == "low"
    # 2024-01: the cumulative 9000 of counter D is not a monthly count -> 500 from A only, a lower bound
    assert (table.loc["2024-01", "high"], table.loc["2024-01", "counters"]) == (500.0, "A")
    assert table.loc["2024-01", "lower_bound"] and table.loc["2024-01", "drone_type"] == "shahed_geran"
    with_totals = m.monthly(_drones(), skip_cumulative=False)
    assert with_totals.loc["2024-01", "high"] == 9000.0  # median(500, 9000) = 4750
    assert with_totals.loc["2024-01", "central"] == 4750.0
    # one type on request: the subset alone, its month-wide bounds not used
    shahed = m.monthly(_drones(), drone_type="shahed_geran")
    assert (shahed.loc["2023-01", "low"], shahed.loc["2023-01", "high"]) == (60.0, 60.0)
    assert shahed.loc["2023-01", "set_aside"] == "all_long_range_drones"
    assert pd.isna(shahed.loc["2023-03", "low"])
    assert m.monthly(_drones(), drone_type="other").empty


def test_largest_gap():
    # spreads: 2023-01 20, 2023-03 60, 2023-04 100, 2024-01 0
    assert m.largest_gap(m.monthly(_drones())) == ("2023-04", 300.0, 400.0)


def test_yearly_totals_flag_partial_years_and_types():
    table = m.yearly_totals(m.monthly(_drones()))
    # 2023: Jan, Mar, Apr -> low 100 + 200 + 300 = 600, high 120 + 260 + 400 = 780, 3 months
    assert table.loc[2023, "low"] == 600.0 and table.loc[2023, "high"] == 780.0
    assert table.loc[2023, "months_covered"] == 3 and not table.loc[2023, "complete"]
    assert table.loc[2023, "drone_types"] == "all_long_range_drones, incl_decoys"
    assert table.loc[2023, "lower_bound_months"] == 0
    # 2024: January only, 500, a lower bound
    assert (table.loc[2024, "low"], table.loc[2024, "months_covered"]) == (500.0, 1)
    assert table.loc[2024, "lower_bound_months"] == 1


def test_production_kinds():
    units = ["drones (contract target)", "drones per month (capacity)", "drones produced in 2024 (lower bound)",
             "multiple of original plan", "drones per month (planned, lower bound)"]
    prod = pd.DataFrame({"series": "production", "period": ["2022", "2025", "2024", "2025-07-20", "2023-11-08"],
                         "unit": units})
    kinds = m.production_kinds(pd.concat([prod, pd.DataFrame({"series": ["launched"], "period": ["2024"],
                                                              "unit": ["drones"]})]))
    # ratio first, then plans (2022, 2023-11-08), then rates, then output
    assert kinds["kind"].tolist() == ["ratio", "plan or target", "plan or target", "rate or capacity",
                                      "output to date"]
    assert kinds["period"].tolist() == ["2025-07-20", "2022", "2023-11-08", "2025", "2024"]


def test_launch_services_are_not_arms_deals():
    arms = _arms()
    arms.loc[arms["id"] == "A6", "category"] = m.LAUNCH_SERVICE
    assert m.launch_services(arms)["id"].tolist() == ["A6"]
    assert "A6" not in m.arms_deals(arms)["id"].tolist()
    assert list(m.register_summary(arms).loc["RUS→IRN"]) == [2, 0, 0, 2, 0, 1]  # A1, A3 delivered
    assert int(m.deals_by_period(arms)["total"].sum()) == 7
    assert "A6" not in m.register_table(arms).index


def test_mentions_and_exercise_summary():
    table = pd.DataFrame({"a": ["Murmansk-BN electronic warfare", "tank"], "b": [None, "EW kit"]})
    assert len(m.mentions(table, r"electronic warfare|\bEW\b", ("a", "b"))) == 2
    assert m.mentions(table, "radar", ("a", "b")).empty
    ex = pd.DataFrame({
        "name": ["Belt", "Caspian drill", "Army Games 2016", "Kavkaz", "Visit"],
        "participants": ["IRN;RUS;CHN", "IRN;RUS", "RUS;IRN", "RUS;IRN;CHN", "RUS;IRN"],
        "kind": ["naval_exercise", "naval_exercise", "multinational_exercise", "multinational_exercise",
                 "port_call"],
    })
    assert m.exercise_summary(ex) == {"exercises": 4, "port_calls": 1, "naval": 2, "naval_with_china": 1,
                                      "multinational": 2, "army_games": 1}


def test_plot_register_draws_one_row_per_deal():
    fig = m.plot_register(_arms())
    try:
        assert isinstance(fig, Figure)
        ax = fig.axes[0]
        assert fig.get_size_inches()[0] == 13
        labels = [t.get_text() for t in ax.get_yticklabels()]
        # RUS→IRN by order year (A6 1990, A3 2005, A1 2007, A7 2007, A2 2021, A8 none), then IRN→RUS
        assert labels == ["Kilo", "Tor-M1", "S-300PMU2", "S-300PMU1", "Su-35", "Mi-28", "Shahed-136", "Fath-360"]
        assert all(t.get_fontsize() >= 11 for t in ax.get_yticklabels())
        assert len(ax.patches) == 4  # delivery bars: A6, A3, A1, A4
        assert [p.get_hatch() for p in ax.patches] == [None, None, None, ".."]  # A4 in delivery: dotted
        markers = [line.get_marker() for line in ax.lines]
        assert markers.count("X") == 1  # A7 cancelled
        # the right-hand axis names every row's status and confidence
        right = [t.get_text() for t in fig.axes[1].get_yticklabels()]
        assert right[4] == "reported only, medium" and right[7] == "denied, medium"
        (legend,) = fig.legends
        assert all(t.get_fontsize() >= 11 for t in legend.get_texts())
        # two directions, four statuses (in delivery, ordered, reported only, denied), three markers
        assert len(legend.get_texts()) == 9
    finally:
        plt.close(fig)


def test_plot_register_reads_partial_dates():
    arms = _arms().iloc[[3, 4]].copy()  # Shahed-136, Fath-360
    arms["delivery_first"] = pd.array(["2022-08", NA], dtype="string")
    arms["delivery_last"] = pd.array(["2023-03-15", "2024"], dtype="string")  # Fath-360: only a last year
    fig = m.plot_register(arms)
    try:
        bars = fig.axes[0].patches
        # Shahed: 2022 to the end of 2023 -> x 2022, width 2; Fath-360: 2024 alone, hatched (denied)
        assert [(b.get_x(), b.get_width()) for b in bars] == [(2022.0, 2.0), (2024.0, 1.0)]
        assert bars[1].get_hatch() == m.STATUS_HATCH["denied"] == "xxx"
    finally:
        plt.close(fig)


def test_plot_drones_leaves_gaps():
    fig = m.plot_drones(m.monthly(_drones()))
    try:
        ax = fig.axes[0]
        assert ax.get_ylabel() == "drones launched per month"
        assert len(ax.patches) == 3  # bars only where there is a central figure: 2023-01, 2023-03, 2024-01
        labels = [t.get_text() for t in ax.get_legend().get_texts()]
        # the types shown (in preference order), low confidence, the range and the lower-bound mark
        assert labels[:3] == [m.TYPE_LABELS[t] for t in ("all_long_range_drones", "incl_decoys", "shahed_geran")]
        assert len(ax.lines) == 1 and len(ax.lines[0].get_xdata()) == 1  # one lower-bound mark: 2024-01
    finally:
        plt.close(fig)
