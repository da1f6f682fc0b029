"""The network to explore inside a notebook: :func:`view` returns a widget (anywidget) that
draws a community's circles, a street, the city's tie network or a detected cluster with
sigma.js, and saves the same view as one offline HTML file.

The widget needs no internet in JupyterLab, Notebook 7 or VS Code: its front-end code
(sigma.js 3 and graphology, MIT, vendored in ``graphkit/report/assets`` with their
licences, and graphkit's ``view.js``) travels in the widget's own state, as anywidget
does, and the Chinese labels are drawn with an embedded subset of Noto Sans CJK SC (the
glyphs the view uses). Nodes are the entities of the tie graph (:func:`graphkit.tie_graph`:
Party organizations and the units without one of their own), coloured from the one
palette of :mod:`graphkit.vocab` — by circle role (``ROLE_COLORS``), coverage status
(``STATUS_COLORS``) or label (``LABEL_COLORS``) — and sized by a measure of the tie graph.
Hover shows a name, a click the entity's details and ties; the search box finds entities
by name; the wheel, a pinch or the buttons zoom; a legend entry hides or shows its class.

Why sigma.js with anywidget (measured; see BENCHMARKS.md): it drew the sample's tie graph
(485 entities) in about 0.2 s and a 20,000-entity graph in about 1 s in headless Chromium,
where Cytoscape.js took 0.9 s and 15 s; it weighs 262 KB with graphology against 436 KB;
and anywidget carries it in the widget's state, where ipysigma's HTML export loads its
scripts from a CDN.

Examples
--------
>>> import graphkit as gk
>>> v = gk.view(gk.read_dataset("data/sihui"), community="沙田园社区")
>>> v.data["title"]
'沙田园社区：一核双圈（颜色：一核双圈角色，大小：联结数）'
>>> v.save("shatianyuan.html")                                  # doctest: +SKIP
"""

from __future__ import annotations

import html
import math
import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import anywidget
import networkx as nx
import numpy as np
import pandas as pd
import traitlets

from .. import vocab as V
from ..analysis._layout import circle_layout, node_sizes, tie_layout
from ..analysis._node_results import node_results, unit_of_org
from ..analysis._places import places, resolve, short_name
from ..analysis.linkage import circle_roles, circles, jurisdiction, tie_graph
from ..errors import UsageError
from ..network._atomic import write_atomic
from ..network.dataset import Dataset, as_dataset
from ._webfont import font_face_css

__all__ = ["COLOR_BY", "SIZE_BY", "NetworkView", "view", "view_data"]

#: What nodes can be coloured by, with the Chinese name the legend shows.
COLOR_BY = {"role": "一核双圈角色", "status": "覆盖状态", "label": "类型"}
#: Measures nodes can be sized by (those of :func:`graphkit.entity_measures` computed on the
#: whole tie graph, and the members of the entity), with their Chinese names.
SIZE_BY = {"degree": "联结数", "weighted_degree": "加权联结数", "betweenness": "中介中心性",
           "pagerank": "PageRank", "constraint": "结构洞约束", "effective_size": "有效规模",
           "core_number": "k 核数", "members": "党员数"}
#: A class the palette has no colour for (no community, not a unit): the colour of "does
#: not apply".
_NO_CLASS = V.SCORE_MISSING
_FIELDS = ("类型", "社区", "街道", "一核双圈角色", "覆盖状态", "党员数", "评级")
_FONT_FAMILY = "GK Sans"


@lru_cache(maxsize=1)
def _front_end() -> tuple[str, str]:
    """(ES module, CSS) of the widget: graphology and sigma.js (their UMD builds, run as
    CommonJS inside a function so that no global and no AMD loader is touched), then
    graphkit's view.js."""
    assets = resources.files("graphkit.report") / "assets"

    def read(name: str) -> str:
        return (assets / name).read_text(encoding="utf-8")

    def wrap(name: str, code: str) -> str:
        code = "\n".join(line for line in code.splitlines()
                         if not line.startswith("//# sourceMappingURL"))
        return (f"const {name} = (function () {{ const module = {{ exports: {{}} }}; "
                f"const exports = module.exports;\n{code}\nreturn module.exports; }})();\n")

    banner = ("/* graphology 0.26.0 (MIT, Guillaume Plique) and sigma.js 3.0.3 (MIT, Alexis "
              "Jacomy, Guillaume Plique, Benoit Simard): licences in graphkit/report/assets/"
              "graphology.LICENSE.txt and sigma.LICENSE.txt */\n")
    esm = (banner + wrap("graphology", read("graphology.umd.min.js"))
           + wrap("Sigma", read("sigma.min.js")) + read("view.js"))
    return esm, read("view.css")


