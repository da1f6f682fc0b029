"""The document model every report is built on.

Each result (an audit, a plan, a diff or trend, the network measures; later the rosters
import's review and the progress of a plan) builds one :class:`Document`: a title, the
:class:`Place` it is about (the city, one street or one community), :class:`Section`\\ s of
blocks — :class:`Text`, :class:`Metrics` (rates with their numerator, denominator, target
and, against an earlier snapshot, the change), :class:`Table` (typed :class:`Column`\\ s),
:class:`Figure` (carrying its computed data) and :class:`Bullets` — and notes. One
renderer per format draws any document: :mod:`~graphkit.report._terminal` (rich, within
the terminal's width), :mod:`~graphkit.report._markdown`, :mod:`~graphkit.report._html`
(one offline page) and :mod:`~graphkit.report._workbook` (a print-ready workbook).

Column kinds (:data:`KINDS`): ``count``, ``number`` (`digits` decimals), ``rate`` (a
fraction shown as a percentage), ``delta`` (percentage points), ``text``, ``ref`` (an
``(id, name)`` pair: the name shown, the id beside it), ``date``, ``choice`` (from
`choices`: a workbook's drop-down) and ``key`` (hidden: a workbook's hidden column, an HTML
row attribute); ``fill=True`` leaves a column for the reader to fill in (a work list).

Examples
--------
>>> doc = Document("覆盖率", Place("area", "area-dc", "东城街道"), sections=[
...     Section("概览", "summary", [Table([Column("社区", REF), Column("工作覆盖率", RATE)],
...                                       [[("com-002", "玉城社区"), 0.95]])], summary=True)])
>>> doc.full_title
'覆盖率（东城街道）'
>>> cell_text(0.955, Column("率", RATE)), cell_text(2.14, Column("增减", DELTA))
('95.5%', '+2.1 个百分点')
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import pandas as pd

from ..messages import t
from ..network._text import visible

__all__ = ["CHOICE", "COUNT", "DATE", "DELTA", "KEY", "KINDS", "NUMBER", "RATE", "REF",
           "TEXT", "Bullets", "Cell", "Column", "Document", "Figure", "Metric", "Metrics",
           "Place", "Section", "Table", "Text", "cell_text", "missing", "pct", "pp"]

COUNT, NUMBER, RATE, DELTA = "count", "number", "rate", "delta"
TEXT, REF, DATE, CHOICE, KEY = "text", "ref", "date", "choice", "key"
KINDS = (COUNT, NUMBER, RATE, DELTA, TEXT, REF, DATE, CHOICE, KEY)
#: Rows an HTML table shows at a time ("再显示" / "全部显示" show the rest).
PAGE_ROWS = 500
#: Kinds whose values are numbers (right-aligned, summed in a "其他" row).
NUMERIC = (COUNT, NUMBER, RATE, DELTA)


def missing(x: Any) -> bool:
    """None, NA or NaN.

    Examples
    --------
    >>> missing(None), missing(float("nan")), missing(0)
    (True, True, False)
    """
    if x is None or x is pd.NA:
        return True
    return isinstance(x, float) and math.isnan(x)


def pct(x: Any) -> str:
    """A fraction as a percentage with one decimal (``—`` when missing).

    Examples
    --------
    >>> pct(0.9554), pct(None)
    ('95.5%', '—')
    """
    return "—" if missing(x) else f"{100 * float(x):.1f}%"


def pp(delta: Any, *, unit: bool = True) -> str:
    """A change in percentage points: ``+2.1 个百分点`` (``0.0`` when it rounds to zero).

    Examples
    --------
    >>> pp(2.14), pp(-0.01), pp(None), pp(1.25, unit=False)
    ('+2.1 个百分点', '0.0 个百分点', '—', '+1.2')
    """
    if missing(delta):
        return "—"
    text = "0.0" if round(float(delta), 1) == 0 else f"{float(delta):+.1f}"
    return t("report.pp", value=text) if unit else text


@dataclass(frozen=True)
class Place:
    """What a document is about: the whole city (``level="city"``, `name` the dataset's),
    one street or town (``"area"``) or one community (``"community"``; `area` names its
    street)."""

    level: str = "city"
    id: str | None = None
    name: str = ""
    area: str | None = None

    @property
    def label(self) -> str:
        """"东城街道" / "东城街道 玉城社区" for a street or community, "" for the city."""
        if self.level == "city":
            return ""
        return " ".join(x for x in (self.area, self.name) if x)


@dataclass(frozen=True)
class Column:
    """A typed column of a :class:`Table`.

    Attributes
    ----------
    title : str
    kind : str
        One of :data:`KINDS` (see the module docs).
    short : str, optional
        The header in a narrow terminal.
    id_title : str, optional
        ``ref``: the header of the id's own column in a workbook (None: the name only).
    choices : tuple of str
        ``choice``: the values offered (a workbook's drop-down).
    fill : bool
        Left empty for the reader to fill in (a work list).
    filter : str, optional
        HTML: rows can be filtered by this column (``street``, ``community``, ``status``,
        ``code``, ...); ``ref`` cells filter by id.
    link : str, optional
        HTML: a ``ref`` cell opens this interactive figure (``network``) on its id.
    digits : int
        ``number``: decimals.
    target : float, optional
        ``rate``: values below it are marked.
    width : float, optional
        A workbook column's width (characters); wrapped when the text is longer.
    wrap : bool
        Long text (wrapped in a workbook, never cut in a terminal).
    drop : int
        Terminal: when a table is too wide, columns are left out from the highest `drop`
        down (0: never).
    """

    title: str
    kind: str = TEXT
    short: str | None = None
    id_title: str | None = None
    choices: tuple[str, ...] = ()
    fill: bool = False
    filter: str | None = None
    link: str | None = None
    digits: int = 1
    target: float | None = None
    width: float | None = None
    wrap: bool = False
    drop: int = 0


@dataclass(frozen=True)
class Cell:
    """A value with how to show it: `text` instead of the formatted value (the value still
    sorts), a `mark` (``bad``, ``good``), a `heat` from 0 (weak) to 1 (strong), or `go`
    (HTML: a link that opens table ``go["box"]`` filtered by the other items)."""

    value: Any
    text: str | None = None
    mark: str = ""
    heat: float | None = None
    go: tuple[tuple[str, str], ...] = ()


def value_of(x: Any) -> Any:
    return x.value if isinstance(x, Cell) else x


def cell_text(x: Any, col: Column, *, compact: bool = False) -> str:
    """How a cell reads in text (terminal, Markdown, HTML): control characters shown.

    `compact` gives deltas without their unit (a narrow terminal)."""
    if isinstance(x, Cell):
        if x.text is not None:
            return visible(x.text)
        x = x.value
    if isinstance(x, list | tuple) and col.kind != REF:
        return "；".join(visible(v) for v in x if not missing(v))
    if missing(x) or (col.kind != TEXT and x == ""):
        return "—" if col.kind in NUMERIC else ""
    kind = col.kind
    if kind == RATE:
        return pct(x)
    if kind == DELTA:
        return pp(x, unit=not compact)
    if isinstance(x, bool):
        return t("report.yes") if x else t("report.no")
    if kind == COUNT:
        if isinstance(x, float) and not x.is_integer():
            return f"{x:,.1f}"
        return f"{int(x):,}"
    if kind == NUMBER:
        if isinstance(x, int | float) and not isinstance(x, bool):
            return f"{float(x):,.{col.digits}f}"
        return visible(x)
    if kind == REF:
        return visible(x[1] if x[1] not in (None, "") else x[0])
    if kind == DATE and isinstance(x, date | datetime):
        return x.strftime("%Y-%m-%d")
    if isinstance(x, bool):
        return t("report.yes") if x else t("report.no")
    return visible(x)


def ref_id(x: Any) -> str | None:
    """The id of a ``ref`` value."""
    x = value_of(x)
    return None if missing(x) or not isinstance(x, tuple) else x[0]


@dataclass
class Table:
    """Rows of typed columns.

    Attributes
    ----------
    columns : list of Column
    rows : list of list
        One value (or :class:`Cell`) per column.
    title : str
    key : str
        Its anchor (an HTML id; unique in a document).
    sheet : str, optional
        A workbook sheet of its own (None: a block of the overview sheet).
    brief : int, optional
        Rows on the first screen of a terminal (the others are counted in "… 还有 N 项",
        or summed in a row `rest` when set).
    rest : str, optional
        The label of the row that sums the count columns of the rows `brief` leaves out
        ("其他 {n} 类"); the rows kept are those with the largest first count column, in
        their order.
    unit : str, optional
        What a row is, for "… 还有 N 个社区" (default: 项).
    total : list, optional
        A total row, kept last (a footer).
    spill : int, optional
        Terminal: the count columns from this index on may be summed into one column
        "其他 N 个" when the table is too wide (streets as columns).
    part, group : int, optional
        Rows split into parts (a heading each) and grouped (a heading row each) by the
        values of these columns; rows come ordered by them.
    line : str, optional
        Terminal: each row as one bullet, ``line.format(*cells)`` of the cells' text.
    shown : dict, optional
        ``{filter: value}`` (several values joined by ","): the rows an HTML page shows
        first; Markdown and the terminal list only these (the workbook has every row).
    search : bool
        HTML: a search box and the filters of the columns.
    page : int, optional
        HTML: rows shown at a time.
    anchor : str
        HTML: each row's id is this prefix and its ``key`` column's value.
    formats : tuple of str, optional
        The formats that show the table (None: all).
    empty : str, optional
        What an empty table says (default: （无）).
    """

    columns: list[Column]
    rows: list[list[Any]]
    title: str = ""
    key: str = ""
    sheet: str | None = None
    brief: int | None = None
    rest: str | None = None
    unit: str | None = None
    total: list[Any] | None = None
    spill: int | None = None
    part: int | None = None
    group: int | None = None
    line: str | None = None
    shown: dict[str, str] | None = None
    search: bool = False
    page: int | None = None
    anchor: str = ""
    formats: tuple[str, ...] | None = None
    empty: str | None = None

    @property
    def row_unit(self) -> str:
        return self.unit or t("report.unit.items")

    @property
    def nothing(self) -> str:
        return self.empty or t("report.none")

    def for_format(self, fmt: str) -> bool:
        return self.formats is None or fmt in self.formats

    def shown_rows(self) -> list[list[Any]]:
        """The rows of :attr:`shown` (every row without it)."""
        if not self.shown:
            return self.rows
        idx = {c.filter: j for j, c in enumerate(self.columns) if c.filter}
        want = {idx[f]: set(v.split(",")) for f, v in self.shown.items() if f in idx}
        return [row for row in self.rows
                if all(str(ref_id(row[j]) if isinstance(value_of(row[j]), tuple)
                           else value_of(row[j])) in ok for j, ok in want.items())]


@dataclass(frozen=True)
class Metric:
    """One headline rate: `covered` of `units` (the denominator, described by
    `denominator`), against `target` (None: no target), and the rate of an earlier
    snapshot (`previous`, with `delta` in percentage points) when there is one."""

    title: str
    rate: float | None
    covered: int
    units: int
    denominator: str | None = None
    noun: str | None = None
    target: float | None = None
    previous: float | None = None
    delta: float | None = None

    @property
    def of(self) -> str:
        """What the denominator is (default: the units in scope)."""
        return self.denominator or t("report.metric.in_scope")

    @property
    def what(self) -> str:
        """What is counted (default: units)."""
        return self.noun or t("report.unit.units")

    @property
    def met(self) -> bool | None:
        if self.target is None or missing(self.rate):
            return None
        return bool(self.rate >= self.target - 1e-12)

    @property
    def shortfall(self) -> int:
        """Units still to cover to reach the target (0 when met or without a target)."""
        if self.target is None or self.met is not False or not self.units:
            return 0
        return max(0, math.ceil(self.target * self.units - 1e-9) - self.covered)

    @property
    def state(self) -> str:
        if self.target is None:
            return ""
        if self.met is None:
            return t("report.metric.no_units")
        return (t("report.metric.met") if self.met else
                t("report.metric.short_of", n=f"{self.shortfall:,}", noun=self.what))


@dataclass
class Metrics:
    """The headline rates (cards in HTML, a table elsewhere). `previous` is the header of
    the earlier rates when the metrics carry them (``上期`` against an earlier snapshot,
    ``现状`` for a plan, whose `rate` is after it: `current` ``整改后``), with their change."""

    items: list[Metric]
    previous: str | None = None
    current: str | None = None
    formats: tuple[str, ...] | None = None

    def table(self, *, workbook: bool = False) -> Table:
        """The metrics as a table (the form of every format but HTML's cards); for a
        workbook the target is a rate, the state 达标 / 未达标 and the shortfall a count."""
        targets = any(m.target is not None for m in self.items)
        cols = [Column(t("report.metric.name")),
                Column(self.current or t("report.metric.achieved"), RATE),
                Column(t("report.metric.covered"), COUNT),
                Column(t("report.metric.units"), COUNT, short=t("report.metric.units_short"))]
        if targets:
            cols += [Column(t("report.metric.target"), RATE), Column(t("report.metric.state"))]
        if self.previous:
            cols[2:2] = [Column(self.previous, RATE, drop=1),
                         Column(t("report.metric.change"), DELTA)]
        of = Column(t("report.metric.denominator"), drop=2)
        if workbook:
            cols += [Column(t("report.metric.shortfall"), COUNT), of] if targets else [of]
        else:
            cols.insert(4 + (2 if self.previous else 0), of)
        rows = []
        for m in self.items:
            mark = "" if m.met is None else ("good" if m.met else "bad")
            if workbook:
                row: list[Any] = [m.title, m.rate, m.covered, m.units]
                if targets:
                    row += [m.target, "—" if m.met is None else t(
                        "report.metric.met_word" if m.met else "report.metric.not_met_word"),
                            m.shortfall if m.met is False else None]
                row.append(m.of)
            else:
                row = [m.title, Cell(m.rate, mark=mark), m.covered, m.units, m.of]
                if targets:
                    row += [Cell(m.target, text="—" if m.target is None else
                                 f"≥ {pct(m.target)}"),
                            Cell(m.state, mark=mark)]
            if self.previous:
                row[2:2] = [m.previous, m.delta]
            rows.append(row)
        return Table(cols, rows, key="metrics")


@dataclass(frozen=True)
class Text:
    """A paragraph; `style` ``note`` (after a table), ``hint`` (how to use the page: HTML
    only), ``def`` (a definition) or ``detail`` (``def`` and ``detail`` are left out of a
    terminal's first screen)."""

    text: str
    style: str = ""


@dataclass
class Bullets:
    """A heading and its bullet points."""

    heading: str
    items: list[str]


@dataclass
class Figure:
    """A figure that carries its computed data: `draw(data)` gives PNG bytes; or a ready
    SVG drawing; or `widget` (``network``: the page's interactive circles network, `data`
    its JSON). Only HTML draws figures; the other formats name them."""

    caption: str
    key: str
    data: Any = None
    draw: Callable[[Any], bytes] | None = None
    svg: str | None = None
    widget: str | None = None


@dataclass
class Section:
    """A titled part of a document. `summary` sections form the first screen; `nav` is
    the section's name in the HTML contents bar (None: not listed)."""

    title: str
    key: str
    blocks: list[Any] = field(default_factory=list)
    summary: bool = False
    nav: str | None = None

    def tables(self) -> list[Table]:
        """The section's tables, in order."""
        return [b for b in self.blocks if isinstance(b, Table)]


@dataclass
class Document:
    """A report: `title` (the place is added by :attr:`full_title`), `meta` lines under it,
    sections, `footer` notes; `sheet` names a workbook's first sheet and `sheet_order`
    the order of the others (the rest follow in document order); `hint` is the
    terminal's last line of the first screen; `terminal_detail` prints the sections after
    the summary in a terminal too (a plan's action list); `data` is JSON the HTML page's
    scripts read."""

    title: str
    place: Place = field(default_factory=Place)
    meta: list[str] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    footer: list[str] = field(default_factory=list)
    sheet: str = "概览"
    sheet_order: tuple[str, ...] = ()
    hint: str | None = None
    terminal_detail: bool = False
    more: str | None = None
    data: dict[str, Any] | None = None

    @property
    def full_title(self) -> str:
        label = self.place.label
        return f"{self.title}（{label}）" if label else self.title

    def section(self, key: str) -> Section:
        return next(s for s in self.sections if s.key == key)
