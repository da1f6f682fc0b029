"""Render an :class:`~graphkit.AuditResult` as a Chinese report: terminal table, Markdown,
self-contained HTML, or the JSON document of SPEC section 5.

All formats are built from one report model (:func:`sections`), so they say the same
things in the same order.

Examples
--------
>>> import graphkit as gk
>>> from graphkit import report
>>> r = gk.audit(gk.read_dataset("data/sihui"))                 # doctest: +SKIP
>>> print(report.render(r, "markdown")[:40])                    # doctest: +SKIP
# 党建覆盖与联动审计：四会市城区基层党建网络（示例）
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from typing import Any

import orjson
import pandas as pd

from . import vocab as V
from .auditing import AuditResult
from .gaps import FINDING_CODES, FINDING_TITLES_ZH

__all__ = ["BINARY_FORMATS", "FORMATS", "render", "sections", "to_html", "to_json",
           "to_json_bytes", "to_markdown", "to_text", "to_xlsx"]

FORMATS = ("table", "json", "markdown", "html", "xlsx")
#: Formats that are bytes, not text (written with ``--out`` only).
BINARY_FORMATS = ("xlsx",)


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    title: str = ""


@dataclass
class Section:
    title: str
    text: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    items: list[tuple[str, list[str]]] = field(default_factory=list)  # (heading, bullets)
    #: (caption, plot function name in graphkit.plot, keyword arguments); drawn by HTML
    figures: list[tuple[str, str, dict[str, Any]]] = field(default_factory=list)


def _pct(x: Any) -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    return f"{100 * x:.1f}%"


def _rate_rows(frame: pd.DataFrame, names: dict[str, str]) -> list[list[str]]:
    return [
        [names.get(str(k), str(k)), str(int(r.units)), _pct(r.own), _pct(r.organization),
         _pct(r.work)]
        for k, r in zip(frame.index, frame.itertuples(index=False), strict=True)
    ]


_RATE_HEADERS = ["范围", "单位数（分母）", "单独组建率", "组织覆盖率", "工作覆盖率"]


def sections(result: AuditResult, *, max_circle_plots: int = 60) -> list[Section]:
    """The report model: titled sections of text, tables, bullet lists and figures."""
    names: dict[str, str] = dict(result.names)
    names.update({k: V.KIND_NAMES_ZH.get(k, k) for k in result.by_kind.index})
    meta = result.meta
    scope_zh = {"all": "全部单位", "two_new": "两新组织"}.get(result.scope, result.scope)
    out = []

    summary = Section("概况")
    summary.text.append(
        f"数据集：{meta.get('name')}；快照日期：{meta.get('snapshot') or '未注明'}；"
        f"节点 {result.n_nodes} 个，关系 {result.n_edges} 条；统计范围：{scope_zh}。"
    )
    summary.text.append("；".join(
        f"{V.LABEL_NAMES_ZH[lab]} {n}" for lab, n in result.counts.items()) + "。")
    summary.text.append(
        f"阈值：单独组建党员数 ≥ {result.settings.get('min_branch_members')}，"
        f"次核心党组织评级 ≥ {result.settings.get('sub_core_min_rating')}。"
    )
    out.append(summary)

    cov = Section("党的组织覆盖和工作覆盖")
    o = result.overall
    cov.text.append(
        f"在范围内的 {o['units']} 个单位中：单独组建率 {_pct(o['own'])}，"
        f"组织覆盖率 {_pct(o['organization'])}，工作覆盖率 {_pct(o['work'])}。"
    )
    cov.tables.append(Table(_RATE_HEADERS, _rate_rows(result.rates, {"all": scope_zh})
                            + _rate_rows(result.two_new, {"two_new": "其中：两新组织"}),
                            "总体"))
    cov.tables.append(Table(_RATE_HEADERS, _rate_rows(result.by_kind, names), "按单位类型"))
    cov.tables.append(Table(_RATE_HEADERS, _rate_rows(result.by_area, names),
                            "按街道（镇）"))
    cov.tables.append(Table(_RATE_HEADERS, _rate_rows(result.by_community, names), "按社区"))
    scope = result.scope if result.scope in ("all", "two_new") else result.scope.split(",")
    cov.figures.append(("按单位类型", "plot_coverage", {"by": "kind", "scope": scope}))
    if len(result.by_area):
        cov.figures.append(("按街道（镇）", "plot_coverage", {"by": "area", "scope": scope}))
    out.append(cov)

    gaps = result.units[result.units["status"] == "none"]
    unc = Section(f"未覆盖单位（{len(gaps)} 个）")
    unc.tables.append(Table(
        ["编号", "名称", "类型", "社区", "党员数"],
        [[u.id, u.name, V.KIND_NAMES_ZH.get(u.kind, u.kind),
          names.get(u.community, u.community or "—"), str(u.members)]
         for u in gaps.itertuples(index=False)],
    ))
    out.append(unc)

    circ = Section("一核双圈（党建融合圈）")
    circ.text.append("核心：社区党组织；次核心圈：与核心直接联系、评级较高的辖区党组织；"
                     "泛核心圈：与核心或次核心有联系的其他辖区组织；"
                     "联动率 =（次核心＋泛核心）/ 辖区成员。")
    circ.tables.append(Table(
        ["社区", "核心", "次核心", "泛核心", "未联动", "外部共建", "联动率"],
        [[f"{c.name}（{c.community}）", names.get(c.core, c.core) if c.core else "无核心",
          str(len(c.sub_core)), str(len(c.pan_core)), str(len(c.unlinked)), str(len(c.external)),
          _pct(c.linkage_rate)]
         for c in result.circles.itertuples(index=False)],
    ))
    rating = {"sub_core_min_rating": result.settings.get("sub_core_min_rating")}
    circ.figures.append(("全市各社区联动率", "plot_network", rating))
    cored = result.circles[result.circles["status"] == "ok"]
    for c in cored.head(max_circle_plots).itertuples(index=False):
        circ.figures.append((f"{c.name}（{c.community}）", "plot_circles",
                             {"community": c.community, **rating}))
    if len(cored) > max_circle_plots:
        circ.text.append(
            f"（仅绘制前 {max_circle_plots} 个社区的一核双圈图，共 {len(cored)} 个。）")
    out.append(circ)

    fnd = Section(f"发现的问题与建议（{len(result.findings)} 项）")
    for code in FINDING_CODES:
        group = result.findings[result.findings["code"] == code]
        if group.empty:
            continue
        bullets = [f"{f.message}。建议：{f.action}。" for f in group.itertuples(index=False)]
        fnd.items.append((f"{FINDING_TITLES_ZH[code]}（{code}，{len(group)} 项）", bullets))
    out.append(fnd)
    return out


def to_json_bytes(result: AuditResult) -> bytes:
    """The JSON document (schema 1) as UTF-8 bytes, indented, Chinese not ``\\u``-escaped.

    The form to write to a file: no text copy of a document that holds every unit."""
    return orjson.dumps(result.to_dict(),
                        option=orjson.OPT_INDENT_2 | orjson.OPT_APPEND_NEWLINE)


def to_json(result: AuditResult) -> str:
    """The JSON document (schema 1) as text; see :func:`to_json_bytes`."""
    return to_json_bytes(result).decode("utf-8")


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(result: AuditResult) -> str:
    lines = [f"# 党建覆盖与联动审计：{result.meta.get('name')}", ""]
    for sec in sections(result):
        lines += [f"## {sec.title}", ""]
        for t in sec.text:
            lines += [t, ""]
        for tab in sec.tables:
            if tab.title:
                lines += [f"### {tab.title}", ""]
            if not tab.rows:
                lines += ["（无）", ""]
                continue
            lines.append("| " + " | ".join(tab.headers) + " |")
            lines.append("|" + "---|" * len(tab.headers))
            lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in tab.rows]
            lines.append("")
        for heading, bullets in sec.items:
            lines += [f"### {heading}", ""] + [f"- {_md_cell(b)}" for b in bullets] + [""]
    return "\n".join(lines)


def to_html(result: AuditResult, *, figures: bool = True, target_work: float = 0.95,
            target_org: float = 0.90) -> str:
    """One self-contained, interactive HTML page (see :mod:`graphkit._html`): summary
    first, action list, sortable and filterable tables, each community's circles network,
    an embedded CJK font subset; no network request. `figures` draws the PNG charts
    (coverage by kind and street, the city overview); `target_work` / `target_org` are the
    coverage targets shown beside the rates."""
    from ._html import report_html

    return report_html(result, figures=figures, target_work=target_work,
                       target_org=target_org)


def to_text(result: AuditResult, *, width: int = 120, color: bool = False) -> str:
    """A terminal report (rich tables; CJK widths handled)."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table as RichTable

    buf = io.StringIO()
    console = Console(file=buf, width=width, force_terminal=color, color_system=None
                      if not color else "auto", highlight=False)
    console.rule(f"[bold]党建覆盖与联动审计：{result.meta.get('name')}")
    for sec in sections(result):
        console.print()
        console.print(f"[bold]■ {sec.title}[/bold]")
        for t in sec.text:
            console.print(t, markup=False, soft_wrap=True)
        for tab in sec.tables:
            if not tab.rows:
                console.print("（无）")
                continue
            rt = RichTable(title=tab.title or None, title_justify="left")
            for h in tab.headers:
                rt.add_column(h, overflow="fold")
            for row in tab.rows:
                rt.add_row(*(escape(c) for c in row))
            console.print(rt)
        for heading, bullets in sec.items:
            console.print(f"[bold]{heading}[/bold]")
            for b in bullets:
                console.print(f"  • {b}", markup=False, soft_wrap=True)
    return buf.getvalue()


