#!/usr/bin/env python3
"""Build ``data/sihui-2021/``: an illustrative second snapshot of the Sihui sample.

It is ``graphkit.synth.evolve`` applied to ``data/sihui`` with seed 2021 (new and closed
units, branches formed, instructors assigned, some regressions), dated 2021-09-30, plus a
README that says what is made up and summarizes the diff. Deterministic: the same
``data/sihui`` always gives byte-identical files, so rerun it whenever ``data/sihui``
changes::

    .venv/bin/python scripts/make_sihui_2021.py           # (re)write data/sihui-2021
    .venv/bin/python scripts/make_sihui_2021.py --check   # exit 1 when it is out of date
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import graphkit as gk
from graphkit.synth import evolve

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "data" / "sihui"
TARGET = REPO / "data" / "sihui-2021"
SEED = 2021
SNAPSHOT = "2021-09-30"
NAME = "四会市城区基层党建网络（示例，2021 年）"
DESCRIPTION = (
    "示意数据：由 data/sihui（2020-09-30 快照）经 graphkit.synth.evolve（种子 2021）生成的"
    "第二期快照，用于演示快照对比（graphkit diff）。一年间新增和关闭的单位、新建的党组织和"
    "联合党支部、选派的指导员、覆盖退步、党员数和评级的变化、共建协议的签订与终止全部是虚构的，"
    "不是四会市的真实数据；原文数字只适用于 2020 年快照。 Illustrative second snapshot: every "
    "change from the 2020 sample is made up."
)
FILES = ("nodes.csv", "edges.csv", "dataset.json", "README.md")


def _pp(x: float | None) -> str:
    return "—" if x is None else f"{x:+.1f} 个百分点"


def readme(d: gk.Diff, info: dict[str, int]) -> str:
    """The README of the folder: what is made up, how it was made, the diff in figures."""
    doc = d.to_dict()
    o = doc["rates"]["overall"]
    u = doc["units"]
    f = doc["findings"]
    verdict = "有退步（单位覆盖状态下降或总体覆盖率下降）" if doc["regression"] else "没有退步"
    rows = "\n".join(
        f"| {name} | {100 * o[m]['old']:.1f}% | {100 * o[m]['new']:.1f}% | {_pp(o[m]['delta'])} |"
        for m, name in (("own", "单独组建率"), ("organization", "组织覆盖率"),
                        ("work", "工作覆盖率")))
    return f"""# 四会市城区基层党建网络，2021 年快照（示意数据）

> **English summary.** An *illustrative* second snapshot of the `data/sihui` sample, dated
> {SNAPSHOT}, made by `graphkit.synth.evolve` (seed {SEED}) to demonstrate `graphkit diff`
> and `graphkit trend`. **Every change from the 2020 snapshot is made up**; the figures of
> the source article describe 2020 only. Regenerate with `python scripts/make_sihui_2021.py`
> (byte-identical on every run; rerun it whenever `data/sihui` changes).

## 什么是虚构的

**本期相对 2020 年快照（`data/sihui`，2020-09-30）的全部变化都是虚构的示意**，由
`graphkit.synth.evolve(种子 {SEED})` 按固定规则随机生成，不是四会市 2021 年的真实情况：

- 新增的 {info['units_added']} 个单位（编号 `unit-2021-NNNN`）及其名称、类型、党员数、所在社区；
- 关闭的 {info['units_closed']} 个单位（连同其党组织和关系一并删除）；
- 新建的 {info['branches_formed']} 个单位党组织和 {info['joint_branches_formed']} 个联合党支部
  （编号 `org-2021-NNNN`）；
- 新选派指导员的 {info['instructors_assigned']} 个单位（新指导员编号 `p-2021-NNNN`）；
- {info['regressions']} 处退步（失去联合或挂靠覆盖、指导员离任、党员不足 3 名的单位党组织撤销）；
- 单位党员数、党组织评级的变化，新签订和终止的同驻共建协议。

2020 年快照中依据原文的数字（42 个驻点团队、3398 件问题、109 支志愿服务队等）只适用于
2020 年；本期不再保证与原文一致。其余名称、关系本来就是虚构示意（见 `data/sihui/README.md`）。

## 与 2020 年快照对比（`graphkit diff data/sihui data/sihui-2021`）

| 指标 | 2020 | 2021 | 变化 |
|---|---|---|---|
{rows}

- 两期都有的单位中覆盖状态进步 {len(u['improved'])} 个、退步 {len(u['regressed'])} 个；
  新增单位 {len(u['added'])} 个，撤销 {len(u['removed'])} 个。
- 问题（发现）：新增 {len(f['new'])} 项，已解决 {len(f['resolved'])} 项，
  持续 {len(f['persisting'])} 项。
- {verdict}，所以 `graphkit diff data/sihui data/sihui-2021 --fail-on-regression` 的退出码为
  {1 if doc['regression'] else 0}。

## 文件

`nodes.csv`、`edges.csv`、`dataset.json`，格式同 `data/sihui`（见 `docs/SPEC.md` 第 1 节）。
"""


def build(out: Path) -> None:
    info = evolve(SOURCE, out, seed=SEED, snapshot=SNAPSHOT, name=NAME,
                  description=DESCRIPTION)
    d = gk.diff(gk.read_dataset(SOURCE), gk.read_dataset(out))
    (out / "README.md").write_text(readme(d, info), encoding="utf-8", newline="\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not write; exit 1 when data/sihui-2021 is out of date")
    args = parser.parse_args(argv)
    if not args.check:
        build(TARGET)
        print(f"wrote {TARGET.relative_to(REPO)}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
        stale = [n for n in FILES if not (TARGET / n).exists()
                 or (TARGET / n).read_bytes() != (Path(tmp) / n).read_bytes()]
    if stale:
        print("data/sihui-2021 is out of date (run scripts/make_sihui_2021.py): "
              + ", ".join(stale), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
