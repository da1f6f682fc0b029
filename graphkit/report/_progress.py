"""The report of a plan followed through (:class:`~graphkit.Progress`, SPEC section 10) on the
report model: what was verified, what was reported, where they disagree, per action kind
and street, and the plan's projected rates against the actual ones.

The first screen (a terminal of 80 columns) holds the verified states per action kind and
per street, the discrepancies to follow up (the first few, "… 还有 N 项"), the rates and
how much of the work list was read. The drill-down is every action (the workbook's
核验清单: street, community, action, units, verified and reported state, deadline,
discrepancy, the plan's action, a 督办意见 column to fill in and the hidden ``action_id``)
and every cell of the work list that could not be read (file, sheet, row, column, value,
what to do).

Examples
--------
>>> import graphkit as gk
>>> r = gk.progress("data/sihui-plan.json", "data/sihui-2021-06",
...                 "data/sihui-worklist-2021-06.xlsx")
>>> doc = document(r)
>>> doc.full_title
'整改计划落实情况核验：四会市城区基层党建网络（示例，2021 年 6 月）'
>>> [s.key for s in doc.sections if s.summary]
['states', 'streets', 'discrepancies', 'rates']
"""

from __future__ import annotations

from typing import Any

from .. import vocab as V
from ..analysis.planning import ACTION_NAMES_ZH, ACTIONS
from ..analysis.tracking import Progress
from .model import COUNT, DATE, DELTA, KEY, RATE, REF, Cell, Column, Document, Section, Table, Text

__all__ = ["document"]

_NO_AREA, _NO_COMMUNITY = "未归属街道（镇）", "未归属社区"
_STATES = V.VERIFIED_STATES
_SHORT = {"done": "完成", "partly_done": "部分", "not_done": "未完", "gone": "不在"}
_METRICS = (("work", "工作覆盖率"), ("organization", "组织覆盖率"), ("own", "单独组建率"))


def _state_columns(first: Column) -> list[Column]:
    return [first, Column("措施", COUNT, short="项"),
            *(Column(V.VERIFIED_NAMES_ZH[s], COUNT, short=_SHORT[s]) for s in _STATES)]


def _count_row(label: Any, counts: dict[str, int]) -> list[Any]:
    return [label, sum(counts.values()), *(counts.get(s, 0) or Cell(0, text="·")
                                          for s in _STATES)]


