#!/usr/bin/env python3
"""Make the README's images from the bundled sample: the HTML report (its first screen
and the circles network of one community, in headless Chromium), one circles figure and
the scorecard of the communities running the integration circle (matplotlib).

    .venv/bin/python scripts/screenshots.py [--out docs/img] [--community com-001]

Needs Debian's chromium (``scripts/ensure-test-tools``) and Playwright (the ``dev`` extra).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

import graphkit as gk
from graphkit import plot
from graphkit.report import to_html

REPO = Path(__file__).resolve().parent.parent
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=REPO / "docs" / "img")
    ap.add_argument("--data", type=Path, default=REPO / "data" / "sihui")
    ap.add_argument("--community", default="com-001")
    args = ap.parse_args(argv)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        print("screenshots: chromium not found (scripts/ensure-test-tools installs it)",
              file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    args.out.mkdir(parents=True, exist_ok=True)
    ds = gk.read_dataset(args.data)
    result = gk.audit(ds)
    plot.plot_circles(ds, args.community, save=args.out / "circles.png", close=True, dpi=110)
    card = gk.scorecard(ds)
    running = card[card["running_circle"].eq(True) & card["community"].notna()]
    plot.plot_scorecard(running, save=args.out / "scorecard.png", close=True, dpi=110,
                        title=f"四个融合：开展党建融合圈的 {len(running)} 个社区（由弱到强）")
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "audit.html"
        page_path.write_text(to_html(result), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=FLAGS)
            page = browser.new_page(viewport={"width": 1200, "height": 860})
            page.goto(page_path.as_uri())
            page.wait_for_load_state("load")
            page.screenshot(path=str(args.out / "report.png"))
            # the network of one community, one of its sub-core members clicked
            circle = result.circles.set_index("community").loc[args.community]
            page.select_option("#net-pick", args.community)
            page.locator("#network").scroll_into_view_if_needed()
            page.evaluate("document.getElementById('network').scrollIntoView()")
            if len(circle["sub_core"]):
                page.locator(f'#net-svg .node[data-id="{circle["sub_core"][0]}"] circle').click()
            page.locator("#network").screenshot(path=str(args.out / "report-network.png"))
            browser.close()
    for name in ("report.png", "report-network.png", "circles.png", "scorecard.png"):
        print(args.out / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
