"""Signed networks of coded relations: triads, structural balance, frustration, small-multiple plots.

A tie is positive (level > 0) or negative (level < 0); level 0 and uncoded pairs are no tie. A triangle is
balanced when the product of its three signs is positive (Heider 1946; Cartwright and Harary 1956). The
frustration index (Aref and Wilson 2018) is the least number of edges whose sign must change for the whole
graph to split into two camps, positive inside and negative between; it is found here by exact search.
"""

from __future__ import annotations

import itertools
import math

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .core import SEED

POSITIVE_COLOR = "#0072B2"
NEGATIVE_COLOR = "#D55E00"
TRIAD_TYPES = ("+++", "++-", "+--", "---")


def _actors(relations: pd.DataFrame) -> list[str]:
    """Every actor in the whole table, sorted."""
    return sorted(set(relations["actor_a"]) | set(relations["actor_b"]))


def signed_graph(relations: pd.DataFrame, snapshot: int) -> nx.Graph:
    """The signed graph of one snapshot: all actors of the table as nodes, coded non-zero pairs as edges."""
    G = nx.Graph()
    G.add_nodes_from(_actors(relations))
    rows = relations[(relations["snapshot"] == snapshot) & relations["level"].notna() & (relations["level"] != 0)]
    rows = rows.sort_values(["actor_a", "actor_b"])
    for a, b, level, treaty_tie, ambiguous in zip(*(rows[c].tolist() for c in
                                                     ("actor_a", "actor_b", "level", "treaty_tie", "ambiguous"))):
        level = int(level)
        G.add_edge(a, b, level=level, sign=1 if level > 0 else -1, treaty_tie=bool(treaty_tie),
                   ambiguous=bool(ambiguous))
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


def _split_costs(G: nx.Graph, weight: str | None = None) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Every two-camp split of ``G`` (first sorted node fixed to camp 0, rows in lexicographic order) and its cost.

    The cost of a split is the number of frustrated edges (positive across camps or negative within one), or,
    with ``weight="level"``, the sum of their ``|level|``.
    """
    nodes = sorted(G.nodes)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    # Row i of `camps` is the binary expansion of i over nodes 1..n-1, most significant first: lex order.
    codes = np.arange(2 ** max(n - 1, 0), dtype=np.int64)[:, None]
    camps = np.zeros((len(codes), n), dtype=np.int8)
    if n > 1:
        camps[:, 1:] = (codes >> np.arange(n - 2, -1, -1)) & 1
    cost = np.zeros(len(codes), dtype=np.int64)
    for u, v, d in G.edges(data=True):
        split = camps[:, index[u]] != camps[:, index[v]]
        w = abs(int(d["level"])) if weight == "level" else 1
        cost += w * (split if d["sign"] > 0 else ~split)
    return nodes, camps, cost


def frustration(G: nx.Graph, weight: str | None = None) -> tuple[int, dict[str, int]]:
    """Frustration index and one optimal two-camp partition, by exact search over all 2-colourings.

    The first node in sorted order is fixed to camp 0. Among optimal partitions the lexicographically
    smallest assignment over sorted nodes is returned, so isolated nodes land in camp 0. The choice among
    equal optima is arbitrary: use ``optimal_partitions`` to see them all. ``weight="level"`` counts each
    frustrated tie by its ``|level|`` instead of 1.
    """
    if G.number_of_nodes() == 0:
        return 0, {}
    nodes, camps, cost = _split_costs(G, weight)
    best = int(np.argmin(cost))
    return int(cost[best]), {v: int(camps[best, i]) for i, v in enumerate(nodes)}


def optimal_partitions(G: nx.Graph, weight: str | None = None) -> tuple[int, list[dict[str, int]]]:
    """The frustration index and every optimal partition, in lexicographic order (first node in camp 0).

    Isolated nodes are put in camp 0 (a split that differs only in where an isolated node sits is the
    same split of the network), so each partition of the connected actors appears once.
    """
    if G.number_of_nodes() == 0:
        return 0, [{}]
    nodes, camps, cost = _split_costs(G, weight)
    best = int(cost.min())
    isolated = [i for i, v in enumerate(nodes) if G.degree(v) == 0]
    rows = [r for r in np.flatnonzero(cost == best) if not camps[r, isolated].any()]
    return best, [{v: int(camps[r, i]) for i, v in enumerate(nodes)} for r in rows]


def frustrated_edges(G: nx.Graph, partition: dict[str, int]) -> list[tuple[str, str]]:
    """Edges positive across camps or negative within a camp, each as a sorted pair, sorted."""
    out = [tuple(sorted((u, v))) for u, v, s in G.edges(data="sign")
           if (s > 0) == (partition[u] != partition[v])]
    return sorted(out)


def _camp_with(G: nx.Graph, part: dict[str, int], pivot: str, same: bool) -> str:
    """The connected actors in (``same``) or out of ``pivot``'s camp, comma-joined."""
    side = part.get(pivot, 0)
    return ",".join(v for v in sorted(G.nodes) if G.degree(v) > 0 and (part[v] == side) == same)


