#!/usr/bin/env python3
"""Make the README's images from the bundled samples: the HTML reports of the audit, the
plan and the diff (their first screen at desktop width, the audit's at phone width, and
the circles network of one community; in headless Chromium), a page of the plan's work
list as printed (LibreOffice, PDF), one circles figure and the scorecard of the
communities running the integration circle (matplotlib).

    .venv/bin/python scripts/screenshots.py [--out docs/img] [--community com-001]
                                            [--fontconfig FONTS.CONF]

``--fontconfig`` points Chromium at a fontconfig file (e.g. one that knows no CJK font:
the pages carry their own). Needs Debian's chromium (``scripts/ensure-test-tools``),
Playwright (the ``dev`` extra), and for the work list LibreOffice and poppler-utils.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import graphkit as gk
from graphkit import messages, plot, report
from graphkit.report._fonts import cjk_font_path

REPO = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _pages(tmp: Path, data: Path, later: Path) -> dict[str, Path]:
    ds, new = gk.read_dataset(data), gk.read_dataset(later)
    pages = {"audit": report.to_html(gk.audit(ds)), "plan": report.to_html(gk.plan(ds)),
             "diff": report.to_html(gk.diff(ds, new))}
    out = {}
    for name, html in pages.items():
        out[name] = tmp / f"{name}.html"
        out[name].write_text(html, encoding="utf-8")
    return out


def _work_list(tmp: Path, data: Path, out: Path) -> None:
    """The first page of the plan's work list as LibreOffice prints it."""
    office, pdftoppm = shutil.which("libreoffice"), shutil.which("pdftoppm")
    if office is None or pdftoppm is None:
        print("screenshots: no libreoffice/pdftoppm: the work list is left out", file=sys.stderr)
        return
    book = tmp / "plan.xlsx"
    book.write_bytes(report.to_xlsx(gk.plan(gk.read_dataset(data))))
    # a workbook carries no font: print it as an office with a Chinese font does (the one
    # the reports already ship, beside the Latin ones), whatever fontconfig the pages had
    conf = tmp / "office-fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        "  <dir>/usr/share/fonts</dir>\n"
        f"  <dir>{Path(cjk_font_path()).parent}</dir>\n"
        f"  <cachedir>{tmp / 'fc-cache'}</cachedir>\n</fontconfig>\n", encoding="utf-8")
    env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp),
                    str(book)], check=True, capture_output=True, timeout=300, env=env)
    # page 3: the first page of 工作清单 (after 概况 and 街道对比)
    subprocess.run([pdftoppm, "-png", "-r", "70", "-f", "3", "-l", "3", "-singlefile",
                    str(tmp / "plan.pdf"), str(out / "worklist")], check=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    ap.add_argument("--data", type=Path, default=REPO / "data" / "sihui")
    ap.add_argument("--later", type=Path, default=REPO / "data" / "sihui-2021")
    ap.add_argument("--community", default="com-001")
    ap.add_argument("--fontconfig", type=Path)
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshots: chromium not found (scripts/ensure-test-tools installs it)",
              file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    messages.set_language("zh")
    args.out.mkdir(parents=True, exist_ok=True)
    ds = gk.read_dataset(args.data)
    plot.plot_circles(ds, args.community, save=args.out / "circles.png", close=True, dpi=110)
    card = gk.scorecard(ds)
    running = card[card["running_circle"].eq(True) & card["community"].notna()]
    plot.plot_scorecard(running, save=args.out / "scorecard.png", close=True, dpi=110,
                        title=f"四个融合：开展党建融合圈的 {len(running)} 个社区（由弱到强）")
    env = {**os.environ, **({"FONTCONFIG_FILE": str(args.fontconfig)} if args.fontconfig
                            else {})}
    names = ["circles.png", "scorecard.png"]
    with tempfile.TemporaryDirectory() as tmp:
        pages = _pages(Path(tmp), args.data, args.later)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=FLAGS, env=env)
            shots = [("audit", 1200, 860, "report.png"), ("audit", 390, 844, "report-phone.png"),
                     ("plan", 1200, 860, "plan.png"), ("diff", 1200, 860, "diff.png")]
            for page_name, width, height, name in shots:
                page = browser.new_page(viewport={"width": width, "height": height})
                page.goto(pages[page_name].as_uri())
                page.wait_for_load_state("load")
                page.screenshot(path=str(args.out / name))
                names.append(name)
                if name != "report.png":
                    page.close()
                    continue
                # the network of one community, one of its sub-core members clicked
                circle = gk.audit(ds).circles.set_index("community").loc[args.community]
                page.select_option("#net-pick", args.community)
                page.evaluate("document.getElementById('network').scrollIntoView()")
                if len(circle["sub_core"]):
                    page.locator(f'#net-svg .node[data-id="{circle["sub_core"][0]}"] '
                                 "circle").click()
                page.locator("#network").screenshot(path=str(args.out / "report-network.png"))
                names.append("report-network.png")
                page.close()
            browser.close()
        _work_list(Path(tmp), args.data, args.out)
        if (args.out / "worklist.png").exists():
            names.append("worklist.png")
    for name in names:
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
