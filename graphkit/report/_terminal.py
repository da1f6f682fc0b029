"""The terminal renderer: a :class:`~graphkit.report.model.Document` as rich tables within
the terminal's width.

The first screen is the document's summary sections (every list cut to its ``brief``
rows, "… 还有 N 项" after it); ``detail`` prints every section in full. A table wider than
the terminal is first shown compact (short headers, deltas without their unit), then with
its street columns summed into "其他 N 个" (``spill``), then without its optional columns
(``drop``, highest first); names are never cut: a name column is as wide as its longest
name (up to a third of the width) and a longer name wraps. Text from the data is printed
as written: never read as markup, control characters shown as their pictures.

Examples
--------
>>> from graphkit.report.model import Column, Document, Section, Table, COUNT
>>> doc = Document("示例", sections=[Section("单位", "s", [Table(
...     [Column("社区"), Column("单位", COUNT)], [["玉城社区", 12]])], summary=True)])
>>> print(to_text(doc, width=40))
───────────────── 示例 ─────────────────
■ 单位
社区      单位
──────────────
玉城社区    12
<BLANKLINE>
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.measure import Measurement
from rich.table import Table as RichTable
from rich.text import Text as RichText

from ..messages import t
from ..network._text import visible
from . import model as M
from .model import Bullets, Cell, Column, Document, Figure, Metrics, Table, Text

__all__ = ["to_text"]

_STYLES = {"bad": "bold red", "good": "green"}
#: A run that a line never breaks inside (a Latin word, a number, an id), and the
#: punctuation that never starts a line.
_UNBREAKABLE = re.compile(r"[A-Za-z0-9_.\-/%@:+#]+|\s+|.", re.S)
_NO_START = set("，。、；：！？）》”’%·…)")
_NO_END = set("（《“‘([")


def wrap(text: str, width: int, indent: int = 0) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words or CJK characters
    (never inside an id or a number, never before closing punctuation); lines after the
    first indented by `indent`.

    Examples
    --------
    >>> wrap("选派新增党建工作指导员（plan-instructor-0002）开展党的工作。", 24)
    ['选派新增党建工作指导员', '（plan-instructor-0002）', '开展党的工作。']
    >>> wrap("提出：党员；审批：街道党工委。", 10)
    ['提出：党', '员；审批：', '街道党工', '委。']
    """
    lines: list[str] = []
    used = 0
    tokens = []
    for tok in _UNBREAKABLE.findall(text):  # a token wider than a line is cut after all
        while cell_len(tok) > width - indent > 0:
            tokens.append(tok[:width - indent])
            tok = tok[width - indent:]
        tokens.append(tok)
    line_toks: list[str] = []
    for tok in tokens:
        w = cell_len(tok)
        room = width - (indent if lines else 0)
        if used + w > room and "".join(line_toks).strip():
            carry = []
            if tok[0] in _NO_START and len(line_toks) > 1:  # never a line starting with "，"
                carry = [line_toks.pop()]
            while len(line_toks) > 1 and line_toks[-1] in _NO_END:  # nor ending with "（"
                carry.insert(0, line_toks.pop())
            lines.append("".join(line_toks).rstrip())
            line_toks = carry
            used = sum(cell_len(x) for x in carry)
            if tok.isspace():
                continue
        line_toks.append(tok)
        used += w
    if "".join(line_toks).strip() or not lines:
        lines.append("".join(line_toks).rstrip())
    return [lines[0]] + [" " * indent + x for x in lines[1:]]
#: A name column is at least this wide (or as wide as its longest name, when shorter).
_NAME_MIN = 8


class _Out:
    def __init__(self, width: int, color: bool) -> None:
        self.buf = io.StringIO()
        self.color = color
        self.console = Console(file=self.buf, width=width, force_terminal=color,
                               no_color=not color, color_system="standard" if color else None,
                               highlight=False, markup=False, emoji=False,
                               legacy_windows=False)
        self.width = width

    def style(self, name: str) -> str:
        return name if self.color else ""

    def print(self, obj: Any) -> None:
        self.console.print(obj)

    def line(self, text: str, style: str = "", indent: int = 0, first: str = "") -> None:
        """`text` wrapped to the width (see :func:`wrap`), after `first` (a bullet)."""
        for part in wrap(first + visible(text), self.width, indent):
            self.console.print(RichText(part, style=self.style(style)), no_wrap=True,
                               overflow="ignore")

    def fits(self, tables: list[Any], gap: int = 0, width: int | None = None) -> bool:
        c = self.console
        wide = c.options.update_width(100_000)
        need = sum(Measurement.get(c, wide, t).maximum for t in tables)
        return need + gap * (len(tables) - 1) <= (width or self.width)


