"""Plots: Chinese labels render with the CJK font (no missing glyph), figures not blank,
OSMnx-style conventions (optional ax, (fig, ax) returned, save only when asked), and plots
that read: a layout engine, labels apart, city prefix dropped, one palette."""

from __future__ import annotations

import io
import itertools
import warnings
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection, PathCollection
from matplotlib.colors import to_hex
from matplotlib.image import imread

import graphkit as gk
from graphkit import messages, plot
from graphkit import vocab as V

SHATIANYUAN = "com-001"
SIHUI_2021 = Path(__file__).resolve().parent.parent / "data" / "sihui-2021"
DENSE = ["玉城社区", "龙湾社区", "城中社区", "东门社区", "旺岗社区"]


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
    ("circles_no_core", lambda G, **kw: plot.plot_circles(G, "龙湖社区", **kw)),
    ("coverage_kind", lambda G, **kw: plot.plot_coverage(G, by="kind", **kw)),
    ("coverage_area", lambda G, **kw: plot.plot_coverage(G, by="area", **kw)),
    ("coverage_two_new", lambda G, **kw: plot.plot_coverage(G, by="community",
                                                            scope="two_new", **kw)),
    ("network", lambda G, **kw: plot.plot_network(G, **kw)),
    ("network_area", lambda G, **kw: plot.plot_network(G, area="东城街道", **kw)),
    ("network_aggregated", lambda G, **kw: plot.plot_network(G, max_communities=10, **kw)),
    ("scorecard", lambda G, **kw: plot.plot_scorecard(G, **kw)),
]


@pytest.mark.parametrize(("name", "draw"), CASES, ids=[c[0] for c in CASES])
def test_renders_chinese_without_missing_glyphs(sihui, tmp_path, name, draw):
    path = tmp_path / f"{name}.png"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would raise
        _, ax = draw(sihui, save=path, close=True, dpi=60)
    assert path.exists()
    _not_blank(path)
    texts = [t.get_text() for t in ax.texts] + [ax.get_title()]
    assert any(any("\u4e00" <= ch <= "\u9fff" for ch in t) for t in texts)


def _inside(fig) -> bool:
    """Whether everything drawn (title, labels, ticks, legend, colorbar) lies inside the
    figure, so that a plain ``fig.savefig`` cuts nothing off."""
    fig.savefig(io.BytesIO(), dpi=60)  # no bbox_inches: what fig.savefig gives by default
    tight = fig.get_tightbbox(fig.canvas.get_renderer())  # inches, of what is drawn
    w, h = fig.get_size_inches()
    eps = 0.02
    return tight.x0 >= -eps and tight.y0 >= -eps and tight.x1 <= w + eps and tight.y1 <= h + eps


@pytest.mark.parametrize(("name", "draw"), CASES, ids=[c[0] for c in CASES])
def test_savefig_on_the_returned_figure_keeps_every_text(sihui, name, draw):
    fig, _ = draw(sihui)
    try:
        assert fig.get_layout_engine() is not None
        assert _inside(fig)
    finally:
        plt.close(fig)


def test_a_figure_without_layout_engine_clips():
    """Negative control of the test above: the old figures (no layout engine, legend
    below the axes) are cut off by a plain savefig."""
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], label="work coverage")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2))
    assert not _inside(fig)
    plt.close(fig)


def _overlaps(fig, ax) -> list[tuple[str, str]]:
    fig.savefig(io.BytesIO(), dpi=72)
    r = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(r)) for t in ax.texts if t.get_text().strip()]
    bad = []
    for (a, ba), (b, bb) in itertools.combinations(boxes, 2):
        w = min(ba.x1, bb.x1) - max(ba.x0, bb.x0)
        h = min(ba.y1, bb.y1) - max(ba.y0, bb.y0)
        if w > 1 and h > 1:
            bad.append((a, b))
    return bad


