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

from ..network._text import visible
from .model import KEY, Bullets, Document, Figure, Metrics, Table, Text, cell_text

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


def _table(tab: Table, titled: bool = True) -> list[str]:
    lines = [f"### {escape(tab.title)}", ""] if tab.title and titled else []
    rows = tab.shown_rows()
    if not rows and tab.total is None:
        return [*lines, escape(tab.empty), ""]
    cols = [(j, c) for j, c in enumerate(tab.columns) if c.kind != KEY and not c.fill]
    lines.append("| " + " | ".join(escape(c.title) for _, c in cols) + " |")
    lines.append("|" + "---|" * len(cols))
    for row in rows + ([tab.total] if tab.total is not None else []):
        lines.append("| " + " | ".join(escape(cell_text(row[j], c)) for j, c in cols) + " |")
    if len(rows) < len(tab.rows):
        lines += ["", f"（列出 {len(rows)} {tab.unit}；全部 {len(tab.rows)} {tab.unit}见 "
                      "HTML 或 xlsx 格式。）"]
    return [*lines, ""]


def to_markdown(doc: Document) -> str:
    """`doc` as Markdown: the title, the meta lines, then every section."""
    lines = [f"# {escape(doc.full_title)}", ""]
    for t in doc.meta:
        lines += [escape(t), ""]
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
    for t in doc.footer:
        lines += [escape(t), ""]
    return "\n".join(lines)