class NetworkView(anywidget.AnyWidget):
    """The network explorer widget (made by :func:`view`).

    Attributes
    ----------
    data : dict
        The network as drawn: ``title``, ``fields`` (names of the detail values),
        ``legend`` (``[name, colour, count]`` per class), ``nodes`` (``[id, label, name,
        x, y, size, class, details, tooltip]``), ``edges`` (``[i, j, weight, tie types]``
        by node position), ``color_by``, ``size_by``, ``note``.
    selected : str
        Id of the selected entity ("" for none): set by a click or a search in the
        widget, or from Python to select (and zoom to) an entity there.
    height : int
        Height of the drawing in pixels.
    """

    _esm = traitlets.Unicode(_front_end()[0]).tag(sync=True)
    _css = traitlets.Unicode(_front_end()[1]).tag(sync=True)
    data = traitlets.Dict().tag(sync=True)
    selected = traitlets.Unicode("").tag(sync=True)
    height = traitlets.Int(560).tag(sync=True)
    font_css = traitlets.Unicode("").tag(sync=True)

    def __init__(self, data: dict[str, Any], *, height: int = 560, **kwargs: Any) -> None:
        super().__init__(data=data, height=height, font_css=_font_css(data), **kwargs)

    def frame(self) -> pd.DataFrame:
        """The drawn nodes as a table: ``id, name, class, x, y, size`` and the details."""
        d = self.data
        rows = [[n[0], n[2], d["legend"][n[6]][0], n[3], n[4], n[5], *n[7]]
                for n in d["nodes"]]
        return pd.DataFrame(rows, columns=["id", "name", "class", "x", "y", "size",
                                           *d["fields"]])

    def to_html(self) -> str:
        """The view as one self-contained HTML page (no request leaves it)."""
        return standalone_html(self.data, selected=self.selected, height=self.height)

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write :meth:`to_html` to `path` (whole or not at all) and return the path."""
        return write_atomic(Path(path), self.to_html().encode("utf-8"))


def _font_css(data: dict[str, Any]) -> str:
    text = "".join([data.get("title", ""), data.get("note", ""), *data.get("fields", []),
                    *(str(x) for leg in data.get("legend", []) for x in leg[:1]),
                    *(n[1] + n[2] + str(n[8]) + "".join(str(x) for x in n[7])
                      for n in data.get("nodes", [])),
                    *(str(e[3]) for e in data.get("edges", [])),
                    "按名称搜索放大缩小复位＋－点击节点查看详情；悬停显示名称。联结没有找到共个编号颜色大小"
                    "点击隐藏或显示这一类"])
    return font_face_css(_FONT_FAMILY, text)


def standalone_html(data: dict[str, Any], *, selected: str = "", height: int = 560) -> str:
    """One offline HTML page that runs the widget's front end on `data`."""
    import orjson

    esm, css = _front_end()
    payload = orjson.dumps({"data": data, "selected": selected, "height": height}).decode()
    payload = payload.replace("</", "<\\/")
    boot = ("const gkState = JSON.parse(document.getElementById('gk-view-state').textContent);\n"
            "const gkHandlers = {};\n"
            "const gkModel = { get: (k) => gkState[k], set: (k, v) => { gkState[k] = v; "
            "(gkHandlers['change:' + k] || []).forEach((f) => f()); }, save_changes: () => {}, "
            "on: (e, f) => { (gkHandlers[e] = gkHandlers[e] || []).push(f); }, "
            "off: (e, f) => { gkHandlers[e] = (gkHandlers[e] || []).filter((g) => g !== f); } };\n"
            "const gkEl = document.getElementById('gk-view');\n"
            "render({ model: gkModel, el: gkEl });\n"
            "window.gkView = gkEl.gkView; window.gkModel = gkModel;\n")
    module = esm.replace("export default { render };", boot)
    csp = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
           "font-src data:; img-src data:")
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(data.get('title', ''))}</title>"
        f"<style>{_font_css(data)}\nbody{{margin:12px}}\n{css}</style></head><body>"
        '<div id="gk-view"></div>'
        f'<script type="application/json" id="gk-view-state">{payload}</script>'
        f'<script type="module">{module}</script></body></html>\n')


