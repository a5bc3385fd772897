"""Maps drawn offline from files in ``data/``: Natural Earth country shapes and a sourced table of places.

The country shapes (1:110m, public domain) are the ones the GeoPandas 0.14.4 package shipped, kept in
``data/countries_110m.geojson``; the places, with their coordinates from GeoNames, are ``data/places.csv``.
Nothing is downloaded. Coordinates are drawn as longitude and latitude, with the horizontal scale shrunk by
the cosine of the middle latitude so that shapes keep their proportions near the map's centre.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch

from .core import COUNTRY_COLORS, DATA, relpath
from .data import DataValidationError

COUNTRIES = DATA / "countries_110m.geojson"
LAND, SEA, EDGE = "#F3F3F3", "#FFFFFF", "#777777"
#: Colours for the -3..+3 relation scale (Paul Tol's colour-blind-safe diverging "BuRd", reversed so that
#: friendly ties are blue), with grey for a pair the data do not code.
LEVEL_COLORS: dict[int, str] = {-3: "#B2182B", -2: "#EF8A62", -1: "#FDDBC7", 0: "#E6D8AD", 1: "#D1E5F0",
                                2: "#67A9CF", 3: "#2166AC"}
UNCODED = "#BBBBBB"
#: Colours for a corridor's status, as in the economics notebook's channel chart.
STATUS_COLORS: dict[str, str] = {"operating": "#009E73", "under_construction": "#E69F00", "agreed": "#0072B2",
                                 "proposed": "#999999", "stalled": "#D55E00"}


def load_countries(path: Path = COUNTRIES) -> dict[str, list[list[tuple[float, float]]]]:
    """Country outlines by ISO 3166-1 alpha-3 code: a list of rings (lon, lat) per country.

    Raises :class:`DataValidationError` naming the file and the feature when the file is not a GeoJSON
    FeatureCollection of Polygon or MultiPolygon features with an ``iso_a3`` property.
    """
    shown = relpath(path)
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataValidationError(shown, None, None, str(exc)[:60], "must be a readable GeoJSON file") from None
    if collection.get("type") != "FeatureCollection":
        raise DataValidationError(shown, None, "type", collection.get("type"), "must be a FeatureCollection")
    out: dict[str, list[list[tuple[float, float]]]] = {}
    for number, feature in enumerate(collection.get("features", []), start=1):
        geometry, props = feature.get("geometry") or {}, feature.get("properties") or {}
        code = props.get("iso_a3")
        if not code or geometry.get("type") not in ("Polygon", "MultiPolygon"):
            raise DataValidationError(shown, number, "geometry", geometry.get("type"),
                                      "each feature needs an iso_a3 property and a Polygon or MultiPolygon")
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        out.setdefault(code, []).extend([tuple(p) for p in polygon[0]] for polygon in polygons)  # outer rings
    return out


def _frame(ax, extent: tuple[float, float, float, float]) -> None:
    west, east, south, north = extent
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    ax.set_facecolor(SEA)
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
        spine.set_color("#999999")


def draw_countries(ax, shapes, colors: dict[str, str], extent, default: str = LAND, hatch: set[str] = frozenset()):
    """Fill every country that reaches into ``extent`` with its colour from ``colors`` (else ``default``)."""
    west, east, south, north = extent
    plain, hatched = ([], []), ([], [])
    for code, rings in shapes.items():
        for ring in rings:
            xs, ys = [p[0] for p in ring], [p[1] for p in ring]
            if max(xs) < west or min(xs) > east or max(ys) < south or min(ys) > north:
                continue
            rings_of, colours = hatched if code in hatch else plain
            rings_of.append(ring)
            colours.append(colors.get(code, default))
    # One collection per fill style: drawn in one pass, and (the extent being set below) without data limits.
    for (rings_of, colours), style in ((plain, None), (hatched, "///")):
        if rings_of:
            ax.add_collection(PolyCollection(rings_of, closed=True, facecolors=colours, edgecolors=EDGE,
                                             linewidths=0.6, hatch=style, zorder=1), autolim=False)
    _frame(ax, extent)


#: Places whose name is written to the left of the dot, so that close neighbours do not overprint each other.
LABEL_LEFT: frozenset[str] = frozenset({"Astara (Azerbaijan)", "Bandar-e Anzali", "Nakhchivan"})


def _label(ax, lon: float, lat: float, text: str, **kwargs) -> None:
    left = text in LABEL_LEFT
    ax.annotate(text, (lon, lat), xytext=(-4 if left else 4, 3), textcoords="offset points",
                ha="right" if left else "left", fontsize=kwargs.pop("fontsize", 11), zorder=5, **kwargs)


def plot_orientation(places: pd.DataFrame, states: list[str], extent=(20.0, 80.0, 20.0, 62.0)):
    """The states of the collection on one map: Russia and Iran in their colours, the others shaded, capitals
    marked and named."""
    shapes = load_countries()
    colors = {code: "#C9C9C9" for code in states}
    colors.update({"RUS": COUNTRY_COLORS["RUS"], "IRN": COUNTRY_COLORS["IRN"]})
    fig, ax = plt.subplots(figsize=(12, 8))
    draw_countries(ax, shapes, colors, extent)
    capitals = places[(places["role"] == "capital") & places["lon"].between(*extent[:2])
                      & places["lat"].between(*extent[2:])]
    ax.scatter(capitals["lon"], capitals["lat"], s=30, color="#222222", zorder=4)
    for _, p in capitals.iterrows():
        _label(ax, p["lon"], p["lat"], p["name"])
    ax.legend(handles=[Patch(color=COUNTRY_COLORS["RUS"], label="Russia"), Patch(color=COUNTRY_COLORS["IRN"], label="Iran"),
                       Patch(color="#C9C9C9", label="other states in the collection's data")],
              loc="lower left", frameon=True)
    ax.set_title("The states of the collection (Russia, Iran and their neighbours)")
    return fig


def tie_table(relations: pd.DataFrame, states: list[str], partners: tuple[str, ...] = ("RUS", "IRN")) -> pd.DataFrame:
    """Level of each state's tie to each partner in each snapshot (missing where the data do not code it)."""
    levels: dict = {}  # (snapshot, the pair in either order) -> level of its first row in the table
    for a, b, snap, level in relations[["actor_a", "actor_b", "snapshot", "level"]].itertuples(index=False):
        levels.setdefault((int(snap), frozenset((a, b))), level)
    rows = [{"snapshot": int(snap), "partner": partner, "state": state,
             "level": int(levels[key]) if (key := (int(snap), frozenset((state, partner)))) in levels else pd.NA}
            for snap in sorted(relations["snapshot"].unique()) for partner in partners for state in states
            if state != partner]
    return pd.DataFrame(rows).astype({"level": "Int64"})