def _total(tables: dict[Any, dict[str, int]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for counts in tables.values():
        for s, n in counts.items():
            out[s] = out.get(s, 0) + n
    return out


def _states_sections(r: Progress) -> list[Section]:
    by_action = r.summary["by_action"]
    kinds = Table(_state_columns(Column("措施类型")),
                  [_count_row(ACTION_NAMES_ZH[k], by_action[k]) for k in ACTIONS
                   if k in by_action],
                  title="按措施类型", key="by-action",
                  total=_count_row("合计", _total(by_action)) if by_action else None,
                  empty="计划没有措施。")
    by_street = r.summary["by_street"]
    disc = {}
    for area, d in zip(r.actions["area"], r.actions["discrepancy"], strict=True):
        if d is not None:
            disc[area] = disc.get(area, 0) + 1
    cols = _state_columns(Column("街道（镇）", REF, filter="street"))
    cols.append(Column("不一致", COUNT, short="不一致"))
    streets = Table(cols, [[*_count_row((a, r.names.get(a, a) if a else _NO_AREA), counts),
                            disc.get(a, 0)] for a, counts in by_street.items()],
                    title="按街道（镇）", key="by-street",
                    total=[*_count_row((None, "合计"), _total(by_street)), sum(disc.values())]
                    if by_street else None, empty="计划没有措施。")
    return [Section("核验结果：按措施类型", "states", [kinds], summary=True, nav="核验结果"),
            Section("核验结果：按街道（镇）", "streets", [streets], summary=True)]


def _units_text(r: Progress, units: list[str]) -> str:
    return "、".join(str(r.names.get(u, u)) for u in units)


def _action_rows(r: Progress) -> list[list[Any]]:
    rows = []
    for a in r.actions.itertuples(index=False):
        statuses = "、".join(V.STATUS_NAMES_ZH.get(s, s) if s else "已不在"
                            for s in a.statuses)
        bad = a.discrepancy is not None
        rows.append([
            int(a.index) + 1,
            (a.area, r.names.get(a.area, a.area)) if a.area else (None, _NO_AREA),
            (a.community, r.names.get(a.community, a.community)) if a.community
            else (None, _NO_COMMUNITY),
            Cell(a.action, text=ACTION_NAMES_ZH[a.action]),
            _units_text(r, a.units), "、".join(a.units),
            Cell(a.verified, text=V.VERIFIED_NAMES_ZH[a.verified],
                 mark="good" if a.verified == "done" else ""),
            statuses,
            Cell(a.reported, text=V.PROGRESS_NAMES_ZH.get(a.reported, "—")),
            a.due,
            Cell(a.discrepancy, text=V.DISCREPANCY_NAMES_ZH.get(a.discrepancy, ""),
                 mark="bad" if bad else ""),
            a.message, None, int(a.index)])
    return rows


_ACTION_COLS = [
    Column("序号", COUNT, width=6), Column("街道（镇）", REF, filter="street", width=10),
    Column("社区", REF, filter="community", width=11),
    Column("措施", filter="action", width=12, wrap=True), Column("单位", wrap=True, width=22),
    Column("单位编号", width=12, wrap=True, drop=3),
    Column("核验", filter="verified", width=9), Column("单位现状", width=10, drop=2),
    Column("填报进展", width=9), Column("完成时限", DATE, width=11),
    Column("不一致", filter="discrepancy", width=12, wrap=True),
    Column("计划措施", wrap=True, width=44, drop=1),
    Column("督办意见", fill=True, width=20, wrap=True), Column("action_id", KEY),
]


def _discrepancies_section(r: Progress, rows: list[list[Any]]) -> Section:
    found = [row for row in rows if row[10].value is not None]
    counts = r.summary["discrepancies"]
    text = ("不一致 " + "，".join(f"{V.DISCREPANCY_NAMES_ZH[k]} {n} 项" for k, n in
                                counts.items()) + "。") if counts else (
        "没有不一致。" if r.worklist is not None else
        "未提供工作清单（--worklist）：只核验数据，不比对填报的进展。")
    tab = Table(_ACTION_COLS, found, key="discrepancies", brief=6, unit="项",
                line="{4}：{10}（{1}）", formats=("terminal", "markdown", "html"),
                empty="（无）")
    return Section("需要督办的不一致", "discrepancies", [Text(text), tab], summary=True,
                   nav="不一致")


def _rates_section(r: Progress) -> Section:
    proj, actual, delta = (r.rates.get(k) for k in ("projected", "actual", "delta"))
    cols = [Column("指标"), Column("计划预计", RATE), Column("实际", RATE),
            Column("差", DELTA, short="差")]
    rows = []
    for m, zh in _METRICS:
        rows.append([zh, None if proj is None else proj["rates"][m], actual["rates"][m],
                     None if delta is None else delta["rates"][m]])
    tab = Table(cols, rows, key="rates")
    streets = Table([Column("街道（镇）", REF, id_title="编号"),
                     *(Column(f"{zh}（{w}）", kind) for _, zh in _METRICS
                       for w, kind in (("预计", RATE), ("实际", RATE), ("差", DELTA)))],
                    _street_rates(r), key="street-rates", sheet="覆盖率对比",
                    formats=("html", "markdown", "xlsx"))
    return Section("覆盖率：计划预计与实际", "rates", [
        tab, Text("实际覆盖率按计划的统计范围计算；差 = 实际 − 预计（个百分点）。", "def"),
        streets], summary=True, nav="覆盖率")


def _street_rates(r: Progress) -> list[list[Any]]:
    proj, actual, delta = (r.rates.get(k) for k in ("projected", "actual", "delta"))
    keys = sorted(set((proj or {}).get("by_area", {})) | set(actual["by_area"]))
    rows = []
    for k in keys:
        p = (proj or {}).get("by_area", {}).get(k) or {}
        a = actual["by_area"].get(k) or {}
        d = (delta or {}).get("by_area", {}).get(k) or {}
        rows.append([(k, r.names.get(k, k)),
                     *(x for m, _ in _METRICS for x in (p.get(m), a.get(m), d.get(m)))])
    return rows


def _actions_section(rows: list[list[Any]]) -> Section:
    tab = Table(_ACTION_COLS, rows, key="actions", sheet="核验清单", part=1, group=2,
                search=True, anchor="action-",
                line="{4}（{3}）：核验{6}（{7}），填报{8}。{10}", empty="计划没有措施。")
    return Section("全部措施（按街道、社区）", "actions", [
        Text("可按街道、社区、措施、核验状态、不一致筛选；工作簿的“核验清单”可填写督办意见。",
             "hint"), tab], nav="全部措施")


def _problems_section(r: Progress) -> Section | None:
    if r.worklist is None:
        return None
    rows = [[p.sheet, p.row, p.column, p.value, p.problem, p.message] for p in r.problems]
    tab = Table([Column("工作表"), Column("行", COUNT), Column("列"), Column("值"),
                 Column("问题", filter="problem"), Column("怎么改", wrap=True, width=60)],
                rows, key="problems", sheet="无法读取", line="{0}第{1}行{2}“{3}”：{5}",
                empty="工作清单的每一行都已读取。")
    return Section(f"工作清单中无法读取或对应的格子（{len(rows)} 处）", "problems",
                   [tab], nav="无法读取")


def _meta(r: Progress) -> list[str]:
    plan = r.plan.get("dataset") or {}
    lines = [f"计划：{plan.get('name') or '—'}"
             + (f"（{plan['snapshot']}）" if plan.get("snapshot") else "")
             + f"，{len(r.actions)} 项措施",
             f"核验：{r.new.get('name')}" + (f"（{r.new['snapshot']}）" if r.new.get("snapshot")
                                            else "（无快照日期，不判断逾期）")]
    if r.worklist is not None:
        matched = int(r.actions["row"].notna().sum())
        lines.append(f"工作清单：{r.worklist.file}（{len(r.worklist.rows)} 行，对应 {matched} "
                     "项措施" + (f"，{len(r.problems)} 处无法读取" if r.problems else "") + "）")
    return lines


def document(result: Progress) -> Document:
    """The report of `result` (see the module docs) as a
    :class:`~graphkit.report.model.Document`."""
    rows = _action_rows(result)
    secs = [*_states_sections(result), _discrepancies_section(result, rows),
            _rates_section(result), _actions_section(rows)]
    problems = _problems_section(result)
    if problems is not None:
        secs.append(problems)
    return Document(
        f"整改计划落实情况核验：{result.new.get('name') or ''}", meta=_meta(result),
        sections=secs, sheet="概况", sheet_order=("核验清单", "覆盖率对比", "无法读取"),
        hint="全部措施 --detail · 核验清单 --format xlsx --out 核验.xlsx")
