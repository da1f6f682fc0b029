"""The audit workbook (:func:`graphkit.report.to_xlsx`): sheets a planner works from; and
:func:`plain_sheet`, the simple list sheet of the plan's and the diff's workbooks.

Each list sheet is built from column specs (header, kind, width): the kind sets the number
format (``pct`` 0.0%, ``int`` 0, ``date`` yyyy-mm-dd, ``text`` @) and the wrapping. Text is
written as text (``data_type = "s"`` and a quote prefix: ``=SUM(A1)`` stays a string), with
control characters shown (openpyxl refuses them, XML forbids them).
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from openpyxl import Workbook
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from .. import vocab as V
from ..analysis.coverage import key_text
from ..analysis.gaps import FINDING_CODES, FINDING_TITLES_ZH
from ..analysis.mechanisms import FIELDS, INDICATORS
from ..network._text import visible

__all__ = ["FORMULA_STARTS", "PROGRESS_CHOICES", "plain_sheet", "workbook"]

#: Leading characters a spreadsheet program reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
#: The drop-down of the 进展 column of an action sheet.
PROGRESS_CHOICES = ("未开始", "推进中", "已完成", "暂缓")
FORMATS = {"pct": "0.0%", "int": "0", "date": "yyyy-mm-dd", "text": "@", "wrap": "@"}

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="F6E7E7")
_FILL_IN = PatternFill("solid", fgColor="FFF9E6")
_THIN = Side(style="thin", color="BBBBBB")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TOP = Alignment(vertical="top")
_WRAP = Alignment(vertical="top", wrap_text=True)
_HEAD = Alignment(vertical="center", wrap_text=True)
_TITLE_FONT = Font(bold=True, size=14)
_BLOCK_FONT = Font(bold=True, size=12, color="990000")


@dataclass(frozen=True)
class Col:
    header: str
    kind: str = "text"  # text, wrap, int, pct, date
    width: float = 12


def _set(cell: Any, value: Any, kind: str) -> None:
    """Write one value: numbers as numbers, everything else as literal text."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        cell.value = None
    elif kind in ("int", "pct") and isinstance(value, (int, float)) \
            and not isinstance(value, bool):
        cell.value = int(value) if kind == "int" else float(value)
    else:
        _literal(cell, value)
    cell.number_format = FORMATS[kind]
    cell.alignment = _WRAP if kind == "wrap" else _TOP


def _literal(cell: Any, value: Any) -> None:
    """`value` as literal text: control characters shown, never a formula."""
    text = visible(value)
    cell.value = text
    cell.data_type = "s"  # never a formula
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # and it stays text when someone edits it


def _plain_width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def plain_sheet(wb: Workbook, title: str, headers: list[str], rows: list[list[Any]], *,
                formats: dict[int, str] | None = None, wrap: Any = ()) -> Worksheet:
    """A simple list sheet: a bold shaded header row, frozen; numbers as numbers, NaN as
    empty, text always literal (:func:`_literal`); each column as wide as its header and
    first 2,000 values (a CJK character counts 2; at most 60, or 50 for the columns of
    `wrap`, which wrap); `formats` maps 1-based columns to number formats.

    Examples
    --------
    >>> wb = Workbook()
    >>> ws = plain_sheet(wb, "清单", ["名称", "比率"], [["=SUM(A1)", 0.5]], formats={2: "0.0%"})
    >>> ws["A2"].value, ws["A2"].data_type, ws["B2"].number_format
    ('=SUM(A1)', 's', '0.0%')
    """
    ws = wb.create_sheet(title)
    for r, values in enumerate([headers, *rows], start=1):
        for c, v in enumerate(values, start=1):
            if v is None or (isinstance(v, float) and math.isnan(v)):
                continue
            cell = ws.cell(row=r, column=c)
            if isinstance(v, str):
                _literal(cell, v)
            else:
                cell.value = v
    for cell in ws[1]:
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
    ws.freeze_panes = "A2"
    formats = formats or {}
    for i, h in enumerate(headers, start=1):
        col = get_column_letter(i)
        width = max([_plain_width(h)] + [_plain_width(r[i - 1]) for r in rows[:2000]])
        ws.column_dimensions[col].width = min(50 if i in wrap else 60, width + 2)
        for cell in ws[col][1:]:
            if i in formats:
                cell.number_format = formats[i]
            if i in wrap:
                cell.alignment = _WRAP
    return ws


