"""The review of an import (SPEC section 9): every row that could not be taken whole, and
the summary of what was read and made.

A :class:`Review` is data (``to_dict`` is ``review.json``); it renders as the stderr lines
of a failed import (``file[sheet]:row:column 'value': problem (candidates)``), a Chinese
terminal summary that fits a screen, and ``review.xlsx``.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from ... import vocab as V
from ...network._text import visible
from ._resolve import RULES

__all__ = ["PROBLEMS", "Entry", "Review"]

#: The problems of SPEC section 9, with their Chinese names.
PROBLEMS: dict[str, str] = {
    "unresolved": "找不到所指对象", "ambiguous": "所指对象不唯一", "invalid_code": "信用代码无效",
    "unknown_value": "取值不认识", "duplicate": "重复", "missing_field": "必填项为空",
}
#: What to do about each problem, in Chinese (the terminal summary, review.xlsx).
ADVICE: dict[str, str] = {
    "unresolved": "核对名称是否与其名册一致（或补上该名册的行）",
    "ambiguous": "写全名称，或填上所属街道/所在社区以区分",
    "invalid_code": "核对 18 位统一社会信用代码（常见：字母 O/I 误写，少一位）",
    "unknown_value": "改为允许的取值之一（见候选）",
    "duplicate": "删除或合并重复的行",
    "missing_field": "填写该必填项",
}
_RULE_ZH = {"credit_code": "信用代码", "name": "名称", "without_city_and_suffix": "去市名/后缀",
            "organization_name": "党组织名称", "address": "地址（门牌）"}


@dataclass(frozen=True)
class Entry:
    """One cell (or row) that could not be taken: where it is, its value, the problem,
    up to three candidates, and for a duplicate the rows of both."""

    file: str
    sheet: str | None
    row: int
    column: str | None
    value: str
    problem: str
    candidates: tuple[str, ...] = ()
    rows: tuple[int, ...] = ()
    message: str = ""

    @property
    def where(self) -> str:
        return self.file if self.sheet is None else f"{self.file}[{self.sheet}]"

    def line(self) -> str:
        """``file[sheet]:row:column 'value': problem (candidates)``.

        Examples
        --------
        >>> Entry("单位.xlsx", "单位", 4, "所在社区", "沙田园社", "unresolved",
        ...       ("沙田园社区",)).line()
        "单位.xlsx[单位]:4:所在社区 '沙田园社': unresolved (沙田园社区)"
        """
        cands = f" ({', '.join(visible(c) for c in self.candidates)})" if self.candidates \
            else ""
        return (f"{self.where}:{self.row}:{visible(self.column or '')} "
                f"'{visible(self.value)}': {self.problem}{cands}")

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["candidates"] = list(self.candidates)
        d["rows"] = list(self.rows)
        return d


@dataclass
class Review:
    """What an import could not take, and what it read and made.

    Attributes
    ----------
    entries : list of Entry
        In file, sheet and row order.
    rows_read : dict
        Data rows read per roster kind (its Chinese name).
    rosters : list of dict
        Each roster found: file, sheet, kind, header row, rows, ignored columns.
    nodes, edges : dict
        Nodes made per label, edges per type (what the dataset holds).
    resolved : dict
        References resolved by each rule (``credit_code``, ``name``,
        ``without_city_and_suffix``, ``organization_name``, ``address``).
    warnings : list of str
        The section 1 warnings of the dataset made (an organization with no home, ...).
    """

    entries: list[Entry] = field(default_factory=list)
    rows_read: dict[str, int] = field(default_factory=dict)
    rosters: list[dict[str, Any]] = field(default_factory=list)
    nodes: dict[str, int] = field(default_factory=dict)
    edges: dict[str, int] = field(default_factory=dict)
    resolved: dict[str, int] = field(default_factory=lambda: dict.fromkeys(RULES.values(), 0))
    warnings: list[str] = field(default_factory=list)
    partial: bool = False

    def __bool__(self) -> bool:  # a review is "something to see" when it has entries
        return bool(self.entries)

    @property
    def problems(self) -> dict[str, int]:
        """Entries counted by problem."""
        return dict(Counter(e.problem for e in self.entries))

    @property
    def ignored_columns(self) -> list[dict[str, Any]]:
        return [{"file": r["file"], "sheet": r["sheet"], "columns": r["ignored"]}
                for r in self.rosters if r["ignored"]]

    def to_dict(self) -> dict[str, Any]:
        """The review as JSON-ready data (``review.json``)."""
        return {
            "schema": 1,
            "summary": {"rows_read": self.rows_read, "nodes": self.nodes, "edges": self.edges,
                        "resolved": self.resolved, "problems": self.problems,
                        "ignored_columns": self.ignored_columns, "rosters": self.rosters,
                        "warnings": self.warnings},
            "entries": [e.to_dict() for e in self.entries],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2) + "\n"

    def lines(self) -> list[str]:
        """One line per entry, as a failed import prints them on stderr."""
        return [e.line() for e in self.entries]

    def summary_zh(self, *, first: int = 3, width: int = 100) -> list[str]:
        """The Chinese terminal summary: rows read per roster, what was made, references
        resolved by each rule, problems by kind with their first rows (a screen)."""
        out = ["名册导入汇总"]
        read = "，".join(f"{k} {n:,} 行" for k, n in self.rows_read.items()) or "无"
        out.append(f"  读取：{read}")
        made = "，".join(f"{V.LABEL_NAMES_ZH.get(k, k)} {n:,}" for k, n in self.nodes.items())
        out.append(f"  生成节点：{made or '无'}；关系 {sum(self.edges.values()):,} 条")
        res = "，".join(f"{_RULE_ZH[k]} {n:,}" for k, n in self.resolved.items() if n)
        out.append(f"  引用认定：{res or '无'}")
        ignored = sorted({c for r in self.rosters for c in r["ignored"]})
        if ignored:
            shown = "、".join(ignored[:8]) + (f" 等 {len(ignored)} 列" if len(ignored) > 8 else "")
            out.append(f"  未读取的列：{shown}")
        if self.warnings:
            out.append(f"  提示：{len(self.warnings)} 条（如没有所在单位/社区的党组织）")
        if not self.entries:
            out.append("  问题：无")
            return [visible(x)[:width * 2] for x in out]
        verdict = "已跳过以下各行/引用" if self.partial else "未写出任何文件"
        out.append(f"  问题：{len(self.entries):,} 处（{verdict}）")
        for code, n in sorted(self.problems.items(), key=lambda kv: -kv[1]):
            out.append(f"  · {PROBLEMS[code]}（{code}）{n:,} 处 —— {ADVICE[code]}")
            for e in [e for e in self.entries if e.problem == code][:first]:
                cand = f"；候选：{'、'.join(e.candidates)}" if e.candidates else ""
                out.append(f"      {e.where} 第 {e.row} 行 {e.column or ''}：'{e.value}'{cand}")
        return [visible(x) for x in out]


#: Columns of review.xlsx: header, width.
_XLSX_COLUMNS = (("文件", 26), ("工作表", 12), ("行", 6), ("列", 16), ("值", 28), ("问题", 16),
                 ("候选", 44), ("涉及行", 8), ("怎么办", 44))


def review_workbook(review: Review) -> bytes:
    """``review.xlsx``: one row per entry (file, sheet, row, column, value, problem,
    candidates, what to do), then a 汇总 sheet; print-ready like the audit workbook (A4
    landscape, fitted to the width, the header repeated and frozen, a filter)."""
    import io

    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = "问题"
    ws.append([h for h, _ in _XLSX_COLUMNS])
    for e in review.entries:
        ws.append([visible(e.file), visible(e.sheet or ""), e.row, visible(e.column or ""),
                   visible(e.value), f"{PROBLEMS[e.problem]}（{e.problem}）",
                   "、".join(visible(c) for c in e.candidates),
                   "、".join(map(str, e.rows)), ADVICE[e.problem]])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # a value like =SUM(A1) stays text
    summary = wb.create_sheet("汇总")
    for line in review.summary_zh(first=0):
        summary.append([line.strip()])
    summary.column_dimensions["A"].width = 120
    for sheet, cols in ((ws, _XLSX_COLUMNS), (summary, (("", 120),))):
        for i, (_, width) in enumerate(cols, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = width
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = wrap
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(_XLSX_COLUMNS))}{max(ws.max_row, 1)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
