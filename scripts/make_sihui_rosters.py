#!/usr/bin/env python3
"""Build ``data/sihui-rosters/``: the Sihui sample as the offices hold it (SPEC section 9).

The network of ``data/sihui`` written as the rosters four offices keep, the way real
exports look: a title row above the header; the market regulator's register as a GBK CSV
(the "ANSI" of Chinese Windows) keyed by unified social credit codes for the two-new units;
headers with bracket remarks, full-width brackets and synonyms (单位性质, 正式党员数（人）,
组织类别, 镇街); the 四会市 prefix on some references and not others, community names
without 社区; organizations named formally (``中共…支部委员会``) whose home is only in their
name; some units placed only by an address, through the civil-affairs bureau's 门牌 roster;
序号 and 备注 columns, which are not read. ``graphkit import data/sihui-rosters --out X``
then ``graphkit audit X`` gives the article's figures (``tests/test_sample_rosters.py``).

Deterministic in content (the workbooks' zip timestamps aside); the script checks that the
rosters import without a problem into the same network as ``data/sihui`` (ids aside)::

    .venv/bin/python scripts/make_sihui_rosters.py            # (re)write data/sihui-rosters
    .venv/bin/python scripts/make_sihui_rosters.py /tmp/out   # elsewhere
"""

from __future__ import annotations

import argparse
import csv
import datetime
import hashlib
import io
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from openpyxl import Workbook

import graphkit as gk
from graphkit.adapters.rosters import vocabulary as RV
from graphkit.adapters.rosters._inverse import roster_rows
from graphkit.adapters.rosters._normalize import CODE_CHARS, code_check_char

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "data" / "sihui"
TARGET = REPO / "data" / "sihui-rosters"
CITY = "四会市"
#: A fixed time for the workbooks' properties (created/modified).
STAMP = datetime.datetime(2020, 9, 30, 9, 0, 0)
#: Formal suffixes of organization names (the member-management system's way).
FORMAL = {"党支部": "支部委员会", "党总支": "总支部委员会", "党委": "委员会"}

README = """# 四会市城区基层党建网络：各部门名册（示例数据）

> **English summary.** The illustrative Sihui sample (`data/sihui`) as four offices keep it:
> rosters, not a graph. `graphkit import data/sihui-rosters --out X` then
> `graphkit audit X` reproduces every figure of the article, as `data/sihui` does. Built by
> `scripts/make_sihui_rosters.py` from `data/sihui`; everything but the article's figures is
> made up, as there (the unified social credit codes too: valid check characters, invented).

| 文件 | 哪个部门 | 名册 |
|---|---|---|
| `组织部-党组织名册.xlsx` | 市委组织部（全国党员管理信息系统导出） | 党组织、指导员、报到党员 |
| `市场监管局-单位登记.csv` | 市场监管局（GBK 编码的 CSV） | 单位（两新组织带统一社会信用代码） |
| `民政局-区划.xlsx` | 民政局 | 街道、社区、小区、门牌 |
| `各街道-工作台账.xlsx` | 各街道 | 团队、党群服务中心、共驻共建、联席会议 |

和真实导出一样：表头上方有标题行；表头有“（人）”等括号备注和同义词（单位性质、正式党员数、
组织类别、镇街）；引用的名称有的带“四会市”、有的不带，社区有的不写“社区”；部分党组织按系统
写法命名（“中共××支部委员会”），所在单位只体现在名称里；部分单位只有地址，由门牌名册认定所在
社区；序号、备注列不读取。

导入：

```sh
graphkit import data/sihui-rosters --out /tmp/sihui
graphkit audit /tmp/sihui
```
"""


def credit_code(key: str, prefix: str) -> str:
    """A made-up unified social credit code with a valid check character."""
    digest = hashlib.sha256(key.encode()).digest()
    body = prefix + "".join(CODE_CHARS[b % len(CODE_CHARS)] for b in digest[:17 - len(prefix)])
    return body + code_check_char(body)


def as_dicts(kind: str, rows: list[list[Any]]) -> list[dict[str, Any]]:
    return [dict(zip(RV.ROSTERS[kind].fields, r, strict=True)) for r in rows]


def short(name: str) -> str:
    return name[len(CITY):] if name.startswith(CITY) else name


