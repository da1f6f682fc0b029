"""Which roster a sheet is, where its header is, which column holds which field.

The header is the first row naming at least two fields of one roster kind (title rows
above it are skipped); the kind is the one whose fields that row names most. An optional
``rosters.toml`` beside the files names the kind of a file or sheet and maps its own
headers to fields (SPEC section 9).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ...network._parse import Problems
from ...network._readers import Sheet
from . import vocabulary as RV
from ._normalize import closest

__all__ = ["Mapping", "RosterTable", "read_mapping", "recognize"]

#: Rows looked at for the header (title rows, notes and blank lines above it).
HEADER_ROWS = 20
#: Sheet names of instructions, skipped (the template's own 说明 sheet).
INSTRUCTION_SHEETS = frozenset({"说明", "填表说明", "填写说明", "使用说明"})


@dataclass
class RosterTable:
    """A recognized roster: its kind, where it is, its data rows and their row numbers,
    which column holds each field, and the columns not read."""

    kind: str
    sheet: Sheet
    header_line: int
    columns: dict[str, int]
    headers: dict[str, str]
    rows: list[list[str]]
    lines: list[int]
    ignored: list[str] = field(default_factory=list)

    def cell(self, row: list[str], name: str) -> str:
        i = self.columns.get(name)
        return "" if i is None or i >= len(row) else row[i].strip()


@dataclass(frozen=True)
class Mapping:
    """One ``[[roster]]`` table of ``rosters.toml``."""

    file: str
    sheet: str | None
    kind: str
    columns: dict[str, str]


def read_mapping(path: Path, problems: Problems) -> list[Mapping]:
    """The ``[[roster]]`` tables of a ``rosters.toml`` (problems for anything wrong)."""
    name = path.name
    try:
        doc = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        problems.add("error", name, None, None, "bad_mapping", f"cannot read {name}: {exc}",
                     f"无法读取 {name}：{exc}")
        return []
    out = []
    tables = doc.get("roster", [])
    if not isinstance(tables, list):
        tables = []
    for i, t in enumerate(tables, start=1):
        where = f"[[roster]] #{i}"
        kind, file = t.get("kind"), t.get("file")
        if not isinstance(file, str) or not file:
            problems.add("error", name, None, where, "bad_mapping", f"{where} has no file",
                         f"{where} 缺少 file")
            continue
        if kind not in RV.ROSTERS:
            near = "、".join(closest(str(kind), RV.ROSTERS))
            problems.add("error", name, None, where, "bad_mapping",
                         f"{where}: kind {kind!r} is not a roster (closest: {near})",
                         f"{where}：kind {kind!r} 不是名册种类（最接近：{near}）")
            continue
        columns = t.get("columns", {})
        good = {}
        for header, fieldname in (columns.items() if isinstance(columns, dict) else ()):
            if fieldname not in RV.ROSTERS[kind].fields:
                near = "、".join(closest(str(fieldname), RV.ROSTERS[kind].fields))
                problems.add("error", name, None, where, "bad_mapping",
                             f"{where}: {fieldname!r} is no field of {kind} (closest: {near})",
                             f"{where}：{fieldname!r} 不是“{kind}”名册的字段（最接近：{near}）")
                continue
            good[RV.header_key(str(header))] = fieldname
        sheet = t.get("sheet")
        out.append(Mapping(file, sheet if isinstance(sheet, str) else None, kind, good))
    return out


def _fields(cells: list[str], kind: str, custom: dict[str, str] | None = None
            ) -> dict[str, int]:
    """Field -> column of a header row, for roster `kind` (the first column naming a
    field wins)."""
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = RV.header_key(cell)
        f = (custom or {}).get(key) or RV.standard_header(cell, kind)
        if f is not None and f not in found:
            found[f] = i
    return found


def _best_kind(cells: list[str]) -> tuple[str, int]:
    """The kind whose fields `cells` name most (ties: all required named, then table
    order), and how many."""
    best, score = "", (-1, False)
    for kind, roster in RV.ROSTERS.items():
        named = _fields(cells, kind)
        s = (len(named), all(r in named for r in roster.required))
        if s > score:
            best, score = kind, s
    return best, score[0]


def recognize(sheet: Sheet, mappings: list[Mapping], problems: Problems) -> RosterTable | None:
    """The roster `sheet` holds, or None (an instructions sheet; or an error in
    `problems` naming the file, sheet and the closest kind)."""
    mapping = next((m for m in mappings if m.file == sheet.file and m.sheet == sheet.sheet),
                   None) or next((m for m in mappings if m.file == sheet.file and
                                  m.sheet is None), None)
    header_at = None
    kind = ""
    top = 0
    for n, cells in enumerate(sheet.rows[:HEADER_ROWS]):
        if mapping is not None:
            k, count = mapping.kind, len(_fields(cells, mapping.kind, mapping.columns))
        else:
            k, count = _best_kind(cells)
        if count > top:
            top, kind = count, k
        if count >= 2:
            header_at = n
            kind = k
            break
    if header_at is None:
        if sheet.sheet is not None and RV.header_key(sheet.sheet) in INSTRUCTION_SHEETS:
            return None
        near = kind or closest(f"{sheet.sheet or ''}{Path(sheet.file).stem}", RV.ROSTERS)[0]
        problems.add("error", sheet.where, None, None, "unknown_roster",
                     f"cannot tell which roster this is: no row names two fields of one roster "
                     f"(the closest kind is {near}: {', '.join(RV.ROSTERS[near].fields)}); "
                     "name its columns as the template does (graphkit rosters), or map them "
                     "in rosters.toml",
                     f"无法识别这是哪种名册：没有一行含有同一名册的两个字段"
                     f"（最接近的是“{near}”名册：{'、'.join(RV.ROSTERS[near].fields)}）；"
                     "请按模板（graphkit rosters）填写表头，或在 rosters.toml 中对应")
        return None
    cells = sheet.rows[header_at]
    columns = _fields(cells, kind, mapping.columns if mapping else None)
    roster = RV.ROSTERS[kind]
    missing = [f for f in roster.required if f not in columns]
    if missing:
        problems.add("error", sheet.where, sheet.lines[header_at], None, "missing_column",
                     f"the {kind} roster ({roster.english}) needs the column(s) "
                     f"{', '.join(missing)}; add them (or map them in rosters.toml)",
                     f"“{kind}”名册缺少必填列：{'、'.join(missing)}；"
                     "请补上（或在 rosters.toml 中对应）")
        return None
    used = set(columns.values())
    ignored = [c.strip() for i, c in enumerate(cells) if i not in used and c.strip()]
    headers = {f: cells[i].strip() for f, i in columns.items()}
    return RosterTable(kind, sheet, sheet.lines[header_at], columns, headers,
                       sheet.rows[header_at + 1:], sheet.lines[header_at + 1:], ignored)