# --- what is drawn --------------------------------------------------------------------
def _tie_subgraph(T: nx.Graph, keep: list[Any]) -> nx.Graph:
    """`T` restricted to `keep`, nodes and edges in sorted order (the same picture for any
    insertion order)."""
    drawn = sorted(keep, key=str)
    rank = {n: i for i, n in enumerate(drawn)}
    H = nx.Graph()
    H.add_nodes_from(drawn)
    edges = []
    for u, v, d in T.subgraph(drawn).edges(data=True):
        a, b = (u, v) if rank[u] < rank[v] else (v, u)
        edges.append((a, b, {"weight": d.get("weight", 1), "types": d.get("types", ())}))
    H.add_edges_from(sorted(edges, key=lambda e: (rank[e[0]], rank[e[1]])))
    return H


def _number(v: Any) -> Any:
    if v is None or v is pd.NA or (isinstance(v, float) and math.isnan(v)):
        return None
    if isinstance(v, (np.integer, np.floating, np.bool_)):
        v = v.item()
    if isinstance(v, float):
        return round(v, 6)
    return v


def view_data(
    G: Any, *, community: str | None = None, area: str | None = None,
    cluster: int | None = None, nodes: Any = None, color: str = "role",
    size: str | None = "degree", seed: int = 0,
) -> dict[str, Any]:
    """The network :func:`view` draws, as the widget's ``data`` (see :class:`NetworkView`).

    Parameters are those of :func:`view`.
    """
    if color not in COLOR_BY:
        raise UsageError(f"view color={color!r}: expected one of {', '.join(COLOR_BY)}")
    if size is not None and size not in SIZE_BY:
        raise UsageError(f"view size={size!r}: expected one of {', '.join(SIZE_BY)} or None")
    if sum(x is not None for x in (community, area, cluster, nodes)) > 1:
        raise UsageError("view: give at most one of community, area, cluster and nodes")
    ds = as_dataset(G)
    T = tie_graph(ds)
    p = places(ds)
    results = node_results(ds)
    names = {n: d.get("name") or str(n) for n, d in T.nodes(data=True)}
    what = p.communities["name"].get(community) if community else None
    role_of: dict[str, str] = {}
    note = ""
    if community is not None:
        cid = resolve(p, community, V.COMMUNITY)
        what = str(p.communities.at[cid, "name"])
        row = circles(ds).set_index("community").loc[cid]
        if row["status"] == "ok":
            roles = circle_roles(ds)
            roles = roles[roles["community"] == cid]
            by_role = {r: roles.loc[roles["role"] == r, "member"].tolist() for r in V.ROLES}
        else:
            jur = jurisdiction(ds)
            by_role = {r: [] for r in V.ROLES}
            by_role["unlinked"] = sorted(jur.loc[jur["community"] == cid, "member"])
            note = "该社区没有社区党组织（无核心）：辖区成员都未联动。"
        role_of = {m: r for r, ms in by_role.items() for m in ms}
        keep = [m for m in role_of if m in T]
        H = _tie_subgraph(T, keep)
        tie_map: dict[str, set[str]] = {}
        for a, b in H.edges():
            tie_map.setdefault(a, set()).add(b)
            tie_map.setdefault(b, set()).add(a)
        pos = circle_layout(by_role, tie_map)
        title = f"{what}：一核双圈"
    else:
        if area is not None:
            aid = resolve(p, area, V.AREA)
            inside = [n for n, a in T.nodes(data="area") if a == aid]
            keep = set(inside)
            for n in inside:
                keep.update(T[n])
            title = f"{p.areas.at[aid, 'name']}：组织联结网络（含街道外的联结对象）"
        elif cluster is not None:
            from ..analysis.measuring import detect_communities

            found = detect_communities(T, seed=seed)
            keep = set(found.index[found == cluster])
            if not keep:
                raise UsageError(f"view cluster={cluster!r}: the clusters are numbered 0 to "
                                 f"{int(found.max())} (largest first)")
            title = f"检测到的第 {cluster} 号聚类（Leiden，种子 {seed}）"
        elif nodes is not None:
            wanted = [nodes] if isinstance(nodes, str) else list(nodes)
            unknown = [n for n in wanted if n not in T]
            if unknown:
                raise UsageError(f"view nodes: not entities of the tie graph: "
                                 f"{', '.join(map(str, unknown[:5]))}")
            keep = set(wanted)
            title = "所选组织的联结网络"
        else:
            keep = set(T.nodes)
            title = f"{ds.name or '全市'}：组织联结网络"
        H = _tie_subgraph(T, list(keep))
        pos = tie_layout(H, seed)
        for n in H:
            role_of[n] = results.get(n, {}).get("circle_role") or ""
    order = list(H.nodes)
    if size is None:
        measure = pd.Series(dtype=float)
    elif size == "degree":
        measure = pd.Series({n: T.degree(n) for n in order}, dtype=float)
    elif size == "members":
        measure = ds.nodes.set_index("id")["members"]
    else:
        from ..analysis.measuring import entity_measures

        measure = entity_measures(T, seed=seed).set_index("id")[size]
    sizes = node_sizes(pd.to_numeric(measure.reindex(order), errors="coerce").tolist()) \
        if size is not None else np.full(len(order), 5.0)
    org_units = set(unit_of_org(ds))

    classes, legend = _classes(ds, order, color, role_of, results, org_units)
    info = ds.nodes.set_index("id")
    label_zh = {n: V.LABEL_NAMES_ZH.get(T.nodes[n].get("label"), "") for n in order}
    out_nodes = []
    for i, n in enumerate(order):
        d = T.nodes[n]
        r = results.get(n, {})
        kind = V.KIND_NAMES_ZH.get(d.get("kind") or "", d.get("kind") or "")
        role = role_of.get(n) or r.get("circle_role") or ""
        unit = _unit_status(n, results, org_units)
        details = [f"{label_zh[n]}·{kind}" if kind else label_zh[n],
                   r.get("community_name"), r.get("area_name"),
                   V.ROLE_NAMES_ZH.get(role), V.STATUS_NAMES_ZH.get(unit),
                   _number(info.at[n, "members"]) if n in info.index else None,
                   _number(info.at[n, "rating"]) if n in info.index
                   and d.get("label") == V.PARTY_ORG else None]
        if size is not None:
            details.append(_number(measure.get(n)))
        tip = "，".join(x for x in (details[0], r.get("community_name") or r.get("area_name"))
                       if x)
        x, y = pos[n]
        out_nodes.append([str(n), short_name(names[n], p.prefixes), names[n],
                          round(float(x), 5), round(float(y), 5), round(float(sizes[i]), 2),
                          classes[i], details, tip])
    index = {n: i for i, n in enumerate(order)}
    edges = [[index[u], index[v], int(w.get("weight", 1)),
              "、".join(V.TIE_NAMES_ZH.get(t, t) for t in w.get("types", ()))]
             for u, v, w in H.edges(data=True)]
    size_zh = SIZE_BY.get(size, "相同") if size else "相同"
    return {
        "title": f"{title}（颜色：{COLOR_BY[color]}，大小：{size_zh}）",
        "fields": [*_FIELDS, *([SIZE_BY[size]] if size else [])],
        "legend": legend, "nodes": out_nodes, "edges": edges,
        "color_by": COLOR_BY[color], "size_by": size_zh,
        "all_labels": len(order) <= 80,
        "note": note or (f"{len(order)} 个组织，{len(edges)} 条联结；节点是党组织和没有自身党组织的"
                         "单位（有自身党组织的单位由其党组织代表）。"),
    }