@pytest.mark.parametrize("community", DENSE)
def test_labels_do_not_overlap_in_dense_communities(sihui, community):
    fig, ax = plot.plot_circles(sihui, community)
    try:
        assert _overlaps(fig, ax) == []
        labels = [t.get_text() for t in ax.texts]
        assert not any(t.startswith("四会市") for t in labels)  # the city prefix is dropped
        assert len(labels) >= 8
    finally:
        plt.close(fig)


def _dots(ax, color: str) -> np.ndarray:
    pts = [c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)
           and len(c.get_facecolors()) and to_hex(c.get_facecolors()[0]) == color]
    return np.vstack(pts) if pts else np.zeros((0, 2))


def test_no_line_reaches_an_unlinked_member(sihui):
    for community in ("城中社区", "高街社区"):  # 11 and 9 unlinked members
        fig, ax = plot.plot_circles(sihui, community)
        grey = _dots(ax, V.ROLE_COLORS["unlinked"])
        assert len(grey) >= 9
        ends = np.vstack([np.asarray(s)[[0, -1]] for c in ax.collections
                          if isinstance(c, LineCollection) and c.get_gid() == "ties"
                          for s in c.get_segments()])
        d = np.linalg.norm(ends[:, None, :] - grey[None, :, :], axis=-1)
        assert d.min() > 0.05, community
        plt.close(fig)


def test_community_without_core_is_drawn(sihui, builder):
    fig, ax = plot.plot_circles(sihui, "龙湖社区")
    assert len(_dots(ax, V.ROLE_COLORS["unlinked"])) == 5
    assert len(_dots(ax, V.ROLE_COLORS["core"])) == 0
    assert any("无核心" in t.get_text() for t in ax.texts)
    assert "无核心" in ax.get_title()
    plt.close(fig)
    b = builder
    b.community("c1")  # no member at all
    fig, ax = plot.plot_circles(b.graph(), "c1", close=True)
    assert "无核心" in ax.get_title()


def test_ids_and_chinese_names(sihui):
    a = plot.plot_circles(sihui, "com-002", close=True)[1].get_title()
    b = plot.plot_circles(sihui, "玉城社区", close=True)[1].get_title()
    c = plot.plot_circles(sihui, "玉城", close=True)[1].get_title()
    assert a == b == c and a.startswith("玉城社区")
    with messages.use("zh"), pytest.raises(gk.UsageError, match=r"玉城社区（com-002）"):
        plot.plot_circles(sihui, "玉成社区")
    t1 = plot.plot_network(sihui, area="area-dc", close=True)[1].get_title()
    t2 = plot.plot_network(sihui, area="东城", close=True)[1].get_title()
    assert t1 == t2 and t1.startswith("东城街道")
    with messages.use("zh"), pytest.raises(gk.UsageError, match="东城街道（area-dc）"):
        plot.plot_network(sihui, area="东城区")


def test_coverage_worst_first_with_targets(sihui):
    units = gk.unit_coverage(sihui)
    rates = gk.coverage_rates(units, by="area")
    fig, ax = plot.plot_coverage(sihui, by="area", target_work=0.95, target_org=0.9)
    labels = [t.get_text().split("（")[0] for t in ax.get_yticklabels()]
    names = dict(zip(sihui.nodes["id"], sihui.nodes["name"], strict=True))
    assert labels == [names[a] for a in rates.sort_values("work").index]
    top = ax.get_yticks()[0]
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # inverted: the first label is on top
    assert top == 0
    xs = sorted(float(line.get_xdata()[0]) for line in ax.lines)
    assert xs == [0.9, 0.95]
    plt.close(fig)
    ax = plot.plot_coverage(sihui, by="community", limit=5, close=True)[1]
    n = len(gk.coverage_rates(units, by="community"))  # communities with units
    assert len(ax.get_yticklabels()) == 5 and f"共 {n} 个" in ax.get_title()


