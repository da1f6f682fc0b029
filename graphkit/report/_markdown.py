"""The Markdown renderer: a :class:`~graphkit.report.model.Document` as Markdown, every
section in full (the summary first), text from the data escaped once (:func:`escape`).

Examples
--------
>>> from graphkit.report.model import Column, Document, Section, Table, RATE
>>> doc = Document("示例", sections=[Section("覆盖", "s", [Table(
...     [Column("社区"), Column("工作覆盖率", RATE)], [["玉城|社区", 0.955]])])])
>>> print(to_markdown(doc))
# 示例
<BLANKLINE>
## 覆盖
<BLANKLINE>
| 社区 | 工作覆盖率 |
|---|---|
| 玉城\\|社区 | 95.5% |
<BLANKLINE>
"""

from __future__ import annotations

import re
from typing import Any

from ..messages import t
from ..network._text import visible
from . import model as M
from .model import Bullets, Column, Document, Figure, Metrics, Table, Text

__all__ = ["escape", "to_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def escape(text: Any) -> str:
    """`text` as literal Markdown: no link, tag, code, emphasis or table break; a newline
    or control character is shown, not obeyed.

    Examples
    --------
    >>> escape("[a](x) `b` <i>|\\n")
    '\\\\[a\\\\](x) \\\\`b\\\\` \\\\<i\\\\>\\\\| '
    """
    return _SPECIAL.sub(r"\\\1", visible(text))


def _text(v: Any, col: Column) -> str:
    """A cell's text; a reference whose id has a column of its own shows the id too."""
    text = M.cell_text(v, col)
    if col.kind == M.REF and col.id_title and M.ref_id(v) is not None and M.ref_id(v) != text:
        return f"{text}（{M.ref_id(v)}）"
    return text


def _rows(tab: Table, rows: list[list[Any]], total: list[Any] | None) -> list[str]:
    cols = [(j, c) for j, c in enumerate(tab.columns) if c.kind != M.KEY and not c.fill
            and j not in (tab.part, tab.group)]
    lines = ["| " + " | ".join(escape(c.title) for _, c in cols) + " |",
             "|" + "---|" * len(cols)]
    for row in rows + ([total] if total is not None else []):
        lines.append("| " + " | ".join(escape(_text(row[j], c)) for j, c in cols) + " |")
    return [*lines, ""]


def _table(tab: Table, titled: bool = True) -> list[str]:
    lines = [f"### {escape(tab.title)}", ""] if tab.title and titled else []
    rows = tab.shown_rows()
    if not rows and tab.total is None:
        return [*lines, escape(tab.nothing), ""]
    heads = [j for j in (tab.part, tab.group) if j is not None]
    if not heads:
        lines += _rows(tab, rows, tab.total)
    else:  # a heading per part and group, then their rows
        chunk: list[list[Any]] = []
        keys: tuple[Any, ...] = ()
        for row in [*rows, None]:
            now = () if row is None else tuple(M.value_of(row[j]) for j in heads)
            if chunk and now != keys:
                lines += _rows(tab, chunk, None)
                chunk = []
            if row is None:
                break
            for level, j in enumerate(heads):
                if now[:level + 1] != keys[:level + 1]:
                    mark = "#" * (len(heads) - len(heads) + 4 + level - (len(heads) == 1))
                    lines += [f"{mark} {escape(M.cell_text(row[j], tab.columns[j]))}", ""]
            keys = now
            chunk.append(row)
    if len(rows) < len(tab.rows):
        lines += [t("report.markdown.some_rows", n=len(rows), total=len(tab.rows),
                    unit=tab.row_unit), ""]
    return lines


def to_markdown(doc: Document) -> str:
    """`doc` as Markdown: the title, the meta lines, then every section."""
    lines = [f"# {escape(doc.full_title)}", ""]
    for line in doc.meta:
        lines += [escape(line), ""]
    for sec in doc.sections:
        lines += [f"## {escape(sec.title)}", ""]
        several = len([b for b in sec.blocks if isinstance(b, Table)
                       and b.for_format("markdown")]) > 1
        for b in sec.blocks:
            if isinstance(b, Text):
                if b.style != "hint":
                    lines += [escape(b.text), ""]
            elif isinstance(b, Metrics):
                lines += _table(b.table())
            elif isinstance(b, Table):
                if b.for_format("markdown"):
                    lines += _table(b, several)
            elif isinstance(b, Bullets):
                lines += [f"### {escape(b.heading)}", ""]
                lines += [f"- {escape(x)}" for x in b.items] + [""]
            elif isinstance(b, Figure):
                continue
    for line in doc.footer:
        lines += [escape(line), ""]
    return "\n".join(lines)