def optimal_camps(relations: pd.DataFrame, snapshot: int, pivot: str = "RUS",
                  weight: str | None = None) -> pd.DataFrame:
    """Every optimal split of one snapshot: the camp holding ``pivot``, the other camp and the frustrated ties."""
    G = signed_graph(relations, snapshot)
    index, parts = optimal_partitions(G, weight)
    rows = [{"snapshot": snapshot, "split": k + 1, "frustration": index,
             f"camp with {pivot}": _camp_with(G, p, pivot, True), "other camp": _camp_with(G, p, pivot, False),
             "frustrated ties": " ".join("-".join(e) for e in frustrated_edges(G, p))}
            for k, p in enumerate(parts)]
    return pd.DataFrame(rows).set_index(["snapshot", "split"])


def share_with(relations: pd.DataFrame, pivot: str = "RUS", weight: str | None = None) -> pd.DataFrame:
    """Per snapshot and actor: the share of optimal splits that put the actor in ``pivot``'s camp."""
    out = {}
    for snap in sorted(relations["snapshot"].unique()):
        G = signed_graph(relations, int(snap))
        _, parts = optimal_partitions(G, weight)
        linked = [v for v in sorted(G.nodes) if G.degree(v) > 0 and v != pivot]
        out[int(snap)] = {v: sum(p[v] == p[pivot] for p in parts) / len(parts) for v in linked}
    return pd.DataFrame(out).T.rename_axis(index="snapshot", columns="actor")


def balance_over_time(relations: pd.DataFrame) -> pd.DataFrame:
    """Per snapshot: edge counts, triangles, balance, frustration (plain, per edge and |level|-weighted) and splits.

    ``optima`` counts the optimal splits (``optima_weighted`` for the weighted index). Camp A is the camp holding
    RUS in the lexicographically first optimal split (one of ``optima``; see ``optimal_camps`` for all). Camps
    list connected actors only; actors without any tie in the snapshot are listed under ``isolated``.
    """
    rows = []
    for snap in sorted(relations["snapshot"].unique()):
        G = signed_graph(relations, int(snap))
        census = triad_census(G)
        index, parts = optimal_partitions(G)
        weighted, wparts = optimal_partitions(G, weight="level")
        signs = [s for _, _, s in G.edges(data="sign")]
        m = G.number_of_edges()
        rows.append({
            "snapshot": int(snap), "edges": m,
            "positive": sum(s > 0 for s in signs), "negative": sum(s < 0 for s in signs),
            "triangles": census["total"], "balanced": census["balanced"],
            "share_balanced": census["share_balanced"], "frustration": index,
            "frustration_per_edge": index / m if m else math.nan, "optima": len(parts),
            "frustration_weighted": weighted, "optima_weighted": len(wparts),
            "camp_A": _camp_with(G, parts[0], "RUS", True), "camp_B": _camp_with(G, parts[0], "RUS", False),
            "isolated": ",".join(v for v in sorted(G.nodes) if G.degree(v) == 0),
        })
    return pd.DataFrame(rows).set_index("snapshot")


def expected_share_balanced(p: float) -> float:
    """Share of balanced triangles expected when each edge is positive with probability ``p``, independently.

    A triangle is balanced with three positive signs or exactly one: p**3 + 3 p (1 - p)**2.
    """
    return p ** 3 + 3 * p * (1 - p) ** 2


