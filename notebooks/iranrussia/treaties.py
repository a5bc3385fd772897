"""Treaty obligations: a provision-by-treaty matrix, a depth index, its sensitivity, and plots.

Each treaty is coded on nine provisions (:data:`PROVISIONS`) as binding, best effort, declaratory,
absent, or not found (unknown), and the codes are scored by :data:`STRENGTH_SCORE`. The *depth index*
measures the breadth of what a treaty writes down (how many fields, in how strong a wording), not how
far it commits a party to fight. It is a transparent additive index in the spirit of Benson & Clinton (2016, *Journal of Conflict
Resolution* 60(5)) "depth" -- military commitment and cooperation items taken from ATOP provisions --
and of Leeds & Anac (2005) on alliance institutionalisation. It is **not** their latent-variable
estimate: the weights are stated here (:data:`DEFAULT_WEIGHTS`, total 10; mutual defence counts three
times an ordinary item, sanctions non-recognition and dispute settlement half) and their influence is
shown by :func:`rank_sensitivity` (random re-weighting) and :func:`leave_one_out` (one item dropped).
Unknown items are left out of the denominator and reported as a range (``depth_low``/``depth_high``);
:func:`share_above` re-weights with the unknowns ignored, all absent and all binding.
:func:`atop_comparison` sets ATOP's own flags beside the project's, flag by flag.
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
#: How the treaty notes name each ATOP flag ("Non-aggression is coded from ATOP ...").
ATOP_FLAG_WORDS: Mapping[str, str] = MappingProxyType({
    "defence": "defence", "offence": "offence", "neutrality": "neutrality", "nonaggression": "non-aggression",
    "consultation": "consultation"})
#: Seed of every random re-weighting (:func:`rank_sensitivity`, :func:`share_above`).
SEED: int = 20261130
#: Procedural order of treaty steps, used to order steps of the same date and to bound imprecise ones.
STEP_ORDER: tuple[str, ...] = (
    "signed", "approved_committee", "ratified_lower_house", "ratified_upper_house", "approved_guardian_council",
    "signed_into_law", "notification", "entry_into_force", "extended", "invoked")
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


def _draws(w: np.ndarray, n_draws: int, seed: int) -> np.ndarray:
    """``n_draws`` weight rows, each weight uniform in [0.5x, 2x] its default (``default_rng(seed)``)."""
    return np.random.default_rng(seed).uniform(0.5, 2.0, size=(n_draws, w.size)) * w


def rank_sensitivity(matrix: pd.DataFrame, n_draws: int = 500, seed: int = SEED,
                     weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """Ranks when each weight is drawn uniformly in [0.5x, 2x] its default (``default_rng(seed)``).

    Rank 1 is deepest; tied treaties share the better rank (depths rounded to 9 decimals first).
    Returns rank_default, rank_median, rank_min, rank_max and share_first, sorted by rank_default.
    """
    w = _weights(matrix, weights)
    draws = _draws(w, n_draws, seed)
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


UNKNOWN_VARIANTS: tuple[str, ...] = ("unknowns ignored", "unknowns absent", "unknowns binding")


def share_above(matrix: pd.DataFrame, reference: str, n_draws: int = 500, seed: int = SEED,
                weights: Mapping[str, float] = DEFAULT_WEIGHTS) -> pd.DataFrame:
    """Share of weight draws in which each treaty's index is above ``reference``'s, three ways.

    The draws are those of :func:`rank_sensitivity` (same ``n_draws`` and ``seed``). Columns
    (:data:`UNKNOWN_VARIANTS`): unknown items left out of the index (the default), all scored absent (0),
    all scored binding (1). Depths are rounded to 9 decimals, so a tie is not "above". The reference row
    is 0 in every column.
    """
    if reference not in matrix.index:
        raise KeyError(f"{reference!r} is not a row of the matrix")
    draws = _draws(_weights(matrix, weights), n_draws, seed)
    variants = dict(zip(UNKNOWN_VARIANTS, (matrix, matrix.fillna(0.0), matrix.fillna(1.0)), strict=True))
    table = {}
    for name, variant in variants.items():
        depth = pd.DataFrame(np.round(_depths(variant.to_numpy(dtype=float), draws), 9), index=matrix.index)
        table[name] = depth.gt(depth.loc[reference], axis=1).mean(axis=1)
    return pd.DataFrame(table).rename_axis("treaty_id")


def non_assistance_implied(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix with no aid to an aggressor scored binding (1) wherever mutual defence is binding.

    A duty to help the attacked party includes not helping the attacker, so this reading stops a defence
    pact from losing points for lacking the weaker promise. Other cells are unchanged.
    """
    implied = matrix.copy()
    implied.loc[matrix["mutual_defence"].eq(1.0), "non_assistance_to_aggressor"] = 1.0
    return implied


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


