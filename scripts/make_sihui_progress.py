#!/usr/bin/env python3
"""Build the sample's story of a plan followed through (SPEC section 10).

From ``data/sihui`` (the 2020-09-30 snapshot) and its gap-closing plan it writes:

* ``data/sihui-plan.json`` — the plan (``graphkit plan data/sihui --format json``);
* ``data/sihui-2021-06/`` — an illustrative snapshot of 2021-06-30 that carries out part of
  the plan (:func:`graphkit.synth.carry_out`): some actions done, a joint branch formed
  for one of its two units, the rest not done, one unit closed; and its README;
* ``data/sihui-worklist-2021-06.xlsx`` — the plan's work list (``graphkit plan data/sihui
  --format xlsx``) as the streets filled it in: 进展, 完成时限 and 责任人 per action, with
  the discrepancies a supervisor meets (reported done but not in the data, done but not
  reported, overdue) and one 进展 typed over (暂缓, outside the drop-down).

Then ``graphkit progress data/sihui-plan.json data/sihui-2021-06 --worklist
data/sihui-worklist-2021-06.xlsx`` tells the story. Deterministic: rerun it whenever
``data/sihui`` or the work list's format changes::

    .venv/bin/python scripts/make_sihui_progress.py           # (re)write the files
    .venv/bin/python scripts/make_sihui_progress.py --check   # exit 1 when out of date
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

import graphkit as gk
from graphkit.analysis.worklist import read_worklist
from graphkit.cli import main as graphkit
from graphkit.synth import carry_out

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "data"
SOURCE = DATA / "sihui"
PLAN = DATA / "sihui-plan.json"
SNAPSHOT_DIR = DATA / "sihui-2021-06"
WORKLIST = DATA / "sihui-worklist-2021-06.xlsx"
SNAPSHOT = "2021-06-30"
NAME = "四会市城区基层党建网络（示例，2021 年 6 月）"
DESCRIPTION = (
    "示意数据：由 data/sihui（2020-09-30 快照）及其整改计划（data/sihui-plan.json）经 "
    "graphkit.synth.carry_out 生成的 2021-06-30 快照，用于演示核验整改计划的落实情况"
    "（graphkit progress）。哪些措施已落实、部分落实、未落实，哪个单位注销，全部是虚构的，"
    "不是四会市的真实情况。 Illustrative snapshot: which actions were carried out is made up."
)

#: What happened to each action of the plan (by its index), and what the street reported
#: in the work list: (进展, 完成时限, 责任人). The plan of data/sihui has 20 actions.
DONE = [0, 1, 2, 3, 5, 6, 10, 11, 14, 15]
PARTLY = {16: ["unit-0208"]}  # the joint branch covers one of its two units so far
CLOSED = ["unit-0213"]  # 四会市日升人力资源服务有限公司 closed (action 13)
REPORTED: dict[int, tuple[Any, Any, str | None]] = {
    0: ("已完成", dt.date(2021, 3, 31), "社区党委书记"),
    1: ("已完成", dt.date(2021, 4, 30), "社区党总支书记"),
    2: ("已完成", dt.date(2021, 5, 31), "联合党支部书记"),
    3: ("推进中", dt.date(2021, 5, 31), "联合党支部书记"),   # done, not reported
    4: ("推进中", dt.date(2021, 9, 30), "联合党支部书记"),
    5: ("已完成", dt.date(2021, 4, 30), "街道党建办"),
    6: ("已完成", dt.date(2021, 4, 30), "街道党建办"),
    7: ("已完成", dt.date(2021, 5, 31), "社区党委组织委员"),  # reported done, not in the data
    8: ("未开始", dt.date(2021, 5, 31), "街道党建办"),        # overdue
    9: ("推进中", dt.date(2021, 6, 30), "社区党委组织委员"),  # due on the snapshot date
    10: ("已完成", "2021年5月20日", "街道党建办"),            # a date typed as text
    11: (None, dt.date(2021, 6, 30), "街道党建办"),           # done, 进展 left blank
    12: ("推进中", dt.date(2021, 3, 31), "社区党总支书记"),   # overdue
    13: ("未开始", dt.date(2021, 6, 30), "街道党建办"),       # the unit closed: gone
    14: ("已完成", dt.date(2021, 5, 31), "街道党建办"),
    15: ("已完成", dt.date(2021, 5, 31), "街道党建办"),
    16: ("已完成", dt.date(2021, 6, 15), "社区党委书记"),     # only one unit covered
    17: ("暂缓", dt.date(2021, 12, 31), "街道党建办"),        # typed over the drop-down
    18: ("未开始", None, None),
    19: ("推进中", dt.date(2021, 9, 30), "街道党建办"),
}
_STATE_ZH = gk.vocab.VERIFIED_NAMES_ZH
_DISC_ZH = gk.vocab.DISCREPANCY_NAMES_ZH


def _write_plan(plan_path: Path, xlsx_path: Path) -> None:
    for fmt, out in (("json", plan_path), ("xlsx", xlsx_path)):
        rc = graphkit(["plan", str(SOURCE), "--format", fmt, "--out", str(out)])
        if rc:
            raise SystemExit(f"graphkit plan --format {fmt} failed ({rc})")


def _fill(blank: Path, out: Path, plan: gk.Plan) -> None:
    """The plan's work list with REPORTED written in, row by row (found by the hidden
    action_id column, else by the unit ids)."""
    wb = load_workbook(blank)
    for ws in wb.worksheets:
        header_row, cols = None, {}
        for r in range(1, 31):
            values = [c.value for c in ws[r]]
            if "进展" in values:
                header_row = r
                cols = {v: i + 1 for i, v in enumerate(values) if isinstance(v, str)}
                break
        if header_row is None:
            continue
        units = {"、".join(u): i for i, u in enumerate(plan.actions["units"])}
        for r in range(header_row + 1, ws.max_row + 1):
            if "action_id" in cols:
                key = ws.cell(r, cols["action_id"]).value
                index = int(key) if key not in (None, "") else None
            else:
                index = units.get(str(ws.cell(r, cols["单位编号"]).value or ""))
            if index is None or index not in REPORTED:
                continue
            progress, due, person = REPORTED[index]
            ws.cell(r, cols["进展"]).value = progress
            cell = ws.cell(r, cols["完成时限"])
            cell.value = due
            if isinstance(due, dt.date):
                cell.number_format = "yyyy-mm-dd"
            if "责任人" in cols:
                ws.cell(r, cols["责任人"]).value = person
    fixed = dt.datetime(2021, 6, 30, 18, 0, 0)
    wb.properties.created = wb.properties.modified = fixed
    wb.properties.creator = wb.properties.lastModifiedBy = "graphkit 示例"
    wb.save(out)


def readme(result: gk.Progress, plan: gk.Plan) -> str:
    doc = result.to_dict()
    names = {**dict(zip(plan.units["id"], plan.units["name"], strict=True)), **result.names}
    rows = []
    for a in doc["actions"]:
        who = "、".join(names.get(u, u) for u in a["units"])
        rows.append(f"| {a['index'] + 1} | {gk.planning.ACTION_NAMES_ZH[a['action']]} | {who} | "
                    f"{_STATE_ZH[a['verified']]} | "
                    f"{gk.vocab.PROGRESS_NAMES_ZH.get(a['reported'], '—')} | "
                    f"{_DISC_ZH.get(a['discrepancy'], '') if a['discrepancy'] else ''} |")
    table = "\n".join(rows)
    d = doc["summary"]["discrepancies"]
    r = doc["rates"]
    rate_rows = "\n".join(
        f"| {zh} | {100 * r['projected']['rates'][m]:.1f}% | {100 * r['actual']['rates'][m]:.1f}% "
        f"| {r['delta']['rates'][m]:+.1f} 个百分点 |"
        for m, zh in (("own", "单独组建率"), ("organization", "组织覆盖率"),
                      ("work", "工作覆盖率")))
    return f"""# 四会市城区基层党建网络，2021 年 6 月快照（示意数据）

