"""The command line's cache of loaded reports, so that shell loops do not parse and check the same
TOML each time. The library never uses it: ``lawgov_cli.load_report()`` writes nothing.

Why keep it: parsing TOML in pure Python dominates a load (``benchmarks/cache.py``): the cache
saves about 15% of a run on our 28 KB report and 70-75% on a 2.5 MB one (README, Performance).

Each report file loaded is stored once it has passed every check, as ``marshal`` data (built into
Python: nothing to import) under ``$XDG_CACHE_HOME/lawgov`` (else ``~/.cache/lawgov``; a relative
``XDG_CACHE_HOME`` is ignored, as the XDG spec says, and there is no cache when the home
directory does not exist). ``LAWGOV_NO_CACHE=1`` turns it off.

Whoever can write an entry decides what lawgov answers, and whoever can swap a path for a
symlink can make a write land elsewhere, so:
- the directory is opened once, without following a symlink, and used only when it is a real
  directory owned by this user; every entry is then read, written and removed relative to that
  open directory (``dir_fd``), never through its path again. One we own but left open to others
  is closed (``fchmod`` on the open directory, never ``chmod`` on a path);
- entries are created exclusively under a random name (``O_EXCL | O_NOFOLLOW``, as
  ``tempfile.mkstemp`` does) and renamed into place, so a planted link is never written through;
- an entry is read only when it is a regular file, ours alone (0600), and its data is checked
  field by field against the model before use: a damaged or tampered entry is discarded.

An entry is used only while the file keeps its path, size, modification and change times and
inode, and only by the same lawgov code, indicator rules and Python: the key holds the size and
modification time of every ``.py`` file of the installed package and of ``indicators.toml``,
since an editable or git install changes the checks without changing the version (and
``~/.cache/lawgov`` is shared by every clone).

Racy timestamps (as in git's "racy git"): a file rewritten with the same size within the same
clock tick as lawgov read it would keep its key. So a file changed (mtime or ctime) less than
two seconds ago is not stored; it is parsed each time until it settles.

Size: at most ``KEEP`` entries. A hit marks its entry used (its mtime). When the cache is full,
a new report replaces the least recently used entry only if that one has not been used for
``IDLE_NS``; otherwise it is not stored. A loop over more reports than the cache holds would
otherwise replace every entry just before it is needed, and pay for a store on every run
without one hit: slower than no cache at all.

The cache is an optimisation only: any problem reading or writing it is ignored and the file is
parsed instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import sys
import time
import zlib
from collections.abc import Callable, Iterator
from stat import S_ISDIR, S_ISREG
from typing import Any

from ..core.model import HEADER_FIELDS, Check, Metric, Report, Section
from ..system import package

# Positional rows in the dataclasses' own field order, read from the classes themselves.
_SECTION = tuple(Section.__dataclass_fields__)
_METRIC = tuple(Metric.__dataclass_fields__)
_CHECK = tuple(Check.__dataclass_fields__)
_FORMAT = 6  # bump when the layout below changes
KEEP = 256  # entries: about 30 KB each for a report like ours
CROWDED = 4  # times KEEP: more files than that in the directory, and it is not a cache of ours
IDLE_NS = 3_600_000_000_000  # an entry used within the hour is not replaced by a new report
# A file changed this recently may still be changing within the filesystem's clock tick.
SETTLE_NS = 2_000_000_000
_SUFFIX = ".marshal"
_CODE_DIR = package.PACKAGE_DIR  # whose .py files are in the key


def _directory() -> str | None:
    """Where the entries live; None when the cache is off or there is no home to keep it in."""
    from ..system.environment import env_flag

    if env_flag(os.environ, "LAWGOV_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # unset, empty or relative: the XDG spec says ignore it
        home = os.path.expanduser("~")
        if not os.path.isabs(home) or not os.path.isdir(home):  # never create a home
            return None
        base = os.path.join(home, ".cache")
    return os.path.join(base, "lawgov")


@contextlib.contextmanager
def _opened(directory: str, create: bool) -> Iterator[int]:
    """The cache directory, open: OSError unless it is a real directory (not a symlink to one)
    owned by this user. Opened with O_NOFOLLOW, so what is checked is what is used."""
    if create:
        with contextlib.suppress(FileExistsError):
            os.makedirs(directory, mode=0o700)
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not S_ISDIR(info.st_mode) or info.st_uid != os.geteuid():
            raise OSError(f"{directory} is not a directory of ours")
        if info.st_mode & 0o077:
            os.fchmod(fd, 0o700)  # the directory itself, whatever its path names by now
        yield fd
    finally:
        os.close(fd)


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


def _key(where: str, stat: os.stat_result) -> tuple[Any, ...]:
    """The key of the file at real path ``where``: its identity and the code reading it."""
    # Rows are positional: the classes' field lists are in the key too.
    layout = (_SECTION, _METRIC, _CHECK)
    version, python, code = code_key()
    return (_FORMAT, version, python, layout, where, *identity(stat), code, _rules())


def code_key() -> tuple[Any, ...]:
    """What makes data stored by this code unreadable to other code: lawgov's version, the
    Python's, and the fingerprint of the package's code (a stat per module). Part of every
    key of the cache directory (reports, the indicators' data, the library index)."""
    from ..version import __version__

    return (__version__, sys.version, code_fingerprint(_CODE_DIR))


def identity(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What says a file is unchanged since ``stat``: its size, mtime, ctime and inode (an edit
    that keeps the size and sets the mtime back still changes the ctime)."""
    return (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)


def _rules() -> tuple[Any, ...]:
    """The indicators file's path and ``identity``: the figures stored are tagged by its rules
    (core/indicators.py), so an edit to it makes every entry stale. A file that cannot be read
    is no error here: loading a report that needs its rules says what is wrong."""
    rules = package.indicators_file()
    try:
        return (rules, *identity(os.stat(rules)))
    except (OSError, ValueError):
        return (rules, None)


def _entry_name(where: str) -> str:
    """One entry per real path: named from it alone, so that a miss (no entry) costs no key."""
    return f"{zlib.crc32(repr(where).encode()):08x}{_SUFFIX}"


def _read(dir_fd: int, name: str) -> Any:
    """The entry's data. O_NONBLOCK and the fstat check keep a FIFO (or a device) put in an
    entry's place from blocking lawgov or feeding it: only a private regular file is read."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(name, flags, dir_fd=dir_fd)
    with open(fd, "rb") as stream:
        info = os.fstat(fd)
        if not S_ISREG(info.st_mode) or not _ours_alone(info):
            raise OSError(f"{name} is not a private regular file")
        data = marshal.load(stream)
    with contextlib.suppress(OSError):  # used now: the last to be replaced (see the docstring)
        os.utime(name, dir_fd=dir_fd, follow_symlinks=False)
    return data


def _ours_alone(info: os.stat_result) -> bool:
    """Owned by this user and writable by no one else: anyone who could write an entry could
    make lawgov answer with figures the report does not hold."""
    return info.st_uid == os.geteuid() and not info.st_mode & 0o022


Fields = dict[str, tuple[str, Any]]  # name -> (kind, default), as the schema declares them
Fault = Callable[[str, object], "str | None"]  # schema.value_fault


def _rows(rows: Any, names: tuple[str, ...], fields: Fields, fault: Fault) -> bool:
    """Whether ``rows`` is a list of rows each of which ``_row`` accepts."""
    return isinstance(rows, list) and all(_row(row, names, fields, fault) for row in rows)


def _row(row: Any, names: tuple[str, ...], fields: Fields, fault: Fault) -> bool:
    """Whether ``row`` holds a value for each of ``names`` that the loader would take from a
    report file: its type and its content (no control character, a finite number, a year in
    range), by the schema's own rule; None only where the field is optional (a default of
    None: the date, the year)."""
    if not isinstance(row, tuple) or len(row) != len(names):
        return False
    return all(
        (value is None and fields[name][1] is None) or fault(fields[name][0], value) is None
        for name, value in zip(names, row, strict=True)
    )


def _report(data: Any, key: tuple[Any, ...], file: str) -> Report | None:
    """The report an entry holds, or None when it is for another key or not what ``store``
    writes: an entry is untrusted input, checked field by field, as the loader checks a
    report file's fields, before it is believed."""
    from ..core.loading.schema import (  # on a hit only: a miss never needs them
        CHECK_FIELDS,
        METRIC_SCHEMA,
        REPORT_FIELDS,
        SECTION_FIELDS,
        value_fault,
    )

    if not isinstance(data, tuple) or len(data) != 2 or data[0] != key:
        return None
    rows = data[1]
    if not isinstance(rows, tuple) or len(rows) != 4:
        return None
    meta, sections, metrics, checks = rows
    if not isinstance(meta, tuple) or len(meta) != len(HEADER_FIELDS):
        return None
    header: dict[str, Any] = dict(zip(HEADER_FIELDS, meta, strict=True))
    if header["date"] is not None:  # stored as ISO text: a date is no marshal type
        try:
            header["date"] = dt.date.fromisoformat(header["date"])
        except (TypeError, ValueError):
            return None
    if not (
        _row(tuple(header.values()), HEADER_FIELDS, REPORT_FIELDS, value_fault)
        and _rows(sections, _SECTION, SECTION_FIELDS, value_fault)
        and _rows(metrics, _METRIC, METRIC_SCHEMA, value_fault)
        and _rows(checks, _CHECK, CHECK_FIELDS, value_fault)
    ):
        return None
    return Report(
        **header,
        sections=tuple(Section(*row) for row in sections),
        metrics=tuple(Metric(*row) for row in metrics),
        checks=tuple(Check(*row) for row in checks),
        path=file,
    )


def load(file: str, stat: os.stat_result) -> Report | None:
    directory = _directory()
    if directory is None:
        return None
    try:
        where = os.path.realpath(file)
        data = fetched(_entry_name(where))
        # Only now the key, whose fingerprint of the code costs a stat per module: a miss (no
        # entry, the common case in a loop over new files) never pays for it.
        return _report(data, _key(where, stat), file)
    except Exception:  # a missing, stale or damaged entry: parse the file instead
        return None


def _sealed(data: Any) -> tuple[int, bytes]:
    """``data`` as an entry holds it: marshalled, after the CRC-32 of those bytes. A bit
    flipped on disk would otherwise pass the field checks (876 read as 877: a wrong answer)."""
    payload = marshal.dumps(data)
    return (zlib.crc32(payload), payload)


def _unsealed(entry: Any) -> Any:
    """What ``_sealed`` sealed; ValueError when the bytes are not those it sealed. (Someone who
    may write the user's cache may as well edit the user's reports: this finds damage, not a
    deliberate edit, which the field checks still bound.)"""
    if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], bytes)):
        raise ValueError("not a sealed entry")
    crc, payload = entry
    if zlib.crc32(payload) != crc:
        raise ValueError("damaged entry")
    return marshal.loads(payload)


