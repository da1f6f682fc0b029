"""Places of a network for reports and plots: areas, communities, their names, the city
prefix of names, and finding a place by id or by its Chinese name.

Read from the public shapes only: a :class:`~graphkit.Dataset` (its ``nodes``/``edges``
tables) or a graph shaped like :meth:`~graphkit.Dataset.to_networkx` output.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .. import vocab as V
from ..errors import UsageError
from ..network._text import visible

__all__ = ["Places", "node_names", "places", "resolve", "short_name"]

#: Label -> the Chinese word used in messages.
_WHAT_ZH = {V.AREA: "街道（镇）", V.COMMUNITY: "社区"}
#: Suffixes a user may leave out when naming a place ("东城" for 东城街道).
_SUFFIXES = ("街道办事处", "街道", "社区居委会", "居委会", "社区", "镇", "乡")


@dataclass(frozen=True)
class Places:
    """Areas and communities of a network.

    Attributes
    ----------
    areas : DataFrame
        Indexed by area id: ``name``, ``kind``.
    communities : DataFrame
        Indexed by community id: ``name``, ``area`` (the Area it is ``PART_OF``, the
        smallest id when several; None when none).
    prefixes : tuple of str
        City prefixes of names (the names of Areas of kind ``city`` or ``district``, and a
        prefix like "四会市" that many names share), longest first.
    """

    areas: pd.DataFrame
    communities: pd.DataFrame
    prefixes: tuple[str, ...]

    def table(self, label: str) -> pd.DataFrame:
        return self.areas if label == V.AREA else self.communities


def _frames(G: Any) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes: id, label, name, kind; PART_OF edges: source, target) of a Dataset or graph."""
    nodes_attr = getattr(G, "nodes", None)
    if isinstance(nodes_attr, pd.DataFrame):
        nodes = nodes_attr[["id", "label", "name", "kind"]]
        e = G.edges
        part = e.loc[e["type"] == V.PART_OF, ["source", "target"]]
        return nodes, part
    rows = [(n, d.get("label"), d.get("name", n), d.get("kind") or "")
            for n, d in G.nodes(data=True)]
    nodes = pd.DataFrame(rows, columns=["id", "label", "name", "kind"], dtype=object)
    if G.is_multigraph():
        pairs = [(u, v) for u, v, k, d in G.edges(keys=True, data=True)
                 if d.get("type", k) == V.PART_OF]
    else:
        pairs = [(u, v) for u, v, d in G.edges(data=True) if d.get("type") == V.PART_OF]
    return nodes, pd.DataFrame(pairs, columns=["source", "target"], dtype=object)


def node_names(G: Any) -> dict[str, str]:
    """Node id -> display name of a Dataset or graph (``{}`` for ``None``)."""
    if G is None:
        return {}
    nodes, _ = _frames(G)
    return dict(zip(nodes["id"].tolist(), [str(n) for n in nodes["name"].tolist()],
                    strict=True))


