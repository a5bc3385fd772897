"""Paths, the house style and figure saving shared by every notebook.

Everything here is resolved from the repository root, never from the current
directory, so notebooks, tests and tools find the same files wherever they run.
"""

from __future__ import annotations

import gc
import os
import random
import re
import tempfile
from datetime import date
from pathlib import Path

import matplotlib as mpl
import numpy as np
import pandas as pd

ROOT: Path = Path(__file__).resolve().parents[2]
DATA: Path = ROOT / "data"
FIGURES: Path = ROOT / "figures"
NOTEBOOKS: Path = ROOT / "notebooks"
#: Where a run outside the build writes what it makes (figures, the ledger), so that running a notebook or a
#: student copy never rewrites the published ``figures/`` and ``data/claims.csv``.
SCRATCH: Path = ROOT / "_build" / "scratch"
#: The environment variable the build sets (``tools/collection.py execute``) to publish into figures/ and data/.
BUILD_ENV: str = "IRANRUSSIA_BUILD"

#: The date the stored sources were last read (not the date the record reaches: see ``coverage``).
AS_OF: date = date(2026, 12, 2)
#: The one seed used for anything random (layouts, sampling).
SEED: int = 20261130

# Okabe-Ito palette (colour-blind safe), extended with Paul Tol's wine and teal
# for the two actors beyond its eight colours. One fixed colour per actor.
COUNTRY_COLORS: dict[str, str] = {
    "RUS": "#0072B2",  # blue
    "IRN": "#009E73",  # bluish green
    "ARM": "#E69F00",  # orange
    "AZE": "#56B4E9",  # sky blue
    "TUR": "#D55E00",  # vermillion
    "GEO": "#CC79A7",  # reddish purple
    "USA": "#000000",  # black
    "ISR": "#F0E442",  # yellow
    "EU": "#999999",  # grey
    "UKR": "#882255",  # wine (Tol)
    "CHN": "#44AA99",  # teal (Tol)
    "PRK": "#332288",  # indigo (Tol)
    "SYR": "#DDCC77",  # sand (Tol)
}
#: Neutral series colours for charts that are not about one actor.
SERIES_COLORS: tuple[str, ...] = (
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000",
)

_FIGURE_NAME = re.compile(r"^\d\d_[a-z0-9]+(?:_[a-z0-9]+)*$")


def setup() -> None:
    """Apply the collection's display options, plotting style and seed.

    Call once, in the first code cell of every notebook. It sets pandas display
    options, one matplotlib style readable on a seminar projector (large type,
    colour-blind-safe colours), byte-stable SVG and PNG output, and seeds the
    random number generators.

    It also freezes the objects the imports made (``gc.freeze``): the libraries' few hundred thousand objects
    live as long as the kernel, and without this the cyclic garbage collector, which matplotlib's figures keep
    busy, walks all of them again at every full collection (about a tenth of a second each).
    """
    pd.set_option("display.max_columns", 30)
    pd.set_option("display.max_rows", 80)
    pd.set_option("display.width", 120)
    pd.set_option("display.max_colwidth", 70)
    pd.set_option("display.precision", 2)
    mpl.rcParams.update(
        {
            "figure.figsize": (11.0, 6.0),
            "figure.dpi": 100,
            "savefig.dpi": 100,
            "savefig.bbox": "tight",
            "font.size": 14,
            "axes.titlesize": 17,
            "axes.titleweight": "bold",
            "axes.labelsize": 15,
            "xtick.labelsize": 13,
            "ytick.labelsize": 13,
            "legend.fontsize": 12,
            "legend.frameon": False,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "grid.alpha": 0.3,
            "lines.linewidth": 2.5,
            "axes.prop_cycle": mpl.cycler(color=list(SERIES_COLORS)),
            "svg.hashsalt": "iranrussia",
            "svg.fonttype": "path",
            "image.cmap": "cividis",
        }
    )
    gc.freeze()
    random.seed(SEED)
    np.random.seed(SEED)


