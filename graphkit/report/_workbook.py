"""The workbook renderer: a :class:`~graphkit.report.model.Document` as a print-ready
``.xlsx`` workbook.

The first sheet (``doc.sheet``, 概览) holds the title, the meta lines and every block that
has no sheet of its own (the metrics, the summary tables, notes); each table with a
``sheet`` gets its own list sheet. Every sheet prints on A4 landscape, fitted to the page
width, with its header row repeated on every page and frozen on screen; list sheets have
an autofilter. Column kinds set the number format (``count`` 0, ``rate`` 0.0%, ``delta``
+0.0, ``date`` yyyy-mm-dd, text @); a ``ref`` column writes the id in a column of its own
beside the name (``id_title``); a ``key`` column is hidden; ``fill`` columns are shaded,
a ``choice`` column offers its choices as a drop-down and a fill-in ``date`` column takes
dates only, 200 rows beyond the last for rows added by hand. Text is always text
(``=SUM(A1)`` stays a string, also when edited) and control characters are shown as
their pictures (XML forbids them).

Examples
--------
>>> import io
>>> from openpyxl import load_workbook
>>> from graphkit.report.model import Column, Document, Section, Table, RATE
>>> doc = Document("示例", sections=[Section("覆盖", "s", [Table(
...     [Column("社区"), Column("工作覆盖率", RATE)], [["=SUM(A1)", 0.955]], sheet="覆盖")])])
>>> wb = load_workbook(io.BytesIO(to_xlsx(doc)))
>>> wb.sheetnames, wb["覆盖"]["A2"].value, wb["覆盖"]["B2"].number_format
(['概览', '覆盖'], '=SUM(A1)', '0.0%')
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..analysis.mechanisms import heat_color
from ..messages import t
from ..network._text import visible
from . import model as M
from .model import Bullets, Cell, Column, Document, Metrics, Table, Text

__all__ = ["FORMULA_STARTS", "to_xlsx"]

#: Leading characters a spreadsheet program reads as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@")
#: Rows beyond the last that a fill-in column's validation covers (rows added by hand).
SPARE_ROWS = 200
_FORMATS = {M.COUNT: "0", M.RATE: "0.0%", M.DELTA: "+0.0;-0.0;0.0", M.DATE: "yyyy-mm-dd"}
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
_BAD_FONT = Font(color="C62828", bold=True)
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")


def _number_format(col: Column) -> str:
    if col.kind == M.NUMBER:
        return "#,##0" + ("." + "0" * col.digits if col.digits else "")
    return _FORMATS.get(col.kind, "@")


def _literal(cell: Any, value: Any) -> None:
    """`value` as literal text: control characters shown, never a formula (a list: one
    item per line)."""
    if isinstance(value, list | tuple):
        text = "\n".join(visible(x) for x in value if not M.missing(x))
    else:
        text = visible(value)
    cell.value = text
    cell.data_type = "s"  # never a formula
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # and it stays text when someone edits it


def _write(cell: Any, value: Any, col: Column) -> None:
    """One value: numbers as numbers (in the column's format), dates as dates, lists one
    item per line, everything else as literal text."""
    v = M.value_of(value)
    if hasattr(v, "item") and not isinstance(v, str | bytes):  # a NumPy scalar
        v = v.item()
    numeric = col.kind in (M.COUNT, M.RATE, M.DELTA, M.NUMBER)
    if isinstance(value, Cell) and value.text is not None and not numeric:
        v = value.text
    if col.kind == M.REF and isinstance(v, tuple):
        v = v[1] if v[1] not in (None, "") else v[0]
    fmt = _number_format(col)
    if M.missing(v) or (numeric and v == ""):
        cell.value = None
    elif numeric and isinstance(v, int | float) and not isinstance(v, bool):
        if col.kind == M.COUNT and not float(v).is_integer():
            cell.value, fmt = float(v), "#,##0.0"
        else:
            cell.value = int(v) if col.kind == M.COUNT else float(v)
    elif col.kind == M.DATE and isinstance(v, date | datetime):
        cell.value = v
    elif isinstance(v, bool):
        _literal(cell, t("report.yes") if v else t("report.no"))
    else:
        _literal(cell, list(v) if isinstance(v, list | tuple) else v)
    cell.number_format = fmt
    cell.alignment = _WRAP if col.wrap or isinstance(v, list) else _TOP
    if isinstance(value, Cell):
        if value.heat is not None:
            cell.fill = PatternFill("solid", fgColor=heat_color(value.heat).lstrip("#").upper())
        if value.mark == "bad":
            cell.font = _BAD_FONT


def _width(text: Any) -> float:
    """Width in Excel column units (a CJK character is about 1.7)."""
    return sum(1.7 if unicodedata.east_asian_width(ch) in "WF" else 1.0
               for ch in visible(text))


def _page(ws: Worksheet, header_row: int = 1) -> None:
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


def _sheet_title(title: str, wb: Workbook) -> str:
    """A valid, unused sheet title (≤ 31 characters, none of []:*?/\\)."""
    base = _BAD_TITLE.sub("_", visible(title)).strip("'")[:31] or "表"
    name, n = base, 2
    taken = {ws.title for ws in wb.worksheets}
    while name in taken:
        suffix = f"_{n}"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    return name


def _expand(tab: Table) -> list[tuple[int, Column, bool]]:
    """The workbook columns of `tab`: (column index, column, is the id of a ref)."""
    out = []
    for j, c in enumerate(tab.columns):
        if c.kind == M.REF and c.id_title:
            out.append((j, Column(c.id_title), True))
        out.append((j, c, False))
    return out


def _cells(row: list[Any], cols: list[tuple[int, Column, bool]]) -> list[Any]:
    out = []
    for j, _c, is_id in cols:
        v = row[j] if j < len(row) else None
        if is_id:
            x = M.value_of(v)
            out.append(x[0] if isinstance(x, tuple) else None)
        else:
            out.append(v)
    return out


def _header(ws: Worksheet, row: int, cols: list[tuple[int, Column, bool]]) -> None:
    for i, (_j, c, _) in enumerate(cols, start=1):
        cell = ws.cell(row=row, column=i)
        _literal(cell, c.title)
        cell.font, cell.fill, cell.alignment, cell.border = (
            _HEADER_FONT, _HEADER_FILL, _HEAD, _BORDER)


def _rows(ws: Worksheet, start: int, cols: list[tuple[int, Column, bool]],
          rows: list[list[Any]], widths: list[float]) -> int:
    """Write `rows` from row `start`; return the row after the last. A row with wrapped
    text gets its height (spreadsheet programs do not size rows when they open a file)."""
    r = start
    for values in rows:
        lines = 1
        for i, (v, (_j, c, _)) in enumerate(zip(_cells(values, cols), cols, strict=True),
                                            start=1):
            cell = ws.cell(row=r, column=i)
            _write(cell, v, c)
            if cell.alignment.wrap_text and isinstance(cell.value, str):
                usable = max(widths[i - 1] - 1.0, 4)
                n = sum(max(1, math.ceil(1.1 * _width(part) / usable))
                        for part in cell.value.split("\n"))
                lines = max(lines, n)
        if lines > 1:
            ws.row_dimensions[r].height = min(409, 15 * lines)
        r += 1
    return r


def _widths(cols: list[tuple[int, Column, bool]], rows: list[list[Any]]) -> list[float]:
    from .model import cell_text

    out = []
    for i, (_j, c, is_id) in enumerate(cols):
        if c.width:
            out.append(c.width)
            continue
        texts = [str(M.value_of(r[i]) if is_id else cell_text(r[i], c))
                 for r in (_cells(x, cols) for x in rows[:500])]
        longest = max([_width(c.title) + 2] + [_width(t) + 2 for t in texts])
        out.append(min(40.0 if c.wrap else 30.0, max(8.0, longest)))
    return out


def _list_sheet(wb: Workbook, tab: Table) -> Worksheet:
    """A sheet holding one table: frozen filterable header, formats, fill-ins, print."""
    ws = wb.create_sheet(_sheet_title(tab.sheet or tab.title, wb))
    cols = _expand(tab)
    rows = tab.rows + ([tab.total] if tab.total is not None else [])
    widths = _widths(cols, rows)
    _header(ws, 1, cols)
    end = _rows(ws, 2, cols, rows, widths)
    if tab.total is not None:
        for i in range(1, len(cols) + 1):
            ws.cell(row=end - 1, column=i).font = _HEADER_FONT
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(cols))}{max(end - 1, 1)}"
    ws.row_dimensions[1].height = 30
    last = max(end - 1, 2) + SPARE_ROWS
    for i, (_j, c, _) in enumerate(cols, start=1):
        letter = get_column_letter(i)
        if c.kind == M.KEY:
            ws.column_dimensions[letter].hidden = True
        if not c.fill:
            continue
        for r in range(2, end):
            ws.cell(row=r, column=i).fill = _FILL_IN
        if c.kind == M.CHOICE:
            dv = DataValidation(type="list", formula1='"' + ",".join(c.choices) + '"',
                                allow_blank=True, showDropDown=False)
            dv.error, dv.errorTitle = t("report.xlsx.pick"), c.title
            dv.prompt, dv.promptTitle = "、".join(c.choices), c.title
        elif c.kind == M.DATE:
            dv = DataValidation(type="date", operator="greaterThan", formula1="1",
                                allow_blank=True)
            dv.error, dv.errorTitle = t("report.xlsx.date"), c.title
        else:
            continue
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    _page(ws)
    return ws


def _block(ws: Worksheet, row: int, title: str, tab: Table, widths: dict[int, float]) -> int:
    """`tab` as a block of the overview sheet from `row`: its title, header, rows (and the
    widths its columns need, in `widths`)."""
    cell = ws.cell(row=row, column=1)
    _literal(cell, title)
    cell.font = _BLOCK_FONT
    cols = [x for x in _expand(tab) if x[1].kind != M.KEY]
    rows = tab.rows + ([tab.total] if tab.total is not None else [])
    _header(ws, row + 1, cols)
    for i, w in enumerate(_widths(cols, rows)):
        widths[i] = max(widths.get(i, 8.0), w)
    end = _rows(ws, row + 2, cols, rows, [14.0] * len(cols))
    for r in range(row + 2, end):
        for i in range(1, len(cols) + 1):
            ws.cell(row=r, column=i).border = _BORDER
    if not rows:
        _literal(ws.cell(row=row + 2, column=1), tab.nothing)
        end += 1
    return end + 1


def _line(ws: Worksheet, row: int, text: str, width: int) -> int:
    cell = ws.cell(row=row, column=1)
    _literal(cell, text)
    cell.alignment = _WRAP
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    ws.row_dimensions[row].height = 15 * max(1, math.ceil(_width(text) / 110))
    return row + 1


def _overview(wb: Workbook, doc: Document) -> None:
    ws = wb.create_sheet(doc.sheet)
    width = 8
    _literal(ws.cell(row=1, column=1), doc.full_title)
    ws.cell(row=1, column=1).font = _TITLE_FONT
    row = 2
    for line in doc.meta:
        row = _line(ws, row, line, width)
    row += 1
    widths: dict[int, float] = {}
    for sec in doc.sections:
        for b in sec.blocks:
            if isinstance(b, Metrics):
                row = _block(ws, row, sec.title, b.table(workbook=True), widths)
            elif isinstance(b, Table) and b.sheet is None and b.for_format("xlsx"):
                row = _block(ws, row, b.title or sec.title, b, widths)
            elif isinstance(b, Text) and b.style == "note" and sec.summary:
                row = _line(ws, row - 1, b.text, width) + 1
            elif isinstance(b, Bullets) and b.items and not any(
                    isinstance(x, Table) and x.sheet for x in sec.blocks):
                row = _line(ws, row, b.heading, width)
                for x in b.items:
                    row = _line(ws, row, "· " + x, width)
                row += 1
    for line in doc.footer:
        row = _line(ws, row, line, width)
    for i, w in widths.items():
        ws.column_dimensions[get_column_letter(i + 1)].width = w
    ws.freeze_panes = "A2"
    _page(ws)


def to_xlsx(doc: Document) -> bytes:
    """`doc` as a workbook (see the module docs)."""
    wb = Workbook()
    wb.remove(wb.active)
    _overview(wb, doc)
    tables = [b for sec in doc.sections for b in sec.blocks
              if isinstance(b, Table) and b.sheet is not None and b.for_format("xlsx")]
    rank = {name: i for i, name in enumerate(doc.sheet_order)}
    for b in sorted(tables, key=lambda t: rank.get(str(t.sheet), len(rank))):
        _list_sheet(wb, b)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
