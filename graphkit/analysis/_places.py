"""Places of a network for reports and plots: areas, communities, their names, the city
prefix of names, and finding a place by id or by its Chinese name.

Read from the public shapes only: a :class:`~graphkit.Dataset` (its ``nodes``/``edges``
tables) or a graph shaped like :meth:`~graphkit.Dataset.to_networkx` output.
"""

from __future__ import annotations

import dataclasses
import difflib
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pandas as pd

from .. import vocab as V
from ..errors import UsageError
from ..messages import t
from ..network._text import visible

__all__ = ["Places", "locate", "node_names", "places", "places_of", "resolve", "short_name"]

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


def places_of(*networks: Any) -> Places:
    """The places of several snapshots together (Datasets or graphs): a place in any of
    them, named as the last one names it.

    Examples
    --------
    >>> import graphkit as gk
    >>> p = places_of(gk.read_dataset("data/sihui"), gk.read_dataset("data/sihui-2021"))
    >>> p.areas.loc["area-dc", "name"]
    '东城街道'
    """
    if len(networks) == 1:
        return places(networks[0])
    frames = [_frames(G) for G in reversed(networks)]
    return places(SimpleNamespace(nodes=pd.concat([n for n, _ in frames], ignore_index=True),
                                  edges=pd.concat([e.assign(type=V.PART_OF) for _, e in frames],
                                                  ignore_index=True)))


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
    plain = unicodedata.normalize("NFKC", str(text)).strip()
    for s in _SUFFIXES:
        if plain.endswith(s) and len(plain) > len(s):
            return plain[: -len(s)]
    return plain


def _listed(table: pd.DataFrame, ids: list[str], p: Places | None = None) -> str:
    """Places `ids` of `table` as "name (id)", with the street of a community whose name
    other communities share (when `p` is given)."""
    names = table["name"].astype(str)
    shared = set(names[names.duplicated(keep=False)])

    def one(i: str) -> str:
        name = str(table.at[i, "name"])
        area = table.at[i, "area"] if "area" in table.columns else None
        if p is not None and name in shared and isinstance(area, str) and area in p.areas.index:
            return t("places.listed_in", name=visible(name), id=i,
                     area=visible(p.areas.at[area, "name"]))
        return t("places.listed", name=visible(name), id=i)
    return t("places.separator").join(one(i) for i in ids)


def resolve(where: Places | Any, query: str, label: str) -> str:
    """The id of the Area or Community `query` names: its id, its full name, or a unique
    short name — the name without its suffix ("东城" for 东城街道, "玉城" for 玉城社区) or
    without the city prefix ("东城街道" for 四会市东城街道).

    Parameters
    ----------
    where : Places, Dataset or graph
    query : str
    label : {"Area", "Community"}

    Raises
    ------
    UsageError
        When nothing matches (with the closest names and their ids as a hint), or when a
        name is shared by several places (with their ids), in the language of
        :mod:`graphkit.messages`.

    Examples
    --------
    >>> import graphkit as gk
    >>> ds = gk.read_dataset("data/sihui")
    >>> resolve(ds, "玉城社区", "Community"), resolve(ds, "东城", "Area")
    ('com-002', 'area-dc')
    """
    p = where if isinstance(where, Places) else places(where)
    table = p.table(label)
    what = t(f"places.what.{label}")
    q = str(query)
    if q in table.index:
        return q
    names = [str(n) for n in table["name"]]
    tests = (lambda n: n == q.strip(),
             lambda n: _norm(n) == _norm(q),
             lambda n: _norm(short_name(n, p.prefixes)) == _norm(short_name(q, p.prefixes)))
    for match in tests:
        hits = [str(i) for i, n in zip(table.index, names, strict=True) if match(n)]
        if len(hits) == 1:
            return hits[0]
        if len(hits) > 1:
            raise UsageError(t("places.ambiguous", what=what, query=visible(q),
                               listed=_listed(table, sorted(hits), p)))
    ids = [str(i) for i in table.index]
    nq = _norm(short_name(q, p.prefixes))

    def score(i: str, n: str) -> float:
        nn = _norm(short_name(n, p.prefixes))
        by_name = difflib.SequenceMatcher(None, nq, nn).ratio()
        by_id = difflib.SequenceMatcher(None, q, i).ratio()
        contains = 0.5 if nq and (nq in n or (nn and nn in q)) else 0.0
        return max(by_name, by_id, contains)

    scored = sorted(((score(i, n), i) for i, n in zip(ids, names, strict=True)),
                    key=lambda s: (-s[0], s[1]))
    close = [i for sc, i in scored[:3] if sc >= 0.45]
    if close:
        hint = t("places.did_you_mean", listed=_listed(table, close, p))
    elif ids:
        hint = t("places.for_example", what=what, listed=_listed(table, ids[:3], p))
    else:
        hint = t("places.none_here", what=what)
    raise UsageError(t("places.unknown", what=what, query=visible(q), hint=hint))


def locate(where: Places | Any, *, areas: Iterable[str] = (),
           communities: Iterable[str] = ()) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The ids of the streets `areas` and the communities `communities` name (ids, full
    names or unique short names: :func:`resolve`), in the order given, each once.

    A community name is looked up within the streets given first (two streets may each
    have a 新城社区); a community outside every street given is an error.

    Parameters
    ----------
    where : Places, Dataset or graph
    areas, communities : iterable of str

    Returns
    -------
    (area ids, community ids)

    Raises
    ------
    UsageError
        For a place that is unknown or ambiguous (with the closest names), or a community
        outside the streets given.

    Examples
    --------
    >>> import graphkit as gk
    >>> ds = gk.read_dataset("data/sihui")
    >>> locate(ds, areas=["东城"], communities=["沙田园社区"])
    (('area-dc',), ('com-001',))
    """
    p = where if isinstance(where, Places) else places(where)
    found_areas = tuple(dict.fromkeys(resolve(p, a, V.AREA) for a in areas))
    inside = p if not found_areas else dataclasses.replace(
        p, communities=p.communities[p.communities["area"].isin(found_areas)])
    found: list[str] = []
    for c in communities:
        try:
            cid = resolve(inside, c, V.COMMUNITY)
        except UsageError:
            cid = resolve(p, c, V.COMMUNITY)
        if found_areas and p.communities.at[cid, "area"] not in found_areas:
            a = found_areas[0]
            raise UsageError(t("places.not_in_area", community=p.communities.at[cid, "name"],
                               community_id=cid, area=p.areas.at[a, "name"], area_id=a))
        found.append(cid)
    return found_areas, tuple(dict.fromkeys(found))