def render(result: AuditResult, fmt: str = "table", **kwargs: Any) -> str | bytes:
    """Render `result` in `fmt` (``table``, ``json``, ``markdown``, ``html`` or ``xlsx``);
    ``json`` and ``xlsx`` come as bytes (UTF-8 for JSON), the others as text."""
    if fmt == "xlsx":
        return to_xlsx(result)
    if fmt == "json":
        return to_json_bytes(result)
    if fmt == "markdown":
        return to_markdown(result)
    if fmt == "html":
        return to_html(result)
    if fmt == "table":
        return to_text(result, **kwargs)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _width(value: object) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def to_xlsx(result: AuditResult) -> bytes:
    """A planner's workbook: sheets 概览 (summary and rates), 单位覆盖 (units), 发现
    (findings with suggested actions) and 双圈 (circles), Chinese headers, frozen header
    rows, column widths set, rates formatted as percentages.

    Examples
    --------
    >>> open("audit.xlsx", "wb").write(to_xlsx(result))          # doctest: +SKIP
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    names = dict(result.names)
    kind_zh = V.KIND_NAMES_ZH
    wb = Workbook()
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="F6E7E7")
    def sheet(title: str, headers: list[str], rows: list[list[Any]], pct: set[int] = frozenset()
              ) -> None:
        ws = wb.create_sheet(title)
        ws.append(headers)
        for row in rows:
            ws.append([None if isinstance(v, float) and math.isnan(v) else v for v in row])
        for cell in ws[1]:
            cell.font, cell.fill = header_font, header_fill
        ws.freeze_panes = "A2"
        for i, h in enumerate(headers, start=1):
            col = ws.cell(row=1, column=i).column_letter
            width = max([_width(h)] + [_width(r[i - 1]) for r in rows[:2000]])
            ws.column_dimensions[col].width = min(60, width + 2)
            if i in pct:
                for cell in ws[col][1:]:
                    cell.number_format = "0.0%"

    o = result.overall
    summary = [
        ["数据集", result.meta.get("name")], ["快照日期", result.meta.get("snapshot")],
        ["节点数", result.n_nodes], ["关系数", result.n_edges], ["统计范围", result.scope],
        ["范围内单位数（分母）", o["units"]], ["单独组建率", o["own"]],
        ["组织覆盖率", o["organization"]], ["工作覆盖率", o["work"]],
    ]
    rate_rows = []
    for group, frame, label in (("按单位类型", result.by_kind, kind_zh),
                                ("按街道（镇）", result.by_area, names),
                                ("按社区", result.by_community, names)):
        for key, r in zip(frame.index, frame.itertuples(index=False), strict=True):
            rate_rows.append([group, label.get(str(key), str(key)), str(key), int(r.units),
                              r.own, r.organization, r.work])
    wb.remove(wb.active)
    sheet("概览", ["指标", "值"], [[k, v] for k, v in summary])
    ws = wb["概览"]
    for r in range(7, 10):
        ws.cell(row=r, column=2).number_format = "0.0%"
    sheet("覆盖率", ["分组", "名称", "编号", "单位数（分母）", "单独组建率", "组织覆盖率",
                    "工作覆盖率"], rate_rows, {5, 6, 7})
    sheet("单位覆盖", ["编号", "名称", "类型", "社区", "街道（镇）", "党员数", "覆盖状态"],
          [[u.id, u.name, kind_zh.get(u.kind, u.kind), names.get(u.community, u.community),
            names.get(u.area, u.area), int(u.members), V.STATUS_NAMES_ZH[u.status]]
           for u in result.units.itertuples(index=False)])
    sheet("发现", ["类别", "代码", "对象编号", "名称", "问题", "建议", "社区", "街道（镇）",
                  "涉及单位"],
          [[FINDING_TITLES_ZH[f.code], f.code, f.subject, f.name, f.message, f.action,
            names.get(f.community, f.community), names.get(f.area, f.area),
            "、".join(f.units) if f.units is not None else None]
           for f in result.findings.itertuples(index=False)])
    sheet("双圈", ["社区编号", "社区", "核心", "状态", "次核心", "泛核心", "未联动", "外部共建",
                  "辖区成员", "联动率", "次核心成员", "泛核心成员", "未联动成员", "外部共建单位"],
          [[c.community, c.name, c.core, "正常" if c.status == "ok" else "无核心",
            len(c.sub_core), len(c.pan_core), len(c.unlinked), len(c.external), int(c.members),
            c.linkage_rate, "、".join(c.sub_core), "、".join(c.pan_core),
            "、".join(c.unlinked), "、".join(c.external)]
           for c in result.circles.itertuples(index=False)], {10})
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
