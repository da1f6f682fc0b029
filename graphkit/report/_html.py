"""The HTML renderer: a :class:`~graphkit.report.model.Document` as one offline page.

One self-contained file that makes no network request: styles, scripts, figures and a
subset of the CJK font (:mod:`graphkit.report._webfont`) are inline, and a
Content-Security-Policy forbids the browser to fetch anything else. A contents bar links
the sections; the summary comes first (the metrics as cards); a table with ``search``
gets a search box and a filter per filter column (street, community, status, code, ...)
and shows ``page`` rows at a time; every table sorts on a header click; the interactive
network (a figure with ``widget="network"``) is drawn in the browser from embedded JSON.
The layout works at phone width and prints to A4 (detail sections start a page).

The page's scripts and styles are ``graphkit/report/assets/report.js`` and ``report.css``.

Examples
--------
>>> from graphkit.report.model import Column, Document, Section, Table, RATE
>>> doc = Document("示例", sections=[Section("覆盖", "s", [Table(
...     [Column("社区"), Column("工作覆盖率", RATE)], [["玉城社区", 0.955]])], nav="覆盖")])
>>> page = to_html(doc)
>>> page.startswith("<!DOCTYPE html>") and "95.5%" in page and 'id="toc"' in page
True
"""

from __future__ import annotations

import base64
import importlib.resources
from html import escape
from typing import Any

import orjson

from ..analysis.mechanisms import heat_color
from ..messages import t
from ..network._text import visible
from . import model as M
from ._webfont import font_face_css
from .model import Bullets, Cell, Column, Document, Figure, Metric, Metrics, Section, Table, Text

__all__ = ["CSP", "FONT_FAMILY", "PAGE_ROWS", "to_html"]

PAGE_ROWS = M.PAGE_ROWS

#: The family name of the embedded font subset in the page's CSS.
FONT_FAMILY = "GK Noto Sans CJK SC"
CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
       "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; "
       "base-uri 'none'")


def _asset(name: str) -> str:
    return (importlib.resources.files("graphkit.report") / "assets" / name).read_text("utf-8")


def _e(text: Any) -> str:
    return escape(visible(text))


# --- cells and tables ------------------------------------------------------------------
def _filter_value(v: Any) -> str:
    """A row's value for a filter attribute: an id, or codes joined by spaces."""
    v = M.value_of(v)
    if isinstance(v, tuple):
        return "" if v[0] is None else str(v[0])
    if isinstance(v, list):
        return " ".join(str(x) for x in v)
    return "" if M.missing(v) else str(v)


def _sort_key(v: Any, col: Column) -> str | None:
    x = M.value_of(v)
    if col.kind in M.NUMERIC:
        if M.missing(x) or isinstance(x, str):
            return ""
        return repr(float(x))
    return None


def _td(v: Any, col: Column) -> str:
    cls = ["num"] if col.kind in M.NUMERIC else ["ref"] if col.kind == M.REF else []
    if col.drop >= 2:  # long and optional: not printed (the workbook has it)
        cls.append("opt")
    attrs = ""
    key = _sort_key(v, col)
    if key is not None:
        attrs += f' data-v="{key}"'
    x = M.value_of(v)
    if isinstance(v, Cell):
        if v.mark == "bad":
            cls.append("low")
        elif v.mark == "warn":
            cls.append("warn")
        if v.heat is not None:
            attrs += f' style="background:{heat_color(v.heat)}"'
    elif col.kind == "rate" and col.target is not None and not M.missing(x) \
            and x < col.target - 1e-12:
        cls.append("low")
    if isinstance(x, list) and col.kind != M.REF and not (isinstance(v, Cell) and v.text):
        body = ("<ul class=\"cell\">" + "".join(f"<li>{_e(i)}</li>" for i in x if i)
                + "</ul>") if x else ""
    else:
        body = escape(M.cell_text(v, col))
    if col.kind == M.REF and isinstance(x, tuple) and x[0] is not None:
        if col.link:
            body = f'<a href="#{col.link}" data-net="{escape(str(x[0]))}">{body}</a>'
        if col.id_title:
            body += f'<span class="id">{_e(x[0])}</span>'
    if isinstance(v, Cell) and v.go:
        go = dict(v.go)
        box = go.pop("box")
        data = "".join(f' data-{k}="{escape(val)}"' for k, val in go.items())
        body = f'<a href="#{escape(box)}" data-go="{escape(box)}"{data}>{body}</a>'
    if cls:
        attrs = f' class="{" ".join(cls)}"' + attrs
    return f"<td{attrs}>{body}</td>"


