"""Helpers of the progress tests: a later snapshot that carries out part of a plan, and a
filled work list written the way a street's spreadsheet program would."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook

import graphkit as gk
from graphkit import synth

#: The headers of the plan's work list that a filled list needs.
HEADER = ("序号", "单位编号", "进展", "完成时限", "action_id")


def carry_out(plan: gk.Plan, done: Iterable[int] = (), *,
              partly: Mapping[int, Sequence[str]] | None = None, close: Iterable[str] = (),
              snapshot: str | None = "2021-06-30", name: str = "后一期") -> gk.Dataset:
    """:func:`graphkit.synth.carry_out`, dated 2021-06-30 by default."""
    return synth.carry_out(plan, done, partly=partly, close=close, snapshot=snapshot,
                           name=name)


def row(plan: gk.Plan, index: int, progress: Any = None, due: Any = None, *,
        number: Any = "auto", units: Any = "auto", action_id: Any = "auto") -> list[Any]:
    """One row of :data:`HEADER` for action `index` of `plan` ("auto": as the plan's list
    writes it)."""
    acts = plan.actions
    return [index + 1 if number == "auto" else number,
            "、".join(acts.at[index, "units"]) if units == "auto" else units,
            progress, due, index if action_id == "auto" else action_id]


def workbook(rows: Sequence[Sequence[Any]], *, header: Sequence[str] = HEADER,
             sheet: str = "工作清单", titles: Sequence[str] = (),
             extra: Mapping[str, Sequence[Sequence[Any]]] | None = None,
             hidden: Iterable[int] = ()) -> bytes:
    """A filled work list: title rows, the header, `rows`; `extra` sheets; the rows of
    `hidden` (0-based among `rows`) hidden as a filter would hide them."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for t in titles:
        ws.append([t])
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    for i in hidden:
        ws.row_dimensions[len(titles) + 2 + i].hidden = True
    for title, content in (extra or {}).items():
        other = wb.create_sheet(title)
        for r in content:
            other.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def states(result: gk.Progress) -> pd.DataFrame:
    return result.as_plain().actions.set_index("index")[["action", "verified", "reported",
                                                         "discrepancy"]]
