"""Issue 25, item 4: Chinese throughout the command line by default — the help of every
command and option, click's own words, every verdict and message — and English with
--lang en or GRAPHKIT_LANG=en."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import click
import pytest

from graphkit.cli import cli, main
from graphkit.cli._help import option_help

from .conftest import REPO, SIHUI

SIHUI_2021 = SIHUI.parent / "sihui-2021"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """No GRAPHKIT_LANG: the default (the suite otherwise reads English)."""
    monkeypatch.delenv("GRAPHKIT_LANG", raising=False)


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


COMMANDS = sorted(cli.commands)


def test_every_command_and_option_has_help_in_the_catalogue() -> None:
    from graphkit import messages

    missing = []
    for name, command in cli.commands.items():
        if not messages.has(f"cli.{name}"):
            missing.append(name)
        for param in command.params:
            if isinstance(param, click.Option) and option_help(name, param) is None:
                missing.append(f"{name} {param.opts[0]}")
    assert not missing


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_chinese(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert out.startswith(f"用法：graphkit {command} [选项]")
    assert "\n选项：\n" in out
    for english in ("Usage:", "Options:", "Show this message", "[default:", "[required]"):
        assert english not in out
    # every option's description says something in Chinese
    rows = re.findall(r"^  (-[^\n]*?)  +(\S[^\n]*)$", out, re.M)
    assert rows and all(CJK.search(text) for _, text in rows), rows


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_english_on_request(capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch, command: str) -> None:
    code, out, _ = run(capsys, command, "--help", "--lang", "en")
    assert code == 0 and out.startswith(f"Usage: graphkit {command} [OPTIONS]")
    assert not CJK.search(re.sub(r"[“”\"]?[\u4e00-\u9fff]+[”\"]?( for [\u4e00-\u9fff]+)?", "",
                                 out)) or "东城" in out
    monkeypatch.setenv("GRAPHKIT_LANG", "en")
    code, again, _ = run(capsys, command, "--help")
    assert again == out


def test_the_group_lists_the_commands_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "\n命令：\n" in out
    listed = re.findall(r"^  (\w+) +(.+)$", out.split("命令：")[1], re.M)
    assert [c for c, _ in listed] == COMMANDS
    assert all(CJK.search(text) for _, text in listed)


def test_help_fits_an_80_column_terminal(capsys: pytest.CaptureFixture[str],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Chinese characters take two columns: the help is wrapped by display width."""
    from rich.cells import cell_len

    monkeypatch.setenv("COLUMNS", "80")
    for command in COMMANDS:
        _, out, _ = run(capsys, command, "--help")
        too_wide = [line for line in out.splitlines() if cell_len(line) > 80
                    and " " in line.strip()]  # a single long token cannot be broken
        assert not too_wide, (command, too_wide)


# --- click's own words ---------------------------------------------------------------------


@pytest.mark.parametrize("args, said", [
    (["audit", SIHUI, "--frmat", "json"], "错误：没有选项 '--frmat'。"),
    (["audit"], "错误：缺少参数 'DATASET'"),
    (["audit", SIHUI, "--format", "pdf"], "错误：'--format' 的值无效：'pdf' 不是"),
    (["audit", SIHUI, "--fail-under-work", "2"], "不在范围 0<=x<=1 内"),
    (["nosuch"], "错误：没有命令 'nosuch'。"),
])
def test_usage_errors_are_chinese(capsys: pytest.CaptureFixture[str], args: list[object],
                                  said: str) -> None:
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert said in err and "用法：graphkit" in err and "查看帮助" in err
    assert "Error" not in err and "Usage" not in err


def test_a_bad_language_is_refused_in_chinese(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GRAPHKIT_LANG", "fr")
    code, _, err = run(capsys, "validate", SIHUI)
    assert code == 2 and "'fr' 不是 'zh', 'en' 之一" in err


# --- verdicts and messages ----------------------------------------------------------------


def _invalid(tmp_path: Path) -> Path:
    d = tmp_path / "bad"
    d.mkdir(exist_ok=True)
    (d / "nodes.csv").write_text("id,label,name\nx,Bogus,怪\nx,Unit,重复\n", encoding="utf-8")
    (d / "edges.csv").write_text("source,target,type\n", encoding="utf-8")
    return d


def test_validation_verdicts(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", _invalid(tmp_path))
    assert code == 2
    assert re.search(r"bad：无效（2 个错误，\d+ 个警告）", err)
    assert "nodes.csv:2 [label]: 错误: 节点 'x' 的 label 'Bogus' 无效" in err
    assert "invalid" not in err and "error" not in err
    code, _, err = run(capsys, "audit", _invalid(tmp_path))
    assert code == 2 and "数据集无效：2 个错误；未写出任何文件" in err
    code, out, _ = run(capsys, "validate", SIHUI)
    assert code == 0 and "：有效（0 个错误" in out
    code, _, err = run(capsys, "validate", _invalid(tmp_path), "--lang", "en")
    assert "bad: invalid (2 error(s)" in err


def test_audit_messages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "r.md"
    code, _, err = run(capsys, "audit", SIHUI, "--format", "markdown", "--out", out_file,
                       "--fail-under-work", "0.99")
    assert code == 1
    assert f"报告已写入 {out_file}" in err
    assert "未达门槛：工作覆盖率 0.9554 < 要求的 0.99（范围内 381 个单位）" in err
    assert "report written" not in err and "threshold failed" not in err
    code, _, err = run(capsys, "audit", SIHUI, "--format", "xlsx")
    assert code == 2 and "错误：--format xlsx 写出的是二进制文件：请给出 --out PATH" in err


def test_diff_and_plan_messages(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "diff", SIHUI, SIHUI_2021, "--fail-on-regression",
                       "--format", "json", "--out", tmp_path / "d.json")
    assert code == 1
    assert f"比较报告已写入 {tmp_path / 'd.json'}" in err
    assert re.search(r"出现倒退：\d+ 个单位倒退；下降的总体覆盖率：", err)
    assert "regression:" not in err
    code, _, err = run(capsys, "plan", SIHUI, "--format", "json", "--out", tmp_path / "p.json")
    assert code == 0 and "计划已写入" in err and re.search(r"共 \d+ 项措施：单独建支部", err)


def test_store_errors_are_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "audit", "bolt://db.local:http")
    assert code == 2 and "错误：Neo4j 地址 'bolt://db.local:http' 无效：端口 'http'" in err
    code, _, err = run(capsys, "audit", "bolt://127.0.0.1:1", "--timeout", "1",
                       "--password", "s3cret")
    assert code == 3 and "错误：无法连接 bolt://127.0.0.1:1 的 Neo4j" in err
    assert "s3cret" not in err


def test_an_output_that_cannot_be_written(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    code, _, err = run(capsys, "audit", SIHUI, "--out", tmp_path)
    assert code == 2 and f"错误：无法写入 {tmp_path}：它是文件夹" in err


def test_the_console_script_speaks_chinese(tmp_path: Path) -> None:
    """The installed program, from a fresh process: --help, an error."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)}
    done = subprocess.run([sys.executable, "-m", "graphkit", "plan", "-h"], env=env,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0 and done.stdout.startswith("用法：graphkit plan")
    done = subprocess.run([sys.executable, "-m", "graphkit", "plan", str(SIHUI), "--area",
                           "东城区"], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 2 and "没有街道（镇）“东城区”" in done.stderr