def _thead(cols: list[Column]) -> str:
    """The header row: a column's short title where it has one (its full title on hover)."""
    def th(c: Column) -> str:
        opt = ' class="opt"' if c.drop >= 2 else ""
        if c.short and len(cols) > 6:
            return f'<th title="{_e(c.title)}"{opt}>{_e(c.short)}</th>'
        return f"<th{opt}>{_e(c.title)}</th>"

    return "<thead><tr>" + "".join(th(c) for c in cols) + "</tr></thead>"


def _columns(tab: Table) -> list[tuple[int, Column]]:
    return [(j, c) for j, c in enumerate(tab.columns) if c.kind != M.KEY and not c.fill
            and j not in (tab.part, tab.group)]


def _matches(tab: Table, row: list[Any], filters: dict[str, int], every: bool) -> bool:
    if every:
        return True
    for f, want in (tab.shown or {}).items():
        j = filters.get(f)
        if j is not None and not set(want.split(",")) & set(_filter_value(row[j]).split(" ")):
            return False
    return True


def _table(tab: Table, *, anchor: str = "", titled: bool = True) -> str:
    cols = _columns(tab)
    filters = {c.filter: j for j, c in enumerate(tab.columns) if c.filter}
    key_col = next((j for j, c in enumerate(tab.columns) if c.kind == M.KEY), None)
    head = _thead([c for _, c in cols])
    cls = "sortable" if len(tab.rows) > 1 and tab.part is None and tab.group is None else ""
    tid = f' id="tbl-{escape(tab.key)}"' if tab.key else ""
    shown = 0
    every = not tab.shown or not tab.shown_rows()  # nothing to show first: everything

    def row_html(row: list[Any], grp: str | None) -> str:
        nonlocal shown
        attrs = "".join(f' data-{f}="{escape(_filter_value(row[j]))}"'
                        for f, j in filters.items() if _filter_value(row[j]))
        if grp is not None:
            attrs += f' data-grp="{escape(grp)}"'
        if key_col is not None and anchor:
            attrs += f' id="{escape(anchor)}{escape(_filter_value(row[key_col]))}"'
        visible_row = _matches(tab, row, filters, every) and (not tab.page or shown < tab.page)
        shown += visible_row
        hidden = "" if visible_row or not tab.search else " hidden"
        data = " data-row" if tab.search or filters else ""
        return (f"<tr{data}{attrs}{hidden}>" + "".join(_td(row[j], c) for j, c in cols)
                + "</tr>")

    def body(rows: list[list[Any]], part: str) -> str:
        out = []
        group = object()
        for row in rows:
            grp = None
            if tab.group is not None:
                g = M.value_of(row[tab.group])
                grp = f"{part}/{_filter_value(row[tab.group])}"
                if g != group:
                    group = g
                    n = sum(1 for r in rows if M.value_of(r[tab.group]) == g)
                    link = _td(row[tab.group], tab.columns[tab.group])[4:-5] or "—"
                    out.append(f'<tr class="grp" data-grp="{escape(grp)}"><th colspan='
                               f'"{len(cols)}">{link} <span class="badge">{n}</span></th></tr>')
            out.append(row_html(row, grp))
        return "".join(out)

    foot = ""
    if tab.total is not None:
        foot = ('<tfoot><tr class="sum">' + "".join(_td(tab.total[j], c) for j, c in cols)
                + "</tr></tfoot>")
    title = f"<h3>{_e(tab.title)}</h3>" if tab.title and titled else ""
    if not tab.rows and tab.total is None:
        return f"{title}<p>{_e(tab.nothing)}</p>"
    if tab.part is None:
        return (f'{title}<div class="tw"><table class="{cls}"{tid}>{head}<tbody>'
                f"{body(tab.rows, '')}</tbody>{foot}</table></div>")
    parts: dict[Any, list[list[Any]]] = {}
    for row in tab.rows:
        parts.setdefault(M.value_of(row[tab.part]), []).append(row)
    html = [title]
    for i, rows in enumerate(parts.values()):
        part = _filter_value(rows[0][tab.part]) or "-"
        label = M.cell_text(rows[0][tab.part], tab.columns[tab.part]) or "—"
        pid = f' id="tbl-{escape(tab.key)}-{i}"' if tab.key else ""
        html.append(f'<div class="part" data-part="{escape(part)}"><h3>{escape(label)} '
                    f'<span class="badge">{len(rows)}</span></h3><div class="tw">'
                    f'<table class="list"{pid}>{head}<tbody>{body(rows, part)}</tbody>'
                    f"{foot if i == len(parts) - 1 else ''}</table></div></div>")
    return "".join(html)


