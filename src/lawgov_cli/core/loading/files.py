"""Reading a report file (or a checks file, or an import source): a regular file only, never
more than a report may hold, as UTF-8 text. Problems are ``UnreadableFile`` / ``ReportError``."""

from __future__ import annotations

import os
import sys
from stat import S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISREG, S_ISSOCK
from typing import BinaryIO

from ...system.os_text import os_path
from ..errors import LawgovError, Problem, ReportError, shown


def require_path(path: str, what: str = "report") -> str:
    """``path`` as the file system takes it (``ostext.os_path``), unless it is empty: "" would
    name the current directory, a puzzling error."""
    if not path.strip():
        raise LawgovError(f"empty {what} path: name a {what} file")
    return os_path(path)


# The most a report file may hold. Far above any report (ours is 28 KB; a long one is 1 MB), far
# below what would exhaust memory when a path names /dev/zero or some other endless or enormous
# file by mistake: loading a 64 MB report takes about 370 MB (a long text) to 720 MB (420,000
# figures) at its peak. Import writes nothing larger (importer/build.py).
MAX_INPUT_BYTES = 64 * 1024 * 1024


def read_bounded(
    stream: BinaryIO,
    name: str,
    limit: int | None = None,
    refusal: str = "not a report",
    hint: str | None = None,
) -> bytes:
    """All of ``stream``, or LawgovError (``refusal``, ``hint``) when it holds more than
    ``limit`` bytes: MAX_INPUT_BYTES unless given."""
    most = MAX_INPUT_BYTES if limit is None else limit
    raw = stream.read(most + 1)
    if len(raw) > most:
        raise LawgovError(f"{shown(name)}: more than {size_text(most)}: {refusal}", hint)
    return raw


def size_text(size: int) -> str:
    """``64 MB``, ``83.0 MB``, ``256 KB``: binary units, as the README writes the limits."""
    for unit, name in ((2**20, "MB"), (2**10, "KB")):
        if size >= unit:
            return f"{size // unit} {name}" if size % unit == 0 else f"{size / unit:.1f} {name}"
    return f"{size} bytes"


class UnreadableFile(LawgovError):
    """A file that cannot be read: ``reason`` says why ("no such file"), without the name."""

    def __init__(self, file: str, reason: str) -> None:
        super().__init__(f"{shown(file)}: {reason}")
        self.reason = reason


_FILE_KINDS = (
    (S_ISDIR, "a directory"),
    (S_ISFIFO, "a FIFO (named pipe)"),
    (S_ISCHR, "a character device"),
    (S_ISBLK, "a block device"),
    (S_ISSOCK, "a socket"),
)
# Opening a FIFO for reading waits for a writer, forever if none comes: O_NONBLOCK returns at
# once. O_NOCTTY: opening a terminal device must not make it the controlling terminal.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)


def _not_regular(mode: int) -> str | None:
    """Why a file of this mode is not read (a directory, a FIFO, /dev/zero), or None."""
    if S_ISREG(mode):
        return None
    if S_ISDIR(mode):
        return "is a directory, not a file"
    kind = next((name for test, name in _FILE_KINDS if test(mode)), "not a regular file")
    return f"is {kind}, not a regular file"


# Names of standard input: whatever it is (a pipe, a here-document), it was asked for, and is
# read as a stream, to its end, as `cat` would.
STDIN_NAMES = frozenset(("/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"))


def read_file(
    file: str | os.PathLike[str],
    limit: int | None = None,
    refusal: str = "not a report",
    hint: str | None = None,
) -> bytes:
    """The bytes of a regular file (or of stdin, named /dev/stdin), at most ``limit``
    (read_bounded), or UnreadableFile.

    Anything else is refused before a byte is read: a FIFO would block until some program
    writes to it, /dev/zero never ends. The file is looked at before it is opened (opening a
    device can have effects of its own), and what was opened is looked at again, without
    blocking, in case the name was pointed elsewhere in between.
    """
    name = os.fspath(file)
    if name in STDIN_NAMES:
        if sys.stdin is None:  # started with stdin closed
            raise UnreadableFile(name, "stdin is closed")
        return read_bounded(sys.stdin.buffer, name, limit, refusal, hint)
    try:
        fault = _not_regular(os.stat(file).st_mode)
        if fault is None:
            fd = os.open(file, _OPEN_FLAGS)
    except FileNotFoundError:
        raise UnreadableFile(name, "no such file") from None
    except PermissionError:
        raise UnreadableFile(name, "permission denied") from None
    except OSError as err:
        raise UnreadableFile(name, err.strerror or str(err)) from None
    if fault is not None:
        raise UnreadableFile(name, fault)
    with os.fdopen(fd, "rb") as stream:
        fault = _not_regular(os.fstat(fd).st_mode)
        if fault is not None:
            raise UnreadableFile(name, fault)
        os.set_blocking(fd, True)
        try:
            return read_bounded(stream, name, limit, refusal, hint)
        except OSError as err:
            raise UnreadableFile(name, err.strerror or str(err)) from None


def read_text(file: str | os.PathLike[str]) -> str:
    """The file's text as UTF-8 (a leading BOM is allowed); anything else is a ReportError."""
    name = os.fspath(file)
    try:
        raw = read_file(file)
    except UnreadableFile as err:
        raise ReportError(name, [Problem("", err.reason)]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        problem = Problem(
            "",
            f"not UTF-8 text (byte 0x{raw[err.start]:02x} at offset {err.start})",
            line=line,
        )
        raise ReportError(name, [problem], hint="save the file as UTF-8") from None
