"""Treaty obligations: a provision-by-treaty matrix, a depth index, its sensitivity, and plots.

Each treaty is coded on nine provisions (:data:`PROVISIONS`) as binding, best effort, declaratory,
absent, or not found (unknown), and the codes are scored by :data:`STRENGTH_SCORE`. The *depth index*
is a transparent additive index in the spirit of Benson & Clinton (2016, *Journal of Conflict
Resolution* 60(5)) "depth" -- military commitment and cooperation items taken from ATOP provisions --
and of Leeds & Anac (2005) on alliance institutionalisation. It is **not** their latent-variable
estimate: the weights are stated here (:data:`DEFAULT_WEIGHTS`, total 10; mutual defence counts three
times an ordinary item, sanctions non-recognition and dispute settlement half) and their influence is
shown by :func:`rank_sensitivity` (random re-weighting) and :func:`leave_one_out` (one item dropped).
Unknown items are left out of the denominator and reported as a range (``depth_low``/``depth_high``).
"""

from __future__ import annotations

import math
from textwrap import shorten
from collections.abc import Mapping, Sequence
from types import MappingProxyType

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .core import date_span

PROVISIONS: tuple[str, ...] = (
    "mutual_defence", "non_assistance_to_aggressor", "no_territory_use_against", "military_technical",
    "intelligence_security", "joint_exercises", "sanctions_nonrecognition", "consultation",
    "dispute_settlement",
)
#: Score of each strength code; ``not_found`` is unknown (NaN), not zero.
STRENGTH_SCORE: Mapping[str, float] = MappingProxyType(
    {"binding": 1.0, "best_effort": 0.5, "declaratory": 0.25, "absent": 0.0, "not_found": math.nan})
#: Stated weights of the additive index (sum 10).
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType({
    "mutual_defence": 3.0, "non_assistance_to_aggressor": 1.0, "no_territory_use_against": 1.0,
    "military_technical": 1.0, "intelligence_security": 1.0, "joint_exercises": 1.0,
    "sanctions_nonrecognition": 0.5, "consultation": 1.0, "dispute_settlement": 0.5})
#: Readable column labels for plots.
SHORT_NAMES: Mapping[str, str] = MappingProxyType({
    "mutual_defence": "mutual defence", "non_assistance_to_aggressor": "no aid to aggressor",
    "no_territory_use_against": "no territory use", "military_technical": "military-technical",
    "intelligence_security": "intelligence", "joint_exercises": "joint exercises",
    "sanctions_nonrecognition": "sanctions non-recogn.", "consultation": "consultation",
    "dispute_settlement": "dispute settlement"})
ATOP_OBLIGATIONS: tuple[str, ...] = ("defence", "offence", "neutrality", "nonaggression", "consultation")
RUS_IRN_COLOR, DEFENCE_COLOR, OTHER_COLOR = "#009E73", "#0072B2", "#999999"
_CELL_TEXT = {1.0: "B", 0.5: "E", 0.25: "D", 0.0: "\u2013"}


def obligations_matrix(provisions: pd.DataFrame, order: Sequence[str] | None = None) -> pd.DataFrame:
    """Treaties (rows, in ``order`` if given) x :data:`PROVISIONS` of strength scores.

    Missing treaty/provision pairs and ``not_found`` are NaN. Unknown provision names or strength
    codes raise ``ValueError``; duplicate pairs keep the strongest known score.
    """
    bad_prov = set(provisions["provision"]) - set(PROVISIONS)
    bad_strength = set(provisions["strength"]) - set(STRENGTH_SCORE)
    if bad_prov or bad_strength:
        raise ValueError(f"unknown provisions {sorted(bad_prov)} or strengths {sorted(bad_strength)}")
    scored = provisions.assign(score=provisions["strength"].map(dict(STRENGTH_SCORE)).astype(float))
    cells = scored.groupby(["treaty_id", "provision"])["score"].max().unstack("provision")
    rows = list(order) if order is not None else sorted(scored["treaty_id"].unique())
    matrix = cells.reindex(index=rows, columns=list(PROVISIONS)).astype(float)
    matrix.index.name, matrix.columns.name = "treaty_id", "provision"
    return matrix


def _weights(matrix: pd.DataFrame, weights: Mapping[str, float]) -> np.ndarray:
    """Weights as an array aligned with the matrix columns; raises if one is missing."""
    missing = [c for c in matrix.columns if c not in weights]
    if missing:
        raise ValueError(f"no weight for {missing}")
    return np.array([float(weights[c]) for c in matrix.columns])