def test_network_draws_ties_between_communities(sihui):
    fig, ax = plot.plot_network(sihui)
    lines = [c for c in ax.collections if isinstance(c, LineCollection)]
    nodes = gk.tie_nodes(sihui)
    e = gk.tie_edges(sihui)
    cu, cv = e["u"].map(nodes["community"]), e["v"].map(nodes["community"])
    pairs = {tuple(sorted(p)) for p in zip(cu, cv, strict=True)
             if isinstance(p[0], str) and isinstance(p[1], str) and p[0] != p[1]}
    assert sum(len(c.get_segments()) for c in lines) == len(pairs) > 100
    names = set(sihui.nodes.loc[sihui.nodes["label"] == "Community", "name"])
    assert sum(1 for t in ax.texts if t.get_text() in names) == 47
    plt.close(fig)


def test_network_aggregates_a_big_city(tmp_path):
    from graphkit.synth import synthesize

    synthesize(tmp_path / "city", units=3000, seed=2)
    ds = gk.read_dataset(tmp_path / "city")
    n_comm = int((ds.nodes["label"] == "Community").sum())
    n_areas = len(gk.coverage_rates(gk.unit_coverage(ds), by="area"))
    fig, ax = plot.plot_network(ds, max_communities=50)
    assert n_comm > 50
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) <= n_areas + 2  # street labels and the city hub, no community names
    assert any(t.startswith("市级单位") for t in texts)
    assert "街道间联结" in ax.get_title()
    assert _inside(fig)
    plt.close(fig)


def test_figure_drawn_later_keeps_chinese_glyphs(G, tmp_path):
    """Jupyter displays a figure after the plot function returned; so does a later savefig."""
    fig, _ = plot.plot_circles(G, SHATIANYUAN)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fig.savefig(tmp_path / "later.png", dpi=60)
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


def test_palette_is_the_vocabulary(sihui):
    fig, ax = plot.plot_circles(sihui, "玉城社区")
    used = {to_hex(c.get_facecolors()[0]) for c in ax.collections
            if isinstance(c, PathCollection)}
    assert used == {V.ROLE_COLORS[r] for r in V.ROLES}
    plt.close(fig)


def test_bad_arguments(G):
    with messages.use("zh"), pytest.raises(gk.UsageError, match="没有社区"):
        plot.plot_circles(G, "nope")
    with pytest.raises(gk.UsageError):
        plot.plot_coverage(G, by="colour")
    with pytest.raises(gk.UsageError):
        plot.plot_network(G, area="nowhere")


def test_scorecard_heat_map_weakest_first(sihui):
    from graphkit.mechanisms import scorecard, worst_first

    card = scorecard(sihui)
    names = card.set_index("community")["name"]
    _fig, ax = plot.plot_scorecard(sihui, close=True)
    rows = [t.get_text() for t in ax.get_yticklabels()]
    assert rows == [names[c] for c in worst_first(card)]  # the weakest on top
    assert len(rows) == 47 and ax.get_title().startswith("四个融合")
    image = ax.images[0].get_array()
    assert image.shape == (47, 10) and image.mask[0].any()  # 新屋社区: no core, no compound
    _, east = plot.plot_scorecard(sihui, area="东城", limit=3, close=True)
    assert len(east.get_yticklabels()) == 3 and "共 14 个" in east.get_title()


# --- labels that read: no label box on another, none under the legend ---------------------
def _boxes_apart(fig, ax, texts) -> list[tuple[str, str]]:
    """Pairs of `texts` (and the legend) whose rendered boxes overlap."""
    fig.savefig(io.BytesIO(), dpi=100)
    r = fig.canvas.get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(r)) for t in texts if t.get_text().strip()]
    legend = ax.get_legend()
    if legend is not None:
        boxes.append(("<legend>", legend.get_window_extent(r)))
    bad = []
    for (a, ba), (b, bb) in itertools.combinations(boxes, 2):
        if min(ba.x1, bb.x1) - max(ba.x0, bb.x0) > 0.5 and \
                min(ba.y1, bb.y1) - max(ba.y0, bb.y0) > 0.5:
            bad.append((a, b))
    return bad


