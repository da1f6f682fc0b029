"""A dataset as office rosters (``graphkit rosters``): the inverse of the import and the
template a planner fills.

One workbook, one sheet per roster of SPEC section 9 with the standard headers (required
ones in bold red), drop-downs for the 类型/类别 columns, a 说明 sheet, print-ready (A4
landscape, fitted to the width, the header repeated on every page and frozen, a filter).
Importing it gives back the same network, up to the ids of section 9. What rosters cannot
hold is returned as warnings.
"""

from __future__ import annotations

import io
import os
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from ... import vocab as V
from ...network._atomic import write_atomic
from ...network._text import visible
from ...network.dataset import Dataset, as_dataset
from . import vocabulary as RV
from ._ids import PREFIXES
from ._normalize import CODE_SHAPE, norm_name

__all__ = ["WORKBOOK", "roster_rows", "write_rosters"]

#: The file name of the workbook ``graphkit rosters`` writes.
WORKBOOK = "名册.xlsx"
SEP = "、"


def _first(values: dict[Any, list[Any]], key: Any) -> Any:
    got = values.get(key)
    return got[0] if got else None


def _inverse(mapping: dict[str, Any]) -> dict[Any, str]:
    """value -> the first text of `mapping` that gives it (the one the inverse writes)."""
    out: dict[Any, str] = {}
    for text, value in mapping.items():
        out.setdefault(value, text)
    return out


