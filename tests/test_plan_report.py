"""`graphkit plan` (SPEC section 6) and its reports: formats, --apply, filters, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

import graphkit as gk
from graphkit.cli import main
from tests.conftest import SIHUI, Builder

pytestmark = pytest.mark.usefixtures("chinese")


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(scope="module")
def sihui_plan(sihui: gk.Dataset) -> gk.Plan:
    return gk.plan(sihui)


def test_json_is_the_plan_document(capsys, sihui_plan):
    code, out, _ = run(capsys, "plan", SIHUI, "--format", "json")
    assert code == 0
    assert json.loads(out) == json.loads(json.dumps(sihui_plan.to_dict()))


def test_table_is_a_chinese_action_list_by_street_and_community(capsys, sihui_plan):
    code, out, err = run(capsys, "plan", SIHUI)
    assert code == 0
    assert "党组织覆盖整改计划" in out and "各街道（镇）覆盖率：现状与整改后" in out
    names = sihui_plan.names
    areas = [a for a in dict.fromkeys(sihui_plan.actions["area"]) if a]
    pos = [out.index(f"■ {names[a]}") for a in areas]
    assert pos == sorted(pos)  # streets in plan order
    assert "报城中街道党工委审批" in out  # the work list says who approves, for each case
    assert f"共 {len(sihui_plan.actions)} 项措施" in err


def test_markdown_html_and_the_work_list(capsys, tmp_path, sihui_plan):
    for fmt in ("markdown", "html"):
        out = tmp_path / f"plan.{fmt}"
        assert run(capsys, "plan", SIHUI, "--format", fmt, "--out", out)[0] == 0
        text = out.read_text(encoding="utf-8")
        assert "措施清单（按街道、社区）" in text
        # the work list's rows: each action's organization or instructor named
        assert all((a["org"] or a["instructor"]) in text
                   for a in sihui_plan.to_dict()["actions"])
    assert "<!DOCTYPE html>" in (tmp_path / "plan.html").read_text(encoding="utf-8")
    book = tmp_path / "plan.xlsx"
    assert run(capsys, "plan", SIHUI, "--format", "xlsx", "--out", book)[0] == 0
    sheets = pd.read_excel(book, engine="openpyxl", sheet_name=None)
    assert list(sheets) == ["概况", "街道对比", "工作清单", "新增指导员"]
    work = sheets["工作清单"]
    assert len(work) == len(sihui_plan.actions)
    for col in ("单位编号", "存在问题", "整改措施", "优先级", "责任单位", "责任人", "完成时限",
                "进展", "备注", "action_id"):
        assert col in work.columns
    assert set(work["进展"]) == {"未开始"} and work["责任单位"].map(bool).all()
    # 序号 = index + 1 and the hidden action_id = index (SPEC 10): the list reads back
    assert work["action_id"].astype(int).tolist() == list(range(len(sihui_plan.actions)))
    assert work["序号"].tolist() == list(range(1, len(sihui_plan.actions) + 1))
    # who approves is in what to do, for each case
    assert all(any(w in t for w in ("审批", "选派", "联系指导")) for t in work["整改措施"])
    new = sheets["新增指导员"]
    assert new["新增指导员（人）"].sum() == sihui_plan.summary["new_instructors"]


def test_apply_writes_the_planned_dataset(capsys, tmp_path, sihui_plan):
    out = tmp_path / "after"
    code, _, err = run(capsys, "plan", SIHUI, "--format", "json", "--apply", out)
    assert code == 0, err
    after = gk.read_dataset(out)
    assert gk.audit(after).to_dict()["coverage"]["rates"] == sihui_plan.to_dict()[
        "projected"]["rates"]
    code, text, _ = run(capsys, "plan", out, "--format", "json")
    assert code == 0 and json.loads(text)["actions"] == []


def test_area_and_community_filters_list_only_their_actions(capsys, sihui_plan):
    code, out, _ = run(capsys, "plan", SIHUI, "--format", "json", "--area", "area-cz")
    doc = json.loads(out)
    assert code == 0 and doc["actions"]
    assert {a["area"] for a in doc["actions"]} == {"area-cz"}
    assert doc["summary"] == sihui_plan.summary  # the plan is the whole city's
    code, out, _ = run(capsys, "plan", SIHUI, "--format", "json", "--community", "com-025")
    assert {a["community"] for a in json.loads(out)["actions"]} == {"com-025"}
    code, _, err = run(capsys, "plan", SIHUI, "--area", "nowhere")
    assert code == 2 and "nowhere" in err


def test_parameters_from_the_command_line(capsys):
    code, out, _ = run(capsys, "plan", SIHUI, "--format", "json", "--instructor-capacity", 5,
                       "--max-joint-units", 3, "--max-branch-members", 40,
                       "--min-branch-members", 4, "--scope", "two_new")
    s = json.loads(out)["settings"]
    assert code == 0 and s == {"min_branch_members": 4, "max_joint_units": 3,
                               "max_branch_members": 40, "instructor_capacity": 5,
                               "scope": "two_new"}
    assert run(capsys, "plan", SIHUI, "--max-joint-units", 1)[0] == 2


def test_invalid_input_and_unwritable_outputs_exit_2_and_write_nothing(capsys, tmp_path):
    b = Builder()
    b.node("u1", "Unit", members=2)
    b.edge("u1", "missing", "LOCATED_IN")
    bad = b.write(tmp_path / "bad")
    out = tmp_path / "plan.json"
    code, _, err = run(capsys, "plan", bad, "--out", out, "--apply", tmp_path / "after")
    assert code == 2 and "missing" in err and "Traceback" not in err
    assert not out.exists() and not (tmp_path / "after").exists()
    assert run(capsys, "plan", SIHUI, "--format", "xlsx")[0] == 2  # binary needs --out
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "plan", SIHUI, "--out", blocker / "plan.txt")
    assert code == 2 and "Traceback" not in err
    code, _, err = run(capsys, "plan", SIHUI, "--apply", SIHUI)
    assert code == 2 and "会覆盖" in err
    assert run(capsys, "plan", Path(SIHUI) / "nodes.csv")[0] == 2


def test_report_of_a_plan_without_actions(capsys, tmp_path):
    b = Builder()
    b.community("c", core="k")
    b.unit("u", "c", members=5, org="o")
    folder = b.write(tmp_path / "done")
    code, out, _ = run(capsys, "plan", folder)
    assert code == 0 and "无需采取措施" in out
    assert run(capsys, "plan", folder, "--format", "xlsx", "--out", tmp_path / "p.xlsx")[0] == 0


def _formula_named(tmp_path: Path, folder: str, *, second_unit: bool = False) -> Path:
    b = Builder()
    b.node("a1", "Area", "甲街道")
    b.community("c1", "a1", core="o1")
    b.unit("u1", "c1", members=4)
    b.nodes[-1]["name"] = '=HYPERLINK("http://x")'
    b.unit("u3", "c1")
    b.nodes[-1]["name"] = "失控\x1b[31m公司"
    if second_unit:
        b.unit("u2", "c1")
    return b.write(tmp_path / folder)


def _formula_cells(path: Path) -> list[str]:
    from openpyxl import load_workbook

    return [f"{ws.title}!{c.coordinate}" for ws in load_workbook(path) for row in ws.iter_rows()
            for c in row if c.data_type == "f"]


def test_plan_and_diff_workbooks_write_names_as_text(tmp_path, capsys):
    """A name that looks like a formula stays text in the plan's and the diff's workbooks
    (as in the audit's), and control characters are shown, not refused by openpyxl."""
    from openpyxl import load_workbook

    old, new = _formula_named(tmp_path, "a"), _formula_named(tmp_path, "b", second_unit=True)
    assert main(["plan", str(old), "--format", "xlsx", "--out", str(tmp_path / "p.xlsx")]) == 0
    assert main(["diff", str(old), str(new), "--format", "xlsx",
                 "--out", str(tmp_path / "d.xlsx")]) == 0
    for book in ("p.xlsx", "d.xlsx"):
        assert _formula_cells(tmp_path / book) == [], book
        texts = [c.value for ws in load_workbook(tmp_path / book) for row in ws.iter_rows()
                 for c in row if isinstance(c.value, str)]
        assert '=HYPERLINK("http://x")' in texts, book
        assert any("失控␛[31m公司" in t for t in texts), book