def _trend_frame(ends: dict[str, float]) -> pd.DataFrame:
    rows = []
    for order, snap in enumerate(("2020-09-30", "2021-09-30")):
        for g, end in ends.items():
            v = end if order else 0.8
            rows.append({"order": order, "snapshot": snap, "dataset": f"s{order}",
                         "group": g, "name": "全市" if g == "all" else f"{g}街道",
                         "units": 100, "own": v, "organization": v, "work": v})
    return pd.DataFrame(rows)


def test_trend_end_labels_apart_with_a_target_line():
    frame = _trend_frame({"all": 0.828, "a": 0.826, "b": 0.83, "c": 0.5})
    fig, ax = plot.plot_trend(frame, metric="work")
    ends = [t for t in ax.texts if t.get_text().endswith("%")]
    assert sorted(t.get_text() for t in ends) == ["50.0%", "82.6%", "82.8%", "83.0%"]
    assert _boxes_apart(fig, ax, ends) == []
    # the target: a line at 95% in the legend
    lines = [ln for ln in ax.lines if list(ln.get_ydata()) == [0.95, 0.95]]
    assert len(lines) == 1
    assert "目标 95%" in [t.get_text() for t in ax.get_legend().get_texts()]
    plt.close(fig)
    ax = plot.plot_trend(frame, metric="own", close=True)[1]
    assert "目标" not in " ".join(t.get_text() for t in ax.get_legend().get_texts())
    ax = plot.plot_trend(frame, metric="organization", target=None, close=True)[1]
    assert not any(list(ln.get_ydata()) == [0.9, 0.9] for ln in ax.lines)


def test_trend_of_the_samples_reads(sihui):
    fig, ax = plot.plot_trend(gk.trend([sihui, gk.read_dataset(SIHUI_2021)]), metric="work")
    assert _boxes_apart(fig, ax, [t for t in ax.texts if t.get_text().endswith("%")]) == []
    plt.close(fig)


def test_coverage_legend_clear_of_the_axis_and_one_decimal_near_a_target(sihui):
    fig, ax = plot.plot_coverage(sihui, by="area")
    fig.savefig(io.BytesIO(), dpi=100)
    r = fig.canvas.get_renderer()
    legend = ax.get_legend().get_window_extent(r)
    for tick in ax.get_xticklabels():
        box = tick.get_window_extent(r)
        assert box.y0 > legend.y1 or not tick.get_text(), tick.get_text()  # 40%, 60% seen
    labels = [t.get_text() for t in ax.texts]
    assert "92.5%" in labels  # 贞山街道: 74 of 80 units, not "92%" next to the 95% target
    assert "100%" in labels
    assert _boxes_apart(fig, ax, ax.texts) == []
    plt.close(fig)
    ax = plot.plot_coverage(sihui, by="area", target_work=None, target_org=None,
                            close=True)[1]
    assert "92%" in [t.get_text() for t in ax.texts]  # no target: whole percents


def test_ties_labels_beside_nodes_without_the_city_prefix(sihui):
    fig, ax = plot.plot_ties(sihui, community="com-001")
    texts = [t for t in ax.texts if t.get_text().strip()]
    assert len(texts) == 23
    assert not any(t.get_text().startswith("四会市") for t in texts)
    assert any(t.get_text().replace("\n", "").startswith("福建商会") for t in texts)
    assert not any(t.get_text().endswith("…") and len(t.get_text()) < 9 for t in texts)
    assert _boxes_apart(fig, ax, texts) == []
    # beside the nodes: no label covers the centre of a node
    r = fig.canvas.get_renderer()
    centres = np.vstack([ax.transData.transform(c.get_offsets()) for c in ax.collections
                         if isinstance(c, PathCollection)])
    for t in texts:
        box = t.get_window_extent(r)
        inside = ((centres[:, 0] > box.x0) & (centres[:, 0] < box.x1)
                  & (centres[:, 1] > box.y0) & (centres[:, 1] < box.y1))
        assert not inside.any(), t.get_text()
    plt.close(fig)
