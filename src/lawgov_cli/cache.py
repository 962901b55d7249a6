"""A cache of loaded reports, so that shell loops do not parse and check the same TOML each time.

Each report file loaded is stored once it has passed every check, as ``marshal`` data (built into
Python: nothing to import) under ``$XDG_CACHE_HOME/lawgov`` (else ``~/.cache/lawgov``). An entry
is used only while the file keeps its path, size, modification time and inode, and only by the
same lawgov and Python versions. ``LAWGOV_NO_CACHE=1`` turns it off. The cache is an
optimisation only: any problem reading or writing it is ignored and the file is parsed instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import marshal
import os
import sys
import zlib
from typing import Any

from .model import HEADER_FIELDS, Check, Metric, Report, Section

# Positional rows in the dataclasses' own field order, read from the classes themselves.
_SECTION = tuple(Section.__dataclass_fields__)
_METRIC = tuple(Metric.__dataclass_fields__)
_CHECK = tuple(Check.__dataclass_fields__)
_FORMAT = 1  # bump when the layout below changes


def _directory() -> str | None:
    from .exits import env_flag

    if env_flag(os.environ, "LAWGOV_NO_CACHE"):
        return None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "lawgov")


def _key(file: str, stat: os.stat_result) -> tuple[Any, ...]:
    from . import __version__

    where = os.path.realpath(file)
    # The classes' field lists too: rows are positional, and an editable install changes code
    # without changing the version.
    layout = (_SECTION, _METRIC, _CHECK)
    identity = (stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino)
    return (_FORMAT, __version__, sys.version, layout, where, *identity)


def _entry(directory: str, key: tuple[Any, ...]) -> str:
    return os.path.join(directory, f"{zlib.crc32(repr(key[4]).encode()):08x}.marshal")


def load(file: str, stat: os.stat_result) -> Report | None:
    directory = _directory()
    if directory is None:
        return None
    key = _key(file, stat)
    try:
        with open(_entry(directory, key), "rb") as stream:
            stored_key, rows = marshal.load(stream)
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


def store(file: str, stat: os.stat_result, report: Report) -> None:
    directory = _directory()
    if directory is None:
        return
    key = _key(file, stat)
    header: dict[str, Any] = report.header() | {"date": report.date.isoformat()}
    meta = tuple(header.values())
    rows = (
        meta,
        [tuple(getattr(s, f) for f in _SECTION) for s in report.sections],
        [tuple(getattr(m, f) for f in _METRIC) for m in report.metrics],
        [tuple(getattr(c, f) for f in _CHECK) for c in report.checks],
    )
    entry = _entry(directory, key)
    temporary = f"{entry}.{os.getpid()}.tmp"
    try:
        os.makedirs(directory, exist_ok=True)
        with open(temporary, "wb") as stream:
            marshal.dump((key, rows), stream)
        os.replace(temporary, entry)  # readers never see half an entry
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
