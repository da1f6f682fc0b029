#!/usr/bin/env python3
"""Draw ``docs/img/review.png``: the review of an import, as the README shows it.

The sample rosters (``data/sihui-rosters``) with the mistakes offices make — a mistyped
credit code, a community misspelt, a unit type no mapping knows, a blank required cell, a
row entered twice, a name two communities share — imported with ``--partial``; the page of
the 问题清单 sheet of ``review.xlsx`` rendered by LibreOffice (``libreoffice --headless``,
``pdftoppm``) and the terminal summary saved beside it (``docs/img/review.txt``)::

    .venv/bin/python scripts/make_review_image.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from openpyxl import load_workbook

FONTS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <dir>/usr/share/fonts</dir>
  <dir>{cjk}</dir>
  <cachedir>{cache}</cachedir>
</fontconfig>
"""

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sihui-rosters"
OUT = REPO / "docs" / "img"


def spoil(folder: Path) -> None:
    """Office mistakes in a copy of the sample rosters."""
    csv = folder / "市场监管局-单位登记.csv"
    lines = csv.read_bytes().decode("gbk").split("\r\n")
    header = lines[1].split(",")
    code, kind = header.index("统一社会信用代码"), header.index("单位性质")
    where = header.index("所在社区")
    done = set()
    for i, line in enumerate(lines[2:], start=2):
        cells = line.split(",")
        if len(cells) < len(header):
            continue
        if cells[code] and "code" not in done:
            cells[code] = cells[code][:5] + "O" + cells[code][6:]   # O for 0
            done.add("code")
        elif cells[where] and "where" not in done and cells[where].endswith("社区"):
            cells[where] = cells[where][:-3] + "村社区"              # misspelt
            done.add("where")
        elif "kind" not in done and cells[kind] == "非公企业":
            cells[kind] = "个体户"                                   # no mapping knows it
            done.add("kind")
        elif "blank" not in done and cells[kind] == "社会组织":
            cells[kind] = ""                                         # required, left blank
            done.add("blank")
        lines[i] = ",".join(cells)
    lines.insert(7, lines[6])                                        # a row entered twice
    csv.write_bytes("\r\n".join(lines).encode("gbk"))
    book = folder / "民政局-区划.xlsx"
    wb = load_workbook(book)
    ws = wb["社区"]
    ws.append([ws.max_row - 1, "沙田园社区", "城中街道", "城市社区", None])  # the same name twice
    wb.save(book)


def crop(png: Path, out: Path, margin: int = 16) -> None:
    """`png` cut to what is printed on it (the page's white margins dropped)."""
    from PIL import Image, ImageChops

    im = Image.open(png).convert("RGB")
    box = ImageChops.difference(im, Image.new("RGB", im.size, "white")).getbbox()
    if box:
        left, top, right, bottom = box
        im = im.crop((max(0, left - margin), max(0, top - margin),
                      min(im.width, right + margin), min(im.height, bottom + margin)))
    im.save(out)


def main() -> None:
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if office is None or shutil.which("pdftoppm") is None:
        sys.exit("needs LibreOffice and pdftoppm (apt-get install libreoffice-calc poppler-utils)")
    graphkit = str(Path(sys.executable).with_name("graphkit"))
    with tempfile.TemporaryDirectory() as tmp:
        rosters = Path(tmp) / "rosters"
        shutil.copytree(SAMPLE, rosters)
        spoil(rosters)
        out = Path(tmp) / "dataset"
        run = subprocess.run([graphkit, "import", str(rosters), "--out", str(out), "--partial"],
                             capture_output=True, text=True, check=True)
        (OUT / "review.txt").write_text(run.stdout, encoding="utf-8")
        # the CJK font graphkit ships (mplfonts), as a planner's Excel or WPS has one
        import mplfonts

        conf = Path(tmp) / "fonts.conf"
        conf.write_text(FONTS.format(cjk=Path(mplfonts.__file__).parent / "fonts",
                                     cache=Path(tmp) / "fc"), encoding="utf-8")
        env = {**os.environ, "FONTCONFIG_FILE": str(conf)}
        subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", tmp,
                        str(out / "review.xlsx")], check=True, capture_output=True, timeout=300,
                       env=env)
        pdf = Path(tmp) / "review.pdf"
        first = next(n for n in range(1, 20) if "涉及行" in subprocess.run(
            ["pdftotext", "-f", str(n), "-l", str(n), str(pdf), "-"], capture_output=True,
            text=True, check=True).stdout)  # the page of the 问题清单 sheet
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(first), "-l", str(first),
                        str(pdf), str(Path(tmp) / "page")], check=True)
        page = next(Path(tmp).glob("page*.png"))
        crop(page, OUT / "review.png")
    print(f"wrote {OUT / 'review.png'} and {OUT / 'review.txt'}")


if __name__ == "__main__":
    main()
