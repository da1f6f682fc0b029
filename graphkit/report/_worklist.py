"""The work list (:func:`graphkit.work_list`) as a table of the report model: the audit's
行动清单 and the plan's 工作清单 are this one table — the same columns, drop-downs, dates,
hidden ``action_id`` and print layout (A4 landscape, fitted to the page width, the header
repeated) — in every format.

Examples
--------
>>> import graphkit as gk
>>> ds = gk.read_dataset("data/sihui")
>>> p = gk.plan(ds)
>>> tab = work_table(gk.work_list(p, gk.findings(ds), planned_only=True), sheet="工作清单")
>>> [c.title for c in tab.columns if c.fill]
['责任人', '完成时限', '进展', '备注']
>>> tab.rows[0][-1], len(tab.rows) == len(p.actions)
(0, True)
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..analysis.gaps import FINDING_TITLES_ZH
from ..analysis.planning import ACTION_NAMES_ZH, scope_of
from ..analysis.worklist import HEADERS, PRIORITY_RULE, PROGRESS_CHOICES, work_list
from .model import CHOICE, COUNT, DATE, KEY, PAGE_ROWS, REF, Cell, Column, Table, Text, missing

__all__ = ["audit_work_list", "priority_note", "work_columns", "work_table"]

def work_columns(*, link: str | None = None) -> list[Column]:
    """The work list's columns (the workbook's headers are :data:`HEADERS` of
    :mod:`graphkit.analysis.worklist`, which :func:`~graphkit.analysis.worklist.read_worklist`
    reads back); `link` makes the community open an HTML figure (the audit's network)."""
    h = HEADERS
    return [
        Column(h["number"], COUNT, width=6),
        Column(h["street"], REF, filter="street", width=10),
        Column(h["community_name"], REF, filter="community", link=link, width=11),
        Column("编号", KEY),
        Column(h["units"], width=12, wrap=True, drop=3),
        Column(h["subject_name"], width=18, wrap=True),
        Column("类别", filter="code", width=12, wrap=True, drop=2),
        Column(h["problem"], width=34, wrap=True),
        Column(h["todo"], width=40, wrap=True),
        Column(h["priority"], COUNT, width=6, drop=1),
        Column(h["responsible_unit"], width=12, wrap=True, drop=1),
        Column(h["responsible_person"], fill=True, width=8),
        Column(h["due"], DATE, fill=True, width=11),
        Column(h["progress"], CHOICE, choices=PROGRESS_CHOICES, fill=True, width=8),
        Column(h["remark"], fill=True, width=12, wrap=True),
        Column(h["action_id"], KEY),
    ]


def _lines(text: Any) -> list[str]:
    return [] if missing(text) or not text else str(text).split("\n")


def work_table(rows: pd.DataFrame, *, sheet: str, key: str = "actions",
               link: str | None = None, formats: tuple[str, ...] | None = None,
               line: str = "{5}（{6}）：{7}。整改：{8}") -> Table:
    """`rows` of :func:`graphkit.work_list` as one table (a workbook sheet `sheet`; in a
    page and a terminal grouped by street and community, one bullet per row: `line` of the
    cells' texts)."""
    out = []
    for r in rows.itertuples(index=False):
        kinds = [r.action] if r.action else []
        kinds += list(r.codes)
        names = ([ACTION_NAMES_ZH[r.action]] if r.action else []) + [
            FINDING_TITLES_ZH.get(c, c) for c in r.codes]
        due = None if pd.isna(r.due) else r.due.date()
        out.append([
            int(r.number), (r.area, r.street), (r.community, r.community_name),
            r.units[0] if r.units else r.subject,  # the row's anchor: its (first) unit
            "、".join(r.units), r.subject_name,
            Cell(kinds, text="；".join(dict.fromkeys(names))),
            _lines(r.problem), _lines(r.todo), int(r.priority), r.responsible_unit,
            r.responsible_person, due, None if missing(r.progress) else str(r.progress),
            r.remark, None if missing(r.action_id) else int(r.action_id)])
    return Table(work_columns(link=link), out, key=key, sheet=sheet, part=1, group=2,
                 search=True, page=PAGE_ROWS, anchor="act-", formats=formats,
                 line=line, empty="（无）")


def priority_note() -> Text:
    """The documented priority rule, as a note under the list."""
    return Text(PRIORITY_RULE, "note")


def audit_work_list(result: Any) -> pd.DataFrame:
    """The work list of an audit: its findings and the plan of the same network, scope and
    threshold, narrowed to the audit's place (:func:`graphkit.narrow`)."""
    from ..analysis.narrowing import narrow
    from ..analysis.planning import plan

    scope = scope_of(result.scope)
    place = result.meta.get("restriction") or {}
    reuse = {"units": result.units, "circles": result.circles} \
        if scope == "all" and not place else {}
    p = plan(result.network, scope=scope,
             min_branch_members=result.settings.get("min_branch_members"), **reuse)
    p = narrow(p, areas=[place["area"]] if place.get("area") else [],
               communities=[place["community"]] if place.get("community") else [])
    return work_list(p, result.findings)