def _number(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return value


class _Tables:
    """The dataset's nodes and edges, looked up the way the rosters need them."""

    def __init__(self, ds: Dataset) -> None:
        self.nodes = ds.nodes.set_index("id", drop=False)
        self.edges = ds.edges
        self.label = self.nodes["label"].to_dict()
        self.name = self.nodes["name"].astype(str).to_dict()
        self.out: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        self.since: dict[tuple[str, str, str], str] = {}
        for s, t, typ, mode, since in zip(self.edges["source"], self.edges["target"],
                                          self.edges["type"], self.edges["mode"],
                                          self.edges["since"], strict=True):
            key = typ if typ != V.COVERS else f"{typ}:{mode}"
            self.out[key][s].append(t)
            if since:
                self.since[(s, t, typ)] = since
        # names that more than one node of a label shares: referred to by code if possible
        keys = pd.DataFrame({"id": self.nodes["id"], "label": self.nodes["label"],
                             "key": [norm_name(n) for n in self.nodes["name"].astype(str)]})
        counts = keys.groupby(["label", "key"])["id"].transform("size")
        self.shared = set(keys.loc[counts > 1, "id"])
        self.key = dict(zip(keys["id"], keys["key"], strict=True))

    def prop(self, node: str, column: str) -> Any:
        if column not in self.nodes.columns:
            return None
        return _number(self.nodes.at[node, column])

    def code(self, node: str) -> str | None:
        code = self.prop(node, "credit_code")
        if code:
            return str(code)
        return node if CODE_SHAPE.match(node) else None

    def ref(self, node: str) -> str:
        """How a cell names `node`: its credit code when its name is shared, else its name."""
        if node in self.shared and self.label[node] == V.UNIT and self.code(node):
            return str(self.code(node))
        return visible(self.name[node])

    def street_of(self, node: str | None) -> str | None:
        """The street (Area) name of a community or compound, for the 所属街道 cells."""
        if node is None:
            return None
        if self.label[node] == V.COMPOUND:
            node = _first(self.out[V.PART_OF], node)
            if node is None:
                return None
        if self.label[node] == V.COMMUNITY:
            area = _first(self.out[V.PART_OF], node)
            return self.name[area] if area else None
        return None

    def ids(self, label: str) -> list[str]:
        return self.nodes.index[self.nodes["label"] == label].tolist()


def _person_number(node: str) -> str:
    prefix = PREFIXES[V.PERSON]
    return node[len(prefix):] if node.startswith(prefix) else node


def roster_rows(ds: Any) -> tuple[dict[str, list[list[Any]]], list[str]]:
    """The rows of every roster for dataset `ds` (standard field order), and the warnings:
    what the rosters cannot hold."""
    ds = as_dataset(ds)
    t = _Tables(ds)
    warn: list[str] = []
    rows: dict[str, list[list[Any]]] = {k: [] for k in RV.ROSTERS}
    area_type, comm_type = _inverse(RV.AREA_TYPES), _inverse(RV.COMMUNITY_TYPES)
    unit_type, team_type = _inverse(RV.UNIT_TYPES), _inverse(RV.TEAM_TYPES)
    level, category = _inverse(RV.CENTER_LEVELS), _inverse(RV.ORG_CATEGORIES)
    part_of = t.out[V.PART_OF]
    held = {V.AREA: {"kind"}, V.COMMUNITY: {"kind"}, V.COMPOUND: set(),
            V.UNIT: {"kind", "members", "industry", "credit_code", "address"},
            V.PARTY_ORG: {"kind", "members", "rating", "joint"},
            V.TEAM: {"kind", "members", "issues_resolved"},
            V.SERVICE_CENTER: {"kind", "area_m2"}, V.PERSON: {"kind"}}
    for a in t.ids(V.AREA):
        up = part_of.get(a, [])
        rows["街道"].append([t.name[a], area_type[t.nodes.at[a, "kind"]],
                            t.ref(up[0]) if up else None])
    for c in t.ids(V.COMMUNITY):
        area = _first(part_of, c)
        rows["社区"].append([t.name[c], t.name[area] if area else None,
                            comm_type[t.nodes.at[c, "kind"]]])
        if area is None:
            warn.append(f"社区 {t.name[c]} 不属于任何街道：名册要求填写所属街道")
    for p in t.ids(V.COMPOUND):
        comm = _first(part_of, p)
        rows["小区"].append([t.name[p], t.name[comm] if comm else None, t.street_of(p)])
        if comm is None:
            warn.append(f"小区 {t.name[p]} 不属于任何社区：名册要求填写所属社区")
        if t.nodes.at[p, "kind"]:
            warn.append(f"小区 {t.name[p]} 的类型 {t.nodes.at[p, 'kind']!r} 名册中没有对应列")
    has_communities = {part_of[c][0] for c in t.ids(V.COMMUNITY) if part_of.get(c)}
    for u in t.ids(V.UNIT):
        where = _first(t.out[V.LOCATED_IN], u)
        compound = where if where and t.label[where] == V.COMPOUND else None
        community = where if where and t.label[where] == V.COMMUNITY else None
        if compound:
            community = _first(part_of, compound)
        area = where if where and t.label[where] == V.AREA else None
        street = t.name[area] if area else t.street_of(where)
        if area and area in has_communities:
            warn.append(f"单位 {t.name[u]} 直接位于街道 {t.name[area]}，而该街道下有社区："
                        "名册中只填所属街道、不填所在社区，导入后仍直接位于街道")
        rows["单位"].append([
            t.name[u], t.code(u), unit_type[t.nodes.at[u, "kind"]], t.prop(u, "industry"),
            t.ref(community) if community else None, t.ref(compound) if compound else None,
            t.prop(u, "address"), street, t.prop(u, "members")])
    for o in t.ids(V.PARTY_ORG):
        kind, joint = t.nodes.at[o, "kind"], bool(t.nodes.at[o, "joint"])
        up = t.out[V.REPORTS_TO].get(o, [])
        homes = t.out[V.BELONGS_TO].get(o, [])
        if len(up) > 1:
            warn.append(f"党组织 {t.name[o]} 有 {len(up)} 个上级党组织：名册只能填一个")
        if len(homes) > 1:
            warn.append(f"党组织 {t.name[o]} 有 {len(homes)} 个所在单位/社区：名册只能填一个")
        home = homes[0] if homes else None
        cells = {"所在单位": None, "所在社区": None, "所在小区": None, "所在街道": None}
        if home is not None:
            column = {V.UNIT: "所在单位", V.COMMUNITY: "所在社区", V.COMPOUND: "所在小区",
                      V.AREA: "所在街道"}[t.label[home]]
            cells[column] = t.ref(home)
        rating = t.prop(o, "rating")  # None when blank; 0 is written as 0
        rows["党组织"].append([
            t.name[o], category[(kind, joint)], t.ref(up[0]) if up else None,
            *cells.values(), t.street_of(home), t.prop(o, "members"),
            None if rating is None else str(int(rating)),
            SEP.join(t.ref(x) for x in t.out[f"{V.COVERS}:joint"].get(o, [])) or None,
            SEP.join(t.ref(x) for x in t.out[f"{V.COVERS}:affiliated"].get(o, [])) or None])
    people = t.nodes[t.nodes["label"] == V.PERSON]
    for p, kind in zip(people["id"], people["kind"], strict=True):
        if kind == "instructor":
            guided = t.out[V.GUIDES].get(p, [])
            if not guided:
                warn.append(f"指导员 {_person_number(p)} 没有指导单位：名册要求填写，该行不会导入")
            rows["指导员"].append([_person_number(p), SEP.join(t.ref(x) for x in guided)])
            if t.out[V.REGISTERED_AT].get(p) or t.out[V.MEMBER_OF].get(p):
                warn.append(f"指导员 {_person_number(p)} 的报到社区/所在党组织名册中没有对应列")
        else:
            at = t.out[V.REGISTERED_AT].get(p, [])
            orgs = t.out[V.MEMBER_OF].get(p, [])
            if not at:
                warn.append(f"报到党员 {_person_number(p)} 没有报到社区：名册要求填写，"
                            "该行不会导入")
            if len(at) > 1 or len(orgs) > 1:
                warn.append(f"报到党员 {_person_number(p)} 有多个报到社区或党组织："
                            "名册只能各填一个")
            if t.out[V.GUIDES].get(p):
                warn.append(f"党员 {_person_number(p)} 指导的单位名册中没有对应列")
            rows["报到党员"].append([
                _person_number(p), t.ref(at[0]) if at else None,
                t.street_of(at[0]) if at else None, t.ref(orgs[0]) if orgs else None,
                t.since.get((p, at[0], V.REGISTERED_AT)) if at else None])
    for s, targets in t.out[V.CO_BUILDS].items():
        for d in targets:
            rows["共驻共建"].append([t.ref(s), t.ref(d), t.since.get((s, d, V.CO_BUILDS))])
    for team in t.ids(V.TEAM):
        senders = t.out[V.FROM].get(team, [])
        at = t.out[V.STATIONED_AT].get(team, [])
        if not senders:
            warn.append(f"团队 {t.name[team]} 没有派出单位：名册要求填写，该行不会导入")
        if not at:
            warn.append(f"团队 {t.name[team]} 没有服务社区：名册要求填写，该行不会导入")
        dates = {t.since.get((team, c, V.STATIONED_AT)) for c in at}
        if len(dates) > 1:
            warn.append(f"团队 {t.name[team]} 在各社区的派驻日期不同：名册只能填一个")
        streets = {t.street_of(c) for c in at}
        rows["团队"].append([
            t.name[team], team_type[t.nodes.at[team, "kind"]],
            SEP.join(t.ref(x) for x in senders), SEP.join(t.ref(x) for x in at),
            streets.pop() if len(streets) == 1 else None, t.prop(team, "members"),
            t.prop(team, "issues_resolved"), dates.pop() if len(dates) == 1 else None])
    for c in t.ids(V.SERVICE_CENTER):
        serves = t.out[V.SERVES].get(c, [])
        run_by = t.out[V.RUN_BY].get(c, [])
        if len(run_by) > 1:
            warn.append(f"党群服务中心 {t.name[c]} 有多个运营党组织：名册只能填一个")
        if not serves:
            warn.append(f"党群服务中心 {t.name[c]} 没有服务范围：名册要求填写，该行不会导入")
        streets = {t.street_of(x) for x in serves} - {None}
        rows["党群服务中心"].append([
            t.name[c], level[t.nodes.at[c, "kind"]], SEP.join(t.ref(x) for x in serves),
            streets.pop() if len(streets) == 1 else None,
            t.ref(run_by[0]) if run_by else None, t.prop(c, "area_m2")])
    for org, units in t.out[V.MEETS_WITH].items():
        rows["联席会议"].append([t.ref(org), SEP.join(t.ref(u) for u in units)])
    # properties and edge attributes no roster holds
    for label, keep in held.items():
        sub = t.nodes[t.nodes["label"] == label]
        for col in sub.columns:
            if col in ("id", "label", "name") or col in keep or col in V.NODE_COLUMNS:
                continue
            n = int(sub[col].notna().sum())
            if n:
                warn.append(f"{V.LABEL_NAMES_ZH[label]}的属性 {col}（{n} 个）名册中没有对应列")
    people_named = people[people["name"].astype(str) != people["id"].map(_person_number)]
    if len(people_named):
        warn.append(f"人员姓名（{len(people_named)} 人）不写入名册：只写编号（个人信息保护）")
    with_since = t.edges[(t.edges["since"].fillna("") != "") & ~t.edges["type"].isin(
        [V.CO_BUILDS, V.STATIONED_AT, V.REGISTERED_AT])]
    if len(with_since):
        warn.append(f"{len(with_since)} 条关系的开始日期（since）名册中没有对应列（只有共驻共建、"
                    "团队派驻和党员报到有日期）")
    extra = [c for c in t.edges.columns if c not in V.EDGE_COLUMNS]
    for col in extra:
        if t.edges[col].notna().any():
            warn.append(f"关系的属性 {col} 名册中没有对应列")
    return rows, warn


def _drop_downs() -> dict[tuple[str, str], list[str]]:
    return {("街道", "类型"): list(RV.AREA_TYPES), ("社区", "类型"): list(RV.COMMUNITY_TYPES),
            ("单位", "单位类型"): list(RV.UNIT_TYPES),
            ("党组织", "党组织类别"): list(RV.ORG_CATEGORIES),
            ("党组织", "星级"): ["五星", "四星", "三星", "二星", "一星"],
            ("团队", "类型"): ["驻点", "志愿"],
            ("党群服务中心", "层级"): ["街道", "社区", "小区", "行业"],
            ("门牌", "单双"): list(RV.PARITIES)}


def _width(values: Iterable[Any]) -> float:
    best = 0
    for v in values:
        text = "" if v is None else str(v)
        best = max(best, sum(2 if ord(ch) > 0x2E80 else 1 for ch in text))
    return min(40, best + 2)


def rosters_workbook(rows: dict[str, list[list[Any]]]) -> bytes:
    """The roster workbook of `rows` (:func:`roster_rows`), as ``.xlsx`` bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    head_fill = PatternFill("solid", fgColor="DDEBF7")
    required_font, header_font = Font(bold=True, color="C00000"), Font(bold=True)
    drops = _drop_downs()
    for kind, roster in RV.ROSTERS.items():
        ws = wb.create_sheet(kind)
        ws.append(list(roster.fields))
        for cell, f in zip(ws[1], roster.fields, strict=True):
            cell.font = required_font if f in roster.required else header_font
            cell.fill = head_fill
        for r, values in enumerate(rows.get(kind, []), start=2):
            for c, v in enumerate(values, start=1):
                v = _literal(v)
                if v is not None:
                    cell = ws.cell(row=r, column=c, value=v)
                    if isinstance(v, str):
                        cell.data_type = "s"  # a name like =SUM(A1) stays text
        for i, f in enumerate(roster.fields, start=1):
            col = get_column_letter(i)
            ws.column_dimensions[col].width = _width(
                [f, *(r[i - 1] for r in rows.get(kind, [])[:2000])]) + 2
            if (kind, f) in drops:
                dv = DataValidation(type="list", formula1='"' + ",".join(drops[kind, f]) + '"',
                                    allow_blank=True, showErrorMessage=True,
                                    errorTitle="取值", error=f"请从下拉列表中选择{f}")
                ws.add_data_validation(dv)
                dv.add(f"{col}2:{col}{max(ws.max_row, 2) + 1000}")
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(roster.fields))}{max(ws.max_row, 1)}"
        ws.print_title_rows = "1:1"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws = wb.create_sheet("说明", 0)
    ws.append(["名册填写说明"])
    ws["A1"].font = Font(bold=True, size=14)
    for line in RV.INSTRUCTIONS:
        ws.append([line])
    ws.append([])
    ws.append(["各名册的字段（红色表头为必填）："])
    ws.cell(row=ws.max_row, column=1).font = header_font
    for kind, roster in RV.ROSTERS.items():
        ws.append([f"{kind}：{'、'.join(roster.fields)}（必填：{'、'.join(roster.required)}）"])
    ws.column_dimensions["A"].width = 110
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            lines = -(-_width([cell.value]) // 104) if cell.value else 1
            ws.row_dimensions[cell.row].height = 15 * max(1, lines)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _literal(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, str):
        return visible(value) if value else None
    return value


def write_rosters(ds: Any, folder: str | os.PathLike[str]) -> tuple[Path, list[str]]:
    """Write dataset `ds` as the roster workbook ``名册.xlsx`` in `folder`; return its path
    and the warnings (what the rosters cannot hold).

    Examples
    --------
    >>> import graphkit as gk
    >>> path, warnings = gk.write_rosters(gk.read_dataset("data/sihui"), "/tmp/r")  # doctest: +SKIP
    """
    rows, warnings = roster_rows(ds)
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    path = write_atomic(out / WORKBOOK, rosters_workbook(rows))
    return path, warnings
