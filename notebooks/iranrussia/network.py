"""Signed networks of coded relations: triads, structural balance, frustration, small-multiple plots.

A tie is positive (level > 0) or negative (level < 0); level 0 and uncoded pairs are no tie. A triangle is
balanced when the product of its three signs is positive (Heider 1946; Cartwright and Harary 1956). The
frustration index (Aref and Wilson 2018) is the least number of edges whose sign must change for the whole
graph to split into two camps, positive inside and negative between; it is found here by exact search.
"""

from __future__ import annotations

import itertools
import math

import matplotlib.patheffects as pe
import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .core import COUNTRY_COLORS, SEED

POSITIVE_COLOR = "#0072B2"
NEGATIVE_COLOR = "#D55E00"
MISSING_COLOR = "#BBBBBB"
TRIAD_TYPES = ("+++", "++-", "+--", "---")


def _actors(relations: pd.DataFrame) -> list[str]:
    """Every actor in the whole table, sorted."""
    return sorted(set(relations["actor_a"]) | set(relations["actor_b"]))


def signed_graph(relations: pd.DataFrame, snapshot: int) -> nx.Graph:
    """The signed graph of one snapshot: all actors of the table as nodes, coded non-zero pairs as edges."""
    G = nx.Graph()
    G.add_nodes_from(_actors(relations))
    rows = relations[(relations["snapshot"] == snapshot) & relations["level"].notna() & (relations["level"] != 0)]
    for r in rows.sort_values(["actor_a", "actor_b"]).itertuples(index=False):
        level = int(r.level)
        G.add_edge(r.actor_a, r.actor_b, level=level, sign=1 if level > 0 else -1,
                   treaty_tie=bool(r.treaty_tie), ambiguous=bool(r.ambiguous))
    return G


def triads(G: nx.Graph) -> pd.DataFrame:
    """Every triangle, nodes a < b < c; ``signs`` is the canonical type (``+`` first, e.g. ``"++-"``)."""
    rows = []
    for a, b, c in itertools.combinations(sorted(G.nodes), 3):
        if G.has_edge(a, b) and G.has_edge(b, c) and G.has_edge(a, c):
            signs = [G.edges[u, v]["sign"] for u, v in ((a, b), (b, c), (a, c))]
            rows.append({"a": a, "b": b, "c": c,
                         "signs": "".join(sorted("+" if s > 0 else "-" for s in signs)),
                         "balanced": math.prod(signs) > 0})
    return pd.DataFrame(rows, columns=["a", "b", "c", "signs", "balanced"]).astype({"balanced": bool})


def triad_census(G: nx.Graph) -> dict[str, float]:
    """Triangle counts by type, total, balanced, unbalanced and the share balanced (nan without triangles)."""
    t = triads(G)
    census: dict[str, float] = {k: int((t["signs"] == k).sum()) for k in TRIAD_TYPES}
    census["total"] = len(t)
    census["balanced"] = int(t["balanced"].sum())
    census["unbalanced"] = len(t) - census["balanced"]
    census["share_balanced"] = census["balanced"] / len(t) if len(t) else math.nan
    return census


def frustration(G: nx.Graph) -> tuple[int, dict[str, int]]:
    """Frustration index and one optimal two-camp partition, by exact search over all 2-colourings.

    The first node in sorted order is fixed to camp 0. Among optimal partitions the lexicographically
    smallest assignment over sorted nodes is returned, so isolated nodes land in camp 0.
    """
    nodes = sorted(G.nodes)
    n = len(nodes)
    if n == 0:
        return 0, {}
    index = {v: i for i, v in enumerate(nodes)}
    # Row i of `camps` is the binary expansion of i over nodes 1..n-1, most significant first: lex order.
    codes = np.arange(2 ** (n - 1), dtype=np.int64)[:, None]
    camps = np.zeros((len(codes), n), dtype=np.int8)
    if n > 1:
        camps[:, 1:] = (codes >> np.arange(n - 2, -1, -1)) & 1
    cost = np.zeros(len(codes), dtype=np.int64)
    for u, v, sign in G.edges(data="sign"):
        split = camps[:, index[u]] != camps[:, index[v]]
        cost += split if sign > 0 else ~split
    best = int(np.argmin(cost))
    return int(cost[best]), {v: int(camps[best, i]) for i, v in enumerate(nodes)}