def settled(stat: os.stat_result) -> bool:
    """Whether the file was last changed long enough ago for its stat to name its content.
    ctime counts too: ``cp -p`` or ``tar x`` write a file and then set its mtime back."""
    changed = max(stat.st_mtime_ns, stat.st_ctime_ns)
    return time.time_ns() - changed >= SETTLE_NS


def store(file: str, stat: os.stat_result, report: Report) -> None:
    with contextlib.suppress(OSError):  # no real path: no entry
        where = os.path.realpath(file)
        keep(_entry_name(where), stat, lambda: (_key(where, stat), _rows_of(report)))


def fetched(name: str) -> Any:
    """The data entry ``name`` holds, unsealed; an exception when there is no cache or no such
    entry, or it is not a private regular file of ours, or its seal is broken."""
    directory = _directory()
    if directory is None:
        raise OSError("no cache directory")
    with _opened(directory, create=False) as dir_fd:
        return _unsealed(_read(dir_fd, name))


def keep(name: str, stat: os.stat_result, data: Callable[[], Any]) -> None:
    """Store ``data()`` as entry ``name``, sealed, when the file it comes from (``stat``) has
    settled and the cache takes it; never an error (no directory, no room, data that marshal
    cannot hold: no entry). Room first: a cache that takes no entry (full, crowded) costs no
    ``data()``, which holds the key (a stat per module of the code)."""
    directory = _directory()
    if directory is None or not settled(stat):
        return
    with contextlib.suppress(OSError, ValueError), _opened(directory, create=True) as dir_fd:
        if make_room(dir_fd, name, KEEP, time.time_ns() - IDLE_NS):
            _write(dir_fd, name, _sealed(data()))


