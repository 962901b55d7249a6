"""Readers: a source's bytes -> its text, in front of the text stage (importer.build).

A reader is chosen by what the bytes are (``sniff``: magic bytes, how the content begins), then
by the name's extension (``suffixes``); what no reader claims is read as text. A reader for
another format is a module here with a ``sniff`` and a ``read``, and one line in READERS.
Readers load their libraries inside ``read``: choosing one costs no import.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from . import pdf, text, webpage, word


class Reader(NamedTuple):
    name: str
    suffixes: tuple[str, ...]  # lower case, with the dot: (".txt",)
    sniff: Callable[[bytes], bool]  # is this content mine, whatever the name says?
    read: Callable[[bytes, str], tuple[str, str]]  # (bytes, name) -> (text, how it was read)


TEXT = Reader("text", (".txt",), lambda raw: False, text.decode)
READERS: tuple[Reader, ...] = (
    Reader("pdf", pdf.SUFFIXES, pdf.sniff, pdf.read),
    Reader("docx", word.DOCX_SUFFIXES, word.sniff_docx, word.read_docx),
    Reader("doc", word.DOC_SUFFIXES, word.sniff_doc, word.read_doc),
    Reader("web page", webpage.SUFFIXES, webpage.sniff, webpage.read),
    TEXT,
)


def reader_for(raw: bytes, name: str) -> Reader:
    """The reader of a source: by content first, then by extension, else text."""
    for reader in READERS:
        if reader.sniff(raw):
            return reader
    lowered = name.lower()
    return next((r for r in READERS if lowered.endswith(r.suffixes)), TEXT)


def read_source(raw: bytes, name: str) -> tuple[str, str]:
    """The text of a source and how it was read (its encoding, or its format); ImportFailure
    when it cannot be read."""
    return reader_for(raw, name).read(raw, name)


def suffixes() -> tuple[str, ...]:
    """The extensions of the files a directory import takes."""
    return tuple(suffix for reader in READERS for suffix in reader.suffixes)