def _page(ws: Worksheet, header_row: int) -> None:
    """A4 landscape, fitted to the page width, the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    ws.oddFooter.center.text = "&P / &N"


def _text(ws: Worksheet, row: int, column: int, text: Any) -> Any:
    """A literal text cell (a title, a header): never a formula, whatever it says."""
    cell = ws.cell(row=row, column=column)
    _set(cell, text, "text")
    return cell


def _header(ws: Worksheet, row: int, cols: list[Col]) -> None:
    for i, c in enumerate(cols, start=1):
        cell = _text(ws, row, i, c.header)
        cell.font, cell.fill, cell.alignment, cell.border = (
            _HEADER_FONT, _HEADER_FILL, _HEAD, _BORDER)


def _display_width(text: str) -> float:
    """Width in Excel column units (a CJK character is about 1.7, measured on
    LibreOffice's and Excel's default fonts)."""
    return sum(1.7 if unicodedata.east_asian_width(ch) in "WF" else 1.0 for ch in text)


def _lines(value: Any, width: float) -> int:
    """Lines a wrapped cell of column `width` needs."""
    if value is None:
        return 1
    usable = max(width - 1.0, 4)
    # 10% slack: lines break at punctuation, not at the exact width
    return max(1, math.ceil(1.1 * _display_width(str(value)) / usable))


def _rows(ws: Worksheet, start: int, cols: list[Col], rows: list[list[Any]]) -> int:
    """Write `rows` from row `start`; return the row after the last.

    Rows with wrapped text get their height set (spreadsheet programs do not size rows
    when they open a file, so wrapped text would otherwise show one line)."""
    r = start
    wraps = [i for i, c in enumerate(cols) if c.kind == "wrap"]
    for values in rows:
        for i, (c, v) in enumerate(zip(cols, values, strict=True), start=1):
            _set(ws.cell(row=r, column=i), v, c.kind)
        if wraps:
            n = max(_lines(values[i], cols[i].width) for i in wraps)
            if n > 1:
                ws.row_dimensions[r].height = min(409, 15 * n)
        r += 1
    return r


def _list_sheet(wb: Workbook, title: str, cols: list[Col], rows: list[list[Any]]) -> Worksheet:
    """A sheet holding one table: frozen header, autofilter, formats, print setup."""
    ws = wb.create_sheet(_sheet_title(title, wb))
    _header(ws, 1, cols)
    end = _rows(ws, 2, cols, rows)
    for i, c in enumerate(cols, start=1):
        ws.column_dimensions[get_column_letter(i)].width = c.width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(end - 1, 1)}"
    ws.row_dimensions[1].height = 30
    _page(ws, 1)
    return ws


_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(title: str, wb: Workbook) -> str:
    """A valid, unused sheet title (≤ 31 characters, none of []:*?/\\)."""
    base = _BAD_TITLE.sub("_", visible(title)).strip("'") or "表"
    base = base[:31]
    name, n = base, 2
    taken = {ws.title for ws in wb.worksheets}
    while name in taken:
        suffix = f"_{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


def _names(ids: Any, names: dict[str, str]) -> str:
    return "、".join(visible(names.get(i, i)) for i in ids)


def _area_zh(a: Any, names: dict[str, str]) -> str | None:
    if a is None or (isinstance(a, float) and math.isnan(a)) or a == "":
        return None
    return names.get(a, a)


# --- 概览 ------------------------------------------------------------------------------


def _block(ws: Worksheet, row: int, title: str, cols: list[Col], rows: list[list[Any]]) -> int:
    _text(ws, row, 1, title).font = _BLOCK_FONT
    _header(ws, row + 1, cols)
    end = _rows(ws, row + 2, cols, rows)
    for r in range(row + 2, end):
        for i in range(1, len(cols) + 1):
            ws.cell(row=r, column=i).border = _BORDER
    if not rows:
        _text(ws, row + 2, 1, "（无）")
        end += 1
    return end + 1


def _overview(wb: Workbook, result: Any, s: Any, names: dict[str, str], comm_area: Any,
              meta_lines: list[str], title: str) -> None:
    ws = wb.create_sheet("概览")
    _text(ws, 1, 1, title).font = _TITLE_FONT
    row = 2
    width = 8
    for line in meta_lines:
        _set(ws.cell(row=row, column=1), line, "wrap")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        ws.row_dimensions[row].height = 15 * max(1, math.ceil(len(line) / 60))
        row += 1
    row += 1
    rates = []
    for key, r in s.rates.iterrows():
        state = "—" if r.met is None else ("达标" if r.met else "未达标")
        rates.append([r.title, r.rate, r.covered, r.units,
                      None if r.target is None or r.target != r.target else r.target, state,
                      r.shortfall if r.met is False else None,
                      "辖区成员" if key == "linkage" else "范围内单位"])
    row = _block(ws, row, "覆盖率与目标", [
        Col("指标"), Col("达成率", "pct"), Col("覆盖数（分子）", "int"),
        Col("分母", "int"), Col("目标", "pct"), Col("状态"), Col("还差（单位）", "int"),
        Col("分母是")], rates)

    m = s.findings
    streets = [c for c in m.columns if c != "total"]
    cols = [Col("问题类型"), Col("代码"), Col("合计", "int")] + [
        Col(_area_zh(a, names) or "未归属街道", "int") for a in streets]
    rows = [[FINDING_TITLES_ZH.get(code, code), code, int(r["total"])]
            + [int(r[a]) for a in streets] for code, r in m.iterrows()]
    if rows:
        rows.append(["合计", None, int(m["total"].sum())] + [int(m[a].sum()) for a in streets])
    row = _block(ws, row, f"问题（{len(result.findings)} 项，按类型 × 街道）", cols, rows)

    row = _block(ws, row, "工作覆盖率最低的社区", [
        Col("社区编号"), Col("社区"), Col("街道（镇）"), Col("单位数（分母）", "int"),
        Col("未覆盖单位", "int"), Col("工作覆盖率", "pct"), Col("组织覆盖率", "pct")],
        [[r.community, r.name, _area_zh(r.area, names), r.units, r.uncovered, r.work,
          r.organization] for r in s.worst_work.itertuples()])
    row = _block(ws, row, "一核双圈联动率最低的社区", [
        Col("社区编号"), Col("社区"), Col("街道（镇）"), Col("辖区成员（分母）", "int"),
        Col("未联动成员", "int"), Col("联动率", "pct")],
        [[r.community, r.name, _area_zh(r.area, names), r.members, r.unlinked,
          r.linkage_rate] for r in s.worst_linkage.itertuples()])
    if s.no_core:
        _set(ws.cell(row=row - 1, column=1),
             "无社区党组织（无核心）的社区：" + _names(s.no_core, names), "wrap")
        ws.merge_cells(start_row=row - 1, start_column=1, end_row=row - 1, end_column=width)
        row += 1
    row = _block(ws, row, "按街道（镇），工作覆盖率由低到高", [
        Col("街道编号"), Col("街道（镇）"), Col("社区数", "int"), Col("单位数（分母）", "int"),
        Col("工作覆盖率", "pct"), Col("组织覆盖率", "pct"), Col("单独组建率", "pct"),
        Col("问题数", "int")],
        [[r.area, r.name, r.communities, r.units, r.work, r.organization, r.own, r.findings]
         for r in s.areas.itertuples()])
    _block(ws, row, "数据集", [Col("项目"), Col("值")], [
        ["数据集", result.meta.get("name")], ["快照日期", result.meta.get("snapshot")],
        ["节点数", str(result.n_nodes)], ["关系数", str(result.n_edges)],
        ["统计范围", {"all": "全部单位", "two_new": "两新组织"}.get(result.scope,
                                                                 result.scope)],
        ["单独组建党员数阈值", str(result.settings.get("min_branch_members"))],
        ["次核心评级阈值", str(result.settings.get("sub_core_min_rating"))]])
    for i, w in enumerate([24, 22, 14, 14, 14, 14, 14, 14], start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    for i in range(9, 4 + len(streets)):
        ws.column_dimensions[get_column_letter(i)].width = 12
    ws.freeze_panes = "A2"
    _page(ws, 1)


# --- 行动清单 ---------------------------------------------------------------------------

_ACTION_COLS = [
    Col("序号", "int", 6), Col("街道（镇）", "text", 11), Col("社区", "text", 12),
    Col("对象编号", "text", 11), Col("对象名称", "wrap", 22), Col("问题类别", "wrap", 14),
    Col("问题", "wrap", 40), Col("建议措施", "wrap", 32), Col("责任单位", "wrap", 14),
    Col("责任人", "text", 9), Col("完成时限", "date", 11), Col("进展", "text", 9),
]
_FILL_FROM = 9  # first column to fill in (责任单位)


def _action_rows(result: Any, names: dict[str, str]) -> list[tuple[Any, list[Any]]]:
    """(area, row) per finding, sorted by street, community, code order, subject."""
    f = result.findings
    order = {c: i for i, c in enumerate(FINDING_CODES)}
    keyed = []
    for x in f.itertuples(index=False):
        area, comm = _area_zh(x.area, names), _area_zh(x.community, names)
        message = x.message
        if x.units is not None and len(x.units):
            message = f"{message}（涉及：{_names(x.units, names)}）"
        keyed.append(((area is None, str(x.area or ""), comm is None, str(x.community or ""),
                       order.get(x.code, len(order)), str(x.subject)),
                      x.area, [area or "未归属街道", comm, x.subject, x.name,
                               FINDING_TITLES_ZH.get(x.code, x.code), message, x.action]))
    keyed.sort(key=lambda t: t[0])
    return [(a, row) for _, a, row in keyed]


def _action_sheet(wb: Workbook, title: str, rows: list[list[Any]]) -> Worksheet:
    full = [[i, *row, None, None, None, None] for i, row in enumerate(rows, start=1)]
    ws = _list_sheet(wb, title, _ACTION_COLS, full)
    last = len(full) + 1
    for r in range(2, last + 1):
        for c in range(_FILL_FROM, len(_ACTION_COLS) + 1):
            ws.cell(row=r, column=c).fill = _FILL_IN
    progress = DataValidation(type="list", formula1='"' + ",".join(PROGRESS_CHOICES) + '"',
                              allow_blank=True, showDropDown=False)
    progress.error, progress.errorTitle = "请从下拉列表选择进展", "进展"
    progress.prompt, progress.promptTitle = "、".join(PROGRESS_CHOICES), "进展"
    due = DataValidation(type="date", operator="greaterThan", formula1="1",
                         allow_blank=True)
    due.error, due.errorTitle = "请填写日期，例如 2025-06-30", "完成时限"
    col_p = get_column_letter(len(_ACTION_COLS))
    col_d = get_column_letter(len(_ACTION_COLS) - 1)
    end = max(last, 2) + 200  # room for rows added by hand
    progress.add(f"{col_p}2:{col_p}{end}")
    due.add(f"{col_d}2:{col_d}{end}")
    ws.add_data_validation(progress)
    ws.add_data_validation(due)
    return ws


# --- the workbook --------------------------------------------------------------------


def workbook(result: Any, s: Any, *, names: dict[str, str], comm_area: Any,
             meta_lines: list[str], title: str, sheets_per_area: bool = False) -> bytes:
    """The workbook of `result` with its summary `s` (see :func:`graphkit.report.to_xlsx`)."""
    names = {**names, **dict(result.names)}
    kind_zh = V.KIND_NAMES_ZH
    wb = Workbook()
    wb.remove(wb.active)
    _overview(wb, result, s, names, comm_area, meta_lines, title)

    actions = _action_rows(result, names)
    if sheets_per_area:
        groups: dict[Any, list[list[Any]]] = {}
        for a, row in actions:
            groups.setdefault(a if isinstance(a, str) else None, []).append(row)
        keys = sorted(groups, key=lambda a: (a is None, a or ""))
        for a in keys:
            _action_sheet(wb, f"行动-{_area_zh(a, names) or '未归属街道'}", groups[a])
        if not keys:
            _action_sheet(wb, "行动清单", [])
    else:
        _action_sheet(wb, "行动清单", [row for _, row in actions])

    rate_rows = []
    groups = [("按单位类型", result.by_kind), ("按街道（镇）", result.by_area),
              ("按社区", result.by_community)]
    groups += [(f"按{attr}", frame) for attr, frame in result.by_attribute.items()]
    for group, frame in groups:
        attribute = group not in ("按单位类型", "按街道（镇）", "按社区")
        for key, r in zip(frame.index, frame.itertuples(index=False), strict=True):
            text = key_text(key)
            label = (kind_zh.get(key, key) if group == "按单位类型" else
                     text if attribute else names.get(key, key))
            area = _area_zh(comm_area.get(key), names) if group == "按社区" else None
            rate_rows.append([group, text, label, area, int(r.units), r.own,
                              r.organization, r.work])
    _list_sheet(wb, "覆盖率", [
        Col("分组", "text", 12), Col("编号", "text", 12), Col("名称", "text", 16),
        Col("所属街道", "text", 12), Col("单位数（分母）", "int", 10),
        Col("单独组建率", "pct", 10), Col("组织覆盖率", "pct", 10),
        Col("工作覆盖率", "pct", 10)], rate_rows)

    u = result.units
    _list_sheet(wb, "单位覆盖", [
        Col("编号", "text", 12), Col("名称", "wrap", 30), Col("类型", "text", 10),
        Col("社区编号", "text", 10), Col("社区", "text", 12), Col("街道（镇）", "text", 11),
        Col("党员数", "int", 8), Col("覆盖状态", "text", 11)],
        [[uid, name, kind_zh.get(kind, kind), comm, names.get(comm, comm) if comm else None,
          _area_zh(area, names), int(m), V.STATUS_NAMES_ZH.get(st, st)]
         for uid, name, kind, comm, area, m, st in zip(
            u["id"], u["name"], u["kind"], u["community"], u["area"], u["members"],
            u["status"], strict=True)])

    f = result.findings
    _list_sheet(wb, "发现", [
        Col("类别", "text", 16), Col("代码", "text", 14), Col("对象编号", "text", 11),
        Col("名称", "wrap", 22), Col("问题", "wrap", 40), Col("建议", "wrap", 30),
        Col("社区", "text", 12), Col("街道（镇）", "text", 11), Col("涉及单位", "wrap", 30)],
        [[FINDING_TITLES_ZH.get(x.code, x.code), x.code, x.subject, x.name, x.message,
          x.action, _area_zh(x.community, names), _area_zh(x.area, names),
          _names(x.units, names) if x.units is not None else None]
         for x in f.itertuples(index=False)])

    _list_sheet(wb, "双圈", [
        Col("社区编号", "text", 10), Col("社区", "text", 12), Col("街道（镇）", "text", 11),
        Col("核心编号", "text", 10), Col("核心", "wrap", 18), Col("状态", "text", 8),
        Col("次核心", "int", 7), Col("泛核心", "int", 7), Col("未联动", "int", 7),
        Col("外部共建", "int", 8), Col("辖区成员", "int", 8), Col("联动率", "pct", 8),
        Col("次核心成员", "wrap", 30), Col("泛核心成员", "wrap", 30),
        Col("未联动成员", "wrap", 30), Col("外部共建单位", "wrap", 30)],
        [[c.community, c.name, _area_zh(comm_area.get(c.community), names), c.core,
          names.get(c.core, c.core) if c.core else None,
          "正常" if c.status == "ok" else "无核心", len(c.sub_core), len(c.pan_core),
          len(c.unlinked), len(c.external), int(c.members), c.linkage_rate,
          _names(c.sub_core, names), _names(c.pan_core, names), _names(c.unlinked, names),
          _names(c.external, names)]
         for c in result.circles.itertuples(index=False)])

    if result.mechanisms is not None:
        _scorecard_sheet(wb, result.mechanisms, names, comm_area)

    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _scorecard_sheet(wb: Workbook, card: pd.DataFrame, names: dict[str, str],
                     comm_area: Any) -> None:
    """四个融合: one row per community (SPEC 8 fields, names beside ids), the total row
    last, each indicator column shaded from the weakest to the strongest community."""
    kinds = {"linkage_rate": "pct", "running_circle": "text"}
    cols = [Col("社区编号", "text", 10), Col("社区", "text", 12), Col("街道（镇）", "text", 11)]
    cols += [Col(V.MECHANISM_NAMES_ZH[f], kinds.get(f, "int"), 10) for f in FIELDS]
    rows = []
    for r in card.itertuples(index=False):
        values = []
        for f in FIELDS:
            v = getattr(r, f)
            if f == "running_circle":
                v = ("是" if v else "否") if isinstance(v, bool) else int(v)
            values.append(v)
        if r.community is None:
            rows.append([None, r.name, None, *values])
        else:
            rows.append([r.community, r.name, _area_zh(comm_area.get(r.community), names),
                         *values])
    ws = _list_sheet(wb, "四个融合", cols, rows)
    for f in FIELDS:
        if isinstance(card[f].dtype, np.dtype) and card[f].dtype.kind == "f" \
                and f != "linkage_rate":
            i = 4 + FIELDS.index(f)
            for row in range(2, len(rows) + 2):
                ws.cell(row=row, column=i).number_format = "#,##0.0"
    n_comm = int(card["community"].notna().sum())
    if n_comm:
        low, mid, high = (c.lstrip("#").upper() for c in V.SCORE_COLORS)
        for f in INDICATORS:
            if f.startswith("compounds"):  # a share of the compounds, not a count
                continue
            letter = get_column_letter(4 + FIELDS.index(f))
            ws.conditional_formatting.add(
                f"{letter}2:{letter}{n_comm + 1}",
                ColorScaleRule(start_type="min", start_color=low, mid_type="percentile",
                               mid_value=50, mid_color=mid, end_type="max", end_color=high))
    total = len(rows) + 1
    if card["community"].isna().any():
        for i in range(1, len(cols) + 1):
            ws.cell(row=total, column=i).font = _HEADER_FONT
