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
    #: A stable identifier of the rule (``duplicate_id``, ``unknown_label``, ...); empty for
    #: problems made by hand.
    code: str = ""
    #: The message in Chinese (empty when there is none: :meth:`text` falls back to English).
    message_zh: str = ""

    def text(self, lang: str = "en") -> str:
        """The message in `lang` (``"en"`` or ``"zh"``)."""
        return self.message_zh if lang == "zh" and self.message_zh else self.message

    def format(self, lang: str = "en") -> str:
        """``file:line [column]: severity: message``, in `lang` (``"en"`` or ``"zh"``)."""
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.column:
            where += f" [{_visible(self.column)}]"
        severity = _SEVERITY_ZH.get(self.severity, self.severity) if lang == "zh" else \
            self.severity
        return f"{where}: {severity}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.format("en")

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        return {
            "severity": self.severity, "file": self.file, "line": self.line,
            "column": self.column, "code": self.code, "message": self.text(lang),
        }


_SEVERITY_ZH = {"error": "错误", "warning": "警告"}


def _visible(text: str) -> str:
    """`text` with invisible characters (zero-width spaces, controls) escaped."""
    return text if text.isprintable() and text == text.strip() else repr(text)


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
