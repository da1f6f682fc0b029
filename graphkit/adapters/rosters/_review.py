"""The review of an import (SPEC section 9): every row that could not be taken whole, and
the summary of what was read and made.

A :class:`Review` is data (``to_dict`` is ``review.json``); it gives the stderr lines of a
failed import (``file[sheet]:row:column 'value': problem (candidates)``) and a document of
the report model (:meth:`Review.document`) that :mod:`graphkit.report` draws as the Chinese
terminal summary and as ``review.xlsx``.
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

    def document(self) -> Any:
        """The review as a :class:`graphkit.report.model.Document` (what the terminal
        summary and ``review.xlsx`` are drawn from: ``graphkit.report.to_text(doc)``,
        ``graphkit.report.to_xlsx(doc)``): what was read, made and resolved, then the
        problems by kind with what to do, then every entry.

        Examples
        --------
        >>> from graphkit import report
        >>> review = Review(rows_read={"单位": 2}, nodes={"Unit": 2})
        >>> "名册导入" in report.to_text(review.document(), width=60).splitlines()[0]
        True
        """
        from ...report.model import COUNT, TEXT, Bullets, Column, Document, Section, Table, Text

        read = Table([Column("名册"), Column("文件"), Column("工作表"), Column("表头行", COUNT),
                      Column("读取行数", COUNT), Column("未读取的列", TEXT, wrap=True)],
                     [[r["kind"], r["file"], r["sheet"] or "", r["header_row"], r["rows"],
                       "、".join(r["ignored"])] for r in self.rosters],
                     title="读取的名册", key="read", brief=4, unit="张名册")
        made = Table([Column("生成"), Column("个数", COUNT)],
                     [[V.LABEL_NAMES_ZH.get(k, k), n] for k, n in self.nodes.items()]
                     + [["关系", sum(self.edges.values())]], title="生成", key="made")
        resolved = Table([Column("引用认定"), Column("个数", COUNT)],
                         [[_RULE_ZH[k], n] for k, n in self.resolved.items() if n],
                         title="引用认定", key="resolved")
        n = len(self.entries)
        if not n:
            verdict = "问题：无，每一行都已导入。"
        elif self.partial:
            verdict = f"问题 {n:,} 处：已跳过这些行和引用，其余照样导入。"
        else:
            verdict = f"问题 {n:,} 处：未写出任何文件（--partial 跳过这些行，照样写出其余）。"
        kinds = Table([Column("问题"), Column("处数", COUNT), Column("怎么办", TEXT, wrap=True)],
                      [[f"{PROBLEMS[c]}（{c}）", k, ADVICE[c]] for c, k in
                       sorted(self.problems.items(), key=lambda kv: -kv[1])],
                      title="问题分类", key="kinds")
        entries = Table(
            [Column("文件"), Column("工作表", drop=2), Column("行", COUNT), Column("列"),
             Column("值", TEXT, wrap=True), Column("问题"),
             Column("候选", TEXT, wrap=True, drop=1), Column("涉及行", drop=3),
             Column("怎么办", TEXT, wrap=True, drop=4)],
            [[e.file, e.sheet or "", e.row, e.column or "", e.value,
              f"{PROBLEMS[e.problem]}（{e.problem}）", "、".join(e.candidates) or "—",
              "、".join(map(str, e.rows)), ADVICE[e.problem]] for e in self.entries],
            title="问题清单", key="entries", sheet="问题清单", brief=3, unit="处问题",
            line="{0} {1} 第 {2} 行 {3}：'{4}' —— {5}；候选：{6}")
        sections = [Section("读取", "read", [read], summary=True),
                    Section("生成与认定", "made", [made, resolved, Text(verdict)],
                            summary=True)]
        if n:
            sections += [Section("问题分类", "kinds", [kinds], summary=True),
                         Section("问题清单", "entries", [entries], summary=True)]
        if self.warnings:
            sections.append(Section("提示", "warnings", [Bullets("提示", self.warnings)]))
        ignored = sorted({c for r in self.rosters for c in r["ignored"]})
        meta = [f"未读取的列：{'、'.join(ignored)}"] if ignored else []
        if self.warnings:
            meta.append(f"提示 {len(self.warnings):,} 条（如没有所在单位/社区的党组织）")
        return Document("名册导入", meta=meta, sections=sections, sheet="汇总",
                        more="（review.xlsx 列出全部）")
