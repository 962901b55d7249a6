"""Word files: a .docx -> its paragraphs and table rows as lines (python-docx: README, Design
notes); a legacy .doc is refused with what to do instead.

A .docx is a ZIP archive: its declared sizes are checked before anything is inflated, so that a
zip bomb is refused in milliseconds (zipfile itself never inflates an entry past the size it
declares). python-docx opens the package (the main document part found through the package's
relationships, whatever it is called) and parses its XML with lxml, entities unresolved and
nesting bounded. The body is read in order: a paragraph is a line (a manual line break inside it
stays one), a table row is a line of its cells joined by a space, content controls are read
through, deleted text (tracked changes) and the fallback copy of a drawing are not read, and a
text box's paragraphs follow the paragraph that holds it. Headers, footers, footnotes and
comments are not the report's text.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import Any

from ...core.errors import ImportFailure
from .library import quiet, reason, require_content

_Element = Any  # an lxml element (lxml ships no type information)

ZIP_MAGIC = b"PK\x03\x04"
MAIN_PART = b"word/document.xml"
DOCX_SUFFIXES = (".docx",)
# Limits a report's .docx stays far within (ours: 13 KB of archive, 80 KB of XML).
MAX_ENTRIES = 2000
MAX_UNZIPPED = 64_000_000  # every entry together, as declared
MAX_RATIO = 100  # inflated / compressed, for an entry over RATIO_FROM bytes
RATIO_FROM = 1_000_000

# OLE2 compound files: Word 97-2003 .doc, and WPS's .wps, written the same way.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
DOC_SUFFIXES = (".doc",)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIPPED = {f"{_W}del", f"{_W}moveFrom", _MC_FALLBACK}  # deleted text, a drawing's old copy
_BREAKS = {f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}tab": "\t", f"{_W}noBreakHyphen": "-"}


def sniff_docx(raw: bytes) -> bool:
    return raw.startswith(ZIP_MAGIC) and MAIN_PART in raw


def read_docx(raw: bytes, name: str) -> tuple[str, str]:
    """The text of a .docx, one paragraph or table row a line; ImportFailure saying why it
    cannot be read."""
    require_content(raw, name)
    if raw.startswith(OLE2_MAGIC):
        return read_doc(raw, name)
    _check_archive(raw, name)
    import docx

    try:
        with quiet("docx"):
            document = docx.Document(io.BytesIO(raw))
            lines = list(_lines(document.element.body))
    except RecursionError:
        raise ImportFailure(f"{name}: not a readable Word .docx (nested too deeply)") from None
    except MemoryError:
        raise ImportFailure(f"{name}: too large to read in the memory available") from None
    except Exception as err:  # python-docx and lxml on a damaged package: each says what it found
        raise ImportFailure(f"{name}: not a readable Word .docx ({reason(err)})") from None
    return "\n".join(lines), "Word .docx"


def _check_archive(raw: bytes, name: str) -> None:
    """A ZIP archive whose entries, as declared, fit the limits above."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, ValueError) as err:
        raise ImportFailure(f"{name}: not a readable Word .docx (damaged ZIP: {err})") from None
    if len(entries) > MAX_ENTRIES:
        raise ImportFailure(
            f"{name}: {len(entries):,} entries in the archive, more than a Word file has"
        )
    total = sum(entry.file_size for entry in entries)
    if total > MAX_UNZIPPED:
        raise ImportFailure(
            f"{name}: its archive inflates to {total / 1e6:,.0f} MB, over the "
            f"{MAX_UNZIPPED // 1_000_000} MB a Word file is given (a zip bomb?)"
        )
    for entry in entries:
        if entry.file_size > RATIO_FROM and entry.file_size > MAX_RATIO * entry.compress_size:
            ratio = entry.file_size // max(entry.compress_size, 1)
            raise ImportFailure(f"{name}: {entry.filename} inflates {ratio:,} times (a zip bomb?)")


def _lines(container: _Element) -> Iterator[str]:
    """The lines of a body, a table cell or a text box, in order."""
    for child in container:
        if child.tag == f"{_W}p":
            yield from _paragraph(child)
        elif child.tag == f"{_W}tbl":
            yield from _table(child)
        elif child.tag == f"{_W}sdt":  # a content control: its content is the document's
            yield from _lines_of(child, f"{_W}sdtContent")
        elif child.tag in (f"{_W}ins", f"{_W}moveTo", f"{_W}customXml"):
            yield from _lines(child)


def _lines_of(element: _Element, tag: str) -> Iterator[str]:
    for part in element.iterchildren(tag):
        yield from _lines(part)


def _paragraph(p: _Element) -> Iterator[str]:
    """A paragraph's text, then the paragraphs of the text boxes it holds."""
    text: list[str] = []
    boxes: list[_Element] = []
    _collect(p, text, boxes)
    yield "".join(text)
    for box in boxes:
        yield from _lines(box)


def _collect(element: _Element, text: list[str], boxes: list[_Element]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            text.append(child.text or "")
        elif tag in _BREAKS:
            text.append(_BREAKS[tag])
        elif tag == f"{_W}txbxContent":
            boxes.append(child)
        elif tag not in _SKIPPED and isinstance(tag, str):  # comments and PIs have no str tag
            _collect(child, text, boxes)


def _table(tbl: _Element) -> Iterator[str]:
    """Each row as a line, its cells' text joined by a space (a cell's paragraphs too); a
    table inside a cell follows as rows of its own."""
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells = []
        inner: list[_Element] = []
        for tc in tr.iterchildren(f"{_W}tc"):
            parts: list[str] = []
            for child in tc:
                if child.tag == f"{_W}tbl":
                    inner.append(child)
                elif child.tag == f"{_W}p":
                    parts.extend(line.strip() for line in _paragraph(child))
            cell = " ".join(part for part in parts if part)
            if cell:
                cells.append(cell)
        if cells:
            yield " ".join(cells)
        for table in inner:
            yield from _table(table)


def sniff_doc(raw: bytes) -> bool:
    return raw.startswith(OLE2_MAGIC)


def read_doc(raw: bytes, name: str) -> tuple[str, str]:
    """A legacy Word .doc (or any OLE2 file) is not read: it says what to do instead."""
    what = "a legacy Word .doc (or WPS) file" if sniff_doc(raw) else "named .doc"
    raise ImportFailure(
        f"{name}: {what}: lawgov reads .docx, not .doc; save it as .docx or PDF "
        "(Word or WPS: File > Save As)"
    )