def _atomic_write(target: Path, write) -> None:
    """Write through a temporary file in the same folder, then rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    try:
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def building() -> bool:
    """True inside ``make build``, the one run that publishes figures and the ledger."""
    return os.environ.get(BUILD_ENV) == "1"


def save_figure(fig, name: str, data: pd.DataFrame | None = None) -> None:
    """Save ``fig`` as ``figures/<name>.svg`` and ``.png``, and the numbers it draws as ``<name>.csv``.

    Only the build publishes (see :func:`building`). Any other run (nbval, JupyterLab, a student copy)
    writes the PNG and the CSV to ``_build/scratch/figures/`` instead, and no SVG: the page shows the PNG,
    and the SVG is an export of the published site that a re-run does not need. The PNG is the same
    bytes either way, so the notebook's output does not depend on where it was written.

    ``name`` starts with the notebook's number and slug, e.g. ``01_history_timeline``. ``data`` is the table
    the figure draws, exactly (one row per mark or bar; its index is written when it is named), so a reader
    can take the chart away with its numbers. Each file is written to a temporary name first and renamed
    into place, so an interrupted run never leaves a half-written file; SVG, PNG and CSV are byte-stable
    from run to run. In a notebook the saved PNG is shown in place of the live figure (which is closed), so
    each figure is drawn once per file and the page shows the file itself. Returns nothing.
    """
    if not _FIGURE_NAME.match(name):
        raise ValueError(f"figure name {name!r} must look like 'NN_slug_what' (lower case, underscores)")
    folder = FIGURES if building() else SCRATCH / "figures"
    if building():
        _atomic_write(folder / f"{name}.svg", lambda p: fig.savefig(p, format="svg", metadata={"Date": None}))
    _atomic_write(folder / f"{name}.png", lambda p: _write_png(fig, p))
    if data is not None:
        named = any(n is not None for n in data.index.names)
        _atomic_write(folder / f"{name}.csv",
                      lambda p: data.to_csv(p, index=named, lineterminator="\n", encoding="utf-8"))
    _show_saved(fig, folder / f"{name}.png")


#: Room (inches) left around a figure when it is painted for :func:`_write_png`, for labels drawn past its edge.
PNG_MARGIN: float = 2.0
#: zlib level of the PNGs. Level 3 compresses this collection's 19 charts a third faster than the default 6
#: (0.42 s against 0.65 s, measured) for files 2 per cent larger.
PNG_COMPRESS_LEVEL: int = 3


def _savefig_png(fig, path) -> None:
    fig.savefig(path, format="png", metadata={"Software": None}, pil_kwargs={"compress_level": PNG_COMPRESS_LEVEL})


def _write_png(fig, path) -> None:
    """Write ``fig`` as a PNG of everything it draws with ``savefig.pad_inches`` of background around it, painting
    it once.

    ``savefig(bbox_inches="tight")`` draws a figure twice: once (without painting) to measure the boxes of its
    artists, then again to paint. Here the figure is painted once on a canvas ``PNG_MARGIN`` inches wider on
    every side (matplotlib's own ``adjust_bbox``, which ``savefig`` uses for the tight box) and cropped to the
    pixels that differ from the background, padded by ``savefig.pad_inches``: the same picture at the same
    scale, without the measuring pass (about a third of the time of a save here). The crop is the ink itself,
    so nothing drawn is cut, not even an axis label that matplotlib 3.10 leaves out of the tight box. A figure
    whose drawing reaches the canvas's edge, with an artist placed wholly past it (:func:`_placed_on_canvas`),
    or with a legend pinned to the figure's own box (anchor it in ``fig.transFigure`` instead), is saved by
    ``savefig``. An opaque picture is written as
    RGB (no alpha channel: a tenth smaller and faster to encode). The file carries no software name or date,
    so it is byte-stable from run to run.
    """
    from matplotlib._tight_bbox import adjust_bbox
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.transforms import Bbox
    from PIL import Image

    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    dpi = fig.dpi
    # A figure legend anchored to the figure's own box would stay where that box was: leave it to savefig.
    pinned = any(legend.get_bbox_to_anchor() is fig.bbox for legend in fig.legends)
    if pinned or dpi != mpl.rcParams["savefig.dpi"] or mpl.rcParams["savefig.bbox"] != "tight":
        return _savefig_png(fig, path)
    width, height = fig.get_size_inches()
    for ax in fig.axes:
        ax.apply_aspect()
    painted = Bbox.from_bounds(-PNG_MARGIN, -PNG_MARGIN, width + 2 * PNG_MARGIN, height + 2 * PNG_MARGIN)
    # matplotlib 3.11 hands adjust_bbox the renderer; 3.10, the pinned release, finds the figure's own.
    renderer = (canvas.get_renderer(),) if mpl.__version_info__ >= (3, 11) else ()
    restore = adjust_bbox(fig, painted, *renderer, dpi)
    try:
        canvas.draw()
        pixels = np.asarray(canvas.buffer_rgba())
        on_canvas = _placed_on_canvas(fig, canvas.get_renderer())
    finally:
        restore()
    pad = int(round(mpl.rcParams["savefig.pad_inches"] * dpi))
    box = _ink_box(pixels)
    rows, cols = pixels.shape[:2]
    if not on_canvas or box is None or box[0] < pad or box[1] < pad or box[2] > rows - pad or box[3] > cols - pad:
        return _savefig_png(fig, path)  # nothing drawn, drawing that reaches the margin's edge, or lies past it
    top, left, bottom, right = box
    picture = pixels[top - pad:bottom + pad, left - pad:right + pad]
    opaque = bool((picture[..., 3] == 255).all())
    Image.fromarray(np.ascontiguousarray(picture[..., :3] if opaque else picture)).save(
        path, format="png", dpi=(dpi, dpi), compress_level=PNG_COMPRESS_LEVEL)


def _placed_on_canvas(fig, renderer) -> bool:
    """Whether every artist that is not held inside its axes starts on the painted canvas.

    Something drawn partly on the canvas and partly past it touches the canvas's edge, which the ink shows;
    only something placed wholly past the margin would be missing from the picture without a trace. So each
    artist that the tight box would measure apart from its axes (figure texts and legends, unclipped texts and
    annotations, insets) is checked: a text by its anchor, an axes by its frame, anything else by its box.
    Axis ticks and labels are drawn beside their axes and need no check.
    """
    from matplotlib.axes import Axes
    from matplotlib.axis import Axis
    from matplotlib.text import Text

    width, height = renderer.get_canvas_width_height()
    for artist in fig.get_default_bbox_extra_artists() + fig.axes:
        if isinstance(artist, Axis) or artist is fig.patch:
            continue
        if isinstance(artist, Text):
            x, y = artist.get_transform().transform(artist.get_unitless_position())
            if not (0 <= x <= width and 0 <= y <= height):
                return False
            continue
        box = artist.get_window_extent(renderer) if isinstance(artist, Axes) else artist.get_tightbbox(renderer)
        if box is None or not (np.isfinite(box.width) and np.isfinite(box.height)):
            continue  # draws nothing (an empty collection), as the tight box also judges
        if box.x1 < 0 or box.y1 < 0 or box.x0 > width or box.y0 > height:
            return False
    return True


def _ink_box(pixels: np.ndarray) -> tuple[int, int, int, int] | None:
    """The rows and columns ``(top, left, bottom, right)``, bottom and right exclusive, of the pixels of an RGBA
    image that differ from its top-left pixel (the background of a canvas painted with a margin), or None."""
    flat = np.ascontiguousarray(pixels).view(np.uint32)[..., 0]
    ink = flat != flat[0, 0]
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    if not rows.size:
        return None
    return int(rows[0]), int(cols[0]), int(rows[-1]) + 1, int(cols[-1]) + 1


def _show_saved(fig, png: Path) -> None:
    """In a notebook, show the PNG just written and close the figure, so it is rendered once per format and
    the page shows exactly the file a reader downloads; elsewhere (tests, scripts) just close it."""
    import matplotlib.pyplot as plt

    plt.close(fig)
    try:
        from IPython import get_ipython
        from IPython.display import Image, display
    except ImportError:  # pragma: no cover - IPython is installed with the kernel
        return
    if get_ipython() is not None:
        display(Image(filename=str(png), width=900))


def relpath(path: Path) -> str:
    """A path relative to the repository root, for messages (never a machine path)."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).name


def date_span(value: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day a partial date can mean: '2024' is the whole year, '2024-06' the month.

    A full date ('2024-06-17') is its own span. Used wherever a chart must not pretend to know a day it
    does not know.
    """
    text = str(value)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        day = pd.Timestamp(text)
        return day, day
    if re.fullmatch(r"\d{4}-\d{2}", text):
        start = pd.Timestamp(text + "-01")
        return start, start + pd.offsets.MonthEnd(0)
    if re.fullmatch(r"\d{4}", text):
        return pd.Timestamp(text + "-01-01"), pd.Timestamp(text + "-12-31")
    raise ValueError(f"{value!r} is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD")