def plot_caucasus_ties(ties: pd.DataFrame, extent=(39.0, 51.5, 36.0, 44.5)):
    """One map per snapshot and partner: each state of the South Caucasus and around it coloured by the level
    of its tie to Russia (top row) or to Iran (bottom row); the partner itself is hatched grey."""
    shapes = load_countries()
    snapshots = sorted(ties["snapshot"].unique())
    partners = list(dict.fromkeys(ties["partner"]))
    fig, axes = plt.subplots(len(partners), len(snapshots), figsize=(3.2 * len(snapshots), 3.4 * len(partners)),
                             squeeze=False)
    names = {"RUS": "Russia", "IRN": "Iran"}
    for i, partner in enumerate(partners):
        for j, snap in enumerate(snapshots):
            ax = axes[i][j]
            part = ties[(ties["partner"] == partner) & (ties["snapshot"] == snap)]
            colors = {r["state"]: (UNCODED if pd.isna(r["level"]) else LEVEL_COLORS[int(r["level"])])
                      for _, r in part.iterrows()}
            colors[partner] = "#999999"
            draw_countries(ax, shapes, colors, extent, hatch={partner})
            if i == 0:
                ax.set_title(str(snap), fontsize=15)
            if j == 0:
                ax.set_ylabel(f"tie to {names.get(partner, partner)}", fontsize=14)
    handles = [Patch(facecolor=LEVEL_COLORS[lvl], edgecolor="#999999", label=f"{lvl:+d}" if lvl else "0")
               for lvl in sorted(LEVEL_COLORS)]
    handles += [Patch(facecolor=UNCODED, label="not coded"), Patch(facecolor="#999999", hatch="///", label="the partner")]
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0), bbox_transform=fig.transFigure,
               ncol=len(handles), frameon=False, title="relation level (-3 war ... +3 allied)")
    fig.tight_layout(rect=(0, 0.1, 1, 1))
    return fig