def _options(tab: Table, f: str, j: int) -> str:
    col = tab.columns[j]
    seen: dict[str, str] = {}
    street_of: dict[str, str] = {}
    street = next((k for k, c in enumerate(tab.columns) if c.filter == "street"), None)
    for row in tab.rows:
        v = M.value_of(row[j])
        if isinstance(v, list):
            labels = dict(zip(v, (M.cell_text(row[j], col) or "").split("；"), strict=False))
            for code in v:
                seen.setdefault(str(code), labels.get(code, str(code)))
            continue
        val = _filter_value(row[j]) or "-"
        seen.setdefault(val, M.cell_text(row[j], col) or t("report.html.unassigned"))
        if f == "community" and street is not None:
            street_of.setdefault(val, _filter_value(row[street]) or "-")
    pick = (tab.shown or {}).get(f, "") if tab.shown_rows() else ""
    label = col.title
    opts = [f'<option value="">{_e(t("report.html.all", label=label))}</option>']
    for v, text in seen.items():
        extra = f' data-street="{escape(street_of[v])}"' if v in street_of else ""
        sel = " selected" if v == pick else ""
        opts.append(f'<option value="{escape(v)}"{extra}{sel}>{_e(text)}</option>')
    return (f'<select data-filter="{escape(f)}" aria-label="{escape(label)}">'
            + "".join(opts) + "</select>")


def _controls(tab: Table) -> str:
    hint = _e(t("report.html.search"))
    parts = [f'<input type="search" data-search placeholder="{hint}" aria-label="{hint}">']
    for j, c in enumerate(tab.columns):
        if c.filter:
            parts.append(_options(tab, c.filter, j))
    parts.append(f'<button type="button" data-reset>{_e(t("report.html.reset"))}</button>'
                 '<span class="count" aria-live="polite"></span>')
    return f'<div class="controls">{"".join(parts)}</div>'


