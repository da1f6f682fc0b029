"""Reports for planners: the Excel workbook and the self-contained HTML page, opened the
way a person would (pandas / openpyxl, headless Chromium)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest
from matplotlib.image import imread

import graphkit as gk
from graphkit.cli import main
from graphkit.report import to_html

from .conftest import SIHUI


@pytest.fixture(scope="module")
def result(sihui):
    return gk.audit(sihui)


def test_cli_xlsx_needs_out(tmp_path, capsys):
    assert main(["audit", str(SIHUI), "--format", "xlsx"]) == 2
    assert "--out" in capsys.readouterr().err
    assert main(["audit", str(SIHUI), "--format", "xlsx", "--out", str(tmp_path / "a.xlsx")]) == 0
    assert (tmp_path / "a.xlsx").read_bytes()[:2] == b"PK"


def test_html_has_inline_figures(result):
    page = to_html(result, max_circle_plots=3)
    imgs = re.findall(r'<img alt="[^"]*" src="data:image/png;base64,', page)
    assert len(imgs) == 2 + 1 + 3  # coverage by kind and area, network, 3 circles
    assert "仅绘制前 3 个社区" in page
    assert not re.search(r"\b(src|href)\s*=\s*[\"'](?!data:)", page)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def test_html_renders_in_headless_chromium(result, tmp_path):
    exe = _chromium()
    if exe is None:
        msg = "Debian chromium is not installed (make test installs it)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(msg)
        pytest.skip(msg)
    page = tmp_path / "audit.html"
    page.write_text(to_html(result, max_circle_plots=2), encoding="utf-8")
    flags = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}"]
    dom = subprocess.run([*flags, "--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr[-2000:]
    assert "一核双圈" in dom.stdout and "<table>" in dom.stdout
    assert dom.stdout.count("<img") == 2 + 1 + 2
    shot = tmp_path / "shot.png"
    run = subprocess.run([*flags, f"--screenshot={shot}", "--window-size=1200,1600",
                          "--hide-scrollbars", page.as_uri()],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0 and shot.exists(), run.stderr[-2000:]
    img = imread(shot)[..., :3]
    assert (img < 0.95).any(axis=-1).mean() > 0.02  # text and tables were painted
    assert "Uncaught" not in run.stderr + dom.stderr
