"""Signed networks: textbook balance cases, frustration by exact search, graphs from the relations table, plots."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from iranrussia import network as nw  # noqa: E402


def _graph(edges: dict[str, int], nodes: str = "") -> nx.Graph:
    """A signed graph from {"AB": +1, ...}; extra isolated nodes from ``nodes``."""
    G = nx.Graph()
    G.add_nodes_from(nodes)
    for pair, sign in edges.items():
        G.add_edge(pair[0], pair[1], sign=sign, level=sign, treaty_tie=False, ambiguous=False)
    return G


@pytest.fixture
def relations() -> pd.DataFrame:
    """Two snapshots, six actors; 2008 has a level-0 pair and an uncoded pair."""
    rows = [
        (2008, "ARM", "RUS", 3, True, False), (2008, "ARM", "AZE", -3, False, False),
        (2008, "AZE", "TUR", 2, True, False), (2008, "ARM", "TUR", -2, False, False),
        (2008, "IRN", "RUS", 1, False, False), (2008, "RUS", "USA", 0, False, False),
        (2008, "IRN", "USA", -3, False, False), (2008, "AZE", "RUS", None, False, True),
        (2015, "ARM", "RUS", 2, True, False), (2015, "IRN", "RUS", 2, False, True),
        (2015, "IRN", "USA", -2, False, False), (2015, "RUS", "USA", -2, False, False),
    ]
    df = pd.DataFrame(rows, columns=["snapshot", "actor_a", "actor_b", "level", "treaty_tie", "ambiguous"])
    return df.assign(level=df["level"].astype("Int64"), confidence="high", rationale="test")


@pytest.mark.parametrize(("edges", "signs", "balanced"), [
    ({"AB": 1, "BC": 1, "AC": 1}, "+++", True),     # friend of a friend is a friend
    ({"AB": 1, "BC": 1, "AC": -1}, "++-", False),   # two friends who are enemies
    ({"AB": 1, "BC": -1, "AC": -1}, "+--", True),   # enemy of my enemy... two allies against one
    ({"AB": -1, "BC": -1, "AC": -1}, "---", False),  # three mutual enemies
])
def test_single_triangle_balance(edges, signs, balanced):
    t = nw.triads(_graph(edges))
    assert t.to_dict("records") == [{"a": "A", "b": "B", "c": "C", "signs": signs, "balanced": balanced}]


def test_census_of_four_node_graph():
    # AB+ BC+ AC+ BD+ CD- AD-: ABC +++, ABD ++-, ACD +--, BCD ++- (worked by hand).
    G = _graph({"AB": 1, "BC": 1, "AC": 1, "BD": 1, "CD": -1, "AD": -1})
    census = nw.triad_census(G)
    assert census == {"+++": 1, "++-": 2, "+--": 1, "---": 0, "total": 4, "balanced": 2, "unbalanced": 2,
                      "share_balanced": 0.5}
    assert list(nw.triads(G)[["a", "b", "c"]].sum(axis=1)) == ["ABC", "ABD", "ACD", "BCD"]
    # D alone leaves only BD frustrated; D with A, B, C leaves AD and CD: index 1.
    assert nw.frustration(G) == (1, {"A": 0, "B": 0, "C": 0, "D": 1})


def test_census_without_triangles_is_nan():
    census = nw.triad_census(_graph({"AB": 1}, nodes="C"))
    assert census["total"] == 0 and math.isnan(census["share_balanced"])


def test_balanced_graph_has_zero_frustration_and_the_two_camps():
    G = _graph({"AB": 1, "CD": 1, "AC": -1, "AD": -1, "BC": -1, "BD": -1}, nodes="E")
    index, part = nw.frustration(G)
    assert index == 0
    assert part == {"A": 0, "B": 0, "C": 1, "D": 1, "E": 0}  # isolated E in camp 0
    assert nw.frustrated_edges(G, part) == []


@pytest.mark.parametrize(("edges", "index", "part", "frustrated"), [
    ({"AB": 1, "BC": 1, "AC": -1}, 1, {"A": 0, "B": 0, "C": 0}, [("A", "C")]),
    ({"AB": -1, "BC": -1, "AC": -1}, 1, {"A": 0, "B": 0, "C": 1}, [("A", "B")]),
    # 4-cycle A-B-C-D-A with DA negative: one camp, only DA frustrated.
    ({"AB": 1, "BC": 1, "CD": 1, "AD": -1}, 1, {"A": 0, "B": 0, "C": 0, "D": 0}, [("A", "D")]),
    # K4 all negative: camps of 4+0 leave 6, 3+1 leave 3, 2+2 leave 2; lex-first is AB | CD.
    ({"AB": -1, "AC": -1, "AD": -1, "BC": -1, "BD": -1, "CD": -1}, 2, {"A": 0, "B": 0, "C": 1, "D": 1},
     [("A", "B"), ("C", "D")]),
])
def test_frustration_textbook_cases(edges, index, part, frustrated):
    G = _graph(edges)
    assert nw.frustration(G) == (index, part)
    assert nw.frustrated_edges(G, part) == frustrated


def test_frustration_of_empty_and_edgeless_graphs():
    assert nw.frustration(nx.Graph()) == (0, {})
    assert nw.frustration(_graph({}, nodes="BA")) == (0, {"A": 0, "B": 0})


def test_signed_graph_drops_zero_and_uncoded_but_keeps_all_nodes(relations):
    g08, g15 = nw.signed_graph(relations, 2008), nw.signed_graph(relations, 2015)
    assert set(g08.nodes) == set(g15.nodes) == {"ARM", "AZE", "IRN", "RUS", "TUR", "USA"}
    assert g08.number_of_edges() == 6
    assert not g08.has_edge("RUS", "USA") and not g08.has_edge("AZE", "RUS")
    assert g08.edges["ARM", "RUS"] == {"level": 3, "sign": 1, "treaty_tie": True, "ambiguous": False}
    assert g08.edges["IRN", "USA"]["sign"] == -1
    assert g15.edges["IRN", "RUS"]["ambiguous"] is True


def test_balance_over_time(relations):
    table = nw.balance_over_time(relations)
    assert list(table.index) == [2008, 2015]
    row = table.loc[2008]
    assert (row["edges"], row["positive"], row["negative"], row["triangles"], row["frustration"]) == (6, 3, 3, 1, 0)
    assert (row["camp_A"], row["camp_B"], row["isolated"]) == ("ARM,IRN,RUS", "AZE,TUR,USA", "")
    assert (row["optima"], row["frustration_weighted"], row["frustration_per_edge"]) == (1, 0, 0.0)
    row = table.loc[2015]
    assert (row["camp_A"], row["camp_B"], row["isolated"]) == ("ARM,IRN,RUS", "USA", "AZE,TUR")
    assert row["share_balanced"] == 1.0


def test_circle_layout_follows_the_order_and_clears_the_triangle():
    pos = nw.circle_layout(["RUS", "IRN", "ARM", "ZZZ"], order=("RUS", "ARM", "IRN"))
    assert pos == {"RUS": (0.0, 1.0), "ARM": (1.0, 0.0), "IRN": (0.0, -1.0), "ZZZ": (-1.0, 0.0)}
    ten = nw.circle_layout(list(nw.CIRCLE_ORDER))
    # On a ten-node circle a tie spanning two steps passes 1 - cos(36 deg) = 0.19 from the node between; the
    # triangle's ties span at least three steps, so they keep 1 - cos(54 deg) = 0.41 minus rounding (> 0.36).
    assert nw.edge_clearance(ten) == pytest.approx(1 - math.cos(math.radians(36)), abs=1e-5)
    assert nw.edge_clearance(ten, list(nw.TRIANGLE)) > 0.36


def test_edge_clearance_of_a_node_beside_an_edge():
    pos = {"A": (0.0, 0.0), "B": (2.0, 0.0), "C": (1.0, 0.5)}
    assert nw.edge_clearance(pos, [("A", "B")]) == pytest.approx(0.5)


def test_ties_of(relations):
    t = nw.ties_of(relations, "ARM", ["RUS", "AZE", "USA"])
    assert list(t.index) == [2008, 2015] and list(t.columns) == ["RUS", "AZE", "USA"]
    assert t.loc[2008, "RUS"] == 3 and t.loc[2008, "AZE"] == -3 and t.loc[2015, "RUS"] == 2
    assert pd.isna(t.loc[2008, "USA"]) and pd.isna(t.loc[2015, "AZE"])


# panels plus the legend panel
@pytest.mark.parametrize(("snapshots", "n_axes"), [([2008, 2015], 3), ([2008, 2015] * 3, 7)])
def test_plot_snapshots_returns_figure(relations, snapshots, n_axes):
    fig = nw.plot_snapshots(relations, snapshots, nw.circle_layout(["ARM", "AZE", "IRN", "RUS", "TUR", "USA"]))
    try:
        assert isinstance(fig, Figure) and len(fig.axes) == n_axes
        assert [ax.get_title() for ax in fig.axes][:2] == ["2008", "2015"]
    finally:
        plt.close(fig)


def test_plot_balance_returns_figure(relations):
    fig = nw.plot_balance(nw.balance_over_time(relations), nw.null_comparison(relations, n=20))
    try:
        assert isinstance(fig, Figure) and len(fig.axes) == 2
    finally:
        plt.close(fig)


def test_optimal_partitions_lists_every_tie():
    # AB+ BC+ AC-: together (AC frustrated), C alone (BC) and A alone (AB) cost 1; B alone costs 3.
    G = _graph({"AB": 1, "BC": 1, "AC": -1})
    index, parts = nw.optimal_partitions(G)
    assert index == 1
    assert parts == [{"A": 0, "B": 0, "C": 0}, {"A": 0, "B": 0, "C": 1}, {"A": 0, "B": 1, "C": 1}]
    assert nw.frustration(G) == (1, parts[0])


def test_weighted_frustration_counts_levels():
    # AB +3, BC +1, AC -1: together costs |AC| = 1, C alone costs |BC| = 1, A alone costs |AB| = 3.
    G = nx.Graph()
    for (u, v), level in {("A", "B"): 3, ("B", "C"): 1, ("A", "C"): -1}.items():
        G.add_edge(u, v, level=level, sign=1 if level > 0 else -1, treaty_tie=False, ambiguous=False)
    assert nw.optimal_partitions(G, weight="level") == (1, [{"A": 0, "B": 0, "C": 0}, {"A": 0, "B": 0, "C": 1}])
    assert nw.optimal_partitions(G)[0] == 1 and len(nw.optimal_partitions(G)[1]) == 3


def test_optimal_partitions_count_an_isolated_node_once(relations):
    # 2015: ARM, IRN, RUS against USA is the only balanced split; AZE and TUR have no tie and stay in camp 0.
    index, parts = nw.optimal_partitions(nw.signed_graph(relations, 2015))
    assert index == 0 and len(parts) == 1
    assert nw.optimal_partitions(nx.Graph()) == (0, [{}])


def test_optimal_camps_and_share_with(relations):
    camps = nw.optimal_camps(relations, 2008)
    assert camps.to_dict("records") == [{"frustration": 0, "camp with RUS": "ARM,IRN,RUS",
                                         "other camp": "AZE,TUR,USA", "frustrated ties": ""}]
    share = nw.share_with(relations)
    assert share.loc[2008].to_dict() == {"ARM": 1.0, "AZE": 0.0, "IRN": 1.0, "TUR": 0.0, "USA": 0.0}
    assert share.loc[2015, "ARM"] == 1.0 and pd.isna(share.loc[2015, "AZE"])


def test_expected_share_balanced():
    assert nw.expected_share_balanced(1.0) == 1.0 and nw.expected_share_balanced(0.0) == 0.0
    assert nw.expected_share_balanced(0.5) == pytest.approx(0.5)  # 1/8 + 3/8
    assert nw.expected_share_balanced(22 / 30) == pytest.approx(0.5508, abs=1e-4)  # 0.3944 + 0.1564


def test_shuffled_signs_keep_the_sign_mix_and_the_seed():
    # One triangle with two positive ties and one negative: every shuffle is unbalanced, frustration 1.
    null = nw.shuffled_signs(_graph({"AB": 1, "BC": 1, "AC": -1}), n=20, seed=1)
    assert len(null) == 20 and (null["share_balanced"] == 0).all() and (null["frustration"] == 1).all()
    # A 4-cycle with one negative tie and a chord: the result depends on the draw, but not between calls.
    G = _graph({"AB": 1, "BC": 1, "CD": 1, "AD": -1, "AC": 1})
    first, second = nw.shuffled_signs(G, n=50, seed=7), nw.shuffled_signs(G, n=50, seed=7)
    pd.testing.assert_frame_equal(first, second)
    assert set(first["frustration"]) == {1}  # one negative tie among five: a single flip always suffices


def test_null_comparison_on_a_balanced_snapshot(relations):
    null = nw.null_comparison(relations, n=200, seed=3)
    row = null.loc[2008]
    assert row["share_balanced"] == 1.0 and row["frustration"] == 0
    assert row["expected_share"] == pytest.approx(nw.expected_share_balanced(3 / 6))
    assert 0 < row["p_share"] <= 1 and 0 < row["p_frustration"] <= 1  # the observed draw is among the possible


def test_uncoded_pairs_differ_from_level_zero(relations):
    missing = nw.uncoded_pairs(relations)
    # 2008 codes 7 of the 15 pairs (RUS-USA at 0 counts as coded; AZE-RUS has no level).
    assert missing[2008].split() == ["ARM-IRN", "ARM-USA", "AZE-IRN", "AZE-RUS", "AZE-USA", "IRN-TUR",
                                     "RUS-TUR", "TUR-USA"]
    assert "RUS-USA" not in missing[2008]


def test_pair_table_labels(relations):
    table = nw.pair_table(relations, first=(("ARM", "RUS"), ("IRN", "RUS")))
    assert list(table.index[:2]) == ["ARM-RUS", "IRN-RUS"]
    assert table.loc["ARM-RUS", 2008] == "+3 T" and table.loc["IRN-RUS", 2015] == "+2*"
    assert table.loc["RUS-USA", 2008] == "0" and table.loc["ARM-AZE", 2015] == ""
    assert "AZE-RUS" not in table.index  # its only row has no level


def test_plot_pair_heatmap_returns_figure(relations):
    fig = nw.plot_pair_heatmap(relations)
    try:
        assert isinstance(fig, Figure) and len(fig.axes) == 1
    finally:
        plt.close(fig)
