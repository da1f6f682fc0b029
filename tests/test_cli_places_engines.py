"""Issue 25, items 3 and 5 on the command line: one place resolver for every command that
takes --area/--community, and --engine on every command that runs the rules."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from graphkit import engine as E
from graphkit.cli import main
from graphkit.errors import UsageError

from .conftest import SIHUI

SIHUI_2021 = SIHUI.parent / "sihui-2021"


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def _json(capsys: pytest.CaptureFixture[str], *args: object) -> Any:
    code, out, err = run(capsys, *args, "--format", "json")
    assert code == 0, err
    return json.loads(out)


# --- the place resolver -------------------------------------------------------------------


@pytest.mark.parametrize("area", ["东城街道", "东城", "area-dc"])
def test_plan_takes_an_area_by_id_full_or_short_name(capsys, area: str) -> None:
    """`plan --area 东城街道` and `--area 东城` were refused ("no such area"): every form
    now lists the same actions, all of that street."""
    doc = _json(capsys, "plan", SIHUI, "--area", area)
    assert doc["actions"] and {a["area"] for a in doc["actions"]} == {"area-dc"}
    assert doc == _json(capsys, "plan", SIHUI, "--area", "area-dc")


@pytest.mark.parametrize("community", ["沙田园社区", "沙田园", "com-001"])
def test_plan_takes_a_community_by_name(capsys, community: str) -> None:
    doc = _json(capsys, "plan", SIHUI, "--community", community)
    assert {a["community"] for a in doc["actions"]} <= {"com-001"}
    assert doc == _json(capsys, "plan", SIHUI, "--community", "com-001")


def test_diff_takes_a_short_name(capsys) -> None:
    """`diff --area 东城` was refused while 东城街道 was taken."""
    short = _json(capsys, "diff", SIHUI, SIHUI_2021, "--area", "东城")
    assert short == _json(capsys, "diff", SIHUI, SIHUI_2021, "--area", "东城街道")
    assert short == _json(capsys, "diff", SIHUI, SIHUI_2021, "--area", "area-dc")
    assert short != _json(capsys, "diff", SIHUI, SIHUI_2021)


@pytest.mark.parametrize("command", [["audit", SIHUI], ["plan", SIHUI],
                                     ["diff", SIHUI, SIHUI_2021]])
def test_an_unknown_place_gets_the_closest_names_in_chinese(capsys, monkeypatch,
                                                            command: list[Any]) -> None:
    monkeypatch.delenv("GRAPHKIT_LANG", raising=False)
    code, out, err = run(capsys, *command, "--area", "东成")
    assert code == 2 and out == ""
    assert err.startswith("错误：没有街道（镇）“东成”；是否要找：东城街道（area-dc）")
    assert "Traceback" not in err


def test_an_unknown_community_in_chinese_and_in_english(capsys, monkeypatch) -> None:
    monkeypatch.delenv("GRAPHKIT_LANG", raising=False)
    code, _, err = run(capsys, "plan", SIHUI, "--community", "沙田社区")
    assert code == 2 and "没有社区“沙田社区”；是否要找：沙田园社区（com-001" in err
    code, _, err = run(capsys, "plan", SIHUI, "--community", "沙田社区", "--lang", "en")
    assert code == 2 and "no community '沙田社区'; did you mean 沙田园社区 (com-001" in err


def test_an_ambiguous_short_name_lists_the_places(capsys, builder, tmp_path: Path) -> None:
    builder.node("a1", "Area", "新城街道")
    builder.node("a2", "Area", "新城镇", kind="town")
    builder.community("c1", "a1", core="o1")
    builder.unit("u1", "c1")
    data = builder.write(tmp_path / "d")
    code, _, err = run(capsys, "plan", data, "--area", "新城", "--lang", "zh")
    assert code == 2
    assert "名称“新城”不唯一：新城街道（a1）、新城镇（a2）" in err
    assert run(capsys, "plan", data, "--area", "新城镇", "--format", "json")[0] == 0


def test_a_community_outside_the_street_given(capsys) -> None:
    code, _, err = run(capsys, "plan", SIHUI, "--area", "贞山", "--community", "沙田园")
    assert code == 2 and "com-001" in err and "area-zs" in err


# --- --engine on every command that runs the rules --------------------------------------

ENGINE_COMMANDS = [
    ["audit", SIHUI, "--format", "json"],
    ["plan", SIHUI, "--format", "json"],
    ["diff", SIHUI, SIHUI_2021, "--format", "json"],
    ["trend", SIHUI, SIHUI_2021, "--format", "json"],
    ["measures", SIHUI, "--format", "json"],
]


@pytest.mark.parametrize("command", ENGINE_COMMANDS, ids=lambda c: c[0])
def test_every_rule_command_runs_on_the_engine_asked_for(capsys, monkeypatch,
                                                         command: list[Any]) -> None:
    """`--engine polars` is taken by audit, plan, diff, trend and measures (only audit took
    it), the rules run there (the network's tables are loaded into Polars, and DuckDB
    loads none), and the document is the DuckDB one."""
    loads: list[str] = []
    for cls in (E.PolarsEngine, E.DuckDBEngine):
        real = cls._create

        def spy(self, name, table, _real=real):
            loads.append(self.name)
            return _real(self, name, table)
        monkeypatch.setattr(cls, "_create", spy)
    code, out, err = run(capsys, *command, "--engine", "polars")
    assert code == 0, err
    assert loads and set(loads) == {"polars"}
    code, default, err = run(capsys, *command)
    assert code == 0, err
    assert json.loads(out) == json.loads(default)


@pytest.mark.parametrize("command", ENGINE_COMMANDS, ids=lambda c: c[0])
def test_spark_master_needs_engine_spark_everywhere(capsys, command: list[Any]) -> None:
    code, out, err = run(capsys, *command, "--spark-master", "local[1]")
    assert code == 2 and out == "" and "--engine spark" in err


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_unreachable_spark_master_exits_3(capsys) -> None:
    """SPEC 5: a remote engine that cannot be reached exits 3, like the store (it was 2,
    after Spark had retried its registration for a minute)."""
    pytest.importorskip("pyspark")
    from graphkit.rules import _spark

    try:
        _spark.require_java()
    except UsageError as exc:  # no Java here: nothing to start
        pytest.skip(str(exc))
    master = f"spark://127.0.0.1:{_closed_port()}"
    code, out, err = run(capsys, "plan", SIHUI, "--engine", "spark", "--spark-master", master)
    assert code == 3 and out == ""
    assert f"cannot reach the Spark master {master}" in err and "Traceback" not in err
