"""Every file graphkit reads goes through here: regular files only, each read bounded.

A path may name a device (``/dev/zero``, ``/dev/urandom``: endless), a FIFO (a read
waits for a writer forever), a socket or a folder. :func:`open_regular` opens without
blocking (``O_NONBLOCK``), looks at what the descriptor is (``fstat``, so a symlink or a
rename between a check and the open changes nothing) and refuses anything but a regular
file, or one larger than the limit of its kind of file; :func:`read_regular` then reads
at most that limit. The errors are :class:`InputError`, an :class:`OSError` (callers
already report those, naming the file: ``cannot read PATH: MESSAGE``) whose message says
what the file is and what to do.

Examples
--------
>>> from graphkit import messages
>>> from graphkit._input import read_regular, LIMITS
>>> len(read_regular("data/sihui/dataset.json", "meta")) < LIMITS["meta"]
True
>>> with messages.use("en"):
...     try:
...         read_regular("/dev/zero", "csv")
...     except OSError as exc:
...         print(f"cannot read {exc.filename}: {exc}")
cannot read /dev/zero: it is a character device, not a regular file; give a regular file
"""

from __future__ import annotations

import errno
import os
import re
import shlex
import stat
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..messages import t

__all__ = ["LIMITS", "InputError", "dataset_kind_hint", "missing_file_hint", "open_regular",
           "read_regular"]

#: Largest accepted file, in bytes, per kind of input.
LIMITS: dict[str, int] = {
    # nodes.csv / edges.csv: 1M units are 200 MB, 10M units 2 GB; 16 GiB (80M units)
    # is past what one machine audits (use Spark there)
    "csv": 16 << 30,
    # dataset.json holds three short strings
    "meta": 1 << 20,
    # an .xlsx workbook as stored (compressed); its content is bounded apart (zip bombs)
    "xlsx": 256 << 20,
    # a --pseudonymize key file (`graphkit keygen` writes 65 bytes)
    "key": 64 << 10,
}

def _what(mode: int) -> str | None:
    """What a non-regular file is, in words (None for a regular file)."""
    for test, name in ((stat.S_ISREG, None), (stat.S_ISDIR, "file.folder"),
                       (stat.S_ISFIFO, "file.fifo"), (stat.S_ISCHR, "file.char_device"),
                       (stat.S_ISBLK, "file.block_device"), (stat.S_ISSOCK, "file.socket")):
        if test(mode):
            return None if name is None else t(name)
    return t("file.special")


def _too_large(path: Path, size: int, kind: str) -> InputError:
    return InputError(errno.EFBIG, t("input.too_large", size=size, limit=LIMITS[kind],
                                     advice=t(f"input.advice.{kind}")), str(path))


def open_regular(path: str | os.PathLike[str], kind: str) -> BinaryIO:
    """Open `path` for reading in binary mode if it is a regular file within the limit of
    `kind` (a key of :data:`LIMITS`).

    Raises
    ------
    FileNotFoundError, PermissionError, ...
        As :func:`open` does.
    InputError
        When `path` is a folder, FIFO, device or socket, or larger than the limit.
    """
    p = Path(path)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) \
        | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(p, flags)
    except IsADirectoryError as exc:
        raise InputError(errno.EISDIR, t("input.not_regular", what=t("file.folder")),
                         str(p)) from exc
    try:
        info = os.fstat(fd)
        what = _what(info.st_mode)
        if what is not None:
            raise InputError(errno.EINVAL, t("input.not_regular", what=what), str(p))
        if info.st_size > LIMITS[kind]:
            raise _too_large(p, info.st_size, kind)
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], kind: str) -> bytes:
    """The bytes of the regular file `path`, at most the limit of `kind` (a file growing
    while it is read is refused too).

    Raises
    ------
    OSError
        :class:`InputError` for what :func:`open_regular` refuses, else as :func:`open`.
    """
    limit = LIMITS[kind]
    with open_regular(path, kind) as fh:
        # read what fstat reports (a read of `limit` bytes would allocate them all), then
        # whatever the file grew by meanwhile, up to just past the limit
        data = fh.read(os.fstat(fh.fileno()).st_size + 1)
        while len(data) <= limit:
            more = fh.read(min(1 << 20, limit + 1 - len(data)))
            if not more:
                break
            data += more
    if len(data) > limit:
        raise _too_large(Path(path), len(data), kind)
    return data


