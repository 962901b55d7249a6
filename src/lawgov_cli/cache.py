"""A cache of loaded reports, so that shell loops do not parse and check the same TOML each time.

Each report file loaded is stored once it has passed every check, as ``marshal`` data (built into
Python: nothing to import) under ``$XDG_CACHE_HOME/lawgov`` (else ``~/.cache/lawgov``; a relative
``XDG_CACHE_HOME`` is ignored, as the XDG spec says, and there is no cache when the home
directory does not exist). The directory is private (0700), its entries 0600: a directory lawgov
finds open to others is closed, one owned by someone else is not used, and an entry that is not
ours alone is ignored, since whoever can write an entry decides what lawgov answers.
``LAWGOV_NO_CACHE=1`` turns it off.

An entry is used only while the file keeps its path, size, modification and change times and
inode, and only by the same lawgov code and Python: the key holds the size and modification time
of every ``.py`` file of the installed package, since an editable or git install changes the
checks without changing the version (and ``~/.cache/lawgov`` is shared by every clone).

Racy timestamps (as in git's "racy git"): a file rewritten with the same size within the same
clock tick as lawgov read it would keep its key. So a file changed (mtime or ctime) less than
two seconds ago is not stored; it is parsed each time until it settles.

At most ``KEEP`` entries are kept: each store (on a miss only) removes the oldest beyond that.
The cache is an optimisation only: any problem reading or writing it is ignored and the file is
parsed instead; an entry that is not a regular file (a FIFO) is never opened for reading.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import sys
import time
import zlib
from stat import S_ISREG
from typing import Any

from .model import HEADER_FIELDS, Check, Metric, Report, Section

# Positional rows in the dataclasses' own field order, read from the classes themselves.
_SECTION = tuple(Section.__dataclass_fields__)
_METRIC = tuple(Metric.__dataclass_fields__)
_CHECK = tuple(Check.__dataclass_fields__)
_FORMAT = 1  # bump when the layout below changes
KEEP = 32  # entries: one per report path ever loaded (temporary files too) would pile up
# A file changed this recently may still be changing within the filesystem's clock tick.
SETTLE_NS = 2_000_000_000
_PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))


def _directory() -> str | None:
    """Where the entries live; None when the cache is off or there is no home to keep it in."""
    from .exits import env_flag

    if env_flag(os.environ, "LAWGOV_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: the XDG spec says ignore it
        home = os.path.expanduser("~")
        if not os.path.isabs(home) or not os.path.isdir(home):  # never create a home
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "lawgov")


def code_fingerprint(root: str) -> tuple[tuple[str, int, int], ...]:
    """Path, size and modification time of every ``.py`` file below ``root``: any edit to the
    code changes it. ``os.scandir`` reads the directories' types without a stat each, so this
    costs one stat per file, a fraction of a millisecond for the package."""
    found = []
    pending = [root]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.name.endswith(".py"):
                    info = entry.stat()
                    found.append((entry.path, info.st_size, info.st_mtime_ns))
                elif entry.name != "__pycache__" and entry.is_dir():
                    pending.append(entry.path)
    return tuple(sorted(found))


def _key(file: str, stat: os.stat_result) -> tuple[Any, ...]:
    from . import __version__

    where = os.path.realpath(file)
    # Rows are positional: the classes' field lists are in the key too.
    layout = (_SECTION, _METRIC, _CHECK)
    identity = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    code = code_fingerprint(_PACKAGE_DIR)
    return (_FORMAT, __version__, sys.version, layout, where, *identity, code)


def _entry(directory: str, key: tuple[Any, ...]) -> str:
    return os.path.join(directory, f"{zlib.crc32(repr(key[4]).encode()):08x}.marshal")


def _read(entry: str) -> Any:
    """The entry's data. O_NONBLOCK and the fstat check keep a FIFO (or a device) put in an
    entry's place from blocking lawgov or feeding it: only a regular file is read."""
    fd = os.open(entry, os.O_RDONLY | os.O_NONBLOCK)
    with open(fd, "rb") as stream:
        info = os.fstat(fd)
        if not S_ISREG(info.st_mode) or not _ours_alone(info):
            raise OSError(f"{entry} is not a private regular file")
        return marshal.load(stream)


def _ours_alone(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else: anyone who could write an entry could
    make lawgov answer with figures the report does not hold."""
    return info.st_uid == os.geteuid() and not info.st_mode & 0o022


def _private(directory: str) -> bool:
    """Is the cache directory ours alone? One we own but left open is closed (chmod 0700)."""
    info = os.stat(directory)
    if info.st_uid != os.geteuid():
        return False
    if info.st_mode & 0o077:
        os.chmod(directory, 0o700)
    return True


def load(file: str, stat: os.stat_result) -> Report | None:
    directory = _directory()
    if directory is None:
        return None
    try:
        if not _private(directory):
            return None
        key = _key(file, stat)
        stored_key, rows = _read(_entry(directory, key))
        if stored_key != key:
            return None
        meta, sections, metrics, checks = rows
        header = dict(zip(HEADER_FIELDS, meta, strict=True))
        header["date"] = dt.date.fromisoformat(header["date"])
        return Report(
            **header,
            sections=tuple(Section(*row) for row in sections),
            metrics=tuple(Metric(*row) for row in metrics),
            checks=tuple(Check(*row) for row in checks),
            path=file,
        )
    except Exception:  # a missing, stale or damaged entry: parse the file instead
        return None


def settled(stat: os.stat_result) -> bool:
    """Whether the file was last changed long enough ago for its stat to name its content.
    ctime counts too: ``cp -p`` or ``tar x`` write a file and then set its mtime back."""
    changed = max(stat.st_mtime_ns, stat.st_ctime_ns)
    return time.time_ns() - changed >= SETTLE_NS


def store(file: str, stat: os.stat_result, report: Report) -> None:
    directory = _directory()
    if directory is None or not settled(stat):
        return
    header: dict[str, Any] = report.header() | {"date": report.date.isoformat()}
    meta = tuple(header.values())
    rows = (
        meta,
        [tuple(getattr(s, f) for f in _SECTION) for s in report.sections],
        [tuple(getattr(m, f) for f in _METRIC) for m in report.metrics],
        [tuple(getattr(c, f) for f in _CHECK) for c in report.checks],
    )
    try:
        key = _key(file, stat)
    except OSError:  # the package's files cannot be listed: no fingerprint, no entry
        return
    if _write(directory, _entry(directory, key), (key, rows)):
        prune(directory, KEEP)


def _write(directory: str, entry: str, data: Any) -> bool:
    """Write the entry whole or not at all; whether it was written."""
    temporary = f"{entry}.{os.getpid()}.tmp"
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        if not _private(directory):
            return False
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with open(fd, "wb") as stream:
            marshal.dump(data, stream)
        os.replace(temporary, entry)  # readers never see half an entry
        return True
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        return False


def prune(directory: str, keep: int) -> None:
    """Remove all but the ``keep`` entries stored last (by mtime). Left-over temporary files
    (a run killed while writing) go the same way. Errors are ignored: another lawgov may be
    pruning too, and a cache too big is no reason to fail."""
    entries = []
    with contextlib.suppress(OSError), os.scandir(directory) as found:
        for entry in found:
            if entry.name.endswith((".marshal", ".tmp")):
                with contextlib.suppress(OSError):
                    entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
    entries.sort(reverse=True)
    for _, path in entries[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
