"""Exceptions raised by graphkit: one tree rooted in :class:`GraphkitError`.

Each class carries the exit code of the command line (SPEC section 5), so that
:func:`graphkit.cli.main` maps any of them in one place::

    GraphkitError                     2
    ├── ValidationError (ValueError)  2  invalid input: the validation report goes to stderr
    ├── UsageError (ValueError)       2  a call or command line that cannot be carried out
    │   └── OutputError               2  an output that cannot be written (a full disk, ...)
    ├── InputError (OSError)          2  a file graphkit will not read (a FIFO, too large)
    ├── EngineError                   2  the engine failed while running the rules
    │   └── EngineUnreachable         3  a remote engine (a Spark master) could not be
    │                                    reached or was lost
    └── StoreError                    3  the store (Neo4j) could not be reached, refused
                                         the credentials, or failed

Their messages come from :mod:`graphkit.messages` (Chinese by default).

Examples
--------
>>> from graphkit.errors import Problem, ValidationError, EngineUnreachable
>>> err = ValidationError([Problem("error", "nodes.csv", 3, "id", "duplicate id 'u1'")])
>>> isinstance(err, ValueError), err.exit_code
(True, 2)
>>> EngineUnreachable("spark://h:7077 is gone").exit_code
3
"""

from __future__ import annotations

import errno as _errno
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .messages import current, has, t

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_THRESHOLD", "EXIT_UNREACHABLE", "EngineError",
           "EngineUnreachable", "GraphkitError", "InputError", "OutputError", "Problem",
           "StoreError", "UsageError", "ValidationError", "in_languages", "os_reason"]

#: Exit codes of the command line (SPEC section 5).
EXIT_OK, EXIT_THRESHOLD, EXIT_INVALID, EXIT_UNREACHABLE = 0, 1, 2, 3


class GraphkitError(Exception):
    """Base of every graphkit exception."""

    #: The exit code of the command line for this error.
    exit_code: int = EXIT_INVALID


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

    @classmethod
    def said(cls, severity: str, file: str, line: int | None, column: str | None, code: str,
             **params: object) -> Problem:
        """A problem whose message is the catalogue's ``problem.<code>``, in both languages.

        A parameter given as :func:`in_languages` has a value per language (a label: "Unit"
        in English, "单位（Unit）" in Chinese, which names the file's word too).

        Examples
        --------
        >>> p = Problem.said("error", "dataset.json", None, None, "meta_not_object")
        >>> p.text("en"), p.text("zh")
        ('must hold a JSON object', '应为一个 JSON 对象')
        """
        key = f"problem.{code}"

        def said_in(lang: str) -> str:
            return t(key, lang=lang, **{k: v[lang] if isinstance(v, _PerLanguage) else v
                                        for k, v in params.items()})

        return cls(severity, file, line, column, said_in("en"), code, said_in("zh"))

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
        severity = t(f"problem.{self.severity}", lang=lang) \
            if has(f"problem.{self.severity}") else self.severity
        return f"{where}: {severity}: {self.text(lang)}"

    def __str__(self) -> str:
        return self.format("en")

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        return {
            "severity": self.severity, "file": self.file, "line": self.line,
            "column": self.column, "code": self.code, "message": self.text(lang),
        }


class _PerLanguage(dict):
    """A value of a message's placeholder per language (:func:`in_languages`)."""


def in_languages(**texts: str) -> dict[str, str]:
    """A placeholder's value per language, for :meth:`Problem.said`.

    Examples
    --------
    >>> in_languages(en="Unit", zh="单位（Unit）")["zh"]
    '单位（Unit）'
    """
    return _PerLanguage(texts)


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


class OutputError(UsageError):
    """An output that cannot be written (a full disk, a path that is not writable): exit 2.

    Attributes
    ----------
    path : Path
        The output that was being written.
    errno : int or None
        The OS error number, when the cause was an :class:`OSError`.
    stream : {"output", "error"} or None
        Standard output or standard error, when that was the output.
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, errno_: int | None = None,
                 *, stream: str | None = None):
        self.path = Path(path)
        self.errno = errno_
        self.stream = stream
        if stream is None:  # a file: written whole or not at all (graphkit.network._atomic)
            message = t("output.cannot_write", path=self.path, reason=reason)
        else:
            message = t("output.cannot_write_stream", path=t(f"output.standard_{stream}"),
                        reason=reason)
        super().__init__(message)


class InputError(GraphkitError, OSError):
    """A file that graphkit will not read: not a regular file, or too large. An
    :class:`OSError` (``errno``, ``strerror``, ``filename``) whose message is the reason
    alone: callers name the file."""

    exit_code = EXIT_INVALID

    def __str__(self) -> str:
        return str(self.strerror)


class EngineError(GraphkitError):
    """The engine failed while running the rules (for Spark: the cluster or its JVM)."""


class EngineUnreachable(EngineError):
    """A remote engine (a Spark master) could not be reached, or was lost while the rules
    ran: exit 3, like a store that cannot be reached."""

    exit_code = EXIT_UNREACHABLE


class StoreError(GraphkitError):
    """The store (Neo4j) could not be reached, refused the credentials, or failed."""

    exit_code = EXIT_UNREACHABLE


#: OS errors a user meets when writing or reading, by errno name: said in the catalogue's
#: language (the operating system says them in English).
_OS_ERRORS = ("ENOSPC", "EACCES", "EPERM", "ENOENT", "EROFS", "EISDIR", "ENOTDIR", "EEXIST",
              "EDQUOT", "EFBIG", "ENAMETOOLONG", "EIO", "EPIPE", "EBADF")


def os_reason(exc: OSError) -> str:
    """The reason of `exc` in words, in the catalogue's language (the operating system's own
    words for an error the catalogue does not hold).

    Examples
    --------
    >>> import errno
    >>> from graphkit import messages
    >>> with messages.use("zh"):
    ...     os_reason(OSError(errno.ENOSPC, "No space left on device"))
    '磁盘空间不足'
    >>> with messages.use("en"):
    ...     os_reason(OSError(errno.ENOSPC, "No space left on device"))
    'No space left on device'
    """
    if isinstance(exc, InputError):  # graphkit's own reason, already in the catalogue's words
        return str(exc)
    name = _errno.errorcode.get(exc.errno or -1, "")
    if current() != "en" and name in _OS_ERRORS and has(f"os.{name}"):
        return t(f"os.{name}")
    return str(exc.strerror or exc)