def _brief(table: Table, rows: list[list[Any]], limit: bool) -> tuple[list[list[Any]], int]:
    """The rows of the first screen, and how many are left out (or a summed row)."""
    if not limit or table.brief is None or len(rows) <= table.brief + 1:
        return rows, 0  # ("… 还有 1 项" would take the line the row takes)
    if table.rest is None:
        return rows[:table.brief], len(rows) - table.brief
    counts = [j for j, c in enumerate(table.columns) if c.kind == M.COUNT]
    first = counts[0] if counts else None
    keep_n = max(table.brief - 1, 1)
    if first is None:
        ranked = list(range(keep_n))
    else:
        ranked = sorted(range(len(rows)), key=lambda i: (-(M.value_of(rows[i][first]) or 0), i))
        ranked = sorted(ranked[:keep_n])
    kept = [rows[i] for i in ranked]
    left = [rows[i] for i in range(len(rows)) if i not in set(ranked)]
    rest = [None] * len(table.columns)
    rest[0] = table.rest.format(n=len(left))
    for j in counts:
        rest[j] = sum(int(M.value_of(r[j]) or 0) for r in left)
    return [*kept, rest], 0


def _visible_columns(table: Table) -> list[int]:
    return [j for j, c in enumerate(table.columns) if c.kind != M.KEY and not c.fill]


def _spill(cols: list[Column], rows: list[list[Any]], total: list[Any] | None,
           spillable: list[int], keep: int
           ) -> tuple[list[Column], list[list[Any]], list[Any] | None]:
    """The columns `spillable` beyond the first `keep` summed into one "其他 N 个"."""
    spilled = spillable[keep:]
    if not spilled:
        return cols, rows, total
    shown = [j for j in range(len(cols)) if j not in spilled]

    def fold(row: list[Any]) -> list[Any]:
        s = sum(int(M.value_of(row[j]) or 0) for j in spilled)
        return [row[j] for j in shown] + [s]

    return ([cols[j] for j in shown] + [Column(t("report.other_columns", n=len(spilled)),
                                               M.COUNT)],
            [fold(r) for r in rows], None if total is None else fold(total))