> **English summary.** An *illustrative* snapshot of the `data/sihui` sample, dated
> {SNAPSHOT}, that carries out **part** of the sample's gap-closing plan
> (`data/sihui-plan.json`), made by `graphkit.synth.carry_out` to demonstrate
> `graphkit progress`. Which actions were carried out, and the filled work list
> `data/sihui-worklist-2021-06.xlsx`, are **made up**. Regenerate with
> `python scripts/make_sihui_progress.py`.

## 什么是虚构的

本期相对 2020 年快照（`data/sihui`）的全部变化都是虚构的示意，由
`scripts/make_sihui_progress.py` 按整改计划（`data/sihui-plan.json`，{len(plan.actions)} 项措施）
生成：{len(DONE)} 项措施已落实，1 项新建联合党支部只覆盖了其中 1 个单位，1 个单位
（{names.get(CLOSED[0], CLOSED[0])}）已注销，其余未落实；除此之外与 2020 年快照相同。
街道填报的工作清单 `data/sihui-worklist-2021-06.xlsx` 也是虚构的：其中有报已完成但数据未体现、
已完成但未报、逾期未完成的措施，还有一格进展被改写为“暂缓”（不在下拉列表中）。

## 核验

```sh
graphkit progress data/sihui-plan.json data/sihui-2021-06 \\
    --worklist data/sihui-worklist-2021-06.xlsx
```