def _depths(scores: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Depth (0-100) over known items for weight rows ``w`` (draws x items) -> treaties x draws."""
    known = ~np.isnan(scores)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.nan_to_num(scores) @ w.T / (known @ w.T) * 100


def depth_index(matrix: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """Per treaty: depth (known items only), known_items, coverage (known share of weight), bounds.

    ``depth_low``/``depth_high`` are the index if every unknown item scored 0 or 1. ``defence_pact`` is
    True where mutual defence is binding. Sorted by depth descending, ties by treaty id.
    """
    w = _weights(matrix, weights)
    scores = matrix.to_numpy(dtype=float)
    known = ~np.isnan(scores)
    known_sum = np.nan_to_num(scores) @ w
    mutual = matrix["mutual_defence"] if "mutual_defence" in matrix else pd.Series(np.nan, index=matrix.index)
    table = pd.DataFrame({
        "depth": _depths(scores, w[None, :])[:, 0],
        "known_items": known.sum(axis=1).astype(int),
        "coverage": known @ w / w.sum(),
        "depth_low": known_sum / w.sum() * 100,
        "depth_high": (known_sum + (~known) @ w) / w.sum() * 100,
        "defence_pact": mutual.eq(1.0).to_numpy(),
    }, index=matrix.index)
    return table.rename_axis("treaty_id").reset_index().sort_values(
        ["depth", "treaty_id"], ascending=[False, True], na_position="last").set_index("treaty_id")


def rank_sensitivity(matrix: pd.DataFrame, n_draws: int = 500, seed: int = 20261130,
                     weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """Ranks when each weight is drawn uniformly in [0.5x, 2x] its default (``default_rng(seed)``).

    Rank 1 is deepest; tied treaties share the better rank (depths rounded to 9 decimals first).
    Returns rank_default, rank_median, rank_min, rank_max and share_first, sorted by rank_default.
    """
    w = _weights(matrix, weights)
    draws = np.random.default_rng(seed).uniform(0.5, 2.0, size=(n_draws, w.size)) * w
    scores = matrix.to_numpy(dtype=float)

    def ranks(weight_rows: np.ndarray) -> pd.DataFrame:
        depth = pd.DataFrame(np.round(_depths(scores, weight_rows), 9), index=matrix.index)
        return depth.rank(ascending=False, method="min")

    drawn = ranks(draws)
    table = pd.DataFrame({
        "rank_default": ranks(w[None, :])[0],
        "rank_median": drawn.median(axis=1),
        "rank_min": drawn.min(axis=1),
        "rank_max": drawn.max(axis=1),
        "share_first": drawn.eq(1).mean(axis=1),
    })
    return table.rename_axis("treaty_id").reset_index().sort_values(
        ["rank_default", "treaty_id"], na_position="last").set_index("treaty_id")


def leave_one_out(matrix: pd.DataFrame, weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """Treaty x dropped item: the depth index computed without that one item (weight set to 0)."""
    w = _weights(matrix, weights)
    dropped = np.tile(w, (w.size, 1))
    np.fill_diagonal(dropped, 0.0)
    return pd.DataFrame(_depths(matrix.to_numpy(dtype=float), dropped), index=matrix.index,
                        columns=pd.Index(matrix.columns, name="dropped"))


def _as_bool(values: pd.Series) -> pd.Series:
    """Booleans from bools or their text forms ("True", "false", "1"); missing counts as False."""
    text = values.astype("string").str.strip().str.lower()
    return text.isin(["true", "1", "yes"]).fillna(False).astype(bool)


def cow_atop_summary(treaties: pd.DataFrame) -> pd.DataFrame:
    """Per treaty: short_name, signed, ATOP obligations present (list), is_alliance_atop, cow_type."""
    flags = pd.DataFrame({name: _as_bool(treaties[name]) for name in ATOP_OBLIGATIONS})
    return pd.DataFrame({
        "short_name": treaties["short_name"].to_numpy(),
        "signed": treaties["signed"].to_numpy(),
        "atop_obligations": [[n for n in ATOP_OBLIGATIONS if row[n]] for _, row in flags.iterrows()],
        "is_alliance_atop": flags.any(axis=1).to_numpy(),
        "cow_type": treaties["cow_type"].to_numpy(),
    }, index=pd.Index(treaties["id"], name="id"))


def _labels(ids: Sequence[str], labels: Mapping[str, str] | Sequence[str] | None) -> list[str]:
    """Row labels: a mapping id -> label, a sequence in row order, or the ids themselves."""
    if labels is None:
        return [str(i) for i in ids]
    if isinstance(labels, Mapping | pd.Series):
        return [str(labels.get(i, i)) for i in ids]
    return [str(x) for x in labels]


def plot_matrix(matrix: pd.DataFrame, labels: Mapping[str, str] | Sequence[str] | None = None) -> Figure:
    """Heatmap of strength scores (cividis, 0..1), unknown cells grey with "?", each cell lettered."""
    cmap = plt.get_cmap("cividis").with_extremes(bad="#DDDDDD")
    values = matrix.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(13, 6.5))
    image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, vmax=1, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        text = "?" if np.isnan(v) else _CELL_TEXT.get(float(v), f"{v:.2f}")
        color = "black" if np.isnan(v) or v >= 0.5 else "white"
        ax.text(j, i, text, ha="center", va="center", fontsize=14, fontweight="bold", color=color)
    ax.set_xticks(range(values.shape[1]), [SHORT_NAMES.get(c, c) for c in matrix.columns],
                  rotation=30, ha="right", rotation_mode="anchor", fontsize=12)
    ax.set_yticks(range(values.shape[0]), _labels(list(matrix.index), labels), fontsize=12)
    ax.grid(False)
    bar = fig.colorbar(image, ax=ax, ticks=[0, 0.25, 0.5, 1])
    bar.ax.set_yticklabels(["\u2013 absent", "D declaratory", "E best effort", "B binding"], fontsize=12)
    ax.set_title("Treaty obligations by provision (? = not found, grey)", fontsize=14)
    fig.tight_layout()
    return fig


def plot_depth(depth_table: pd.DataFrame, labels: Mapping[str, str] | None = None) -> Figure:
    """Horizontal depth bars, deepest on top, whiskers from depth_low to depth_high; ``labels``: id -> name.

    Russia-Iran treaties (id starting "RUS-IRN") are green, other defence pacts blue, the rest grey.
    """
    table = depth_table.sort_values("depth", ascending=False, na_position="last")
    ids = [str(i) for i in table.index]
    pacts = table["defence_pact"] if "defence_pact" in table else pd.Series(False, index=table.index)
    colors = [RUS_IRN_COLOR if i.startswith("RUS-IRN") else DEFENCE_COLOR if bool(p) else OTHER_COLOR
              for i, p in zip(ids, pacts, strict=True)]
    y = np.arange(len(ids))[::-1]
    depth = table["depth"].to_numpy(dtype=float)
    err = np.vstack([depth - table["depth_low"].to_numpy(float), table["depth_high"].to_numpy(float) - depth])
    fig, ax = plt.subplots(figsize=(11, 0.6 * len(ids) + 2))
    ax.barh(y, depth, color=colors, edgecolor="white")
    ax.errorbar(depth, y, xerr=err, fmt="none", ecolor="black", capsize=4, linewidth=1.2)
    ax.set_yticks(y, _labels(ids, labels), fontsize=12)
    ax.set_xlim(0, 100)
    ax.set_xlabel("depth index (0-100)", fontsize=12)
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(color=RUS_IRN_COLOR, label="Russia-Iran"),
                       Patch(color=DEFENCE_COLOR, label="defence pact"),
                       Patch(color=OTHER_COLOR, label="other")], loc="lower right", fontsize=12)
    ax.set_title("Depth of commitment; whiskers: unknown items scored 0 to 1", fontsize=14)
    fig.tight_layout()
    return fig


def plot_milestones(milestones: pd.DataFrame, treaty_id: str) -> Figure:
    """The path of one treaty from signature to entry into force, as dated steps on a time axis.

    Steps known only to the month or year are drawn at the middle of that period with a hollow marker, so
    their position is not mistaken for a known day.
    """
    rows = milestones[milestones["treaty_id"] == treaty_id].copy()
    rows["when"] = [(start + (end - start) / 2).floor("D") for start, end in rows["date"].map(date_span)]
    rows = rows.sort_values(["when", "step"]).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(13, 5.5))
    exact = rows["date_precision"] == "day"
    ax.scatter(rows.loc[exact, "when"], rows.index[exact], s=90, color="#009E73", zorder=3, label="exact day")
    ax.scatter(rows.loc[~exact, "when"], rows.index[~exact], s=90, facecolors="none", edgecolors="#009E73",
               linewidths=2, zorder=3, label="month or year only")
    for i, r in rows.iterrows():
        ax.annotate(f"{r['step'].replace('_', ' ')}: {shorten(r['body'], 48, placeholder='...')}", (r["when"], i), xytext=(10, -4),
                    textcoords="offset points", fontsize=11)
    ax.set_yticks([])
    ax.set_ylim(-1, len(rows))
    ax.invert_yaxis()
    ax.set_title(f"{treaty_id}: from signature to entry into force")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="lower left")
    right = rows["when"].max() + pd.Timedelta(days=330)  # room for the last label
    ax.set_xlim(rows["when"].min() - pd.Timedelta(days=20), right)
    return fig