# --- metrics, figures -------------------------------------------------------------------
def _card(m: Metric, previous: str | None, current: str | None) -> str:
    target = M.pct(m.target)
    if m.target is None:
        goal, state = ("" if previous else f'<p class="goal">{_e(t("report.html.no_target"))}'
                       "</p>"), ""
    elif m.met is None:
        goal, state = f'<p class="goal">{_e(t("report.html.target_no_units", target=target))}'\
            "</p>", ""
    elif m.met:
        goal, state = (f'<p class="goal">{_e(t("report.html.target_met", target=target))}</p>',
                       " ok")
    else:
        goal = ('<p class="goal">' + t("report.html.target_short", target=escape(target),
                                         n=m.shortfall, noun=_e(m.what)) + "</p>")
        state = " bad"
    prev = ""
    if previous:
        arrow = "" if M.missing(m.delta) else ("up" if m.delta > 0 else
                                             "down" if m.delta < 0 else "")
        prev = (f'<p class="prev {arrow}">' + _e(t("report.html.previous", label=previous,
                                                   rate=M.pct(m.previous), change=M.pp(m.delta)))
                + "</p>")
    now = f'<span class="now">{_e(current)}</span>' if current else ""
    of = t("report.html.of", covered=m.covered, units=m.units, noun=m.what, denominator=m.of)
    return (f'<div class="card{state}"><h3>{_e(m.title)}</h3><p class="big">{now}'
            f'{M.pct(m.rate)}</p><p class="n">{_e(of)}</p>{goal}{prev}</div>')


def _figure(fig: Figure) -> str:
    if fig.widget == "network":
        return _network(fig)
    if fig.svg is not None:
        inner = fig.svg
    elif fig.draw is not None:
        uri = "data:image/png;base64," + base64.b64encode(fig.draw(fig.data)).decode("ascii")
        inner = f'<img alt="{_e(fig.caption)}" src="{uri}">'
    else:
        return ""
    return (f'<figure id="fig-{escape(fig.key)}">{inner}<figcaption>{_e(fig.caption)}'
            "</figcaption></figure>")


def _network(fig: Figure) -> str:
    """The interactive circles network (drawn by report.js from the page's JSON)."""
    data = fig.data
    comms = data["communities"]
    no_core = t("report.html.no_core")
    groups: dict[str, list[str]] = {}
    for cid, c in comms.items():
        groups.setdefault(c["area"], []).append(cid)
    opts = []
    for area, cids in groups.items():
        inner = "".join(
            f'<option value="{escape(c)}">{_e(comms[c]["name"])}'
            f"（{escape(M.pct(comms[c]['rate']) if comms[c]['core'] else no_core)}）</option>"
            for c in cids)
        opts.append(f'<optgroup label="{_e(area)}">{inner}</optgroup>')
    legend = "".join(f'<span class="lg" data-role="{i}"><i style="background:{escape(color)}">'
                     f"</i>{_e(name)}<b></b></span>"
                     for i, (_, name, color) in enumerate(data["roles"]))
    find, reset = _e(t("report.html.find_node")), _e(t("report.html.reset_view"))
    return (
        '<div class="controls net-tools">'
        f'<select id="net-pick" aria-label="{_e(t("report.html.pick_community"))}">'
        f'{"".join(opts)}</select>'
        f'<input type="search" id="net-q" placeholder="{find}" aria-label="{find}">'
        f'<button type="button" data-zoom="1.4" aria-label="{_e(t("report.html.zoom_in"))}">'
        "＋</button>"
        f'<button type="button" data-zoom="0.7" aria-label="{_e(t("report.html.zoom_out"))}">'
        "－</button>"
        f'<button type="button" data-zoom="0" aria-label="{reset}">{reset}</button></div>'
        '<div id="net-hits" class="hits"></div>'
        '<div class="netbox"><div class="netmain"><p id="net-title"></p>'
        f'<div class="legend">{legend}</div>'
        f'<svg id="net-svg" role="img" aria-label="{_e(t("report.html.network"))}"></svg></div>'
        '<aside id="net-info" aria-live="polite"><p class="hint">'
        f'{_e(t("report.html.click_node"))}</p></aside></div>')


