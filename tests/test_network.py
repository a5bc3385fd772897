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
    row = table.loc[2015]
    assert (row["camp_A"], row["camp_B"], row["isolated"]) == ("ARM,IRN,RUS", "USA", "AZE,TUR")
    assert row["share_balanced"] == 1.0


def test_layout_is_deterministic_and_covers_every_actor(relations):
    pos = nw.layout(relations)
    assert pos == nw.layout(relations)
    assert sorted(pos) == ["ARM", "AZE", "IRN", "RUS", "TUR", "USA"]
    assert all(round(x, 6) == x and round(y, 6) == y for x, y in pos.values())


def test_ties_of(relations):
    t = nw.ties_of(relations, "ARM", ["RUS", "AZE", "USA"])
    assert list(t.index) == [2008, 2015] and list(t.columns) == ["RUS", "AZE", "USA"]
    assert t.loc[2008, "RUS"] == 3 and t.loc[2008, "AZE"] == -3 and t.loc[2015, "RUS"] == 2
    assert pd.isna(t.loc[2008, "USA"]) and pd.isna(t.loc[2015, "AZE"])


@pytest.mark.parametrize(("snapshots", "n_axes"), [([2008, 2015], 2), ([2008, 2015] * 3, 6)])
def test_plot_snapshots_returns_figure(relations, snapshots, n_axes):
    fig = nw.plot_snapshots(relations, snapshots, nw.layout(relations))
    try:
        assert isinstance(fig, Figure) and len(fig.axes) == n_axes
        assert [ax.get_title() for ax in fig.axes][:2] == ["2008", "2015"]
    finally:
        plt.close(fig)


def test_plot_balance_returns_figure(relations):
    fig = nw.plot_balance(nw.balance_over_time(relations))
    try:
        assert isinstance(fig, Figure) and len(fig.axes) == 2
    finally:
        plt.close(fig)