def _unit_status(n: str, results: dict[str, dict[str, Any]], org_units: set[str]
                 ) -> str | None:
    """Coverage status of an entity: a unit's own; ``own`` for the organization of a unit
    (it represents the unit, SPEC 3); None for other organizations."""
    st = results.get(n, {}).get("coverage_status")
    return "own" if st is None and n in org_units else st


def _classes(ds: Dataset, order: list[str], color: str, role_of: dict[str, str],
             results: dict[str, dict[str, Any]], org_units: set[str]
             ) -> tuple[list[int], list[list[Any]]]:
    """The class index of each node, and the legend ``[name, colour, count]`` of the
    classes present, in palette order."""
    if color == "role":
        palette = [(r, V.ROLE_NAMES_ZH[r], V.ROLE_COLORS[r]) for r in V.ROLES]
        palette.append(("", "不属于任何社区的融合圈", _NO_CLASS))
        key = [role_of.get(n) or "" for n in order]
    elif color == "status":
        palette = [(s, V.STATUS_NAMES_ZH[s], V.STATUS_COLORS[s]) for s in V.COVERAGE_STATUSES]
        palette.append(("", "党组织（不代表单位）", _NO_CLASS))
        key = [_unit_status(n, results, org_units) or "" for n in order]
    else:
        palette = [(lab, V.LABEL_NAMES_ZH[lab], V.LABEL_COLORS[lab])
                   for lab in (V.PARTY_ORG, V.UNIT)]
        labels = ds.nodes.set_index("id")["label"]
        key = [labels.get(n, "") for n in order]
    counts = pd.Series(key, dtype=object).value_counts().to_dict()
    present = [(k, name, c) for k, name, c in palette if counts.get(k)]
    idx = {k: i for i, (k, _, _) in enumerate(present)}
    return [idx[k] for k in key], [[name, c, int(counts[k])] for k, name, c in present]


