"""Rosters to a dataset (SPEC section 9): rows to nodes, reference cells to edges.

Rows are parsed roster by roster (a row-level problem drops the row); ids are made as
:mod:`._ids` says (a community's needs its street resolved, a compound's its community);
then every other reference is resolved in one batch (:func:`._resolve.resolve`), rule 4
and road ranges on the same joins, and the edges are made from what resolved exactly once.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from typing import Any

import pandas as pd

from ... import vocab as V
from ...errors import ValidationError
from ...network._parse import Problems
from ...network.dataset import Dataset
from . import vocabulary as RV
from ._ids import node_id
from ._normalize import (
    BadValue,
    check_credit_code,
    norm_name,
    parse_area,
    parse_choice,
    parse_count,
    parse_date,
    parse_rating,
    split_names,
)
from ._recognize import RosterTable
from ._resolve import ORG_NAME, RULES, city_name, resolve, suggest
from ._review import Entry, Review

__all__ = ["build"]

_HOMES = (("所在单位", V.UNIT), ("所在社区", V.COMMUNITY), ("所在小区", V.COMPOUND),
          ("所在街道", V.AREA))
_ROAD_NUMBER = r"(?P<num>[0-9]+)号"
#: The field of each roster read through a mapping (its kind), with the blank default.
_CHOICES: dict[str, tuple[str, dict[str, Any], Any]] = {
    "街道": ("类型", RV.AREA_TYPES, "street"), "社区": ("类型", RV.COMMUNITY_TYPES, "urban"),
    "单位": ("单位类型", RV.UNIT_TYPES, None), "党组织": ("党组织类别", RV.ORG_CATEGORIES, None),
    "团队": ("类型", RV.TEAM_TYPES, None), "党群服务中心": ("层级", RV.CENTER_LEVELS, None),
    "门牌": ("单双", RV.PARITIES, "all"),
}
#: Fields read as numbers, stars or dates.
_PARSERS: dict[str, Callable[[str], Any]] = {
    "党员数": parse_count, "人数": parse_count, "解决问题数": parse_count, "起号": parse_count,
    "止号": parse_count, "星级": parse_rating, "面积": parse_area, "签订日期": parse_date,
    "派驻日期": parse_date, "报到日期": parse_date,
}


@dataclass(slots=True)
class _Row:
    """One data row of a roster as it is being taken."""

    table: RosterTable
    line: int
    cells: dict[str, str]
    values: dict[str, Any] = field(default_factory=dict)
    dropped: bool = False
    eid: str | None = None
    street: str | None = None  # the Area id of its 所属街道, when it resolved

    def get(self, name: str) -> str:
        return self.cells.get(name, "")


@dataclass(slots=True)
class _Ref:
    """A reference cell (one name of it): what it may name and what it makes."""

    key: int
    row: _Row
    field: str
    value: str
    labels: tuple[str, ...]
    make: Callable[[_Ref, str], None] | None = None  # what it makes, given the target id
    rule4: bool = False


class _Import:
    def __init__(self, tables: list[RosterTable], *, partial: bool) -> None:
        self.tables = tables
        self.partial = partial
        self.review = Review(partial=partial)
        self.nodes: dict[str, dict[str, Any]] = {}
        self.node_row: dict[str, _Row] = {}
        self.edges: list[tuple[str, str, str, str | None, str | None]] = []
        self.keys = count()
        self.city = ""
        self.rows: dict[str, list[_Row]] = defaultdict(list)
        self._ents: pd.DataFrame | None = None
        self._resolved = dict.fromkeys(RULES, 0)

    # --- entries ------------------------------------------------------------------------

    def entry(self, row: _Row, name: str | None, value: str, problem: str,
              candidates: tuple[str, ...] | list[str] = (), rows: tuple[int, ...] = (),
              message: str = "") -> None:
        sheet = row.table.sheet
        column = row.table.headers.get(name, name) if name else None
        self.review.entries.append(Entry(sheet.file, sheet.sheet, row.line, column, value,
                                         problem, tuple(candidates)[:3], rows, message))

    def bad(self, row: _Row, name: str, exc: BadValue) -> None:
        self.entry(row, name, row.get(name), exc.code, exc.candidates, message=exc.message)
        row.dropped = True

    # --- rows ---------------------------------------------------------------------------

    def parse(self) -> None:
        """Every data row: required fields, values, credit codes (row-level problems)."""
        order = list(RV.ROSTERS)
        for table in sorted(self.tables, key=lambda t: order.index(t.kind)):
            roster = RV.ROSTERS[table.kind]
            self.review.rows_read[table.kind] = self.review.rows_read.get(table.kind, 0) + \
                len(table.rows)
            self.review.rosters.append({
                "file": table.sheet.file, "sheet": table.sheet.sheet, "kind": table.kind,
                "header_row": table.header_line, "rows": len(table.rows),
                "ignored": table.ignored})
            columns = list(table.columns.items())
            parsers = [(f, p) for f, p in _PARSERS.items() if f in table.columns]
            out = self.rows[table.kind]
            for cells, line in zip(table.rows, table.lines, strict=True):
                n = len(cells)
                row = _Row(table, line, {f: cells[i].strip() for f, i in columns if i < n})
                for name in roster.required:
                    if not row.cells.get(name):
                        self.entry(row, name, "", "missing_field")
                        row.dropped = True
                if not row.dropped:
                    self._values(row, parsers)
                out.append(row)

    def _values(self, row: _Row, parsers: list[tuple[str, Callable[[str], Any]]]) -> None:
        v = row.values
        kind = row.table.kind
        try:
            if kind in _CHOICES:
                name, mapping, default = _CHOICES[kind]
                v["choice"] = parse_choice(row.get(name), mapping, default)
        except BadValue as exc:
            self.bad(row, _CHOICES[kind][0], exc)
        cells = row.cells
        for name, parser in parsers:
            try:
                v[name] = parser(cells.get(name, ""))
            except BadValue as exc:
                self.bad(row, name, exc)
        if kind == "单位" and row.get("统一社会信用代码"):
            try:
                v["code"] = check_credit_code(row.get("统一社会信用代码"))
            except BadValue as exc:
                self.bad(row, "统一社会信用代码", exc)

    # --- nodes --------------------------------------------------------------------------

    def node(self, row: _Row, eid: str, label: str, name: str, **props: Any) -> None:
        """Add a node for `row` (a duplicate id drops both rows: one entry, later row)."""
        self._ents = None
        if eid in self.node_row:
            first = self.node_row[eid]
            self.entry(row, RV.ROSTERS[row.table.kind].required[0], name, "duplicate",
                       rows=(first.line, row.line), message=f"same as row {first.line}")
            first.dropped = row.dropped = True
            return
        self.node_row[eid] = row
        row.eid = eid
        self.nodes[eid] = {"id": eid, "label": label, "name": name,
                           **{k: v for k, v in props.items() if v is not None}}

    def live(self, kind: str) -> list[_Row]:
        return [r for r in self.rows[kind] if not r.dropped]

    def entities(self) -> pd.DataFrame:
        """Every node kept so far, as the resolver compares them."""
        kept = [n for eid, n in self.nodes.items() if not self.node_row[eid].dropped]
        names = [n["name"] for n in kept]
        return pd.DataFrame({
            "eid": [n["id"] for n in kept], "label": [n["label"] for n in kept],
            "name": names, "key2": [norm_name(x) for x in names],
            "code": [n.get("credit_code", "") for n in kept],
            "street": [n.get("_street") for n in kept],
            "kind": [n.get("kind", "") for n in kept]}, dtype=object)

    # --- references ---------------------------------------------------------------------

    def column(self, refs: list[_Ref], rows: list[_Row], name: str, labels: tuple[str, ...],
               make: Callable[[_Ref, str], None]) -> None:
        """The references of column `name` of `rows`, added to `refs`."""
        keys, multi = self.keys, name in RV.MULTI_FIELDS
        for row in rows:
            cell = row.cells.get(name)
            if not cell:
                continue
            if multi:
                refs.extend(_Ref(next(keys), row, name, value, labels, make)
                            for value in split_names(cell))
            else:
                refs.append(_Ref(next(keys), row, name, cell, labels, make))

    def ref(self, refs: list[_Ref], row: _Row, name: str, labels: tuple[str, ...],
            make: Callable[[_Ref, str], None] | None = None) -> list[_Ref]:
        cell = row.cells.get(name)
        if not cell:
            return []
        if name not in RV.MULTI_FIELDS:
            made = [_Ref(next(self.keys), row, name, cell, labels, make)]
        else:
            made = [_Ref(next(self.keys), row, name, value, labels, make)
                    for value in split_names(cell)]
        refs.extend(made)
        return made

    def run(self, refs: list[_Ref]) -> dict[int, tuple[int, tuple[str, ...]]]:
        """Resolve `refs` against the nodes kept: key -> (rule, matches)."""
        if not refs:
            return {}
        keys = [(r.value, r.labels, r.row.street) for r in refs]
        distinct = list(dict.fromkeys(keys))
        frame = pd.DataFrame({"ref": range(len(distinct)),
                              "value": [k[0] for k in distinct],
                              "labels": [k[1] for k in distinct],
                              "street": [k[2] for k in distinct]}, dtype=object)
        self._ents = self.entities()
        found = resolve(frame, self._ents, self.city)
        nothing = (0, ())
        by_key = {k: found.get(i, nothing) for i, k in enumerate(distinct)}
        return {r.key: by_key[k] for r, k in zip(refs, keys, strict=True)}

    def decide(self, ref: _Ref, found: tuple[int, tuple[str, ...]], *, count_rule: int | None
               = None) -> str | None:
        """The one entity `ref` names, or None with a review entry."""
        rule, matches = found
        if len(matches) == 1:
            self._resolved[count_rule or rule] += 1
            return matches[0]
        if matches:
            self.entry(ref.row, ref.field, ref.value, "ambiguous", self.told_apart(matches))
        else:
            if self._ents is None:
                self._ents = self.entities()
            self.entry(ref.row, ref.field, ref.value, "unresolved",
                       suggest(ref.value, ref.labels, self._ents))
        return None

    def told_apart(self, matches: tuple[str, ...]) -> list[str]:
        """The names of `matches`, each with its street, community or credit code when
        names alone do not tell them apart (``沙田园社区（东城街道）``)."""
        names = [self.nodes[m]["name"] for m in matches]
        if len(set(names)) == len(names):
            return names
        out = []
        for m, name in zip(matches, names, strict=True):
            n = self.nodes[m]
            parent = n.get("_community") or n.get("_street")
            extra = self.nodes[parent]["name"] if parent else n.get("credit_code") or m
            out.append(f"{name}（{extra}）")
        return out

    def _belongs(self, ref: _Ref, target: str) -> None:
        self.edge(ref.row.eid, target, V.BELONGS_TO)

    def edge(self, source: str, target: str, type: str, *, mode: str | None = None,
             since: str | None = None) -> None:
        self.edges.append((source, target, type, mode, since))

    # --- the import ---------------------------------------------------------------------

    def build(self) -> None:
        self.parse()
        # areas, and the city that holds them
        for row in self.live("街道"):
            self.node(row, node_id(V.AREA, row.get("名称")), V.AREA, norm_name(row.get("名称")),
                      kind=row.values.get("choice"))
        ents = self.entities()
        self.city = city_name(ents[ents["label"] == V.AREA])
        # streets: every 所属街道 cell, and the areas' 上级 (PART_OF)
        refs: list[_Ref] = []
        for kind in RV.ROSTERS:
            if "所属街道" in RV.ROSTERS[kind].fields:
                self.column(refs, self.live(kind), "所属街道", (V.AREA,),
                            lambda r, t: setattr(r.row, "street", t))
        self.column(refs, self.live("街道"), "上级", (V.AREA,),
                    lambda r, t: self.edge(r.row.eid, t, V.PART_OF))
        self.apply(refs)
        # communities: id by their street's name
        for row in self.live("社区"):
            street = self.nodes[row.street]["name"] if row.street else row.get("所属街道")
            name = norm_name(row.get("社区名称"))
            self.node(row, node_id(V.COMMUNITY, name, street), V.COMMUNITY, name,
                      kind=row.values.get("choice"), _street=row.street)
            if row.street and not row.dropped:
                self.edge(row.eid, row.street, V.PART_OF)
        # compounds: id by their community's name
        refs = []
        self.column(refs, self.live("小区"), "所属社区", (V.COMMUNITY,),
                    lambda r, t: r.row.values.__setitem__("community", t))
        self.apply(refs)
        for row in self.live("小区"):
            community = row.values.get("community")
            parent = self.nodes[community]["name"] if community else row.get("所属社区")
            name = norm_name(row.get("小区名称"))
            street = self.nodes[community].get("_street") if community else None
            self.node(row, node_id(V.COMPOUND, name, parent), V.COMPOUND, name,
                      _street=street, _community=community)
            if community and not row.dropped:
                self.edge(row.eid, community, V.PART_OF)
        self.units()
        for row in self.live("党组织"):
            kind, joint = row.values["choice"]
            name = norm_name(row.get("党组织名称"))
            self.node(row, node_id(V.PARTY_ORG, name), V.PARTY_ORG, name, kind=kind,
                      joint=joint, members=row.values.get("党员数"),
                      rating=row.values.get("星级"))
        for row in self.live("团队"):
            name = norm_name(row.get("团队名称"))
            self.node(row, node_id(V.TEAM, name), V.TEAM, name, kind=row.values["choice"],
                      members=row.values.get("人数"),
                      issues_resolved=row.values.get("解决问题数"))
        for row in self.live("党群服务中心"):
            name = norm_name(row.get("名称"))
            self.node(row, node_id(V.SERVICE_CENTER, name), V.SERVICE_CENTER, name,
                      kind=row.values["choice"], area_m2=row.values.get("面积"))
        for kind, person in (("指导员", "instructor"), ("报到党员", "member")):
            for row in self.live(kind):
                number = norm_name(row.get("编号"))
                self.node(row, node_id(V.PERSON, number), V.PERSON, number, kind=person)
        self.ties()

    def units(self) -> None:
        """Units: ids (credit code, else name; the same name in two communities told apart
        by the community), duplicates, and where they are (LOCATED_IN)."""
        rows = self.live("单位")
        names = [norm_name(r.cells["单位名称"]) for r in rows]

        def place(r: _Row) -> str:
            c = r.cells
            return norm_name(c.get("所在小区") or c.get("所在社区") or c.get("地址")
                             or c.get("所属街道") or "")

        by_name: dict[str, set[str]] = defaultdict(set)
        for r, name in zip(rows, names, strict=True):
            if not r.values.get("code"):
                by_name[name].add(place(r))
        for r, name in zip(rows, names, strict=True):
            code = r.values.get("code")
            if code:
                eid = code
            elif len(by_name[name]) > 1:
                eid = node_id(V.UNIT, name, place(r))
            else:
                eid = node_id(V.UNIT, name)
            address = r.cells.get("地址")
            self.node(r, eid, V.UNIT, name, kind=r.values["choice"], credit_code=code,
                      industry=r.cells.get("行业") or None,
                      address=norm_name(address) if address else None,
                      members=r.values.get("党员数"))

    def apply(self, refs: list[_Ref]) -> None:
        found = self.run(refs)
        for ref in refs:
            target = self.decide(ref, found[ref.key])
            if target is not None and ref.make is not None:
                ref.make(ref, target)

    def ties(self) -> None:
        """Every reference cell made into an edge, resolved in one batch."""
        refs: list[_Ref] = []
        located: dict[int, dict[str, list[_Ref]]] = {}
        for row in self.live("单位"):
            spots = {}
            for name, labels in (("所在小区", (V.COMPOUND,)), ("所在社区", (V.COMMUNITY,))):
                spots[name] = self.ref(refs, row, name, labels)
            located[id(row)] = spots
        orgs = self.live("党组织")
        self.column(refs, orgs, "上级党组织", (V.PARTY_ORG,),
                    lambda r, t: self.edge(r.row.eid, t, V.REPORTS_TO))
        belongs = self._belongs
        for row in orgs:
            filled = [(n, lab) for n, lab in _HOMES if row.cells.get(n)]
            if len(filled) > 1:
                for n, _ in filled[1:]:
                    self.entry(row, n, row.get(n), "ambiguous",
                               [row.get(m) for m, _ in filled],
                               message="at most one of 所在单位/所在社区/所在小区/所在街道")
            elif filled:
                n, lab = filled[0]
                self.ref(refs, row, n, (lab,), belongs)
            else:
                m = ORG_NAME.match(norm_name(row.get("党组织名称")))
                if m:
                    refs.append(_Ref(next(self.keys), row, "党组织名称", m["x"],
                                     (V.UNIT, V.COMPOUND, V.COMMUNITY, V.AREA), belongs, True))
        self.column(refs, orgs, "联合覆盖单位", (V.UNIT,),
                    lambda r, t: self.edge(r.row.eid, t, V.COVERS, mode="joint"))
        self.column(refs, orgs, "挂靠单位", (V.UNIT,),
                    lambda r, t: self.edge(r.row.eid, t, V.COVERS, mode="affiliated"))
        self.column(refs, self.live("指导员"), "指导单位", (V.UNIT,),
                    lambda r, t: self.edge(r.row.eid, t, V.GUIDES))
        teams = self.live("团队")
        self.column(refs, teams, "派出单位", (V.UNIT, V.PARTY_ORG),
                    lambda r, t: self.edge(r.row.eid, t, V.FROM))
        self.column(refs, teams, "服务社区", (V.COMMUNITY,),
                    lambda r, t: self.edge(r.row.eid, t, V.STATIONED_AT,
                                           since=r.row.values.get("派驻日期")))
        centers = self.live("党群服务中心")
        self.column(refs, centers, "服务范围", (V.AREA, V.COMMUNITY, V.COMPOUND, V.UNIT),
                    lambda r, t: self.edge(r.row.eid, t, V.SERVES))
        self.column(refs, centers, "运营党组织", (V.PARTY_ORG,),
                    lambda r, t: self.edge(r.row.eid, t, V.RUN_BY))
        members = self.live("报到党员")
        self.column(refs, members, "报到社区", (V.COMMUNITY,),
                    lambda r, t: self.edge(r.row.eid, t, V.REGISTERED_AT,
                                           since=r.row.values.get("报到日期")))
        self.column(refs, members, "所在党组织", (V.PARTY_ORG,),
                    lambda r, t: self.edge(r.row.eid, t, V.MEMBER_OF))
        pairs: list[tuple[list[_Ref], list[_Ref], str, dict[str, Any]]] = []
        for row in self.live("共驻共建"):
            pairs.append((self.ref(refs, row, "单位党组织", (V.PARTY_ORG,)),
                          self.ref(refs, row, "社区党组织", (V.PARTY_ORG,)), V.CO_BUILDS,
                          {"since": row.values.get("签订日期")}))
        for row in self.live("联席会议"):
            pairs.append((self.ref(refs, row, "小区党组织", (V.PARTY_ORG,)),
                          self.ref(refs, row, "参会单位", (V.UNIT,)), V.MEETS_WITH, {}))
        ranges: list[_Ref] = []
        self.column(ranges, self.live("门牌"), "社区", (V.COMMUNITY,),
                    lambda r, t: r.row.values.__setitem__("community", t))
        refs.extend(ranges)
        found = self.run(refs)
        targets: dict[int, str | None] = {}
        for ref in refs:
            if ref.rule4:
                rule, matches = found[ref.key]
                if not matches:
                    continue  # X names nothing: the organization has no home (a warning)
                target = self.decide(ref, (rule, matches), count_rule=4)
            elif ref.field in ("所在小区", "所在社区") and ref.row.table.kind == "单位":
                continue
            else:
                target = self.decide(ref, found[ref.key])
            targets[ref.key] = target
            if target is not None and ref.make is not None:
                ref.make(ref, target)
        for sources, dests, type_, props in pairs:
            for s in sources:
                for d in dests:
                    if targets.get(s.key) and targets.get(d.key):
                        self.edge(targets[s.key], targets[d.key], type_, **props)
        self.locate(located, found)

    def locate(self, located: dict[int, dict[str, list[_Ref]]],
               found: dict[int, tuple[int, tuple[str, ...]]]) -> None:
        """LOCATED_IN of every unit: 所在小区 (which wins; a 所在社区 that does not hold it
        is ambiguous), else 所在社区, else 地址 by the road ranges, else 所属街道."""
        addressed = []
        for row in self.live("单位"):
            spots = located[id(row)]
            compound = spots["所在小区"][0] if spots["所在小区"] else None
            community = spots["所在社区"][0] if spots["所在社区"] else None
            c_target = None
            if community is not None:
                c_target = self.decide(community, found[community.key]) if compound is None \
                    else self._quiet(found[community.key])
            if compound is not None:
                rule, matches = found[compound.key]
                if len(matches) > 1 and c_target is not None:
                    inside = tuple(m for m in matches
                                   if self.nodes[m].get("_community") == c_target)
                    matches = inside or matches
                target = self.decide(compound, (rule, matches))
                if target is not None:
                    self.edge(row.eid, target, V.LOCATED_IN)
                    holder = self.nodes[target].get("_community")
                    if community is not None and c_target != holder:
                        name = self.nodes[holder]["name"] if holder else ""
                        self.entry(row, "所在社区", community.value, "ambiguous",
                                   [name] if name else [],
                                   message="the community does not hold the compound")
            elif community is not None:
                if c_target is not None:
                    self.edge(row.eid, c_target, V.LOCATED_IN)
            elif row.get("地址"):
                addressed.append(row)
            elif row.street is not None:
                self.edge(row.eid, row.street, V.LOCATED_IN)
        self.addresses(addressed)

    def _quiet(self, found: tuple[int, tuple[str, ...]]) -> str | None:
        return found[1][0] if len(found[1]) == 1 else None

    def addresses(self, rows: list[_Row]) -> None:
        """Units placed by their address: a road of the 门牌 roster followed by a number
        within 起号..止号 of the right parity; exactly one community must match."""
        if not rows:
            return
        gaz = [(norm_name(r.get("道路")), r.values.get("起号"), r.values.get("止号"),
                r.values.get("choice", "all"), r.values.get("community"))
               for r in self.live("门牌") if r.values.get("community")]
        ranges = pd.DataFrame(gaz, columns=["road", "start", "end", "parity", "community"])
        addr = pd.DataFrame({"i": range(len(rows)),
                             "address": [norm_name(r.get("地址")) for r in rows]})
        if ranges.empty:
            hits = pd.DataFrame(columns=["i", "community"])
        else:
            roads = sorted(set(ranges["road"]), key=len, reverse=True)
            pattern = f"(?P<road>{'|'.join(map(re.escape, roads))}){_ROAD_NUMBER}"
            found = addr["address"].str.extractall(pattern).reset_index()
            found = found.rename(columns={"level_0": "row"})
            found["i"] = addr["i"].to_numpy()[found["row"].to_numpy()] if len(found) else []
            found["num"] = found["num"].astype(int)
            hits = found.merge(ranges, on="road")
            ok = ((hits["start"].isna() | (hits["num"] >= hits["start"])) &
                  (hits["end"].isna() | (hits["num"] <= hits["end"])) &
                  ((hits["parity"] == "all") |
                   ((hits["parity"] == "odd") & (hits["num"] % 2 == 1)) |
                   ((hits["parity"] == "even") & (hits["num"] % 2 == 0))))
            hits = hits[ok]
        per = hits.groupby("i")["community"].agg(lambda s: tuple(sorted(set(s))))
        for i, row in enumerate(rows):
            matches = per.get(i, ())
            if row.street is not None:
                matches = tuple(m for m in matches if self.nodes[m].get("_street") == row.street)
            ref = _Ref(-1, row, "地址", row.get("地址"), (V.COMMUNITY,))
            target = self.decide(ref, (5, matches))
            if target is not None:
                self.edge(row.eid, target, V.LOCATED_IN)


def build(tables: list[RosterTable], *, partial: bool, name: str, snapshot: str | None,
          source: str) -> tuple[Dataset | None, Review]:
    """The dataset the rosters make and the review. Without `partial`, the dataset is None
    when the review has entries; with it, the rows and references of the review are left
    out. The dataset passes SPEC section 1's validation (a ValidationError otherwise)."""
    job = _Import(tables, partial=partial)
    job.build()
    review = job.review
    review.resolved = {RULES[k]: n for k, n in job._resolved.items()}
    order = {(r["file"], r["sheet"]): i for i, r in enumerate(job.review.rosters)}
    review.entries.sort(key=lambda e: (order.get((e.file, e.sheet), 0), e.row))
    kept = {eid: n for eid, n in job.nodes.items() if not job.node_row[eid].dropped}
    edges = [e for e in job.edges if e[0] in kept and e[1] in kept]
    nodes = list(kept.values())
    labels = Counter(n["label"] for n in nodes)
    types = Counter(e[2] for e in edges)
    review.nodes = {lab: labels[lab] for lab in V.LABELS if labels[lab]}
    review.edges = {typ: types[typ] for typ in V.REL_TYPES if types[typ]}
    if review.entries and not partial:
        return None, review
    ncols = _columns(nodes, ("id", "label", "name"))
    ecols = dict(zip(("source", "target", "type", "mode", "since"),
                     (list(c) for c in zip(*edges, strict=True)), strict=True)) if edges else \
        {"source": [], "target": [], "type": []}
    try:
        ds = Dataset.from_columns(ncols, ecols, name=name, snapshot=snapshot, source=source,
                                  files=("rosters", "rosters"))
    except ValidationError as exc:
        problems = Problems(exc.problems)
        raise ValidationError(problems) from None
    review.warnings = [p.format("zh") for p in ds.warnings]
    return ds, review


def _columns(records: list[dict[str, Any]], required: tuple[str, ...]
             ) -> dict[str, list[Any]]:
    names = list(required) + sorted({k for r in records for k in r if not k.startswith("_")}
                                    - set(required))
    return {k: [r.get(k) for r in records] for k in names}