def dataset_kind_hint(path: str | os.PathLike[str], lang: str | None = None) -> str | None:
    """What to do with a DATASET path graphkit does not read (an old or macro-enabled Excel
    workbook, a lone CSV file, a zip archive), or None; in `lang` (default: the
    catalogue's language).

    Examples
    --------
    >>> print(dataset_kind_hint("台账.xls", "en"))  # doctest: +NORMALIZE_WHITESPACE
    is an .xls workbook, which graphkit does not read: open it in Excel or WPS and save
    it as .xlsx (Excel 工作簿), then pass the .xlsx file
    >>> print(dataset_kind_hint("2024.zip", "en"))  # doctest: +NORMALIZE_WHITESPACE
    is a zip archive: unzip it, then pass the folder holding nodes.csv and edges.csv
    """
    suffix = Path(path).suffix.lower()
    if suffix in (".xls", ".xlsm", ".xlsb", ".et", ".ods"):
        return t("input.old_workbook", lang=lang, suffix=suffix)
    if suffix == ".csv":
        return t("input.single_csv", lang=lang)
    if suffix in (".zip", ".rar", ".7z", ".gz", ".tgz"):
        return t("input.archive", lang=lang)
    return None


#: File name endings of tables a folder may hold in place of nodes.csv / edges.csv.
_TABLES = (".csv", ".txt", ".xlsx", ".xls", ".xlsm", ".et")
_ARCHIVES = (".zip", ".rar", ".7z")


def missing_file_hint(folder: str | os.PathLike[str], wanted: str, lang: str | None = None
                      ) -> str:
    r"""What to do when the dataset folder `folder` has no file `wanted` (``nodes.csv``),
    from what it holds instead, in `lang`: a near-miss name (``Nodes.csv``,
    ``nodes.csv.csv`` as Windows' hidden extensions make, ``nodes (1).csv``, ``nodes.txt``),
    office rosters (``台账.xlsx``: ``graphkit import``), a zip archive; "" when nothing
    there explains it.

    Examples
    --------
    >>> import shutil, tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "nodes.csv.csv").write_text("id,label,name\n")
    14
    >>> print(missing_file_hint(d, "nodes.csv", "en"))  # doctest: +NORMALIZE_WHITESPACE
    ; the folder holds 'nodes.csv.csv': rename it nodes.csv (Windows hides the known
    extension .csv, so the name was typed with it)
    >>> shutil.rmtree(d)
    """
    try:
        names = sorted(p.name for p in Path(folder).iterdir() if not p.name.startswith("."))
    except OSError:
        return ""
    stem = wanted.split(".")[0]
    near = [n for n in names if _near(n, stem) and n != wanted]
    if near:
        name = min(near, key=lambda n: (len(n), n))
        low = name.lower()
        key = ("input.near_name_doubled" if low.endswith((".csv.csv", ".csv.txt")) else
               "input.near_name_case" if low == wanted else "input.near_name")
        return t(key, lang=lang, name=repr(name), wanted=wanted)
    archives = [n for n in names if n.lower().endswith(_ARCHIVES)]
    if archives:
        return t("input.holds_archive", lang=lang, names=", ".join(map(repr, archives[:3])))
    tables = [n for n in names if n.lower().endswith(_TABLES)
              and not any(_near(n, s) for s in ("nodes", "edges"))]
    if tables:
        shown = ", ".join(map(repr, tables[:3])) + (" ..." if len(tables) > 3 else "")
        return t("input.holds_rosters", lang=lang, names=shown,
                 folder=shlex.quote(str(folder)))
    return ""


def _near(name: str, stem: str) -> bool:
    """Whether the file `name` looks meant to be ``{stem}.csv``: the same but for case,
    white space or full-width letters, a doubled or other table extension, or a copy's
    mark (``nodes (1).csv``, ``nodes - 副本.csv``)."""
    from ._text import folded

    base = folded(name).lower()
    while True:
        for ext in _TABLES:
            if base.endswith(ext):
                base = base[: -len(ext)]
                break
        else:
            break
    base = re.sub(r"(\(\d+\)|-?(副本|copy)(\(\d+\))?)$", "", base)
    return base == stem