| 序号 | 措施 | 单位 | 核验 | 填报 | 不一致 |
|---|---|---|---|---|---|
{table}

不一致：报已完成但数据未体现 {d.get('reported_done_not_verified', 0)} 项，已完成但未报
{d.get('done_not_reported', 0)} 项，逾期未完成 {d.get('overdue', 0)} 项。

| 指标 | 计划预计 | 实际（{SNAPSHOT}） | 差 |
|---|---|---|---|
{rate_rows}

## 文件

`nodes.csv`、`edges.csv`、`dataset.json`，格式同 `data/sihui`（见 `docs/SPEC.md` 第 1 节）。
"""


def build(plan_path: Path, snapshot_dir: Path, worklist: Path) -> None:
    ds = gk.read_dataset(SOURCE)
    plan = gk.plan(ds)
    assert len(plan.actions) == len(REPORTED), "the plan of data/sihui changed: revise"
    later = carry_out(plan, DONE, partly=PARTLY, close=CLOSED, snapshot=SNAPSHOT, name=NAME,
                      description=DESCRIPTION)
    gk.write_dataset(later, snapshot_dir)
    with tempfile.TemporaryDirectory() as tmp:
        blank = Path(tmp) / "plan.xlsx"
        _write_plan(plan_path, blank)
        _fill(blank, worklist, plan)
    result = gk.progress(plan_path, snapshot_dir, worklist)
    (snapshot_dir / "README.md").write_text(readme(result, plan), encoding="utf-8",
                                            newline="\n")


def _cells(path: Path) -> list[tuple[Any, ...]]:
    filled = read_worklist(path)
    return [tuple(map(str, r)) for r in filled.rows.itertuples(index=False)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when the files are out of date")
    args = parser.parse_args(argv)
    if not args.check:
        build(PLAN, SNAPSHOT_DIR, WORKLIST)
        for p in (PLAN, SNAPSHOT_DIR, WORKLIST):
            print(f"wrote {p.relative_to(REPO)}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        build(t / "plan.json", t / "snap", t / "w.xlsx")
        stale = [str(PLAN.relative_to(REPO))] if PLAN.read_bytes() != (
            t / "plan.json").read_bytes() else []
        stale += [f"{SNAPSHOT_DIR.relative_to(REPO)}/{n}" for n in
                  ("nodes.csv", "edges.csv", "dataset.json", "README.md")
                  if not (SNAPSHOT_DIR / n).exists()
                  or (SNAPSHOT_DIR / n).read_bytes() != (t / "snap" / n).read_bytes()]
        if not WORKLIST.exists() or _cells(WORKLIST) != _cells(t / "w.xlsx"):
            stale.append(str(WORKLIST.relative_to(REPO)))
    if stale:
        print("out of date (run scripts/make_sihui_progress.py): " + ", ".join(stale),
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