def frustrated_edges(G: nx.Graph, partition: dict[str, int]) -> list[tuple[str, str]]:
    """Edges positive across camps or negative within a camp, each as a sorted pair, sorted."""
    out = [tuple(sorted((u, v))) for u, v, s in G.edges(data="sign")
           if (s > 0) == (partition[u] != partition[v])]
    return sorted(out)


def balance_over_time(relations: pd.DataFrame) -> pd.DataFrame:
    """Per snapshot: edge counts, triangles, balance, frustration and the two camps of an optimal partition.

    Camp A is the camp holding RUS (if present, else the first actor's camp). Camps list connected actors
    only; actors without any tie in the snapshot are listed under ``isolated``.
    """
    rows = []
    for snap in sorted(relations["snapshot"].unique()):
        G = signed_graph(relations, int(snap))
        census = triad_census(G)
        index, part = frustration(G)
        pivot = part.get("RUS", 0)
        linked = sorted(v for v in G.nodes if G.degree(v) > 0)
        signs = [s for _, _, s in G.edges(data="sign")]
        rows.append({
            "snapshot": int(snap), "edges": G.number_of_edges(),
            "positive": sum(s > 0 for s in signs), "negative": sum(s < 0 for s in signs),
            "triangles": census["total"], "balanced": census["balanced"],
            "share_balanced": census["share_balanced"], "frustration": index,
            "camp_A": ",".join(v for v in linked if part[v] == pivot),
            "camp_B": ",".join(v for v in linked if part[v] != pivot),
            "isolated": ",".join(v for v in sorted(G.nodes) if G.degree(v) == 0),
        })
    return pd.DataFrame(rows).set_index("snapshot")


def layout(relations: pd.DataFrame, seed: int = SEED) -> dict[str, tuple[float, float]]:
    """Fixed node positions from the union graph (weight = mean |level| of a pair), rounded to 6 decimals.

    Every pair also gets a weak base weight of 0.1 so actors outside the main component stay on the canvas.
    """
    coded = relations[relations["level"].notna()]
    weights = coded.assign(w=coded["level"].abs().astype(float)).groupby(["actor_a", "actor_b"])["w"].mean()
    actors = _actors(relations)
    U = nx.Graph()
    U.add_nodes_from(actors)
    U.add_edges_from(itertools.combinations(actors, 2), weight=0.1)
    for (a, b), w in sorted(weights.items()):
        U.edges[a, b]["weight"] = 0.1 + float(w)
    pos = nx.spring_layout(U, weight="weight", k=2.5 / math.sqrt(max(len(actors), 1)), seed=seed)
    return {v: (round(float(pos[v][0]), 6), round(float(pos[v][1]), 6)) for v in actors}


def _text_color(hex_color: str) -> str:
    """Black or white, whichever reads better on ``hex_color`` (WCAG relative luminance)."""
    channels = [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return "black" if 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2] > 0.179 else "white"


def _draw_panel(ax: plt.Axes, G: nx.Graph, pos: dict[str, tuple[float, float]]) -> None:
    """Draw one snapshot's signed graph on ``ax`` at the fixed positions."""
    for u, v, d in sorted(G.edges(data=True)):
        (x0, y0), (x1, y1) = pos[u], pos[v]
        width = 1.5 * abs(d["level"])
        alpha = 0.5 if d["ambiguous"] else 1.0
        if d["treaty_tie"]:
            ax.plot([x0, x1], [y0, y1], color="black", lw=width + 2.5, alpha=alpha, zorder=1,
                    solid_capstyle="butt")
        ax.plot([x0, x1], [y0, y1], color=POSITIVE_COLOR if d["sign"] > 0 else NEGATIVE_COLOR, lw=width,
                ls="-" if d["sign"] > 0 else "--", alpha=alpha, zorder=2, solid_capstyle="butt")
    for v in sorted(G.nodes):
        color = COUNTRY_COLORS.get(v, MISSING_COLOR)
        ax.scatter(*pos[v], s=950, color=color, edgecolors="black", linewidths=1, zorder=3)
        ax.text(*pos[v], v, ha="center", va="center", fontsize=12, fontweight="bold",
                color=_text_color(color), zorder=4)