def _detect_prefix(names: list[str]) -> str | None:
    """A city prefix ("四会市") that at least a tenth of the names start with."""
    counts: Counter[str] = Counter()
    for n in names:
        for end, ch in enumerate(n[:6], start=1):
            if ch in "市县区" and end >= 3:
                counts[n[:end]] += 1
                break
    if not counts:
        return None
    best, n = counts.most_common(1)[0]
    return best if n >= max(3, len(names) // 10) else None


def places(G: Any) -> Places:
    """The areas, communities and city prefixes of `G` (a Dataset or a graph).

    Examples
    --------
    >>> import graphkit as gk
    >>> p = places(gk.read_dataset("data/sihui"))
    >>> p.communities.loc["com-002", ["name", "area"]].tolist()
    ['玉城社区', 'area-dc']
    >>> p.prefixes
    ('四会市',)
    """
    nodes, part = _frames(G)
    nodes = nodes.drop_duplicates("id").set_index("id")
    areas = nodes.loc[nodes["label"] == V.AREA, ["name", "kind"]].astype(object)
    comms = nodes.loc[nodes["label"] == V.COMMUNITY, ["name"]].astype(object)
    up = part[part["source"].isin(comms.index) & part["target"].isin(areas.index)]
    up = up.sort_values("target").drop_duplicates("source").set_index("source")["target"]
    comms = comms.assign(area=[up.get(c) for c in comms.index])
    city = [str(n) for n, k in zip(areas["name"], areas["kind"], strict=True)
            if k in ("city", "district") and str(n)]
    found = _detect_prefix([str(n) for n in nodes["name"].tolist()])
    prefixes = sorted({*city, *([found] if found else [])}, key=lambda s: (-len(s), s))
    return Places(areas.sort_index(), comms.sort_index(), tuple(prefixes))


def short_name(name: str, prefixes: tuple[str, ...] | list[str]) -> str:
    """`name` without a leading city prefix ("四会市人民医院党委" -> "人民医院党委").

    The prefix stays when little would be left, or when it is part of a word ("四会市委").

    Examples
    --------
    >>> short_name("四会市人民医院党委", ("四会市",))
    '人民医院党委'
    >>> short_name("四会市委", ("四会市",)), short_name("四会市", ("四会市",))
    ('四会市委', '四会市')
    """
    for p in prefixes:
        if p and name.startswith(p):
            rest = name[len(p):].lstrip(" ·-")
            if len(rest) >= 2 and not rest.startswith("委"):
                return rest
    return name


def _norm(text: str) -> str:
    t = unicodedata.normalize("NFKC", str(text)).strip()
    for s in _SUFFIXES:
        if t.endswith(s) and len(t) > len(s):
            return t[: -len(s)]
    return t


def resolve(where: Places | Any, query: str, label: str) -> str:
    """The id of the Area or Community `query` names: its id, its Chinese name, or its name
    without the suffix ("东城" for 东城街道, "玉城" for 玉城社区).

    Parameters
    ----------
    where : Places, Dataset or graph
    query : str
    label : {"Area", "Community"}

    Raises
    ------
    UsageError
        When nothing matches (with the closest names and their ids as a hint), or when a
        name is shared by several places (with their ids).

    Examples
    --------
    >>> import graphkit as gk
    >>> ds = gk.read_dataset("data/sihui")
    >>> resolve(ds, "玉城社区", "Community"), resolve(ds, "东城", "Area")
    ('com-002', 'area-dc')
    """
    p = where if isinstance(where, Places) else places(where)
    table = p.table(label)
    what = _WHAT_ZH[label]
    q = str(query)
    if q in table.index:
        return q
    for match in (lambda n: str(n) == q.strip(), lambda n: _norm(n) == _norm(q)):
        hits = [i for i, n in zip(table.index, table["name"], strict=True) if match(n)]
        if len(hits) == 1:
            return str(hits[0])
        if len(hits) > 1:
            listed = "、".join(f"{i}（{table.at[i, 'name']}）" for i in sorted(hits))
            raise UsageError(f"{what}名称“{q}”不唯一：{listed}；请用编号 "
                             f"(the name {q!r} is shared; give an id)")
    ids = [str(i) for i in table.index]
    nq = _norm(q)

    def score(i: str, n: Any) -> float:
        by_name = difflib.SequenceMatcher(None, nq, _norm(n)).ratio()
        by_id = difflib.SequenceMatcher(None, q, i).ratio()
        contains = 0.5 if nq and (nq in str(n) or _norm(n) in q) else 0.0
        return max(by_name, by_id, contains)

    scored = sorted(((score(i, n), i) for i, n in zip(ids, table["name"], strict=True)),
                    key=lambda t: (-t[0], t[1]))
    close = [i for sc, i in scored[:3] if sc >= 0.45]
    if close:
        hint = "；是否要找：" + "、".join(
            f"{visible(table.at[i, 'name'])}（{i}）" for i in close[:3]) + "？"
    elif len(table):
        hint = f"；已有的{what}例如：" + "、".join(
            f"{visible(table.at[i, 'name'])}（{i}）" for i in ids[:3])
    else:
        hint = f"；这个网络没有{what}"
    raise UsageError(f"没有{what}“{visible(q)}”{hint}（编号或中文名称均可；no {label} "
                     f"{q!r})")