def view(
    G: Any, *, community: str | None = None, area: str | None = None,
    cluster: int | None = None, nodes: Any = None, color: str = "role",
    size: str | None = "degree", seed: int = 0, height: int = 560,
) -> NetworkView:
    """An interactive view of the network for a notebook (and an offline HTML file).

    Without a place: the city's whole tie network (every Party organization and every unit
    without one of its own, :func:`graphkit.tie_graph`). With `community`: its "one core,
    two circles" (the core at the centre, sub-core, pan-core and unlinked members on rings,
    external partners on the right). With `area`: the street's entities and the entities
    outside it they are tied to. With `cluster`: one cluster found by
    :func:`graphkit.detect_communities` (Leiden, `seed`). With `nodes`: those entities.
    Other layouts are seeded force layouts (the same network gives the same picture).

    Parameters
    ----------
    G : Dataset or networkx.MultiDiGraph
    community, area : str, optional
        Id or Chinese name ("沙田园社区", "沙田园"; "东城街道").
    cluster : int, optional
        Cluster number (0 is the largest).
    nodes : iterable of str, optional
        Entity ids.
    color : {"role", "status", "label"}, default "role"
        Circle role in the entity's own community (``vocab.ROLE_COLORS``), coverage status
        (``vocab.STATUS_COLORS``: a unit's, or ``own`` for the organization of a unit), or
        Party organization / unit (``vocab.LABEL_COLORS``).
    size : str or None, default "degree"
        A measure of :data:`SIZE_BY`: the tie graph's ``degree``, ``weighted_degree``,
        ``betweenness``, ``pagerank``, ``constraint``, ``effective_size``,
        ``core_number`` (:func:`graphkit.entity_measures` over the whole city), or
        ``members``; None: all the same size.
    seed : int, default 0
        Seed of the layout (and of the clusters).
    height : int, default 560
        Height of the drawing in pixels.

    Returns
    -------
    NetworkView
        The widget: shown by the notebook; ``.save("x.html")`` writes it as one offline
        file, ``.selected`` is the clicked entity, ``.frame()`` the drawn nodes.

    Raises
    ------
    UsageError
        For an unknown place (with the closest names), colour, measure or cluster.

    Examples
    --------
    >>> import graphkit as gk
    >>> v = gk.view(gk.read_dataset("data/sihui"), area="东城", color="status")
    >>> v.data["legend"][0][:2]
    ['单独组建', '#0b6e4f']
    """
    data = view_data(G, community=community, area=area, cluster=cluster, nodes=nodes,
                     color=color, size=size, seed=seed)
    return NetworkView(data, height=height)