def _rows_of(report: Report) -> tuple[Any, ...]:
    """What an entry holds: the header (the date as ISO text), then rows in field order."""
    date = report.date.isoformat() if report.date is not None else None
    header: dict[str, Any] = report.header() | {"date": date}
    return (
        tuple(header.values()),
        [tuple(getattr(s, f) for f in _SECTION) for s in report.sections],
        [tuple(getattr(m, f) for f in _METRIC) for m in report.metrics],
        [tuple(getattr(c, f) for f in _CHECK) for c in report.checks],
    )


def _write(
    dir_fd: int, name: str, data: Any, dump: Callable[[Any, Any], object] = marshal.dump
) -> None:
    """Write the entry whole or not at all: a new file under a random name, created exclusively
    and never through a link, then renamed over the entry (readers never see half of one).
    ``dump(data, stream)`` writes it: marshal data unless told (the library index: bytes)."""
    temporary = f".{name}.{os.urandom(6).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    fd = os.open(temporary, flags, 0o600, dir_fd=dir_fd)
    try:
        with open(fd, "wb") as stream:
            dump(data, stream)
        os.replace(temporary, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary, dir_fd=dir_fd)
        raise


def make_room(dir_fd: int, name: str, keep: int, idle_before: int) -> bool:
    """Whether ``name`` may be stored, after removing what must go: temporary files a killed
    run left, and, when the cache is full, the least recently used entry if it has been idle
    since ``idle_before`` (ns). Errors removing are ignored: another lawgov may be doing the
    same, and a cache too big is no reason to fail. A directory crowded with more files than a
    cache of ``keep`` entries could hold is not ours to tidy: nothing is stored there, and the
    look stops early, so that its size never slows a run."""
    entries: list[tuple[int, str]] = []
    with os.scandir(dir_fd) as found:
        for seen, entry in enumerate(found):
            if seen >= CROWDED * keep:
                return False
            if not entry.name.endswith((".tmp", _SUFFIX)) or entry.name == name:
                continue  # another program's file: never looked at more closely
            with contextlib.suppress(OSError):
                used = entry.stat(follow_symlinks=False).st_mtime_ns
                if entry.name.endswith(".tmp"):
                    if used < idle_before:  # a run killed while writing; not one writing now
                        os.unlink(entry.name, dir_fd=dir_fd)
                else:
                    entries.append((used, entry.name))
    entries.sort()
    surplus = len(entries) - (keep - 1)
    if surplus <= 0:
        return True
    if entries[surplus - 1][0] >= idle_before:
        return False  # full of entries in use: storing would only push out one needed soon
    for _, old in entries[:surplus]:
        with contextlib.suppress(OSError):
            os.unlink(old, dir_fd=dir_fd)
    return True


def load_report(path: str | None = None) -> Report:
    """``loader.load_report``, through the cache: what the command line uses."""
    from ..core.loading import load_report as load_uncached
    from ..core.loading import report_file

    file = report_file(path)
    try:
        stat = os.stat(file)
    except (OSError, ValueError):
        stat = None  # the loader says what is wrong with it
    if stat is not None and S_ISREG(stat.st_mode):
        cached = load(file, stat)
        if cached is not None:
            return cached
    report = load_uncached(file)
    if stat is not None and S_ISREG(stat.st_mode):
        store(file, stat, report)
    return report