def _rich(out: _Out, cols: list[Column], rows: list[list[Any]], total: list[Any] | None,
          title: str, caption: str, short: bool, compact: bool) -> RichTable:
    rt = RichTable(title=RichText(visible(title), style=out.style("bold")) if title else None,
                   title_justify="left", box=box.SIMPLE_HEAD, header_style=out.style("bold"),
                   pad_edge=False, show_edge=False, collapse_padding=True,
                   caption=RichText(visible(caption)) if caption else None,
                   caption_justify="left")
    texts = [[M.cell_text(r[j], c, compact=compact) for j, c in enumerate(cols)]
             for r in rows + ([total] if total is not None else [])]
    limit = max(_NAME_MIN, out.width // 3)
    for j, c in enumerate(cols):
        head = (c.short or c.title) if short else c.title
        if c.kind in M.NUMERIC or c.kind == M.DELTA:
            rt.add_column(RichText(visible(head)), justify="right", no_wrap=True)
        else:
            longest = max([cell_len(t[j]) for t in texts] or [0])
            rt.add_column(RichText(visible(head)), overflow="fold",
                          min_width=min(longest, limit) if longest else None)
    for i, r in enumerate(rows):
        cells = []
        for j in range(len(cols)):
            v = r[j]
            mark = v.mark if isinstance(v, Cell) else ""
            cells.append(RichText(texts[i][j], style=out.style(_STYLES.get(mark, ""))))
        rt.add_row(*cells)
    if total is not None:
        rt.add_row(*(RichText(t, style=out.style("bold")) for t in texts[-1]))
    return rt


def _table(out: _Out, table: Table, limit: bool, more_hint: str, *, width: int | None = None,
           title: bool = True) -> tuple[RichTable, list[str]]:
    """`table` as a rich table that fits `width` (default: the terminal's), and the notes
    to print after it (rows and columns left out)."""
    rows = table.shown_rows()
    rows, more = _brief(table, rows, limit)
    notes = [t("report.more", n=more, unit=table.row_unit, hint=more_hint)] if more else []
    caption = ""
    cols = _visible_columns(table)
    total = table.total
    # full, then short headers, then without the least needed columns, then deltas without
    # their unit and fewer columns, then the street columns summed: (short, compact, spill,
    # drop level)
    drops = sorted({c.drop for c in table.columns if c.drop}, reverse=True)
    attempts: list[tuple[bool, bool, int | None, int]] = [(False, False, None, 0)]
    attempts += [(True, False, None, lv) for lv in [0, *drops[:1]]]
    attempts += [(True, True, None, lv) for lv in [0, *drops]]
    n_spill = len([j for j in cols if table.spill is not None and j >= table.spill])
    attempts += [(True, True, keep, drops[-1] if drops else 0)
                 for keep in range(n_spill - 1, 0, -1)]
    built: RichTable | None = None
    for short, compact, keep, level in attempts:
        use = [j for j in cols if not (level and table.columns[j].drop >= level)]
        c2 = [table.columns[j] for j in use]
        r2 = [[r[j] for j in use] for r in rows]
        t2 = None if total is None else [total[j] for j in use]
        if keep is not None and table.spill is not None:
            c2, r2, t2 = _spill(c2, r2, t2, [i for i, j in enumerate(use) if j >= table.spill],
                                keep)
        built = _rich(out, c2, r2, t2, table.title if title else "", caption, short, compact)
        if out.fits([built], width=width):
            return built, notes
    # still too wide: the last columns are left out (the other formats have them)
    cut: list[str] = []
    while len(c2) > 2:
        cut.insert(0, c2[-1].title)
        c2, r2 = c2[:-1], [r[:-1] for r in r2]
        t2 = None if t2 is None else t2[:-1]
        built = _rich(out, c2, r2, t2, table.title if title else "", caption, True, True)
        if out.fits([built], width=width):
            break
    return built, [*notes, t("report.columns_left_out", n=len(cut), columns="、".join(cut))]


def _bullets(out: _Out, table: Table, limit: bool, more_hint: str) -> None:
    """A table as headings (its parts and groups) and one bullet per row."""
    rows = table.shown_rows()
    rows, more = _brief(table, rows, limit)
    if not rows:
        out.line(table.nothing)
        return
    heads = [j for j in (table.part, table.group) if j is not None]

    def key(r: list[Any]) -> tuple[Any, ...]:
        return tuple(M.value_of(r[j]) for j in heads)

    count = Counter(key(r) for r in rows)
    last: tuple[Any, ...] = ()
    for r in rows:
        texts = [M.cell_text(v, c) for v, c in zip(r, table.columns, strict=True)]
        k = key(r)
        if table.part is not None and k[:1] != last[:1]:
            out.line(f"■ {texts[table.part] or '—'}", "bold")
        if table.group is not None and k != last:
            out.line(f"  {texts[table.group] or '—'}" + t("report.group_count", n=count[k]),
                     "bold")
        last = k
        out.line(table.line.format(*texts) if table.line else "；".join(x for x in texts if x),
                 indent=4, first="  • ")
    if more:
        out.line(t("report.more", n=more, unit=table.row_unit, hint=more_hint))


def _print(out: _Out, table: RichTable, notes: list[str]) -> None:
    out.print(table)
    for n in notes:
        out.line(n)


def _block(out: _Out, block: Any, limit: bool, more_hint: str, title: bool = True) -> None:
    if isinstance(block, Text):
        if block.style != "hint" and not (limit and block.style in ("def", "detail")):
            out.line(block.text)
    elif isinstance(block, Metrics):
        if block.formats is None or "terminal" in block.formats:
            _print(out, *_table(out, block.table(), limit, more_hint))
    elif isinstance(block, Table):
        if not block.for_format("terminal"):
            return
        if block.line is not None:
            _bullets(out, block, limit, more_hint)
        elif not block.rows and not (block.total):
            out.line(f"{block.title}：{block.nothing}" if block.title else block.nothing)
        else:
            _print(out, *_table(out, block, limit, more_hint, title=title))
    elif isinstance(block, Bullets):
        out.line(block.heading, "bold")
        for b in block.items:
            out.line(b, indent=4, first="  • ")
    elif isinstance(block, Figure):
        return


def to_text(doc: Document, *, width: int = 100, color: bool = False,
            detail: bool = False) -> str:
    """`doc` for a terminal of `width` columns: the first screen (the summary sections)
    or, with `detail` (or a document printing its detail in the terminal), every
    section. `color` adds ANSI colours (only on a terminal)."""
    out = _Out(max(40, width), color)
    title = visible(doc.full_title)
    if cell_len(title) + 6 <= out.width:
        out.console.rule(RichText(title, style=out.style("bold")))
    else:
        out.line(title, "bold")
    for line in doc.meta:
        out.line(line)
    full = detail or doc.terminal_detail
    more = doc.more if doc.more is not None else t("report.more_detail")
    for sec in doc.sections:
        if not (sec.summary or full):
            continue
        limit = sec.summary and not detail
        out.line(f"■ {sec.title}", "bold")
        blocks = [b for b in sec.blocks if not (isinstance(b, Table)
                                                and not b.for_format("terminal"))]
        tables = [b for b in blocks if isinstance(b, Table) and b.line is None and b.rows]
        if len(tables) == 2 and limit:
            half = (out.width - 4) // 2
            pair = [_table(out, tab, limit, more, width=half) for tab in tables]
            built = [b for b, _ in pair]
            if out.fits(built, 4):
                grid = RichTable.grid(padding=(0, 4))
                grid.add_row(*built)
                out.print(grid)
                for _, notes in pair:
                    for n in notes:
                        out.line(n)
                for b in blocks:
                    if not isinstance(b, Table):
                        _block(out, b, limit, more)
                continue
        # the section's heading says what its only table is
        alone = len([b for b in blocks if isinstance(b, Table | Metrics)]) == 1
        for b in blocks:
            _block(out, b, limit, more, title=not alone)
    if not full and doc.hint:
        out.line(doc.hint)
    text = out.buf.getvalue()
    # rich pads every line to the full width: no trailing blanks in the text
    return "\n".join(line.rstrip() for line in text.split("\n"))
