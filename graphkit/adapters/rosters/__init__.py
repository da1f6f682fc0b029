"""Office rosters to a dataset and back (SPEC section 9): ``graphkit import`` and
``graphkit rosters``.

Offices keep rosters (名册、台账), not graphs: the organization department's roster of Party
organizations, the market regulator's register of units with their unified social credit
codes, the civil-affairs lists of streets, communities and compounds, the streets' lists of
teams, centres and reporting members. :func:`import_rosters` reads a folder of them (or one
workbook), recognizes each sheet by its header, resolves every name to exactly one entity
and builds a dataset that passes SPEC section 1's validation, with a :class:`Review` of
every row it could not take whole. :func:`write_rosters` is the inverse: a dataset as one
workbook of rosters, the template a planner fills.

One module per job: :mod:`.vocabulary` (the rosters, fields, synonyms and values, defined
once), :mod:`._recognize` (which roster a sheet is), :mod:`._normalize` (cells to values,
credit codes), :mod:`._resolve` (references by joins on keys), :mod:`._ids`,
:mod:`._build` (rows to nodes and edges), :mod:`._review` and :mod:`._inverse`.

Examples
--------
>>> import graphkit as gk
>>> ds, review = gk.import_rosters("data/sihui-rosters")        # doctest: +SKIP
>>> review.entries, ds.counts()["Unit"]                          # doctest: +SKIP
([], 381)
"""

from __future__ import annotations

import os
from pathlib import Path

from ...errors import Problem, ValidationError
from ...network._parse import Problems
from ...network._readers import TABLE_SUFFIXES, read_tables
from ...network.dataset import Dataset
from ._build import build
from ._inverse import write_rosters
from ._recognize import read_mapping, recognize
from ._review import Entry, Review

__all__ = ["MAPPING_FILE", "Entry", "Review", "import_rosters", "roster_files",
           "write_rosters"]

#: The optional mapping beside the rosters.
MAPPING_FILE = "rosters.toml"


def roster_files(path: Path) -> list[Path]:
    """The roster files of a folder (workbooks and CSV files, not Excel's ``~$`` lock files
    or hidden ones), or the one file given.

    Examples
    --------
    >>> [p.name for p in roster_files(Path("data/sihui-rosters"))][:2]
    ['各街道-工作台账.xlsx', '市场监管局-单位登记.csv']
    """
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.iterdir()
                  if p.suffix.lower() in TABLE_SUFFIXES and p.is_file()
                  and not p.name.startswith(("~$", ".")))


def import_rosters(path: str | os.PathLike[str], *, partial: bool = True,
                   name: str | None = None, snapshot: str | None = None
                   ) -> tuple[Dataset | None, Review]:
    """Build a dataset from office rosters (SPEC section 9).

    Parameters
    ----------
    path : str or path-like
        A folder of ``.xlsx``/``.xls``/``.csv`` rosters (with an optional ``rosters.toml``)
        or one workbook.
    partial : bool, default True
        Return the dataset without the rows and references of the review. With False, the
        dataset is None whenever the review has entries (what ``graphkit import`` does
        without ``--partial``).
    name, snapshot : str, optional
        The dataset's metadata (default name: the folder's or workbook's name).

    Returns
    -------
    (Dataset or None, Review)
        The review lists every row not taken whole (``review.entries``; a review is
        truthy when it has any) and the summary.

    Raises
    ------
    ValidationError
        When a file cannot be read (missing, undecodable, not a workbook), a sheet is no
        roster graphkit knows, a roster lacks a required column, or the network made breaks
        a rule of SPEC section 1.

    Examples
    --------
    >>> ds, review = import_rosters("data/sihui-rosters")
    >>> review.entries, ds.counts()["Unit"], review.resolved["organization_name"]
    ([], 381, 93)
    """
    p = Path(path)
    problems = Problems()
    if not p.exists():
        raise ValidationError([Problem("error", str(p), None, None,
                                       f"{p} does not exist", "missing_file",
                                       f"{p} 不存在")])
    mappings = []
    toml = (p if p.is_dir() else p.parent) / MAPPING_FILE
    if toml.is_file():
        mappings = read_mapping(toml, problems)
    files = roster_files(p)
    if not files:
        problems.add("error", str(p), None, None, "no_rosters",
                     f"{p} holds no roster (.xlsx, .xls or .csv files)",
                     f"{p} 中没有名册（.xlsx、.xls 或 .csv 文件）")
    tables = []
    for f in files:
        for sheet in read_tables(f, problems):
            table = recognize(sheet, mappings, problems)
            if table is not None:
                tables.append(table)
    if problems.has_errors:
        raise ValidationError(problems)
    ds, review = build(tables, partial=partial, name=name or p.stem, snapshot=snapshot,
                       source=str(p))
    review.warnings = [pr.format("zh") for pr in problems] + review.warnings
    return ds, review
