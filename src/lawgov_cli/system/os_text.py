"""Text that reaches lawgov from the operating system as bytes: arguments, environment
variables, file names.

Python decodes them with the locale's encoding, and keeps each byte it cannot decode as a lone
surrogate (U+DC80-U+DCFF, "surrogateescape"). Under ``LC_ALL=C`` that is every byte of a
Chinese argument, so 调解 would be searched for as six unreadable characters and match nothing.
lawgov reads arguments as UTF-8 whatever the locale says, keeps file names exactly as given
(any bytes name a file), and shows an undecodable byte as ``\\xNN``: never as a lone surrogate,
which is not text and cannot be written as UTF-8. Standard library only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable

_SURROGATES = re.compile("[\ud800-\udfff]+")


def decode_args(args: Iterable[str]) -> list[str]:
    """The command-line arguments read as UTF-8: the bytes the locale's encoding could not
    decode are decoded again, as UTF-8; bytes that are not UTF-8 either stay undecodable
    (a file name may be any bytes: ``os_path`` finds the file again)."""
    return [_as_utf8(arg) if _SURROGATES.search(arg) else arg for arg in args]


def _as_utf8(arg: str) -> str:
    try:
        return os.fsencode(arg).decode("utf-8", "surrogateescape")
    except UnicodeError:  # not something the OS handed over: leave it alone
        return arg


def os_path(path: str) -> str:
    """A path as the file system takes it: an argument ``decode_args`` read as UTF-8 where
    the locale could not (南山.toml under ``LC_ALL=C``) goes back to its original bytes.
    A path the locale can encode is returned as it is."""
    try:
        os.fsencode(path)
    except UnicodeEncodeError:
        return os.fsdecode(path.encode("utf-8", "surrogateescape"))
    return path


def readable(text: str, backslash: str = "\\") -> str:
    """``text`` with every undecodable byte shown as ``\\xNN`` (the bytes of a file name that
    is not UTF-8, 0xC4 0xCF of a GBK 南山 as ``\\xc4\\xcf``) and the bytes of UTF-8 text that
    the locale could not read decoded. ``backslash`` is what stands for the backslash: ``\\\\``
    inside JSON text, where a lone backslash would be an escape."""
    if not _SURROGATES.search(text):  # nearly always: nothing to do
        return text
    return _SURROGATES.sub(lambda run: _shown(run.group(), backslash), text)


def _shown(run: str, backslash: str) -> str:
    """A run of lone surrogates as text: the bytes they stand for decoded as UTF-8 where they
    are UTF-8, ``\\xNN`` where not; a surrogate that stands for no byte as ``\\uDXXX``."""
    out: list[str] = []
    raw = bytearray()
    for char in run + "\0":  # the sentinel flushes the last bytes
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            raw.append(code - 0xDC00)
            continue
        if raw:
            decoded = raw.decode("utf-8", "backslashreplace")
            out.append(decoded.replace("\\", backslash))  # only the escapes hold a backslash
            raw.clear()
        if char != "\0":
            out.append(f"{backslash}u{code:04x}")
    return "".join(out)


def has_undecodable(text: str) -> bool:
    """Whether ``text`` holds bytes that could not be read as UTF-8."""
    return _SURROGATES.search(text) is not None
