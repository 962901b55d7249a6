"""The PDF reader: a PDF's text layer -> report text, with pypdf (README, Design notes).

pages.py turns the pages' lines into paragraphs. What is refused, each with one line: a file
named .pdf that is not one, a PDF locked with a password, a scanned PDF (no text layer: lawgov
does not do OCR), and a damaged or hostile one (a cycle in its object graph, objects nested past
reason, a stream that inflates past the limits below).
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING, Any

from ...core.errors import ImportFailure
from .library import quiet, reason, require_content
from .pages import report_text

if TYPE_CHECKING:
    from pypdf import PdfReader

MAGIC = b"%PDF-"
_CHINESE = re.compile("[\u4e00-\u9fff]")
# Readers (and pypdf) accept a PDF whose header comes after some bytes of junk, up to 1 KB in.
MAGIC_WITHIN = 1024
SUFFIXES = (".pdf",)

# Limits a report's PDF stays far within (a 50-page report: 50 pages, a content stream of a
# few kilobytes a page, 40 kilobytes of text a page at most), so that a hostile file is refused
# in seconds with memory bounded.
# Text extraction takes time with the content it reads, more than in proportion (a page of
# 0.75 MB of text operators took 0.7 s, one of 6 MB 15 s): a page's content is measured before
# its text is extracted, and the characters are counted as pypdf finds them. A page of a report
# has 4-20 KB of content (our 50-page PDFs: 7.5 KB at most in STSong-Light, 20 KB in an embedded
# TrueType font) and at most about 1,500 Chinese characters on A4.
MAX_PAGES = 2000
MAX_PAGE_CONTENT = 1_000_000  # bytes of one page's content streams, inflated: about 1.3 s
MAX_CONTENT = 8_000_000  # of all pages together: 400 pages of dense text
MAX_PAGE_CHARS = 50_000
MAX_TEXT_CHARS = 2_000_000
MAX_STREAM_BYTES = 16_000_000  # any one stream, inflated
MAX_PAGE_OPERANDS = 200_000  # operators and operands of one content stream
_LIMITS: dict[str, Any] = {
    "maximum_declared_stream_length": MAX_STREAM_BYTES,
    "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,
    "zlib_maximum_output_length": MAX_STREAM_BYTES,
    "lzw_maximum_output_length": MAX_STREAM_BYTES,
    "run_length_maximum_output_length": MAX_STREAM_BYTES,
    "brotli_maximum_output_length": MAX_STREAM_BYTES,
    "jbig2_maximum_output_length": MAX_STREAM_BYTES,
    "image_maximum_buffer_size": MAX_STREAM_BYTES,
    "stream_decoding_work_maximum_length": 4 * MAX_STREAM_BYTES,
    "stream_parsing_work_maximum_count": MAX_PAGE_OPERANDS,
    "page_tree_maximum_entries": MAX_PAGES * 4,
    "page_tree_maximum_page_entries": MAX_PAGES * 4,
    "xform_maximum_invocations_per_extraction": 100,
    "jbig2dec_binary": None,  # never run a program on the file's images
}
# A PDF holds text when at least this share of its pages has some: a scanned report with a
# typed cover page is still a scanned report.
TEXT_PAGE_SHARE = 0.5


def sniff(raw: bytes) -> bool:
    return MAGIC in raw[:MAGIC_WITHIN]


def read(raw: bytes, name: str) -> tuple[str, str]:
    """The report text of a PDF and ("PDF, N pages"); ImportFailure saying why it cannot be
    read."""
    require_content(raw, name)
    if not sniff(raw):
        raise ImportFailure(f"{name}: not a PDF (no {MAGIC.decode()} header){_what_it_is(raw)}")
    pages = _page_texts(raw, name)
    with_text = sum(1 for text in pages if text.strip())
    if not with_text:
        raise ImportFailure(f"{name}: no text layer (a scanned PDF?): lawgov does not do OCR")
    if with_text < TEXT_PAGE_SHARE * len(pages):
        raise ImportFailure(
            f"{name}: only {with_text} of {len(pages)} pages have a text layer (a scanned PDF?): "
            "lawgov does not do OCR"
        )
    text = report_text(pages)
    if not _CHINESE.search(text):
        raise ImportFailure(
            f"{name}: no Chinese text in its text layer (a report in another language, or fonts "
            "that do not say which characters they draw)"
        )
    return text, f"PDF, {len(pages)} page{'s' if len(pages) > 1 else ''}"


def _what_it_is(raw: bytes) -> str:
    head = raw[:MAGIC_WITHIN].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<html" in head:
        return ": it is a web page (HTML)"
    if raw.startswith(b"PK\x03\x04"):
        return ": it is a ZIP archive (a .docx?)"
    return ""


def _page_texts(raw: bytes, name: str) -> list[str]:
    """The text of each page, as pypdf extracts it (lines in the order the page draws them)."""
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError

    try:
        with quiet("pypdf"), pypdf.apply_configuration(**_LIMITS):
            reader = pypdf.PdfReader(io.BytesIO(raw))
            _unlock(reader, name)
            count = len(reader.pages)
            if count > MAX_PAGES:
                raise ImportFailure(
                    f"{name}: {count} pages, more than the {MAX_PAGES} a report is given"
                )
            return _extract(reader, name)
    except ImportFailure:
        raise
    except FileNotDecryptedError:
        raise _locked(name) from None
    except DependencyError as err:  # an encryption the installed libraries cannot undo
        raise ImportFailure(f"{name}: cannot decrypt this PDF ({err})") from None
    except RecursionError:
        raise ImportFailure(
            f"{name}: not a readable PDF (objects nested too deeply, or in a cycle)"
        ) from None
    except LimitReachedError as err:
        raise ImportFailure(f"{name}: refused: past a limit of the PDF reader ({err})") from None
    except MemoryError:
        raise ImportFailure(f"{name}: too large to read in the memory available") from None
    except Exception as err:  # pypdf raises many kinds on damaged input: each says what it found
        raise ImportFailure(f"{name}: not a readable PDF ({reason(err)})") from None


def _unlock(reader: PdfReader, name: str) -> None:
    """A PDF encrypted with an empty password (copying or printing restricted, as many
    governments publish them) opens; one that needs a password is refused."""
    from pypdf import PasswordType

    if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise _locked(name)


def _locked(name: str) -> ImportFailure:
    return ImportFailure(
        f"{name}: the PDF is locked with a password",
        hint="open it with the password and save or print it as a PDF without one",
    )


class _TooMuchText(Exception):
    pass


def _extract(reader: PdfReader, name: str) -> list[str]:
    """Each page's text, counted as it is found: a page or a file with more text than any
    report is refused before its extraction runs on (MAX_PAGE_CHARS, MAX_TEXT_CHARS)."""
    texts = []
    total = content = 0
    for number, page in enumerate(reader.pages, 1):
        stream = page.get_contents()
        size = len(stream.get_data()) if stream is not None else 0
        content += size
        if size > MAX_PAGE_CONTENT:
            raise ImportFailure(
                f"{name}: page {number} has more than {_mb(MAX_PAGE_CONTENT)} of content: "
                "not a page of report text"
            )
        if content > MAX_CONTENT:
            raise ImportFailure(
                f"{name}: more than {_mb(MAX_CONTENT)} of page content by page {number}: "
                "too large to import"
            )
        on_page = 0

        def count(text: str, *_: object, before: int = total) -> None:
            nonlocal on_page
            on_page += len(text)
            if on_page > MAX_PAGE_CHARS or before + on_page > MAX_TEXT_CHARS:
                raise _TooMuchText

        try:
            texts.append(page.extract_text(visitor_text=count))
        except _TooMuchText:
            if on_page > MAX_PAGE_CHARS:
                raise ImportFailure(
                    f"{name}: page {number} holds more than {MAX_PAGE_CHARS:,} characters of "
                    "text: not a page of a report"
                ) from None
            raise ImportFailure(
                f"{name}: more than {MAX_TEXT_CHARS:,} characters of text by page {number}: "
                "too large to import"
            ) from None
        total += on_page
    return texts


def _mb(size: int) -> str:
    return f"{size // 1_000_000} MB"