# --- sections and the page ------------------------------------------------------------------
def _blocks(sec: Section) -> tuple[str, bool]:
    """The section's blocks as HTML, and whether it is one filterable box."""
    searchable = [b for b in sec.blocks if isinstance(b, Table) and b.search
                  and b.for_format("html")]
    box = len(searchable) == 1
    out: list[str] = []
    tables = [b for b in sec.blocks if isinstance(b, Table) and b.for_format("html")]
    pair = sec.summary and len(tables) == 2 and not searchable
    figs: list[str] = []

    def flush() -> None:
        if figs:
            out.append(f'<div class="grid">{"".join(figs)}</div>')
            figs.clear()

    paired: list[str] = []
    for b in sec.blocks:
        if not isinstance(b, Figure) or b.widget:
            flush()
        if isinstance(b, Text):
            cls = f' class="{b.style}"' if b.style in ("hint", "def", "note") else ""
            out.append(f"<p{cls}>{_e(b.text)}</p>")
        elif isinstance(b, Metrics):
            out.append('<div class="cards">'
                       + "".join(_card(m, b.previous, b.current) for m in b.items)
                       + "</div>")
        elif isinstance(b, Table):
            if not b.for_format("html"):
                continue
            html = _table(b, anchor=b.anchor, titled=len(tables) > 1)
            if b.search:
                html = (_controls(b) + html + '<p class="empty" hidden>'
                        + _e(t("report.html.nothing")) + "</p>")
                if not box:
                    page = f' data-page="{b.page}"' if b.page else ""
                    html = f'<div data-filterable id="{escape(b.key)}"{page}>{html}</div>'
            if pair:
                paired.append(f"<div>{html}</div>")
                if len(paired) == 2:
                    out.append(f'<div class="two">{"".join(paired)}</div>')
                continue
            out.append(html)
        elif isinstance(b, Bullets):
            out.append(f"<h3>{_e(b.heading)}</h3><ul>"
                       + "".join(f"<li>{_e(x)}</li>" for x in b.items) + "</ul>")
        elif isinstance(b, Figure):
            html = _figure(b)
            if b.widget:
                out.append(html)
            elif html:
                figs.append(html)
    flush()
    return "".join(out), box


def _section(sec: Section) -> str:
    inner, box = _blocks(sec)
    attrs = f' id="{escape(sec.key)}"'
    if not sec.summary:
        attrs += ' class="detail"'
    if box:
        tab = next(b for b in sec.blocks if isinstance(b, Table) and b.search)
        attrs += " data-filterable" + (f' data-page="{tab.page}"' if tab.page else "")
    return f"<section{attrs}><h2>{_e(sec.title)}</h2>{inner}</section>"


def _json_script(data: Any) -> str:
    raw = orjson.dumps(data).decode("utf-8")
    # no "</script>" or "<!--" can end the element early
    return ('<script type="application/json" id="gk-data">'
            + raw.replace("<", "\\u003c") + "</script>")


def to_html(doc: Document) -> str:
    """`doc` as one self-contained, offline HTML page (see the module docs)."""
    nav = "".join(f'<a href="#{escape(s.key)}">{_e(s.nav)}</a>' for s in doc.sections
                  if s.nav)
    meta = "".join(f'<p class="meta">{_e(line)}</p>' for line in doc.meta)
    footer = "".join(f"<p>{_e(line)}</p>" for line in doc.footer)
    note = t("report.html.font")
    body = "".join([
        f"<header><h1>{_e(doc.full_title)}</h1>{meta}</header>",
        f'<nav id="toc" aria-label="{_e(t("report.html.contents"))}">{nav}</nav>' if nav
        else "",
        "<main>", *(_section(s) for s in doc.sections), "</main>",
        f"<footer>{footer}<p>{_e(t('report.html.made'))}{_e(note)}</p></footer>",
    ])
    script, css = _asset("report.js"), _asset("report.css")
    data = _json_script(doc.data) if doc.data else ""
    title = visible(doc.full_title)
    font = font_face_css(FONT_FAMILY, title + body + data + script + css)
    if not font:  # no CJK font to embed: the page says so instead
        body = body.replace(_e(note), _e(t("report.html.no_font")))
    return "".join([
        "<!DOCTYPE html>\n",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        f"<title>{escape(title)}</title>",
        f"<style>{font}\n{css}</style></head><body>",
        body, data, f"<script>{script}</script>", "</body></html>\n",
    ])
