"""Plots: Chinese labels render with the CJK font (no missing glyph), figures not blank,
OSMnx-style conventions (optional ax, (fig, ax) returned, save only when asked)."""

from __future__ import annotations

import warnings

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.image import imread

import graphkit as gk
from graphkit import plot

SHATIANYUAN = "com-001"


@pytest.fixture(scope="module")
def G(sihui):
    return sihui.to_networkx()


def _not_blank(path) -> None:
    img = imread(path)[..., :3]
    non_white = (img < 0.95).any(axis=-1).mean()
    assert non_white > 0.01, f"{path} is (nearly) blank: {non_white:.3%} ink"
    assert len(np.unique(img.reshape(-1, 3), axis=0)) > 20  # more than a flat fill


CASES = [
    ("circles", lambda G, **kw: plot.plot_circles(G, SHATIANYUAN, **kw)),
    ("coverage_kind", lambda G, **kw: plot.plot_coverage(G, by="kind", **kw)),
    ("coverage_area", lambda G, **kw: plot.plot_coverage(G, by="area", **kw)),
    ("coverage_two_new", lambda G, **kw: plot.plot_coverage(G, by="community",
                                                            scope="two_new", **kw)),
    ("network", lambda G, **kw: plot.plot_network(G, **kw)),
    ("network_area", lambda G, **kw: plot.plot_network(G, area="area-dc", **kw)),
]


@pytest.mark.parametrize(("name", "draw"), CASES, ids=[c[0] for c in CASES])
def test_renders_chinese_without_missing_glyphs(G, tmp_path, name, draw):
    path = tmp_path / f"{name}.png"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would raise
        _, ax = draw(G, save=path, close=True)
    assert path.exists()
    _not_blank(path)
    texts = [t.get_text() for t in ax.texts] + [ax.get_title()]
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts)


def test_figure_drawn_later_keeps_chinese_glyphs(G, tmp_path):
    """Jupyter displays a figure after the plot function returned; so does a later savefig."""
    fig, _ = plot.plot_circles(G, SHATIANYUAN)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(tmp_path / "later.png")
    plt.close(fig)
    _not_blank(tmp_path / "later.png")


def test_default_font_would_show_boxes(tmp_path):
    """Negative control: without the CJK font, matplotlib warns about missing glyphs,
    so the test above would fail if graphkit did not set the font."""
    fig, ax = plt.subplots()
    ax.set_title("沙田园社区", family="DejaVu Sans")
    with warnings.catch_warnings(), pytest.raises(UserWarning, match="missing from font"):
        warnings.simplefilter("error")
        fig.savefig(tmp_path / "boxes.png")
    plt.close(fig)


def test_ax_is_used_and_nothing_saved_unless_asked(G, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    fig, ax = plt.subplots(1, 2, figsize=(12, 5))
    f2, a2 = plot.plot_coverage(G, ax=ax[1])
    assert f2 is fig and a2 is ax[1]
    plt.close(fig)
    assert list(tmp_path.iterdir()) == []


def test_plots_do_not_modify_the_graph(G):
    before = (dict(G.nodes(data=True)), list(G.edges(keys=True, data=True)))
    plot.plot_circles(G, SHATIANYUAN, close=True)
    plot.plot_network(G, close=True)
    assert before == (dict(G.nodes(data=True)), list(G.edges(keys=True, data=True)))


def test_global_rcparams_untouched(G):
    family = list(matplotlib.rcParams["font.sans-serif"])
    plot.plot_coverage(G, close=True)
    assert list(matplotlib.rcParams["font.sans-serif"]) == family


def test_bad_arguments(G, builder):
    with pytest.raises(gk.UsageError, match="not a community"):
        plot.plot_circles(G, "nope")
    b = builder
    b.community("c1")
    with pytest.raises(gk.UsageError, match="no core"):
        plot.plot_circles(b.graph(), "c1")
    with pytest.raises(gk.UsageError):
        plot.plot_coverage(G, by="colour")
    with pytest.raises(gk.UsageError):
        plot.plot_network(G, area="nowhere")