def shuffled_signs(G: nx.Graph, n: int = 1000, seed: int = SEED) -> pd.DataFrame:
    """Share balanced and frustration index of ``n`` graphs with ``G``'s signs shuffled over ``G``'s edges.

    The edges and the number of positive and negative ties stay as observed; only which tie carries which
    sign is permuted (numpy ``default_rng(seed)``). Frustration is found by the same exact search.
    """
    edges = sorted(tuple(sorted(e)) for e in G.edges)
    signs = np.array([G.edges[e]["sign"] for e in edges])
    rng = np.random.default_rng(seed)
    perms = np.array([rng.permutation(signs) for _ in range(n)])  # n x m
    pos = {e: i for i, e in enumerate(edges)}
    tri = triads(G)
    cols = [[pos[(a, b)], pos[(b, c)], pos[(a, c)]] for a, b, c in tri[["a", "b", "c"]].itertuples(index=False)]
    share = (np.prod(perms[:, np.array(cols)], axis=2) > 0).mean(axis=1) if cols else np.full(n, np.nan)
    nodes, camps, _ = _split_costs(G)
    idx = {v: i for i, v in enumerate(nodes)}
    split = np.array([camps[:, idx[u]] != camps[:, idx[v]] for u, v in edges]).T.astype(np.int64)  # splits x m
    split = split.astype(np.float64)  # counts of at most m edges: exact in floating point, and BLAS multiplies them
    cost = split @ (perms > 0).T + (1 - split) @ (perms < 0).T  # splits x n
    return pd.DataFrame({"share_balanced": share, "frustration": cost.min(axis=0).astype(np.int64)})


def null_comparison(relations: pd.DataFrame, n: int = 1000, seed: int = SEED) -> pd.DataFrame:
    """Observed balance per snapshot against ``n`` sign shuffles (same seed for every snapshot).

    ``p_share`` is the share of shuffles at least as balanced as observed (share of balanced triangles at
    least the observed one); ``p_frustration`` the share with a frustration index at most the observed one.
    Low values would mean the coded signs are more balanced than chance.
    """
    obs = balance_over_time(relations)
    rows = []
    for snap, o in obs.iterrows():
        null = shuffled_signs(signed_graph(relations, int(snap)), n=n, seed=seed)
        rows.append({
            "snapshot": int(snap), "share_balanced": o["share_balanced"],
            "expected_share": expected_share_balanced(o["positive"] / o["edges"]),
            "null_mean": null["share_balanced"].mean(), "null_low": null["share_balanced"].quantile(0.05),
            "null_high": null["share_balanced"].quantile(0.95),
            "p_share": (null["share_balanced"] >= o["share_balanced"] - 1e-12).mean(),
            "frustration": int(o["frustration"]), "null_frustration_mean": null["frustration"].mean(),
            "null_frustration_low": null["frustration"].quantile(0.05),
            "null_frustration_high": null["frustration"].quantile(0.95),
            "p_frustration": (null["frustration"] <= o["frustration"]).mean(),
        })
    return pd.DataFrame(rows).set_index("snapshot")


def uncoded_pairs(relations: pd.DataFrame) -> pd.Series:
    """Per snapshot, the pairs of actors with no row in the table (not coded, unlike level 0)."""
    actors = _actors(relations)
    out = {}
    for snap in sorted(relations["snapshot"].unique()):
        rows = relations[(relations["snapshot"] == snap) & relations["level"].notna()]
        coded = set(zip(rows["actor_a"], rows["actor_b"]))
        out[int(snap)] = " ".join(f"{a}-{b}" for a, b in itertools.combinations(actors, 2) if (a, b) not in coded)
    return pd.Series(out, name="not coded").rename_axis("snapshot")


#: Fixed circular order of the actors for the network figure, clockwise from Russia at the top. The three
#: ties of ``TRIANGLE`` each span at least three steps of the circle, so none passes near a third node.
CIRCLE_ORDER: tuple[str, ...] = ("RUS", "UKR", "EU", "USA", "IRN", "ISR", "TUR", "ARM", "AZE", "GEO")
#: The triangle the notebook's question is about.
TRIANGLE: tuple[tuple[str, str], ...] = (("ARM", "RUS"), ("ARM", "IRN"), ("IRN", "RUS"))


def circle_layout(actors: list[str], order: tuple[str, ...] = CIRCLE_ORDER) -> dict[str, tuple[float, float]]:
    """Actors on a unit circle, clockwise from the top in ``order`` (actors not in ``order`` after it, sorted)."""
    ordered = [a for a in order if a in actors] + sorted(a for a in actors if a not in order)
    n = len(ordered)
    return {a: (round(math.sin(2 * math.pi * k / n), 6), round(math.cos(2 * math.pi * k / n), 6))
            for k, a in enumerate(ordered)}