def corridor_segments(corridors: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """One row per leg between consecutive places a corridor row names (column ``places``), with its status."""
    where = places.set_index("id")
    rows = []
    for _, c in corridors.dropna(subset=["places"]).iterrows():
        ids = [p for p in c["places"].split(";") if p]
        for a, b in zip(ids, ids[1:]) if len(ids) > 1 else [(ids[0], ids[0])]:
            rows.append({"corridor_id": c["id"], "corridor": c["corridor"], "status": c["status"], "from": a, "to": b,
                         "sea": "sea" in str(c["segment"]).lower(),
                         "lon_from": where.at[a, "lon"], "lat_from": where.at[a, "lat"],
                         "lon_to": where.at[b, "lon"], "lat_to": where.at[b, "lat"]})
    return pd.DataFrame(rows)


SYUNIK = (45.3, 46.9, 38.7, 40.3)


def _draw_legs(ax, segments: pd.DataFrame, places: pd.DataFrame, fontsize: int) -> None:
    for _, s in segments.iterrows():
        color = STATUS_COLORS[s["status"]]
        if s["from"] == s["to"]:
            ax.scatter([s["lon_from"]], [s["lat_from"]], s=260, facecolors="none", edgecolors=color, linewidths=3,
                       zorder=3)
        else:
            ax.plot([s["lon_from"], s["lon_to"]], [s["lat_from"], s["lat_to"]], color=color, linewidth=4,
                    linestyle=(0, (2, 1.5)) if s["sea"] else "-", solid_capstyle="round", zorder=3)
    used = set(segments["from"]) | set(segments["to"])
    shown = places[places["id"].isin(used)]
    ax.scatter(shown["lon"], shown["lat"], s=25, color="#222222", zorder=4)
    for _, p in shown.iterrows():
        _label(ax, p["lon"], p["lat"], p["name"], fontsize=fontsize)


def plot_corridors(segments: pd.DataFrame, places: pd.DataFrame, extent=(41.0, 58.0, 34.5, 47.5)):
    """The corridors' legs between the places their rows name, coloured by status (dashed: by sea), with the
    Armenian routes in Syunik enlarged; a row naming one place is a ring at that place. Legs are straight
    lines between named places, not the tracks."""
    shapes = load_countries()
    colors = {"RUS": "#DCE6F2", "IRN": "#DCEFE6"}
    fig, (ax, inset) = plt.subplots(1, 2, figsize=(15, 8.5), width_ratios=(1.6, 1))
    draw_countries(ax, shapes, colors, extent)
    big = segments[~(segments["lon_from"].between(*SYUNIK[:2]) & segments["lat_from"].between(*SYUNIK[2:])
                     & segments["lon_to"].between(*SYUNIK[:2]) & segments["lat_to"].between(*SYUNIK[2:]))]
    _draw_legs(ax, big, places, fontsize=11)
    west, east, south, north = SYUNIK
    ax.plot([west, east, east, west, west], [south, south, north, north, south], color="#333333", linewidth=1.2,
            zorder=4)
    ax.annotate("enlarged", (east, north), xytext=(3, 3), textcoords="offset points", fontsize=10)
    draw_countries(inset, shapes, colors, SYUNIK)
    _draw_legs(inset, segments[segments.index.isin(segments.index.difference(big.index))], places, fontsize=11)
    inset.set_title("Syunik (Armenia) and Nakhchivan, enlarged", fontsize=14)
    present = [s for s in STATUS_COLORS if s in set(segments["status"])]
    handles = [Patch(color=STATUS_COLORS[s], label=s.replace("_", " ")) for s in present]
    ax.legend(handles=handles, loc="lower left", frameon=True, title="status at the latest report")
    ax.set_title("Corridors between Russia, the Caucasus and Iran")
    fig.tight_layout()
    return fig


__all__ = ["LEVEL_COLORS", "STATUS_COLORS", "corridor_segments", "draw_countries", "load_countries",
           "plot_caucasus_ties", "plot_corridors", "plot_orientation", "tie_table"]
