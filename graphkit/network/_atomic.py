"""Every file and folder graphkit writes goes through here: whole or not at all, even
across a power loss, and every OS error one :class:`OutputError` naming the path.

A file is written to a temporary file in the same folder, flushed to disk (``fsync``),
then renamed over the target, and the folder is flushed so that the rename itself is on
disk. A folder written file by file (:func:`staged_folder`) is built beside the target and
moved into place when complete. An interruption (Ctrl-C, a full disk, a crash) leaves the
old content or nothing, never part of the new.

Examples
--------
>>> from graphkit import messages
>>> from graphkit._atomic import OutputError, write_atomic
>>> with messages.use("zh"):
...     try:
...         write_atomic("/proc/graphkit-report.json", "{}")
...     except OutputError as exc:
...         print(str(exc).split("：")[0])
无法写入 /proc/graphkit-report.json
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import IO

from ..errors import OutputError, os_reason
from ..messages import t

__all__ = ["OutputError", "fsync_folder", "staged_folder", "write_all_atomic", "write_atomic",
           "write_atomic_stream"]


def _reason(exc: OSError, target: Path) -> str:
    """An OS error in words, naming the file it concerns when that is not the target."""
    text = os_reason(exc)
    name = Path(str(exc.filename)) if exc.filename else None
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and name is not None and name != target:
        return t("output.not_a_folder", path=name)
    if name is not None and name.name.startswith(f".{target.name}."):  # a staged file
        return t("output.creating_in", reason=text, folder=name.parent)
    if name is not None and name != target:
        text += f" ({name})"
    return text


def output_error(path: str | os.PathLike[str], exc: OSError) -> OutputError:
    """`exc`, raised while writing `path`, as an :class:`OutputError`."""
    err = OutputError(path, _reason(exc, Path(path)), exc.errno)
    err.__cause__ = exc
    return err


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def fsync_folder(folder: str | os.PathLike[str]) -> None:
    """Flush a folder's entries (renames, new files) to disk; a file system that cannot
    (no directory fsync) is left as it is."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return  # e.g. Windows: folders cannot be opened
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP, errno.EBADF):
            raise
    finally:
        os.close(fd)


def _refuse_special(target: Path) -> None:
    """A target that exists and is not a regular file (a device such as /dev/null, a FIFO,
    a folder) is refused: the rename would replace it by a file."""
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    if not stat.S_ISREG(mode):
        what = t("file.folder" if stat.S_ISDIR(mode) else "file.fifo"
                 if stat.S_ISFIFO(mode) else "file.device" if stat.S_ISCHR(mode) or
                 stat.S_ISBLK(mode) else "file.not_regular")
        raise OutputError(target, t("output.special", what=what))


def _stage(target: Path, data: str | bytes, mode: int | None = None) -> Path:
    """`data` written whole and flushed to disk in a temporary file beside `target`
    (removed if interrupted)."""
    _refuse_special(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, (0o666 & ~_umask()) if mode is None else mode)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(path: str | os.PathLike[str], data: str | bytes, *, mode: int | None = None,
                 exclusive: bool = False) -> Path:
    """Write `data` (text as UTF-8) to `path` atomically and durably; an interrupted write
    leaves no partial file.

    Parameters
    ----------
    mode : int, optional
        Permissions of the file [default: 0666 less the umask].
    exclusive : bool, default False
        Never replace an existing file: :class:`FileExistsError` if `path` exists (the
        check and the creation are one step, a hard link of the staged file).

    Raises
    ------
    OutputError
        When the file cannot be written; it names `path` and the OS error.
    """
    target = Path(path)
    if not exclusive:
        return write_all_atomic({target: data}, mode=mode)[0]
    try:
        tmp = _stage(target, data, mode)
    except OSError as exc:
        raise output_error(target, exc) from exc
    try:
        os.link(tmp, target)
        fsync_folder(target.parent)
    except FileExistsError:
        raise
    except OSError as exc:
        raise output_error(target, exc) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return target


def write_all_atomic(files: Mapping[str | os.PathLike[str], str | bytes], *,
                     mode: int | None = None) -> list[Path]:
    """Write several files: all are staged in full (and flushed to disk) first, then
    renamed into place, then their folders are flushed.

    An interruption while staging (the long part) leaves every target as it was; the
    renames that follow take microseconds each.

    Raises
    ------
    OutputError
        When a file cannot be written; it names that file and the OS error.
    """
    staged: list[tuple[Path, Path]] = []
    current: Path | None = None
    try:
        for path, data in files.items():
            current = Path(path)
            staged.append((_stage(current, data, mode), current))
        for tmp, target in staged:
            current = target
            os.replace(tmp, target)
        for folder in dict.fromkeys(target.parent for _, target in staged):
            current = folder
            fsync_folder(folder)
    except OSError as exc:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise output_error(current or Path("."), exc) from exc
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
        raise
    return [target for _, target in staged]


@contextlib.contextmanager
def staged_folder(target: str | os.PathLike[str]) -> Iterator[Path]:
    """A new empty folder beside `target` to write into; when the block ends normally its
    files (flushed to disk) replace those of `target`, else it is removed.

    A `target` that does not exist is created by one rename of the whole folder; in an
    existing folder each file is renamed over its namesake (other files stay).

    Raises
    ------
    OutputError
        When the folder cannot be created or written; it names `target`.
    """
    out = Path(target)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        if out.exists() and not out.is_dir():
            raise OutputError(out, t("output.exists_not_folder"))
        stage = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp"))
    except OSError as exc:
        raise output_error(out, exc) from exc
    try:
        yield stage
        names = sorted(p.name for p in stage.iterdir())
        for name in names:
            with open(stage / name, "rb") as fh:
                os.fsync(fh.fileno())
        os.chmod(stage, 0o777 & ~_umask())
        try:
            os.rename(stage, out)       # a new folder: one step
        except OSError:
            if not out.is_dir():
                raise
            for name in names:          # an existing folder: file by file
                os.replace(stage / name, out / name)
            fsync_folder(out)
        fsync_folder(out.parent)
    except OSError as exc:
        raise output_error(out, exc) from exc
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def write_atomic_stream(path: str | os.PathLike[str],
                        write: Callable[[IO[bytes]], None]) -> Path:
    """Like :func:`write_atomic`, for output written piece by piece (a JSON document of a
    million units): ``write(fh)`` fills a temporary binary file beside `path`, which is
    flushed to disk and then replaces `path`.

    Raises
    ------
    OutputError
        When the file cannot be written; it names `path` and the OS error.
    """
    target = Path(path)
    try:
        _refuse_special(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise output_error(target, exc) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
        fsync_folder(target.parent)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise output_error(target, exc) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