def edge_clearance(pos: dict[str, tuple[float, float]], edges: list[tuple[str, str]] | None = None) -> float:
    """The least distance between a straight edge (``edges``, default every pair) and a third node's centre."""
    best = math.inf
    for u, v in (edges if edges is not None else list(itertools.combinations(sorted(pos), 2))):
        p, q = np.array(pos[u]), np.array(pos[v])
        for w in pos:
            if w in (u, v):
                continue
            r = np.array(pos[w])
            t = min(max(float(np.dot(r - p, q - p) / np.dot(q - p, q - p)), 0.0), 1.0)
            best = min(best, float(np.linalg.norm(p + t * (q - p) - r)))
    return best


def _tie_label(level: int, treaty: bool, ambiguous: bool) -> str:
    """A tie's level with its sign, ``T`` for a defence treaty and ``*`` when coded ambiguous: ``+3 T``, ``0 T*``."""
    return f"{level:+d}".replace("+0", "0") + (" T" if treaty else "") + ("*" if ambiguous else "")


FADED_POSITIVE = "#9CC3DE"
FADED_NEGATIVE = "#EDB48F"
ZERO_COLOR = "#555555"


def _draw_panel(ax: plt.Axes, relations: pd.DataFrame, snapshot: int, pos: dict[str, tuple[float, float]],
                highlight: tuple[tuple[str, str], ...]) -> None:
    """One snapshot: the ``highlight`` ties in full with their levels printed (0 as a dotted grey line), the
    other non-zero ties thin and pale; uncoded pairs and other level-0 pairs are not drawn."""
    G = signed_graph(relations, snapshot)
    others = [(pos[u], pos[v], d["sign"]) for u, v, d in sorted(G.edges(data=True))
              if tuple(sorted((u, v))) not in highlight]
    for sign, color, style in ((1, FADED_POSITIVE, "-"), (-1, FADED_NEGATIVE, (0, (4, 2)))):
        ax.add_collection(LineCollection([[p, q] for p, q, s in others if s == sign], colors=color,
                                         linewidths=1.2, linestyles=[style], zorder=1))
    rows = relations[relations["snapshot"] == snapshot].set_index(["actor_a", "actor_b"])
    for a, b in highlight:
        if (a, b) not in rows.index or pd.isna(rows.loc[(a, b), "level"]):
            continue
        r = rows.loc[(a, b)]
        level = int(r["level"])
        (x0, y0), (x1, y1) = pos[a], pos[b]
        if level == 0:
            ax.plot([x0, x1], [y0, y1], color=ZERO_COLOR, lw=2.5, ls=":", zorder=2)
        else:
            ax.plot([x0, x1], [y0, y1], color=POSITIVE_COLOR if level > 0 else NEGATIVE_COLOR,
                    lw=2.0 + 2.0 * abs(level), ls="-" if level > 0 else (0, (3, 1.5)), zorder=2,
                    solid_capstyle="butt")
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, _tie_label(level, bool(r["treaty_tie"]), bool(r["ambiguous"])),
                ha="center", va="center", fontsize=15, fontweight="bold", zorder=5,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"})
    focus = {x for pair in highlight for x in pair}
    nodes = sorted(G.nodes)
    strong = [v in focus for v in nodes]
    ax.scatter([pos[v][0] for v in nodes], [pos[v][1] for v in nodes], s=[1100 if f else 750 for f in strong],
               c=["#EEEEEE" if f else "white" for f in strong], edgecolors=["black" if f else "#888888" for f in strong],
               linewidths=[2.0 if f else 1.0 for f in strong], zorder=3)
    for v, f in zip(nodes, strong):
        ax.text(*pos[v], v, ha="center", va="center", fontsize=15 if f else 13,
                fontweight="bold" if f else "normal", color="black" if f else "#555555", zorder=4)


