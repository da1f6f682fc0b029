"""Every file and folder graphkit writes goes through here: whole or not at all, even
across a power loss, and every OS error one :class:`OutputError` naming the path.

A file is written to a temporary file in the same folder, flushed to disk (``fsync``),
then renamed over the target, and the folder is flushed so that the rename itself is on
disk. A folder written file by file (:func:`staged_folder`) is built beside the target and
moved into place when complete. An interruption (Ctrl-C, SIGTERM, a full disk, a crash)
leaves the old content or nothing, never part of the new: no temporary file, and no
folder created for the output.

The target is what the user meant: a symbolic link is written through (the file it points
to gets the new content, the link stays), and the temporary name fits the file system's
limit of 255 bytes however long the target's name is (an 80-character Chinese name is 245
bytes).

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

from ..errors import OutputError, os_reason
from ..messages import t
from ._threads import Sink, WriterBeside

__all__ = ["OutputError", "fsync_folder", "new_folders", "staged_folder", "synced_writes",
           "target_of", "write_all_atomic", "write_atomic", "write_atomic_stream",
           "write_folder"]

#: Bytes a temporary name adds to the part of the target's name it keeps: a leading dot, a
#: dot, eight random characters (``tempfile``) and ``.tmp``.
_TEMP_EXTRA = 1 + 1 + 8 + 4
#: Longest file name in bytes where the file system does not say (Linux, macOS, Windows).
_NAME_MAX = 255


def target_of(path: str | os.PathLike[str]) -> Path:
    """Where writing `path` puts the content: the file a symbolic link points to (written
    through, as a shell's ``>`` does; replacing the link left its target with the old
    content while "written" was printed), else `path`.

    Examples
    --------
    >>> import shutil, tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> (d / "link.html").symlink_to("real.html")
    >>> target_of(d / "link.html") == d / "real.html", target_of(d / "x") == d / "x"
    (True, True)
    >>> shutil.rmtree(d)
    """
    p = Path(path)
    if os.path.islink(p):
        return Path(os.path.realpath(p))
    return p


def _temp_prefix(target: Path) -> str:
    """The start of a temporary name beside `target`: a dot, the target's name cut (on a
    character boundary) so that the whole temporary name fits the file system's limit,
    and a dot.

    Examples
    --------
    >>> name = "四会市" * 27                     # 81 characters, 243 bytes in UTF-8
    >>> prefix = _temp_prefix(Path("/tmp") / name)
    >>> len(os.fsencode(prefix)) + 12 <= 255, name.startswith(prefix[1:-1])
    (True, True)
    """
    try:
        limit = os.pathconf(target.parent, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        limit = _NAME_MAX
    room = max(1, min(limit, _NAME_MAX) - _TEMP_EXTRA)
    name = target.name
    while len(os.fsencode(name)) > room:  # whole characters only
        name = name[:-1]
    return f".{name}."


def _is_staged(name: Path, target: Path) -> bool:
    """Whether `name` is a temporary file or folder staged for `target`."""
    return name.parent == target.parent and name.name.startswith(_temp_prefix(target)) \
        and name.name.endswith(".tmp")


def _reason(exc: OSError, target: Path) -> str:
    """An OS error in words, naming the file it concerns when that is not the target."""
    text = os_reason(exc)
    name = Path(str(exc.filename)) if exc.filename else None
    if exc.errno in (errno.ENOTDIR, errno.EEXIST) and name is not None and name != target:
        return t("output.not_a_folder", path=name)
    if name is not None and _is_staged(name, target):
        return t("output.creating_in", reason=text, folder=name.parent)
    if name is not None and name != target:
        text += f" ({name})"
    return text


@contextlib.contextmanager
def new_folders(folder: str | os.PathLike[str]) -> Iterator[Path]:
    """`folder`, created with its missing parents; if the block fails (an OS error, Ctrl-C,
    SIGTERM) the folders it created are removed again when empty, so that a failed output
    leaves nothing (``plan --apply`` on a full disk left an empty folder while saying that
    nothing was written).

    Raises
    ------
    OSError
        As :meth:`pathlib.Path.mkdir` does.
    """
    out = Path(folder)
    made: list[Path] = []
    p = out
    while not os.path.lexists(p) and p != p.parent:
        made.append(p)
        p = p.parent
    out.mkdir(parents=True, exist_ok=True)
    try:
        yield out
    except BaseException:
        for d in made:  # the deepest first
            try:
                d.rmdir()
            except OSError:
                break
        raise


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


def _refuse_special(target: Path, given: Path | None = None) -> None:
    """A target that exists and is not a regular file (a device such as /dev/null, a FIFO,
    a folder) is refused: the rename would replace it by a file. The error names `given`
    (the path as the user wrote it, a link to `target`), else `target`."""
    try:
        mode = os.stat(target).st_mode
    except (FileNotFoundError, NotADirectoryError):
        return
    if not stat.S_ISREG(mode):
        what = t("file.folder" if stat.S_ISDIR(mode) else "file.fifo"
                 if stat.S_ISFIFO(mode) else "file.device" if stat.S_ISCHR(mode) or
                 stat.S_ISBLK(mode) else "file.not_regular")
        raise OutputError(given or target, t("output.special", what=what))


def check_target(path: str | os.PathLike[str]) -> None:
    """Refuse now a file `path` that a write would refuse at its end (a device such as
    /dev/null, a FIFO, a folder): a command checks its ``--out`` before it reads and
    audits, so a city of ten million units does not run for a minute to be refused.

    Raises
    ------
    OutputError
        When `path` (or the file its link points to) exists and is not a regular file.

    Examples
    --------
    >>> check_target("/dev/null")
    Traceback (most recent call last):
    graphkit.errors.OutputError: ...
    >>> check_target("/tmp/graphkit-not-there/audit.json")
    """
    given = Path(path)
    _refuse_special(target_of(given), given)


def _stage(target: Path, data: str | bytes, mode: int | None = None,
           given: Path | None = None) -> Path:
    """`data` written whole and flushed to disk in a temporary file beside `target`
    (removed if interrupted); the folder must exist."""
    _refuse_special(target, given)
    fd, tmp = _mkstemp(target)
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


def _mkstemp(target: Path) -> tuple[int, str]:
    return tempfile.mkstemp(dir=target.parent, prefix=_temp_prefix(target), suffix=".tmp")


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
    taken = False
    try:
        with new_folders(target.parent):
            tmp = _stage(target, data, mode)
            try:
                os.link(tmp, target)
            except FileExistsError:
                taken = True
                raise
            finally:
                tmp.unlink(missing_ok=True)
            fsync_folder(target.parent)
    except OSError as exc:
        if taken:
            raise
        raise output_error(target, exc) from exc
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
    targets = {Path(path): target_of(path) for path in files}
    try:
        with contextlib.ExitStack() as made:
            for path, target in targets.items():
                if not target.parent.is_dir():
                    current = path
                    made.enter_context(new_folders(target.parent))
            for (path, data), target in zip(files.items(), targets.values(), strict=True):
                current = Path(path)
                staged.append((_stage(target, data, mode, current), target))
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
    return list(targets)


def write_folder(folder: str | os.PathLike[str], files: Mapping[str, str | bytes], *,
                 mode: int | None = None) -> Path:
    """Write the files `files` (name -> content) into `folder` as :func:`write_all_atomic`
    does, creating `folder` when it is missing; when anything fails, nothing is left: no
    file, and no folder created for them.

    Raises
    ------
    OutputError
        When the folder or a file cannot be written; it names it and the OS error.
    """
    out = Path(folder)
    try:
        if os.path.lexists(out) and not out.is_dir():
            raise OutputError(out, t("output.exists_not_folder"))
        with new_folders(out):
            write_all_atomic({out / name: data for name, data in files.items()}, mode=mode)
    except OSError as exc:
        raise output_error(out, exc) from exc
    return out


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
    out = target_of(target)
    with contextlib.ExitStack() as made:
        try:
            made.enter_context(new_folders(out.parent))
            if out.exists() and not out.is_dir():
                raise OutputError(out, t("output.exists_not_folder"))
            stage = Path(tempfile.mkdtemp(dir=out.parent, prefix=_temp_prefix(out),
                                          suffix=".tmp"))
        except OSError as exc:
            raise output_error(out, exc) from exc
        yield from _filled(stage, out)


def _filled(stage: Path, out: Path) -> Iterator[Path]:
    """The body of :func:`staged_folder`: `stage` to write into, then moved into `out`."""
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


#: How much a streamed file grows between two flushes to disk of what it has so far.
SYNC_EVERY = 64 << 20


def synced_writes(write: Callable[[bytes | memoryview], object], fd: int, *,
                  flush: Callable[[], object] | None = None, quiet: bool = False,
                  every: int | None = None) -> Callable[[bytes | memoryview], None]:
    """``write``, and every `every` bytes (:data:`SYNC_EVERY`) ``flush()`` (what ``write``
    buffers, handed to the system) and a flush to disk of the regular file `fd`, whose
    pages then leave the page cache (``POSIX_FADV_DONTNEED``) where the system can. With
    `quiet`, a flush to disk that fails is ignored (standard output redirected to a file,
    which graphkit does not promise on disk); otherwise its error is raised.

    The last ``fsync`` then waits for the last part only, not the whole file (0.3 s for a
    534 MB JSON document here), and the next part's writes reuse the pages the previous
    part left: on this project's VMs a page the system has not used lately costs far more
    to fill than one it has just freed (534 MB in 10 MB writes: 1.8-2.0 s without, 0.42-0.48
    s with; BENCHMARKS.md, issue 24's twelfth round). The thread writing the pieces waits,
    not the command. A file smaller than `every` is written as before.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryFile() as fh:
    ...     write = synced_writes(fh.write, fh.fileno(), flush=fh.flush, every=4)
    ...     for piece in (b"abc", b"de", b"f"):
    ...         write(piece)
    ...     _ = fh.seek(0)
    ...     fh.read()
    b'abcdef'
    """
    every = SYNC_EVERY if every is None else every
    unsynced = 0
    sync = getattr(os, "fdatasync", os.fsync)  # macOS has no fdatasync
    drop = getattr(os, "posix_fadvise", None)

    def synced(piece: bytes | memoryview) -> None:
        nonlocal unsynced
        write(piece)
        unsynced += len(piece)
        if unsynced >= every:
            if flush is not None:
                flush()
            try:
                sync(fd)
            except OSError:
                if not quiet:
                    raise
            unsynced = 0
            if drop is not None:  # advice: a file system that takes none writes as before
                with contextlib.suppress(OSError):
                    drop(fd, 0, 0, os.POSIX_FADV_DONTNEED)  # all clean now: the whole file

    return synced


def write_atomic_stream(path: str | os.PathLike[str],
                        write: Callable[[Sink], None]) -> Path:
    """Like :func:`write_atomic`, for output written piece by piece (a JSON document of a
    million units): ``write(sink)`` fills a temporary binary file beside `path` through
    ``sink.write(piece)``, which is flushed to disk and then replaces `path`. The pieces
    are written to the file by a thread while ``write`` makes the next ones
    (:class:`~graphkit.network._threads.WriterBeside`), and flushed to disk as the file
    grows (:func:`synced_writes`): they must not change once given.

    Raises
    ------
    OutputError
        When the file cannot be written; it names `path` and the OS error.
    """
    given = Path(path)
    target = target_of(given)
    with contextlib.ExitStack() as made:
        try:
            _refuse_special(target, given)
            made.enter_context(new_folders(target.parent))
            fd, tmp = _mkstemp(target)
        except OSError as exc:
            raise output_error(target, exc) from exc
        try:
            with os.fdopen(fd, "wb") as fh:
                with WriterBeside(synced_writes(fh.write, fd, flush=fh.flush)) as sink:
                    write(sink)
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
    return given
