"""Paths, style and figure saving."""

from __future__ import annotations

import hashlib

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest

import iranrussia as ir
from iranrussia import core
from iranrussia.core import date_span


def _figure():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [3, 1, 2])
    ax.set_title("test")
    return fig


def test_paths_come_from_the_repository_root():
    assert (ir.ROOT / "README.md").exists() and ir.DATA == ir.ROOT / "data"
    assert ir.FIGURES == ir.ROOT / "figures"


def test_setup_sets_style_and_is_idempotent():
    ir.setup()
    ir.setup()
    assert matplotlib.rcParams["svg.hashsalt"] == "iranrussia"
    assert matplotlib.rcParams["font.size"] >= 14


def test_every_country_has_its_own_colour():
    colours = list(ir.COUNTRY_COLORS.values())
    assert len(colours) == len(set(colours))


def test_save_figure_is_byte_stable_and_leaves_no_temporary_files(tmp_path, monkeypatch):
    monkeypatch.setattr(core, "FIGURES", tmp_path)
    monkeypatch.setenv(core.BUILD_ENV, "1")
    ir.setup()
    digests = []
    for _ in range(2):
        fig = _figure()
        core.save_figure(fig, "99_test_plot")
        plt.close(fig)
        digests.append({p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in tmp_path.iterdir()})
    assert digests[0] == digests[1]
    assert sorted(digests[0]) == ["99_test_plot.png", "99_test_plot.svg"]


def test_save_figure_writes_the_numbers_it_draws_beside_it(tmp_path, monkeypatch):
    monkeypatch.setattr(core, "FIGURES", tmp_path)
    monkeypatch.setenv(core.BUILD_ENV, "1")
    data = pd.DataFrame({"value": [1.5, 2.0]}, index=pd.Index([2020, 2021], name="year"))
    texts = []
    for _ in range(2):
        fig = _figure()
        core.save_figure(fig, "99_test_plot", data=data)
        plt.close(fig)
        texts.append((tmp_path / "99_test_plot.csv").read_bytes())
    assert texts[0] == texts[1] == b"year,value\n2020,1.5\n2021,2.0\n"
    unnamed = pd.DataFrame({"a": [1]})
    fig = _figure()
    core.save_figure(fig, "99_test_plot", data=unnamed)
    plt.close(fig)
    assert (tmp_path / "99_test_plot.csv").read_text() == "a\n1\n"  # a default index is not written