def atop_comparison(atop: pd.DataFrame, treaties: pd.DataFrame) -> pd.DataFrame:
    """ATOP's flags beside the project's, one row per treaty ATOP covers and flag (:data:`ATOP_OBLIGATIONS`).

    Columns: treaty_id, atop_id, flag, atop, project, agree, basis. ``basis`` is "follows ATOP" where the
    treaty's notes say the flag "is coded from ATOP" (the project could not read the clause), otherwise
    "own reading". Treaties in ``atop`` but not in ``treaties`` raise ``KeyError``.
    """
    project = treaties.set_index("id")
    missing = sorted(set(atop["treaty_id"]) - set(project.index))
    if missing:
        raise KeyError(f"not in treaties: {missing}")
    rows = []
    for _, a in atop.iterrows():
        notes = str(project.at[a["treaty_id"], "notes"]).lower()
        for flag in ATOP_OBLIGATIONS:
            theirs = bool(_as_bool(pd.Series([a[flag]])).iloc[0])
            ours = bool(_as_bool(pd.Series([project.at[a["treaty_id"], flag]])).iloc[0])
            follows = f"{ATOP_FLAG_WORDS[flag]} is coded from atop" in notes
            rows.append({"treaty_id": a["treaty_id"], "atop_id": a["atop_id"], "flag": flag, "atop": theirs,
                         "project": ours, "agree": theirs == ours,
                         "basis": "follows ATOP" if follows else "own reading"})
    return pd.DataFrame(rows)


