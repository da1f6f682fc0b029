"""Reports of every result — an audit, a plan, a diff, a trend, the network measures — in
Chinese: a terminal report, Markdown, one offline HTML page, a print-ready workbook, and
the JSON document of the SPEC.

Each result builds one :class:`~graphkit.report.model.Document` (:func:`document`); one
renderer per format draws any document (:mod:`~graphkit.report._terminal`,
:mod:`~graphkit.report._markdown`, :mod:`~graphkit.report._html`,
:mod:`~graphkit.report._workbook`), so every result's report has the same surfaces: the
summary first (the first screen of a terminal), the place in every title, one street
order, every HTML page offline with its font, every workbook printable. JSON is each
result's SPEC document (:func:`to_json_bytes`). To report on one street or community,
narrow the result first: :func:`graphkit.narrow`.

Examples
--------
>>> import graphkit as gk
>>> from graphkit import report
>>> r = gk.audit(gk.read_dataset("data/sihui"))
>>> print(report.render(r, "markdown").splitlines()[0])
# 党建覆盖与联动审计：四会市城区基层党建网络（示例）
>>> s = report.summary(gk.narrow(r, areas=["东城街道"]))
>>> s.rates.loc["work", ["covered", "units", "target"]].tolist()
[131, 136, 0.95]
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

from .._aliases import lazy_names
from ..settings import DEFAULT_TARGET_ORG, DEFAULT_TARGET_WORK
from . import _json

if TYPE_CHECKING:
    from ..analysis.summarizing import Summary, summary
    from ._audit import PROGRESS_CHOICES
    from .model import Document

__all__ = ["BINARY_FORMATS", "DEFAULT_TARGET_ORG", "DEFAULT_TARGET_WORK", "FORMATS",
           "PROGRESS_CHOICES", "Summary", "document", "render", "summary", "to_html", "to_json",
           "to_json_bytes", "to_markdown", "to_text", "to_xlsx"]

FORMATS = ("table", "json", "markdown", "html", "xlsx")
#: Formats that are bytes, not text (written with ``--out`` only).
BINARY_FORMATS = ("xlsx",)
# names of this package imported on first use: the command line's JSON and Parquet
# outputs need none of the report builders
__getattr__ = lazy_names(__name__, {
    "Summary": "..analysis.summarizing", "summary": "..analysis.summarizing",
    "PROGRESS_CHOICES": "._audit", "Document": ".model"})


def document(result: Any, **options: Any) -> Document:
    """The report of `result` as a :class:`~graphkit.report.model.Document`.

    `result` is an :class:`~graphkit.AuditResult` (options ``target_work``,
    ``target_org``, ``previous`` — a :class:`~graphkit.Diff` from an earlier snapshot —,
    ``sheets_per_area``, ``figures``), a :class:`~graphkit.Plan`, a
    :class:`~graphkit.Diff` (``figures``), a trend table (:func:`graphkit.trend`;
    ``scope``), a :class:`~graphkit.MeasuresResult` or a :class:`~graphkit.Progress`.
    Options a result does not take are ignored. A :class:`~graphkit.report.model.Document`
    is returned as it is (so that :func:`render` draws a document built elsewhere, e.g. an
    import's review).
    """
    from ..analysis.auditing import AuditResult
    from ..analysis.comparing import Diff
    from ..analysis.planning import Plan
    from .model import Document

    if isinstance(result, Document):
        return result
    # the report builders read a diff's plain values (None for a missing one, not <NA>)
    if isinstance(result, Diff) or type(result).__name__ == "Progress":
        result = result.as_plain()
    if isinstance(options.get("previous"), Diff):
        options = {**options, "previous": options["previous"].as_plain()}
    if isinstance(result, AuditResult):
        from ._audit import document as build
    elif isinstance(result, Plan):
        from ._plan import document as build
    elif isinstance(result, Diff):
        from ._diff import document as build
    elif type(result).__name__ == "Progress":
        from ._progress import document as build
    elif type(result).__name__ == "MeasuresResult":
        from ._measures import document as build
    elif hasattr(result, "columns") and "order" in getattr(result, "columns", ()):
        from ._diff import trend_document as build
    else:
        raise TypeError(f"no report for {type(result).__name__}")
    return build(result, **_accepted(build, options))


def _accepted(func: Any, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The keywords of `kwargs` that `func` takes."""
    params = inspect.signature(func).parameters
    return {k: v for k, v in kwargs.items() if k in params}


def to_json_bytes(result: Any, **options: Any) -> bytes:
    """The SPEC document of `result` as UTF-8 bytes: indented, Chinese not
    ``\\u``-escaped (the audit's written column by column, for any size)."""
    return _json.document_bytes(result, **options)


def to_json(result: Any) -> str:
    """The SPEC document of `result` as text; see :func:`to_json_bytes`."""
    return to_json_bytes(result).decode("utf-8")


def to_text(result: Any, *, width: int = 100, color: bool = False, detail: bool = False,
            **options: Any) -> str:
    """A terminal report of `width` columns (CJK widths handled): the first screen (the
    summary), or with `detail` every section; text from the data printed as written
    (never read as markup or control codes); `color` adds ANSI colours."""
    from ._terminal import to_text as draw

    return draw(document(result, **options), width=width, color=color, detail=detail)


def to_markdown(result: Any, **options: Any) -> str:
    """The report as Markdown: the summary first, then every list."""
    from ._markdown import to_markdown as draw

    return draw(document(result, **options))


def to_html(result: Any, *, figures: bool = True, **options: Any) -> str:
    """One self-contained, interactive, offline HTML page (see
    :mod:`graphkit.report._html`); `figures` draws the charts."""
    from ._html import to_html as draw

    return draw(document(result, figures=figures, **options))


def to_xlsx(result: Any, **options: Any) -> bytes:
    """A print-ready workbook to work from (see :mod:`graphkit.report._workbook`); for an
    audit, ``sheets_per_area`` gives one action sheet per street.

    Examples
    --------
    >>> open("audit.xlsx", "wb").write(to_xlsx(result))          # doctest: +SKIP
    """
    from ._workbook import to_xlsx as draw

    return draw(document(result, figures=False, **options))


def render(result: Any, fmt: str = "table", **options: Any) -> str | bytes:
    """`result` in `fmt` (``table``, ``json``, ``markdown``, ``html`` or ``xlsx``; a
    trend also ``csv``; the measures ``csv``); ``json`` and ``xlsx`` come as bytes (UTF-8
    for JSON), the others as text.

    Keywords go where they apply: ``width``, ``color``, ``detail`` (table), ``figures``
    (html), and the options of :func:`document`.
    """
    if fmt == "json":
        return to_json_bytes(result, **_accepted(_json.document_bytes, options))
    if fmt == "csv":
        return _json.csv_text(result)
    if fmt == "table":
        return to_text(result, **options)
    if fmt == "markdown":
        return to_markdown(result, **options)
    if fmt == "html":
        return to_html(result, **options)
    if fmt == "xlsx":
        return to_xlsx(result, **options)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