def plot_snapshots(relations: pd.DataFrame, snapshots: list[int], pos: dict[str, tuple[float, float]],
                   highlight: tuple[tuple[str, str], ...] = TRIANGLE) -> Figure:
    """Small multiples of the signed graph (two rows of three panels, the last holding the legend).

    The ``highlight`` ties are drawn in full with their levels printed; every other tie is pale.
    """
    ncols = 3
    nrows = math.ceil((len(snapshots) + 1) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(13.5, 4.6 * nrows), squeeze=False)
    for ax, snap in zip(axes.flat, snapshots):
        _draw_panel(ax, relations, snap, pos, highlight)
        ax.set_title(str(snap), fontsize=20)
    for ax in axes.flat:
        ax.set_xlim(-1.25, 1.25)
        ax.set_ylim(-1.25, 1.25)
        ax.set_aspect("equal")
        ax.set_axis_off()
    names = ", ".join(f"{a}-{b}" for a, b in highlight)
    handles = [Line2D([], [], color=POSITIVE_COLOR, lw=6, label="positive (+1 to +3)"),
               Line2D([], [], color=NEGATIVE_COLOR, lw=6, ls=(0, (3, 1.5)), label="negative (-1 to -3)"),
               Line2D([], [], color=ZERO_COLOR, lw=2.5, ls=":", label="level 0 (mixed)"),
               Line2D([], [], color="none", label="T: defence treaty"),
               Line2D([], [], color="none", label="*: coded ambiguous"),
               Line2D([], [], color=FADED_POSITIVE, lw=1.2, label="other ties: positive"),
               Line2D([], [], color=FADED_NEGATIVE, lw=1.2, ls=(0, (4, 2)), label="other ties: negative")]
    legend_ax = list(axes.flat)[len(snapshots)]
    legend_ax.legend(handles=handles, loc="center", fontsize=14, frameon=False, handlelength=2.5,
                     title=f"{names}\n(width = |level|, level printed)\n"
                           "not drawn: uncoded pairs and\nlevel 0 among the other ties", title_fontsize=14)
    for ax in list(axes.flat)[len(snapshots) + 1:]:
        fig.delaxes(ax)
    fig.subplots_adjust(left=0.01, right=0.99, top=0.95, bottom=0.01, wspace=0.02, hspace=0.08)
    return fig


def pair_table(relations: pd.DataFrame, first: tuple[tuple[str, str], ...] = TRIANGLE) -> pd.DataFrame:
    """Pairs (rows, ``first`` on top, then every other coded pair sorted) by snapshot (columns): the tie labels
    of ``_tie_label``, empty where the pair is not coded."""
    r = relations[relations["level"].notna()]
    labels = {(a, b, s): _tie_label(int(l), bool(t), bool(m))
              for a, b, s, l, t, m in r[["actor_a", "actor_b", "snapshot", "level", "treaty_tie",
                                         "ambiguous"]].itertuples(index=False)}
    pairs = list(first) + sorted({(a, b) for a, b, _ in labels} - set(first))
    snaps = [int(s) for s in sorted(relations["snapshot"].unique())]
    return pd.DataFrame([[labels.get((a, b, s), "") for s in snaps] for a, b in pairs],
                        index=[f"{a}-{b}" for a, b in pairs], columns=snaps).rename_axis(index="pair",
                                                                                           columns="snapshot")


