"""References to entities, resolved as SPEC section 9 orders it, by joins on keys.

A reference (a cell naming another entity) is matched against every entity of the labels
it may name, all references at once (pandas merges on normalized keys, never a Python loop
over candidates):

1. a unified social credit code (units);
2. the normalized name;
3. the same without the city's name at the start and the label's generic suffix at the
   end (社区/居委会, 街道/镇, 小区), on both sides.

The first rule that matches anything decides; a community (or compound) is looked up within
the row's street when the row gives one. Rule 4 (an organization's home named in its own
name) and road ranges (an address) are built on the same joins by the import.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import pandas as pd

from ... import vocab as V
from ._normalize import CODE_SHAPE, closest, norm_names

__all__ = ["RULES", "SUFFIXES", "city_name", "key3", "resolve", "suggest"]

#: Generic suffixes of a label's names, optional under rule 3 (longest first).
SUFFIXES: dict[str, tuple[str, ...]] = {
    V.COMMUNITY: ("居委会", "社区"), V.AREA: ("街道", "镇"), V.COMPOUND: ("小区",),
}
#: Names of the rules, as the review's summary counts them.
RULES = {1: "credit_code", 2: "name", 3: "without_city_and_suffix", 4: "organization_name",
         5: "address"}

#: The pattern of an organization's name: 中共 + X + one of these (rule 4; the longer
#: endings first, so that X is never cut short).
ORG_NAME = re.compile(
    r"^中共(?P<x>.+?)(?:联合总支部委员会|联合支部委员会|总支部委员会|支部委员会|委员会|联合党总支|"
    r"联合党支部|党总支|党支部|党委)$")


def city_name(areas: pd.DataFrame) -> str:
    """The city that holds the areas: the normalized name of the Area of kind city, else
    the longest common prefix of the area names ending in 市, 县 or 区 ('' when none).

    Examples
    --------
    >>> city_name(pd.DataFrame({"key2": ["四会市东城街道", "四会市城中街道"],
    ...                         "kind": ["street", "street"]}))
    '四会市'
    """
    cities = areas.loc[areas["kind"] == "city", "key2"].unique()
    if len(cities) == 1:
        return str(cities[0])
    names = areas["key2"].tolist()
    if not names:
        return ""
    prefix = names[0]
    for n in names[1:]:
        while not n.startswith(prefix):
            prefix = prefix[:-1]
    while prefix and prefix[-1] not in "市县区":
        prefix = prefix[:-1]
    return prefix


def key3(key2: pd.Series, label: str, city: str) -> pd.Series:
    """Rule 3's key of normalized names of `label`: the city's name removed where it
    begins, the label's generic suffix where it ends (never down to nothing)."""
    out = key2
    if city:
        rest = out.str.slice(len(city))
        out = out.where(~(out.str.startswith(city) & (rest != "")), rest)
    suffixes = SUFFIXES.get(label)
    if suffixes:
        cut = out.str.replace(f"(?:{'|'.join(suffixes)})$", "", regex=True)
        out = out.where(cut == "", cut)
    return out


def resolve(refs: pd.DataFrame, entities: pd.DataFrame, city: str) -> pd.DataFrame:
    """Match references against entities by rules 1-3.

    Parameters
    ----------
    refs : DataFrame
        ``ref`` (a unique key), ``value`` (the name or code as written), ``labels`` (a
        tuple of the labels it may name) and ``street`` (the id of the row's Area, or
        None: communities and compounds are then looked up within it).
    entities : DataFrame
        ``eid``, ``label``, ``key2`` (normalized name), ``code`` (units' credit codes) and
        ``street`` (the Area of a community or compound).

    Returns
    -------
    DataFrame
        ``ref``, ``rule`` (1-3, 0 for no match) and ``matches`` (a sorted tuple of the
        entity ids the deciding rule found).
    """
    if refs.empty:
        return pd.DataFrame({"ref": [], "rule": [], "matches": []})
    r = refs[["ref", "value", "labels", "street"]].explode("labels").rename(
        columns={"labels": "label"})
    r["key2"] = norm_names(r["value"])
    r["code"] = r["key2"].str.upper()
    r["key3"] = r["key2"]
    e = entities[["eid", "label", "key2", "code", "street"]].rename(
        columns={"street": "e_street"}).copy()
    e["key3"] = e["key2"]
    for label in r["label"].unique():
        mask = r["label"] == label
        r.loc[mask, "key3"] = key3(r.loc[mask, "key2"], label, city)
        emask = e["label"] == label
        e.loc[emask, "key3"] = key3(e.loc[emask, "key2"], label, city)
    found = []
    units = r[(r["label"] == V.UNIT) & r["code"].str.match(CODE_SHAPE.pattern)]
    eu = e[(e["label"] == V.UNIT) & e["code"].notna() & (e["code"] != "")]
    found.append(units.merge(eu[["eid", "code", "e_street"]], on="code").assign(rule=1))
    found.append(r.merge(e[["eid", "label", "key2", "e_street"]], on=["label", "key2"])
                 .assign(rule=2))
    found.append(r.merge(e[["eid", "label", "key3", "e_street"]], on=["label", "key3"])
                 .assign(rule=3))
    m = pd.concat([f[["ref", "label", "street", "eid", "e_street", "rule"]] for f in found],
                  ignore_index=True)
    scoped = m["label"].isin([V.COMMUNITY, V.COMPOUND]) & m["street"].notna()
    m = m[~scoped | (m["street"] == m["e_street"])]
    m = m[m["rule"] == m.groupby("ref")["rule"].transform("min")]
    decided = (m.groupby("ref").agg(rule=("rule", "first"),
                                    matches=("eid", lambda s: tuple(sorted(set(s)))))
               .reset_index())
    out = refs[["ref"]].merge(decided, on="ref", how="left")
    out["rule"] = out["rule"].fillna(0).astype(int)
    out["matches"] = out["matches"].apply(lambda t: t if isinstance(t, tuple) else ())
    return out


def suggest(value: str, labels: Sequence[str], entities: pd.DataFrame, n: int = 3
            ) -> list[str]:
    """The names (as written) of up to `n` entities of `labels` closest to `value`: what
    the review offers for a reference that matched nothing."""
    names = entities.loc[entities["label"].isin(labels), "name"]
    return closest(value, names.tolist(), n) if len(names) else []
