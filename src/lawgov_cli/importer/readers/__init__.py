"""Readers: a source's bytes -> its text, in front of the text stage (importer.build).

A reader is chosen by what the bytes are (their magic bytes or how they begin), then by the
name's extension. Today there is one, for text (UTF-8, UTF-16, GB18030/GBK); a reader for web
pages, PDF or Word files is a module here with a ``sniff`` and a ``read``, and a line in
READERS before the text reader, which takes whatever the others do not.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from . import text


class Reader(NamedTuple):
    name: str
    sniff: Callable[[bytes, str], bool]  # (the bytes, the source's name): is this mine?
    read: Callable[[bytes, str], tuple[str, str]]  # -> (text, how it was read: "utf-8", …)


READERS = (Reader("text", lambda raw, name: True, text.decode),)


def read_source(raw: bytes, name: str) -> tuple[str, str]:
    """The text of a source and how it was read (its encoding, or its format); ImportFailure
    when it cannot be read."""
    reader = next(r for r in READERS if r.sniff(raw, name))
    return reader.read(raw, name)