def atop_grid(comparison: pd.DataFrame) -> pd.DataFrame:
    """Treaty x flag grid of :func:`atop_comparison`: "ATOP / project" as 1 or 0, "differs" or "follows ATOP" added."""
    def cell(row: pd.Series) -> str:
        text = f"{int(row['atop'])} / {int(row['project'])}"
        if not row["agree"]:
            return text + " differs"
        return text + (" follows ATOP" if row["basis"] == "follows ATOP" else "")
    grid = comparison.assign(cell=comparison.apply(cell, axis=1)).pivot(index="treaty_id", columns="flag", values="cell")
    order = list(dict.fromkeys(comparison["treaty_id"]))
    return grid.reindex(index=order, columns=list(ATOP_OBLIGATIONS)).rename_axis(index="treaty_id", columns="flag")


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

    Russia-Iran treaties (id starting "RUS-IRN") are green, other defence pacts blue, the rest grey. Each bar
    label says how many of the nine items are known ("(3 of 9 known)"); the legend sits below the axes.
    """
    table = depth_table.sort_values("depth", ascending=False, na_position="last")
    ids = [str(i) for i in table.index]
    pacts = table["defence_pact"] if "defence_pact" in table else pd.Series(False, index=table.index)
    colors = [RUS_IRN_COLOR if i.startswith("RUS-IRN") else DEFENCE_COLOR if bool(p) else OTHER_COLOR
              for i, p in zip(ids, pacts, strict=True)]
    y = np.arange(len(ids))[::-1]
    depth = table["depth"].to_numpy(dtype=float)
    err = np.vstack([depth - table["depth_low"].to_numpy(float), table["depth_high"].to_numpy(float) - depth])
    fig, ax = plt.subplots(figsize=(14, 0.6 * len(ids) + 2.4))
    ax.barh(y, depth, color=colors, edgecolor="white")
    ax.errorbar(depth, y, xerr=err, fmt="none", ecolor="black", capsize=4, linewidth=1.2)
    names = _labels(ids, labels)
    if "known_items" in table:
        names = [f"{n} ({int(k)} of {len(PROVISIONS)} known)" for n, k in zip(names, table["known_items"], strict=True)]
    ax.set_yticks(y, names, fontsize=12)
    ax.set_xlim(0, 100)
    ax.set_xlabel("depth index (0-100)\nwhiskers: every unknown item absent to every unknown binding", fontsize=12)
    ax.grid(axis="y", visible=False)
    ax.legend(handles=[Patch(color=RUS_IRN_COLOR, label="Russia-Iran"),
                       Patch(color=DEFENCE_COLOR, label="defence pact"),
                       Patch(color=OTHER_COLOR, label="other")], loc="upper center", bbox_to_anchor=(0.5, -0.14),
              ncol=3, fontsize=12)
    ax.set_title("Breadth of written cooperation (depth index)", fontsize=14)
    fig.tight_layout()
    return fig


def milestone_order(milestones: pd.DataFrame, treaty_id: str) -> pd.DataFrame:
    """One treaty's steps in the order they happened, each with the interval it can fall in.

    A dated step's interval is its day. A step known only to the month or year is bounded by the other
    steps: no earlier than the latest exact step that comes before it in :data:`STEP_ORDER` and no later
    than the earliest exact step that comes after it, within its own month or year. Rows are sorted by the
    start of the interval, then by procedural order (so a promulgation comes before the notification that
    reports it). Adds ``earliest``, ``latest`` (Timestamps) and ``rank`` (position in :data:`STEP_ORDER`).
    """
    rows = milestones[milestones["treaty_id"] == treaty_id].copy()
    unknown = sorted(set(rows["step"]) - set(STEP_ORDER))
    if unknown:
        raise ValueError(f"steps not in STEP_ORDER: {unknown}")
    rows["rank"] = rows["step"].map(STEP_ORDER.index)
    spans = rows["date"].map(date_span)
    rows["earliest"], rows["latest"] = [s for s, _ in spans], [e for _, e in spans]
    exact = rows[rows["date_precision"] == "day"]
    for i in rows.index[rows["date_precision"] != "day"]:
        before = exact.loc[exact["rank"] < rows.at[i, "rank"], "earliest"]
        after = exact.loc[exact["rank"] > rows.at[i, "rank"], "earliest"]
        if len(before):
            rows.at[i, "earliest"] = max(rows.at[i, "earliest"], before.max())
        if len(after):
            rows.at[i, "latest"] = min(rows.at[i, "latest"], after.min())
    return rows.sort_values(["earliest", "rank"], kind="stable")


def plot_milestones(milestones: pd.DataFrame, treaty_id: str, title: str | None = None) -> Figure:
    """The path of one treaty from signature to entry into force, in the order of :func:`milestone_order`.

    An exact day is a dot. A step known only to the month or year is drawn as a bar over the interval the
    other steps allow, with hollow ends, so its position is not mistaken for a known day. ``title`` defaults
    to the treaty id; the legend sits below the axes.
    """
    rows = milestone_order(milestones, treaty_id).reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(13, 6))
    exact = rows["date_precision"] == "day"
    ax.scatter(rows.loc[exact, "earliest"], rows.index[exact], s=90, color="#009E73", zorder=3, label="exact day")
    ax.hlines(rows.index[~exact], rows.loc[~exact, "earliest"], rows.loc[~exact, "latest"], color="#009E73",
              linewidth=3, zorder=2, label="known to the month or year only: the interval the other steps allow")
    ends = pd.concat([rows.loc[~exact, "earliest"], rows.loc[~exact, "latest"]])
    ax.scatter(ends, list(rows.index[~exact]) * 2, s=90, facecolors="white", edgecolors="#009E73",
               linewidths=2, zorder=3)
    for i, r in rows.iterrows():
        label = f"{r['step'].replace('_', ' ')}: {shorten(r['body'], 60, placeholder='...')}"
        if not exact[i]:
            label += f" ({r['date']}; {r['earliest']:%Y-%m-%d} to {r['latest']:%Y-%m-%d})"
        ax.annotate(label, (r["latest"], i), xytext=(10, -4), textcoords="offset points", fontsize=11)
    ax.set_yticks([])
    ax.set_ylim(-1, len(rows))
    ax.invert_yaxis()
    ax.set_title(f"{title or treaty_id}: from signature to entry into force")
    ax.grid(axis="y", visible=False)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08), ncol=2)
    right = rows["latest"].max() + pd.Timedelta(days=300)  # room for the last label
    ax.set_xlim(rows["earliest"].min() - pd.Timedelta(days=20), right)
    fig.tight_layout()
    return fig
