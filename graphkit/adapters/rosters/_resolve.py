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
from typing import Any

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


def resolve(refs: pd.DataFrame, entities: pd.DataFrame, city: str
            ) -> dict[Any, tuple[int, tuple[str, ...]]]:
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
    dict
        ``ref`` -> (the deciding rule 1-3; a sorted tuple of the entity ids it found), for
        the references that matched something.
    """
    if refs.empty:
        return {}
    r = refs[["ref", "value", "labels", "street"]].explode("labels").rename(
        columns={"labels": "label"})
    values = r["value"].astype(object)
    distinct = pd.unique(values)
    r["key2"] = values.map(dict(zip(distinct, norm_names(pd.Series(distinct, dtype=object)),
                                    strict=True)))
    e = entities[["eid", "label", "key2", "code", "street"]].rename(
        columns={"street": "e_street"})
    cols = ["ref", "label", "street", "eid", "e_street"]

    def decided(found: pd.DataFrame) -> pd.DataFrame:
        """`found` within each reference's street (communities and compounds)."""
        scoped = found["label"].isin([V.COMMUNITY, V.COMPOUND]) & found["street"].notna()
        return found[~scoped | (found["street"] == found["e_street"])]

    steps = []
    # rule 1: a credit code (units)
    code = r["key2"].str.upper()
    maybe = (r["label"] == V.UNIT) & code.str.match(CODE_SHAPE.pattern)
    if maybe.any():
        eu = e[(e["label"] == V.UNIT) & e["code"].notna() & (e["code"] != "")]
        one = r[maybe].assign(code=code[maybe]).merge(eu[["eid", "code", "e_street"]],
                                                      on="code")
        steps.append(decided(one[cols]).assign(rule=1))
    # rule 2: the normalized name, for what rule 1 did not decide
    done = set(steps[0]["ref"]) if steps else set()
    rest = r[~r["ref"].isin(done)] if done else r
    two = decided(rest.merge(e[["eid", "label", "key2", "e_street"]], on=["label", "key2"])
                  [cols])
    steps.append(two.assign(rule=2))
    # rule 3: without the city and the generic suffix, for what is still undecided
    rest = rest[~rest["ref"].isin(set(two["ref"]))]
    if len(rest):
        rest = rest.copy()
        rest["key3"] = rest["key2"]
        parts = []
        for label in rest["label"].unique():
            mask = rest["label"] == label
            rest.loc[mask, "key3"] = key3(rest.loc[mask, "key2"], label, city)
            el = e[e["label"] == label]
            parts.append(el.assign(key3=key3(el["key2"], label, city)))
        e3 = pd.concat(parts, ignore_index=True)
        three = rest.merge(e3[["eid", "label", "key3", "e_street"]], on=["label", "key3"])
        steps.append(decided(three[cols]).assign(rule=3))
    m = pd.concat(steps, ignore_index=True)
    m = m[m["rule"] == m.groupby("ref")["rule"].transform("min")]
    m = m[["ref", "rule", "eid"]].drop_duplicates(["ref", "eid"])
    size = m.groupby("ref", sort=False)["eid"].transform("size")
    one, many = m[size == 1], m[size > 1]
    found = {k: (r, (e,)) for k, r, e in zip(one["ref"].tolist(), one["rule"].tolist(),
                                             one["eid"].tolist(), strict=True)}
    for k, group in many.groupby("ref", sort=False):
        found[k] = (int(group["rule"].iloc[0]), tuple(sorted(group["eid"].tolist())))
    return found


def suggest(value: str, labels: Sequence[str], entities: pd.DataFrame, n: int = 3
            ) -> list[str]:
    """The names (as written) of up to `n` entities of `labels` closest to `value`: what
    the review offers for a reference that matched nothing."""
    names = entities.loc[entities["label"].isin(labels), "name"]
    return closest(value, names.tolist(), n) if len(names) else []