def test_interrupted_save_keeps_the_old_file(tmp_path, monkeypatch):
    monkeypatch.setattr(core, "FIGURES", tmp_path)
    monkeypatch.setenv(core.BUILD_ENV, "1")
    fig = _figure()
    core.save_figure(fig, "99_test_plot")
    before = (tmp_path / "99_test_plot.svg").read_bytes()

    def broken(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(fig, "savefig", broken)
    with pytest.raises(KeyboardInterrupt):
        core.save_figure(fig, "99_test_plot")
    plt.close(fig)
    assert (tmp_path / "99_test_plot.svg").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["99_test_plot.png", "99_test_plot.svg"]


def test_figure_names_follow_the_convention(tmp_path, monkeypatch):
    monkeypatch.setattr(core, "FIGURES", tmp_path)
    monkeypatch.setenv(core.BUILD_ENV, "1")
    with pytest.raises(ValueError):
        core.save_figure(_figure(), "Timeline Figure")


@pytest.mark.parametrize(("value", "start", "end"), [
    ("2024-06-17", "2024-06-17", "2024-06-17"),
    ("2024-02", "2024-02-01", "2024-02-29"),  # leap year
    ("2023", "2023-01-01", "2023-12-31"),
])
def test_date_span_covers_what_a_partial_date_can_mean(value, start, end):
    assert date_span(value) == (pd.Timestamp(start), pd.Timestamp(end))


@pytest.mark.parametrize("value", ["2024-6", "24", "June 2024", ""])
def test_date_span_refuses_other_forms(value):
    with pytest.raises(ValueError, match="YYYY, YYYY-MM or YYYY-MM-DD"):
        date_span(value)


def test_outside_the_build_figures_go_to_scratch_and_figures_is_untouched(tmp_path, monkeypatch):
    published = tmp_path / "figures"
    published.mkdir()
    monkeypatch.setattr(core, "FIGURES", published)
    monkeypatch.setattr(core, "SCRATCH", tmp_path / "scratch")
    monkeypatch.delenv(core.BUILD_ENV, raising=False)
    data = pd.DataFrame({"a": [1]})
    core.save_figure(_figure(), "99_test_plot", data=data)
    assert list(published.iterdir()) == []
    assert sorted(p.name for p in (tmp_path / "scratch" / "figures").iterdir()) == ["99_test_plot.csv",
                                                                                   "99_test_plot.png"]
    monkeypatch.setenv(core.BUILD_ENV, "1")
    core.save_figure(_figure(), "99_test_plot", data=data)
    scratch_png = (tmp_path / "scratch" / "figures" / "99_test_plot.png").read_bytes()
    assert (published / "99_test_plot.png").read_bytes() == scratch_png  # the page shows the same bytes


def test_outside_the_build_the_ledger_is_written_to_scratch_not_data(tmp_path, monkeypatch):
    import importlib
    ledger = importlib.import_module("iranrussia.ledger")  # the package exports a function of that name
    monkeypatch.setattr(ledger, "SCRATCH", tmp_path)
    monkeypatch.delenv(core.BUILD_ENV, raising=False)
    before = (ir.DATA / "claims.csv").read_bytes()
    claim = ir.load("claims").iloc[0]
    shown = ledger.record_verdicts(claim["notebook"], [{"id": claim["id"], "verdict": "cannot be judged",
                                                        "sense": claim["sense"], "evidence": "a student's edit",
                                                        "reason": "trying the exercise"}])
    assert (ir.DATA / "claims.csv").read_bytes() == before
    assert shown.loc[claim["id"], "verdict"] == "cannot be judged"
    assert "a student's edit" in (tmp_path / "claims.csv").read_text(encoding="utf-8")


def _png(fig, write) -> "object":
    import io

    import numpy as np
    from PIL import Image

    buffer = io.BytesIO()
    write(fig, buffer)
    return np.asarray(Image.open(buffer).convert("RGB")).astype(int)


def _labelled_figure(pinned_legend: bool = False):
    ir.setup()
    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot([0, 1, 2], [2, 0, 1], label="a series")
    ax.set_ylabel("a label long enough to reach past the left edge of the figure" * 2, fontsize=6)
    fig.text(0.5, -0.05, "a caption drawn below the figure's own edge", ha="center")
    if pinned_legend:
        fig.legend(loc="lower center")
    else:
        fig.legend(loc="lower center", bbox_to_anchor=(0.5, 0), bbox_transform=fig.transFigure)
    return fig


def _ink(picture):
    """Rows and columns of the pixels that are not white."""
    import numpy as np

    ink = (picture != 255).any(axis=2)
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return rows[0], rows[-1], cols[0], cols[-1]


def test_the_png_painted_once_is_what_savefig_paints_cropped_to_the_drawing():
    from matplotlib.transforms import Bbox

    fig = _labelled_figure()
    once = _png(fig, core._write_png)
    width, height = fig.get_size_inches()
    margin = core.PNG_MARGIN
    canvas = Bbox.from_bounds(-margin, -margin, width + 2 * margin, height + 2 * margin)
    whole = _png(fig, lambda f, b: f.savefig(b, format="png", bbox_inches=canvas))  # nothing cropped
    tight = _png(fig, lambda f, b: f.savefig(b, format="png"))
    plt.close(fig)
    pad = round(plt.rcParams["savefig.pad_inches"] * fig.dpi)
    top, bottom, left, right = _ink(whole)
    assert (once == whole[top - pad:bottom + pad + 1, left - pad:right + pad + 1]).all()
    assert _ink(once) == (pad, once.shape[0] - 1 - pad, pad, once.shape[1] - 1 - pad)  # the padding all round
    # savefig's tight box leaves out the axis label longer than the axes (matplotlib 3.10) and cuts it: the
    # crop to what is drawn keeps it whole.
    assert _ink(tight)[0] == 0 and once.shape[0] > tight.shape[0]


def test_a_figure_legend_pinned_to_the_figure_is_left_to_savefig():
    fig = _labelled_figure(pinned_legend=True)
    once = _png(fig, core._write_png)
    tight = _png(fig, lambda f, b: f.savefig(b, format="png"))
    plt.close(fig)
    assert once.shape == tight.shape and (once == tight).all()


def test_a_drawing_that_reaches_past_the_margin_is_left_to_savefig():
    ir.setup()
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1])
    fig.text(0.5, -1.2, "a caption far below the figure")  # 3.6 inches below: past the 2-inch margin
    once = _png(fig, core._write_png)
    tight = _png(fig, lambda f, b: f.savefig(b, format="png"))
    plt.close(fig)
    assert once.shape == tight.shape and (once == tight).all()


def test_the_png_painted_once_is_byte_stable():
    import io

    fig = _labelled_figure()
    first, second = io.BytesIO(), io.BytesIO()
    core._write_png(fig, first)
    core._write_png(fig, second)
    plt.close(fig)
    assert first.getvalue() == second.getvalue()