def plot_pair_heatmap(relations: pd.DataFrame, first: tuple[tuple[str, str], ...] = TRIANGLE) -> Figure:
    """Every coded pair by snapshot, coloured by level, the level printed in the cell; uncoded cells hatched."""
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch, Rectangle

    table = pair_table(relations, first)
    levels = table.map(lambda s: float(s.split()[0].rstrip("*")) if s else math.nan)
    cmap = ListedColormap(["#A63A00", "#D55E00", "#F0B48A", "#F2F2F2", "#9CC3DE", "#3C8DC4", "#0B4F7C"])
    norm = BoundaryNorm(np.arange(-3.5, 4.5, 1), cmap.N)
    n = len(table)
    fig, ax = plt.subplots(figsize=(8.5, 0.36 * n + 2.4))
    ax.imshow(levels.to_numpy(), cmap=cmap, norm=norm, aspect="auto")
    for i in range(n):
        for j, snap in enumerate(table.columns):
            text = table.iloc[i, j]
            if not text:
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fc="white", ec="#BBBBBB", hatch="///", lw=0))
                continue
            dark = abs(levels.iloc[i, j]) >= 2
            ax.text(j, i, text, ha="center", va="center", fontsize=13, color="white" if dark else "black",
                    fontweight="bold" if i < len(first) else "normal")
    ax.set_xticks(range(len(table.columns)), [str(c) for c in table.columns])
    ax.set_yticks(range(n), table.index)
    ax.tick_params(axis="both", length=0, labelsize=13)
    ax.xaxis.tick_top()
    ax.grid(False)
    ax.axhline(len(first) - 0.5, color="black", lw=2.5)
    for lab in ax.get_yticklabels()[:len(first)]:
        lab.set_fontweight("bold")
    handles = [Patch(fc=cmap(k), ec="#888888", label=f"{k - 3:+d}".replace("+0", "0")) for k in range(7)]
    handles.append(Patch(fc="white", ec="#BBBBBB", hatch="///", label="not coded"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=4, fontsize=12,
              frameon=False, title="level  (T: defence treaty; *: coded ambiguous)", title_fontsize=12)
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    return fig


def plot_balance(table: pd.DataFrame, null: pd.DataFrame) -> Figure:
    """Share of balanced triangles (top) and frustration per edge (bottom) per snapshot, as points, each beside
    the 5-95% band and mean of the sign-shuffled graphs (``null_comparison``); snapshots are not joined."""
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(11, 8), sharex=True)
    x = np.array(table.index.astype(int))
    m = table["edges"].to_numpy(dtype=float)
    for ax, obs, low, high, mean, fmt in (
            (top, table["share_balanced"], null["null_low"], null["null_high"], null["null_mean"], "{:.2f}"),
            (bottom, table["frustration_per_edge"], null["null_frustration_low"] / m,
             null["null_frustration_high"] / m, null["null_frustration_mean"] / m, "{:.2f}")):
        ax.vlines(x, low, high, color="#BBBBBB", lw=14, label="shuffled signs, 5-95%")
        ax.scatter(x, mean, marker="_", s=500, color="#555555", zorder=3, label="shuffled signs, mean")
        ax.scatter(x, obs, marker="o", s=90, color=POSITIVE_COLOR if ax is top else NEGATIVE_COLOR, zorder=4,
                   label="observed")
    for xi, (_, r) in zip(x, table.iterrows()):
        top.annotate(f"{int(r['balanced'])}/{int(r['triangles'])}", (xi, r["share_balanced"]),
                     xytext=(16, 0), textcoords="offset points", va="center", fontsize=12)
        bottom.annotate(f"{int(r['frustration'])}/{int(r['edges'])}", (xi, r["frustration_per_edge"]),
                        xytext=(16, 0), textcoords="offset points", va="center", fontsize=12)
    top.set_ylim(0.2, 0.8)
    top.set_ylabel("balanced triangles\n(balanced/all)")
    top.set_title("Structural balance per snapshot, against shuffled signs")
    top.legend(loc="upper left", ncol=3, fontsize=12)
    bottom.set_ylim(0.0, 0.5)
    bottom.set_ylabel("frustration per edge\n(frustrated/edges)")
    bottom.set_xlabel("snapshot (years between snapshots are not observed)")
    bottom.set_xticks(list(x))
    bottom.set_xlim(x.min() - 2, x.max() + 3)
    return fig


def ties_of(relations: pd.DataFrame, actor: str, others: list[str]) -> pd.DataFrame:
    """Levels of ``actor``'s ties to ``others``: snapshots as rows, others as columns (<NA> if not coded)."""
    mine = relations[(relations["actor_a"] == actor) | (relations["actor_b"] == actor)]
    mine = mine.assign(other=mine["actor_b"].where(mine["actor_a"] == actor, mine["actor_a"]))
    snapshots = sorted(relations["snapshot"].unique())
    table = mine.pivot_table(index="snapshot", columns="other", values="level", aggfunc="first", dropna=False)
    return table.reindex(index=snapshots, columns=list(others)).astype("Int64").rename_axis(
        index="snapshot", columns="other")


__all__ = ["CIRCLE_ORDER", "TRIANGLE", "balance_over_time", "circle_layout", "edge_clearance",
           "expected_share_balanced", "frustrated_edges", "frustration", "null_comparison", "optimal_camps",
           "optimal_partitions", "pair_table", "plot_balance", "plot_pair_heatmap", "plot_snapshots",
           "share_with", "shuffled_signs", "signed_graph", "ties_of", "triad_census", "triads", "uncoded_pairs"]