def build(ds: gk.Dataset) -> dict[str, list[dict[str, Any]]]:
    """The rosters of `ds` (the inverse), then made to look like the offices' exports."""
    rows, _ = roster_rows(ds)
    r = {kind: as_dicts(kind, rows[kind]) for kind in RV.ROSTERS}
    # the market regulator keys the two-new units by credit code
    code_of = {}
    for u in r["单位"]:
        kind = RV.UNIT_TYPES.get(u["单位类型"])
        if kind in ("enterprise", "market", "social_org"):
            u["统一社会信用代码"] = credit_code(u["单位名称"], "51441284" if kind ==
                                               "social_org" else "91441284")
            code_of[u["单位名称"]] = u["统一社会信用代码"]
    # organizations named formally, home only in the name (every other one that can be)
    renamed = {}
    homes = ("所在单位", "所在社区", "所在小区")
    for i, o in enumerate(r["党组织"]):
        home = next((o[h] for h in homes if o[h]), None)
        m = re.fullmatch(r"(?P<x>.+?)(党支部|党总支|党委)", o["党组织名称"])
        if home and m and m["x"] == home and i % 2 == 0 and not o["联合覆盖单位"]:
            new = f"中共{m['x']}{FORMAL[m[2]]}"
            renamed[o["党组织名称"]] = new
            o["党组织名称"] = new
            for h in homes:
                o[h] = None
    for kind, fields in (("党组织", ("上级党组织",)), ("共驻共建", ("单位党组织", "社区党组织")),
                         ("团队", ("派出单位",)), ("党群服务中心", ("运营党组织",)),
                         ("报到党员", ("所在党组织",)), ("联席会议", ("小区党组织",))):
        for row in r[kind]:
            for f in fields:
                if row[f]:
                    row[f] = "、".join(renamed.get(x, x) for x in row[f].split("、"))
    # the 四会市 prefix on some references and not others; 社区 sometimes left out
    for i, u in enumerate(r["单位"]):
        if u["所在社区"] and i % 3 == 1:
            u["所在社区"] = CITY + u["所在社区"]
        elif u["所在社区"] and i % 3 == 2:
            u["所在社区"] = u["所在社区"].removesuffix("社区")
    for i, t in enumerate(r["团队"]):
        if i % 2:
            t["派出单位"] = "、".join(short(x) for x in t["派出单位"].split("、"))
    for i, o in enumerate(r["党组织"]):
        if o["所在单位"] and i % 4 == 1 and o["所在单位"] in code_of:
            o["所在单位"] = code_of[o["所在单位"]]           # by credit code (rule 1)
        elif o["所在单位"] and i % 4 == 3:
            o["所在单位"] = short(o["所在单位"])
    # some units placed only by their address, through road ranges (门牌)
    placed = defaultdict(list)
    for i, u in enumerate(r["单位"]):
        if u["所在社区"] and not u["所在小区"] and i % 5 == 0:
            community = u["所在社区"].removeprefix(CITY)
            community = community if community.endswith("社区") else community + "社区"
            placed[community].append(u)
    streets = {c["社区名称"]: c["所属街道"] for c in r["社区"]}
    for n, (community, units) in enumerate(sorted(placed.items())):
        road = community.removesuffix("社区") + "路"
        r["门牌"].append({"社区": community, "道路": road, "起号": 1, "止号": 299,
                         "单双": None, "所属街道": None})
        # a road two communities share, one side each
        side = "单" if n % 2 == 0 else "双"
        block = (n // 2) * 100
        r["门牌"].append({"社区": community, "道路": "环城路", "起号": block + 1,
                         "止号": block + 99, "单双": side, "所属街道": None})
        for k, u in enumerate(units):
            if k % 2 == 0:
                u["地址"] = f"{CITY}{streets[community]}{road}{2 * k + 1}号"
            else:
                number = block + 1 + 2 * k + (0 if side == "单" else 1)
                u["地址"] = f"环城路{number}号{k + 1}楼"
            u["所在社区"] = None
    # full-width brackets in a few unit names, written half-width where they are referred to
    for u in r["单位"][:3]:
        u["单位名称"] = f"{u['单位名称']}（总部）"
    names = {u["单位名称"].removesuffix("（总部）"): u["单位名称"] for u in r["单位"][:3]}
    for o in r["党组织"]:
        if o["所在单位"] in names:
            o["所在单位"] = names[o["所在单位"]].replace("（", "(").replace("）", ")")
    for kind in ("团队", "党群服务中心", "联席会议", "党组织", "指导员"):
        for row in r[kind]:
            for f in ("派出单位", "服务范围", "参会单位", "联合覆盖单位", "挂靠单位", "指导单位"):
                if row.get(f):
                    row[f] = "、".join(names.get(x, x) for x in row[f].split("、"))
    return r


#: How each office writes its headers (the standard field -> the header of the export).
HEADERS = {
    "单位": {"单位类型": "单位性质", "党员数": "正式党员数（人）", "所属街道": "镇街"},
    "党组织": {"党组织类别": "组织类别", "党员数": "党员数（人）", "星级": "评定等次"},
    "团队": {"人数": "人数（人）", "解决问题数": "解决问题数（件）"},
    "党群服务中心": {"面积": "面积（㎡）"},
}
TITLES = {"街道": "四会市街道（镇）名册", "社区": "四会市城市社区名册",
          "小区": "四会市居民小区名册", "门牌": "四会市门牌号段表",
          "单位": "四会市单位名册（市场监管局导出，两新组织带统一社会信用代码）",
          "党组织": "中共四会市委组织部 党组织名册（全国党员管理信息系统导出）",
          "指导员": "党建工作指导员名册", "报到党员": "在职党员到社区报到名册",
          "团队": "驻点团队和志愿服务队台账", "党群服务中心": "党群服务中心台账",
          "共驻共建": "同驻共建责任书签订台账", "联席会议": "小区党支部联席会议台账"}
FILES = {"组织部-党组织名册.xlsx": ("党组织", "指导员", "报到党员"),
         "民政局-区划.xlsx": ("街道", "社区", "小区", "门牌"),
         "各街道-工作台账.xlsx": ("团队", "党群服务中心", "共驻共建", "联席会议")}
CSV_FILE = "市场监管局-单位登记.csv"


def table(kind: str, rows: list[dict[str, Any]]) -> list[list[Any]]:
    """Title row, header (序号 first, 备注 last), rows."""
    fields = [f for f in RV.ROSTERS[kind].fields if any(r.get(f) not in (None, "")
                                                       for r in rows)
              or f in RV.ROSTERS[kind].required]
    header = ["序号", *(HEADERS.get(kind, {}).get(f, f) for f in fields), "备注"]
    out = [[TITLES[kind]] + [None] * (len(header) - 1), header]
    for i, r in enumerate(rows, start=1):
        out.append([i, *(r.get(f) for f in fields), None])
    return out


def write(r: dict[str, list[dict[str, Any]]], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, kinds in FILES.items():
        wb = Workbook()
        wb.remove(wb.active)
        wb.properties.created = wb.properties.modified = STAMP
        for kind in kinds:
            ws = wb.create_sheet(kind)
            for row in table(kind, r[kind]):
                ws.append(row)
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(row))
        wb.save(folder / name)
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    for row in table("单位", r["单位"]):
        w.writerow(["" if v is None else v for v in row])
    (folder / CSV_FILE).write_bytes(buf.getvalue().encode("gbk"))
    (folder / "README.md").write_text(README, encoding="utf-8")


def check(folder: Path, ds: gk.Dataset) -> None:
    """The rosters import without a problem into the network of `ds` (same counts and
    the same audit)."""
    back, review = gk.import_rosters(folder, partial=False)
    if back is None:
        sys.exit("the rosters do not import cleanly:\n" + "\n".join(review.lines()[:20]))
    assert back.counts() == ds.counts(), (back.counts(), ds.counts())
    assert len(back.edges) == len(ds.edges), (len(back.edges), len(ds.edges))
    a, b = gk.audit(ds).to_dict(), gk.audit(back).to_dict()
    assert a["coverage"]["rates"] == b["coverage"]["rates"]
    assert a["mechanisms"]["city"] == b["mechanisms"]["city"]
    print(f"{folder}: {sum(review.rows_read.values()):,} rows; resolved {review.resolved}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", nargs="?", type=Path, default=TARGET)
    args = ap.parse_args()
    ds = gk.read_dataset(SOURCE)
    write(build(ds), args.out)
    check(args.out, ds)


if __name__ == "__main__":
    main()
