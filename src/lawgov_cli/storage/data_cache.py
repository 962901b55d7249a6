"""The canonical indicators (data/indicators.toml) with their TOML parsed once, not on every run:
``tomllib`` is pure Python, and parsing the file costs more than all else ``lawgov compare``
does with the library index but one part (README, Performance). The parsed data is kept as one
entry of the report cache (storage/report_cache.py: same directory, same rules: a private
regular file, sealed with a CRC, written whole or not at all, keyed by the file's identity and
the code), and checked again as the file's data (``core.indicators.indicators_of``) when read."""

from __future__ import annotations

import contextlib
import os
import zlib
from functools import cache
from typing import Any

from ..core.indicators import Indicators, indicators_of
from ..system.package import indicators_file
from . import report_cache as cache_files

_FORMAT = 1  # bump when the entry's layout changes


def _key(where: str, stat: os.stat_result) -> tuple[Any, ...]:
    version, python, code = cache_files.code_key()
    return (_FORMAT, version, python, where, *cache_files.identity(stat), code)


def _entry_name(where: str) -> str:
    return f"{zlib.crc32(repr(('data', where)).encode()):08x}{cache_files._SUFFIX}"


@cache
def load_indicators() -> Indicators:
    """``core.indicators.load_indicators()`` (the shipped file), its parsed data from the cache
    when the file is unchanged since it was stored; a damaged, stale or missing entry, or none
    that can be written, costs a parse and nothing else."""
    from ..core.indicators import load_indicators as load_parsing

    file = indicators_file()
    try:
        stat = os.stat(file)
        where = os.path.realpath(file)
    except (OSError, ValueError):
        return load_parsing()  # which says what is wrong with it
    name = _entry_name(where)
    with contextlib.suppress(Exception):  # no entry, or anything wrong with it: parse instead
        entry = cache_files.fetched(name)
        if (
            isinstance(entry, tuple)
            and len(entry) == 2
            and entry[0] == _key(where, stat)
            and isinstance(entry[1], dict)
        ):
            return indicators_of(entry[1], file)
    from ..core.loading.files import read_text
    from ..core.loading.tomlfile import parse_toml

    text = read_text(file)
    data = parse_toml(text, file)
    known = indicators_of(data, file, text)  # a broken file is an error, never stored
    cache_files.keep(name, stat, lambda: (_key(where, stat), data))
    return known
