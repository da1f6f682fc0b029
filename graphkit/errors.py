"""Exceptions raised by graphkit, rooted in :class:`GraphkitError`.

The command line maps them to exit codes (SPEC section 5): :class:`ValidationError` and
:class:`UsageError` exit 2, :class:`StoreError` exits 3.

Examples
--------
>>> from graphkit.errors import Problem, ValidationError
>>> err = ValidationError([Problem("error", "nodes.csv", 3, "id", "duplicate id 'u1'")])
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["GraphkitError", "Problem", "StoreError", "UsageError", "ValidationError"]


class GraphkitError(Exception):
    """Base of every graphkit exception."""


@dataclass(frozen=True, slots=True)
class Problem:
    """One validation finding: where it is and what is wrong.

    Attributes
    ----------
    severity : {"error", "warning"}
    file : str
        File name (``nodes.csv``) or workbook and sheet (``net.xlsx[nodes]``).
    line : int or None
        1-based line of the CSV file (header = line 1) or row of the sheet.
    column : str or None
        Column name the problem is about.
    message : str
        A plain sentence naming the culprit value.
    """

    severity: str
    file: str
    line: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f" [{self.column}]"
        return f"{where}: {self.severity}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "severity": self.severity, "file": self.file, "line": self.line,
            "column": self.column, "message": self.message,
        }


class ValidationError(GraphkitError, ValueError):
    """The dataset is invalid; :attr:`problems` lists every error (and warning) found."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        errors = [p for p in self.problems if p.severity == "error"]
        head = f"{len(errors)} error(s) in dataset"
        body = "\n".join(str(p) for p in errors[:50])
        more = f"\n... and {len(errors) - 50} more" if len(errors) > 50 else ""
        super().__init__(f"{head}:\n{body}{more}")

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class UsageError(GraphkitError, ValueError):
    """A call or command line that cannot be carried out as given (bad option, path)."""


class StoreError(GraphkitError):
    """The store (Neo4j) could not be reached, refused the credentials, or failed."""
