"""The text of a laid-out document's pages -> report text, one paragraph a line.

A PDF holds lines as they were set on the page: a paragraph is broken wherever the page width
ended, each page carries its number and often a running header or footer, and a paragraph goes
on over a page break. ``report_text`` takes the pages' lines (as a PDF library extracts them)
and gives the text the importer reads: page numbers and running heads dropped, the lines of a
paragraph joined again. Pure: no PDF library here.

A line ends its paragraph when
- it is short: clearly narrower than the page's full lines (a title, a date line, a heading,
  the last line of a paragraph);
- the next line is blank or opens a heading (一、 （一） 1. （1） ① 第一条);
- the next line is indented, where the library shows indents (a paragraph's first line set in
  two characters, as government documents are); where it shows none, when the line ends a
  sentence (。！？ or a colon, maybe before a closing quote or bracket): a full line that ends
  a sentence inside a paragraph then splits it, which moves no figure and no heading.
Lines are joined with nothing between them: Chinese text has no spaces, and a number broken
over two lines (1200 / 余项) is whole again.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence

# Page numbers as government documents print them: - 3 -, —3—, －3－, 3, 第3页, 第3页 共10页,
# 第3页/共10页, 3/10, 3 / 10, Page 3 of 10.
_PAGE_NUMBER = re.compile(
    r"[-—–－―~\s]*\d{1,4}[-—–－―~\s]*"
    r"|第\s*\d{1,4}\s*页\s*[,，/、]?\s*(共\s*\d{1,4}\s*页)?"
    r"|(共\s*\d{1,4}\s*页\s*[,，/、]?\s*)第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|(?i:page\s*\d{1,4}(\s*(of|/)\s*\d{1,4})?)"
)
# Running headers and footers are looked for among a page's first and last EDGE_LINES lines: a
# library gives them before the body or after it (in the order the page was drawn), several
# together (a header of two lines, the page number, a footer).
EDGE_LINES = 6
# A line among them on at least this share of the pages (and on two pages at least) is a
# running header or footer; digits in it may change from page to page (第3页, 2024-03).
RUNNING_SHARE = 0.5
_DIGITS = re.compile(r"\d+")

# Marks that end a sentence, possibly followed by closing quotes or brackets.
_SENTENCE_END = re.compile(r"[。！？!?：:][”’」』）)】》\"']*$")
# A heading's opening: 一、 （一） (一) 1. 1、 （1） (1) ① 第一条 第一章.
_HEADING = re.compile(
    r"[一二三四五六七八九十百]+、"
    r"|[（(][一二三四五六七八九十百]+[）)]"
    r"|\d{1,3}[.．、](?!\d)"
    r"|[（(]\d{1,3}[）)]"
    r"|[\u2460-\u2473\u3251-\u325f]"
    r"|第[一二三四五六七八九十百零〇\d]+[章节条部分]"
)
# Blanks a PDF library gives for a paragraph's indent.
_INDENT = (" ", "\u3000", "\u00a0", "\t")
# A line narrower than this share of the page's full width ends its paragraph.
FULL_SHARE = 0.85


def report_text(pages: Sequence[str]) -> str:
    """The report's text from its pages' text: one paragraph a line."""
    lines = [line for page in without_page_chrome(pages) for line in page]
    return "\n".join(joined_paragraphs(lines))


def without_page_chrome(pages: Sequence[str]) -> list[list[str]]:
    """Each page's lines without its page number and running headers and footers: taken off
    the top and the bottom of the page while they come, never from between lines of text."""
    split = [[line for line in page.splitlines() if line.strip()] for page in pages]
    running = _running_lines(split)

    def chrome(line: str) -> bool:
        return _PAGE_NUMBER.fullmatch(line.strip()) is not None or _pattern(line) in running

    kept = []
    for lines in split:
        start, end = 0, len(lines)
        while start < end and chrome(lines[start]):
            start += 1
        while end > start and chrome(lines[end - 1]):
            end -= 1
        kept.append(lines[start:end])
    return kept


def _pattern(line: str) -> str:
    """A line as it repeats on every page: blanks dropped, every number the same."""
    return _DIGITS.sub("#", "".join(line.split()))


def _running_lines(pages: list[list[str]]) -> set[str]:
    """The patterns of lines at the edges of most pages: running headers and footers."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        seen.update({_pattern(line) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]})
    least = max(2, RUNNING_SHARE * len(pages))
    return {pattern for pattern, count in seen.items() if count >= least}


def width(line: str) -> int:
    """A line's width in columns: a Chinese (wide) character takes two, others one."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line.strip())


def _full_width(lines: Sequence[str]) -> int:
    """The width of a full line: what most of the longest lines come to (a stray long line, a
    table row or a URL, does not set it)."""
    widths = sorted(width(line) for line in lines if line.strip())
    if not widths:
        return 0
    return widths[int(0.9 * (len(widths) - 1))]


def joined_paragraphs(lines: Sequence[str]) -> list[str]:
    """Lines broken by the page width joined into their paragraphs."""
    full = _full_width(lines)
    indents = any(line.startswith(_INDENT) and line.strip() for line in lines)
    paragraphs: list[str] = []
    current = ""
    for index, line in enumerate(lines):
        text = line.strip()
        if not text:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        current += text
        following = lines[index + 1] if index + 1 < len(lines) else ""
        if (
            width(text) < FULL_SHARE * full
            or _starts_paragraph(following, indents)
            or (not indents and _SENTENCE_END.search(text))
        ):
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return paragraphs


def _starts_paragraph(line: str, indents: bool) -> bool:
    text = line.strip()
    return not text or (indents and line.startswith(_INDENT)) or _HEADING.match(text) is not None