def plot_snapshots(relations: pd.DataFrame, snapshots: list[int], pos: dict[str, tuple[float, float]]) -> Figure:
    """Small multiples of the signed graph, one panel per snapshot, all on the same layout ``pos``."""
    n = len(snapshots)
    ncols = n if n <= 5 else 3
    nrows = math.ceil(n / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(max(3.2 * ncols, 6.4), 7.0 if nrows == 1 else 5.5 * nrows),
                             squeeze=False)
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    pad = 0.15 * max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    for ax, snap in zip(axes.flat, snapshots):
        _draw_panel(ax, signed_graph(relations, snap), pos)
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(min(ys) - pad, max(ys) + pad)
        ax.set_axis_off()
        ax.set_title(str(snap), fontsize=16)
    for ax in list(axes.flat)[n:]:
        fig.delaxes(ax)
    handles = [Line2D([], [], color=POSITIVE_COLOR, lw=3, label="positive"),
               Line2D([], [], color=NEGATIVE_COLOR, lw=3, ls="--", label="negative"),
               *[Line2D([], [], color="grey", lw=1.5 * k, label=f"|level| {k}") for k in (1, 2, 3)],
               Line2D([], [], color=POSITIVE_COLOR, lw=3, label="treaty tie (black outline)",
                      path_effects=[pe.Stroke(linewidth=5.5, foreground="black"), pe.Normal()]),
               Line2D([], [], color=POSITIVE_COLOR, lw=3, alpha=0.5, label="ambiguous (faded)")]
    fig.legend(handles=handles, loc="lower center", ncol=4, fontsize=12, frameon=False)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.93, bottom=0.14, wspace=0.04, hspace=0.08)
    return fig


def plot_balance(table: pd.DataFrame) -> Figure:
    """Two panels over snapshots: share of balanced triangles (top) and the frustration index (bottom)."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 7), sharex=True)
    x = table.index.astype(int)
    top.plot(x, table["share_balanced"], marker="o", color=POSITIVE_COLOR)
    top.set_ylim(-0.05, 1.05)
    top.set_ylabel("share of triangles\nbalanced")
    top.set_title("Structural balance per snapshot")
    bottom.plot(x, table["frustration"], marker="s", color=NEGATIVE_COLOR)
    bottom.set_ylabel("frustration index\n(edges)")
    bottom.set_xlabel("snapshot")
    bottom.set_ylim(-0.3, max(float(table["frustration"].max()), 1.0) + 0.5)
    bottom.yaxis.get_major_locator().set_params(integer=True)
    bottom.set_xticks(list(x))
    return fig


def ties_of(relations: pd.DataFrame, actor: str, others: list[str]) -> pd.DataFrame:
    """Levels of ``actor``'s ties to ``others``: snapshots as rows, others as columns (<NA> if not coded)."""
    mine = relations[(relations["actor_a"] == actor) | (relations["actor_b"] == actor)]
    mine = mine.assign(other=mine["actor_b"].where(mine["actor_a"] == actor, mine["actor_a"]))
    snapshots = sorted(relations["snapshot"].unique())
    table = mine.pivot_table(index="snapshot", columns="other", values="level", aggfunc="first", dropna=False)
    return table.reindex(index=snapshots, columns=list(others)).astype("Int64").rename_axis(
        index="snapshot", columns="other")


__all__ = ["balance_over_time", "frustrated_edges", "frustration", "layout", "plot_balance", "plot_snapshots",
           "signed_graph", "ties_of", "triad_census", "triads"]
