"""The web-page reader: a report as its website serves it (.html, .htm, .shtml, or content that
is HTML) -> the text the text stage reads, as if the page had been copied as text.

The bytes are decoded in the charset the page declares (``<meta charset>``, or the charset of
``<meta http-equiv="Content-Type">``; GB2312 and GBK are read as GB18030, their superset), else
as the text reader detects. lxml parses the markup (README, Design notes: why lxml); libxml2
stops at elements nested over 2,048 deep, and such a page is refused.

The article body is found by where the Chinese text is, not by a CMS's class names: from
``<body>``, the reader goes down into the child holding at least ``BODY_SHARE`` of the Chinese
text of its parent, while there is one. Text inside links (menus, lists of other articles),
scripts, forms' controls, hidden elements and page chrome (``<nav>``, ``<header>``,
``<footer>``, ``<aside>``, and elements whose class or id says nav, menu, share, breadcrumb,
sidebar, footer, copyright…) is not counted, and chrome is left out of the body's text. Block
elements and ``<br>`` end lines; a table row is a line, its cells joined by a space.

The page's facts are handed over as the header lines of that text, which the page reader
(importer/page.py) reads as it reads a copied page's: the title (the ``ArticleTitle`` meta tag,
else the page's heading matching its ``<title>``, else ``<title>`` less the site's and column's
names), ``发布日期：`` from the ``PubDate`` meta tag, ``来源：`` from ``ContentSource``, the
page's own date and source lines shown above the body, and ``原文链接：`` with the address the
page states as its own (``<link rel="canonical">``, ``og:url``, the ``Url`` meta tag).
"""

from __future__ import annotations

import codecs
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from ...core.errors import ImportFailure
from ..page import SOURCE_URL_LABEL, is_header_line
from . import text

if TYPE_CHECKING:
    from lxml.html import HtmlElement

SUFFIXES = (".html", ".htm", ".shtml")

# --- sniffing -------------------------------------------------------------------------------------

# How far into a source the sniffer looks past whitespace, comments and an XML declaration.
SNIFF_BYTES = 8192
_HTML_OPENINGS = ("<!doctype html", "<html", "<head", "<meta")
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def sniff(raw: bytes) -> bool:
    """Whether the content is an HTML page: after a BOM, whitespace, comments and an XML
    declaration, it opens with ``<!DOCTYPE html``, ``<html``, ``<head`` or ``<meta``."""
    head = raw[:SNIFF_BYTES]
    start = next(
        (head[len(bom) :].decode(codec, "ignore") for bom, codec in _BOMS if head.startswith(bom)),
        head.decode("latin-1"),
    )
    start = start.lstrip()
    while start.startswith(("<!--", "<?")):
        close = "-->" if start.startswith("<!--") else ">"
        end = start.find(close, 2)
        if end < 0:
            return False
        start = start[end + len(close) :].lstrip()
    return start[:16].lower().startswith(_HTML_OPENINGS)


# --- decoding -------------------------------------------------------------------------------------

# Where the declared charset is looked for: the head of the page (the HTML standard looks in
# the first 1,024 bytes; pages with long comments and scripts above their <meta> exist).
PRESCAN_BYTES = 16384
_DECLARED = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
# The charsets a Chinese report is published in, by the labels pages give them. GB2312 and GBK
# are read as GB18030: a page labelled GB2312 often holds characters only GBK has (the HTML
# standard decodes all three as GB18030 too). A label not here (windows-1252 left in a
# template, say) says nothing about Chinese text: the text reader's detection decides.
_GB_LABELS = (
    "gb2312", "gbk", "gb18030", "x-gbk", "cp936", "ms936", "windows-936", "gb_2312",
    "gb_2312-80", "csgb2312", "euc-cn", "chinese", "iso-ir-58", "csiso58gb231280",
)  # fmt: skip
_CHARSETS = {
    **dict.fromkeys(("utf-8", "utf8", "unicode-1-1-utf-8"), "utf-8"),
    **dict.fromkeys(_GB_LABELS, "gb18030"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"), "big5hkscs"),
}
# A page in its declared charset with a few bytes that are not (a character cut in two by the
# CMS): read with those bytes replaced, when they are at most this many, or this share.
DAMAGED_FEW, DAMAGED_SHARE = 10, 0.001


def declared_charset(raw: bytes) -> str | None:
    """The charset label the page's first <meta charset> or Content-Type declares, lower case."""
    found = _DECLARED.search(raw[:PRESCAN_BYTES])
    return found[1].decode("ascii").lower() if found else None


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """(markup, how it was decoded): in the declared charset when it reads the bytes, else as
    the text reader detects; ImportFailure when neither reads them."""
    if any(raw.startswith(bom) for bom, _ in _BOMS):  # a BOM beats any declaration
        markup, detected = text.decode(raw, name)
        return markup, f"{detected} by its BOM"
    label = declared_charset(raw)
    codec = _CHARSETS.get(label or "")
    declared = f"declared {label}" if label != codec else "declared"
    if codec:
        try:
            return text.checked(raw.decode(codec), name), f"{codec}, {declared}"
        except UnicodeDecodeError:
            pass
    try:
        markup, detected = text.decode(raw, name)
    except ImportFailure:
        if not codec:
            raise
    else:
        said = f"not the declared {label}" if label else "no charset declared"
        return markup, f"{detected}, {said}"
    markup = raw.decode(codec, "replace")
    damaged = markup.count("\ufffd")
    if damaged > max(DAMAGED_FEW, DAMAGED_SHARE * len(markup)):
        raise ImportFailure(
            f"{name}: declares {label}, but {damaged} characters are not {codec}: damaged page?"
        )
    return text.checked(markup, name), f"{codec}, {declared}, {damaged} bad bytes replaced"


# --- the tree -------------------------------------------------------------------------------------

# Not text at all: scripts, styles, embedded objects, form controls, the document's head.
_NOT_TEXT = frozenset(
    ("script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed",
     "applet", "svg", "math", "canvas", "select", "option", "optgroup", "datalist", "button",
     "input", "textarea", "map", "audio", "video", "head", "title", "meta", "link", "base")
)  # fmt: skip
# Page chrome, by element or by a word of its class or id: never the report's text.
_CHROME_TAGS = frozenset(("nav", "header", "footer", "aside", "menu", "dialog"))
_CHROME_WORD = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|submenu|footer|foot|share|bdshare\w*|sharebox|fenxiang"
    r"|breadcrumbs?|crumbs?|sidebar|toolbar|copyright|dqwz|weizhi)(?=$|[\s_-])",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Elements that end a line before and after them; a cell is set off from the one before it.
_BLOCKS = frozenset(
    ("address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dir",
     "div", "dl", "dt", "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5",
     "h6", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody",
     "tfoot", "thead", "tr", "ul", "br")
)  # fmt: skip
_CELLS = frozenset(("td", "th"))
# What the body is looked for in: boxes of the page's layout, never a paragraph or inline text.
_BOXES = frozenset(
    ("article", "blockquote", "body", "center", "dd", "div", "dl", "fieldset", "figure", "form",
     "html", "li", "main", "ol", "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
     "ul")
)  # fmt: skip
_PARAGRAPHS = (_BLOCKS - {"br"}) | _CELLS
_HEADINGS = frozenset(("h1", "h2", "h3"))
_TITLE_CLASS = re.compile(r"title", re.IGNORECASE)

# The share of its parent's Chinese text a child must hold for the body to be looked for in it.
BODY_SHARE = 0.6
_CHINESE = re.compile("[\u4e00-\u9fff]")
# A line break in the markup beside a Chinese character or Chinese punctuation is no space (CSS
# Text's rule for East Asian text, taken further: between 300 and 人, or 《 and a title, an
# editor's line break is no space either); other runs of HTML whitespace are one space.
_WIDE = "\u2010-\u206f\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_WIDE_CHAR = re.compile(rf"[{_WIDE}]")
_SPACES = re.compile(r"[ \t\r\n\f]+")


def _joined(text: str) -> str:
    """Each run of white space once (in linear time): a line break in the markup beside a wide
    (Chinese) character is no space at all, any other run one space."""

    def one(run: re.Match[str]) -> str:
        start, end = run.span()
        if "\n" in run[0] and (
            (start and _WIDE_CHAR.match(text, start - 1)) or _WIDE_CHAR.match(text, end)
        ):
            return ""
        return " "

    return _SPACES.sub(one, text)


def _parse(markup: str, name: str) -> HtmlElement:
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(
        encoding="utf-8", huge_tree=True, remove_comments=True, remove_pis=True
    )
    try:
        root = lxml.html.document_fromstring(markup.encode("utf-8", "replace"), parser=parser)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError):
        raise ImportFailure(f"{name}: no HTML content found in the page") from None
    for error in parser.error_log:
        if error.level_name == "FATAL":  # libxml2 stopped: what follows is missing
            if error.type_name == "ERR_RESOURCE_LIMIT" and "depth" in error.message:
                deep = re.search(r"\d+", error.message)
                raise ImportFailure(
                    f"{name}: elements nested over {deep[0] if deep else 'the limit of'} deep "
                    f"(line {error.line}): not a page lawgov reads"
                )
            raise ImportFailure(f"{name}: line {error.line}: the page cannot be read as HTML")
    return root


def _is_element(node: HtmlElement) -> bool:
    return isinstance(node.tag, str)


def _not_text(node: HtmlElement) -> bool:
    if not _is_element(node) or node.tag in _NOT_TEXT or node.get("hidden") is not None:
        return True
    return bool(_HIDDEN_STYLE.search(node.get("style") or ""))


def _chrome(node: HtmlElement) -> bool:
    if node.tag in _CHROME_TAGS:
        return True
    return bool(_CHROME_WORD.search(f"{node.get('class') or ''} {node.get('id') or ''}"))


def _chinese(value: str | None) -> int:
    return len(_CHINESE.findall(value)) if value else 0


def _chinese_counts(body: HtmlElement) -> tuple[dict[HtmlElement, int], set[HtmlElement]]:
    """Each element's Chinese characters that can be report text (not in links, chrome, or what
    is not text), and the elements holding a block (paragraphs, not only lines broken by
    <br>). Iterative, as every walk here: no recursion, however deep the page."""
    from lxml import etree

    counts: dict[HtmlElement, int] = {}
    holding_blocks: set[HtmlElement] = set()
    walker = etree.iterwalk(body, events=("start", "end"))
    for event, node in walker:
        left_out = _not_text(node) or _chrome(node)
        if event == "start":
            if left_out:
                walker.skip_subtree()
            continue
        if left_out or node.tag == "a":
            counts[node] = 0
            continue
        counts[node] = _chinese(node.text) + sum(
            counts.get(child, 0) + _chinese(child.tail) for child in node
        )
        if any(
            counts.get(child) and (child.tag in _PARAGRAPHS or child in holding_blocks)
            for child in node
        ):
            holding_blocks.add(node)
    return counts, holding_blocks


def _article(body: HtmlElement) -> HtmlElement:
    """The element holding the report: see the module docstring. A paragraph, or a box of
    lines broken by <br> alone, is never gone into (its sibling paragraphs would be lost); a
    table cell always is (it is a box of the page's layout)."""
    counts, holding_blocks = _chinese_counts(body)
    node = body
    while counts.get(node, 0):
        best = max(node, key=lambda child: counts.get(child, 0), default=None)
        if best is None or counts.get(best, 0) < BODY_SHARE * counts[node]:
            break
        if best.tag not in _CELLS and (best.tag not in _BOXES or best not in holding_blocks):
            break
        node = best
    return node


class _Lines:
    """Text gathered piece by piece into lines, whitespace as a browser shows it."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self._pieces: list[str] = []

    def add(self, value: str | None, keep_breaks: bool = False) -> None:
        if not value:
            return
        if keep_breaks:  # inside <pre>
            first, *others = value.split("\n")
            self._pieces.append(first)
            for other in others:
                self.end_line()
                self._pieces.append(other)
            return
        self._pieces.append(value)

    def cell(self) -> None:
        if self._pieces:
            self._pieces.append(" ")

    def end_line(self) -> None:
        if self._pieces:
            line = _joined("".join(self._pieces)).strip(" ")
            self._pieces = []
            if line:
                self.lines.append(line)


def _lines(
    root: HtmlElement, skip_chrome: bool = True, stop: HtmlElement | None = None
) -> list[str]:
    """The text of ``root`` as lines, up to ``stop`` when it is given."""
    from lxml import etree

    out = _Lines()
    skipped: set[HtmlElement] = set()
    pre = 0
    walker = etree.iterwalk(root, events=("start", "end"))
    for event, node in walker:
        if event == "start":
            if node is stop:
                break
            if _not_text(node) or (skip_chrome and _chrome(node)):
                skipped.add(node)
                walker.skip_subtree()
                continue
            if node.tag in _BLOCKS:
                out.end_line()
            elif node.tag in _CELLS:
                out.cell()
            pre += node.tag == "pre"
            out.add(node.text, keep_breaks=pre > 0)
            continue
        if node not in skipped:
            if node.tag in _BLOCKS:
                out.end_line()
            pre -= node.tag == "pre"
        if node is not root:
            out.add(node.tail, keep_breaks=pre > 0)
    out.end_line()
    return out.lines


def _text_of(node: HtmlElement) -> str:
    """An element's text on one line (a title broken by <br> is one title)."""
    return "".join(_lines(node, skip_chrome=False))


# --- the page's facts -----------------------------------------------------------------------------

# The page's own date and source lines above the body (发布时间：2025-01-07 来源：…, a date alone,
# the rows of a disclosure table) are handed to the page reader: only those it reads as header
# fields (page.is_header_line), since any other line above the body would be read as part of
# the title.
# How many lines above the body are looked at for them, and the longest such line.
HEADER_LINES, FIELD_LINE_MAX = 30, 150
_PUB_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'{}|\\^`]+", re.IGNORECASE)
URL_MAX = 2048
# The page reader (importer/page.py) takes a line longer than this, or a sentence, or one ending
# with a colon, for the report's first line: such a title would not be read as one.
TITLE_MAX = 60
_SENTENCE_MARKS = re.compile("[。！？!?]")
# A line at the body's top that holds the title, or is held in it, is a form of the title when it
# has at least this many characters.
TITLE_LIKE = 8
# A <title> is often "article_column_site" or "article - site".
_TITLE_PARTS = re.compile(r"\s*(?:[_|｜]|\s[-－–—]\s|——|--)\s*")


def _metas(root: HtmlElement) -> dict[str, str]:
    """The page's <meta name=… content=…> (and property=…) tags, by lower-case name; the first
    of each name."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or "").strip().lower()
        value = " ".join((meta.get("content") or "").split())
        if key and value:
            found.setdefault(key, value)
    return found


def _source_url(root: HtmlElement, metas: dict[str, str]) -> str:
    """The address the page gives as its own: the canonical link, og:url, the Url meta tag; a
    relative one is read against the others or <base href>."""
    stated = [
        link.get("href") or ""
        for link in root.iter("link")
        if "canonical" in (link.get("rel") or "").lower().split()
    ]
    stated += [metas.get("og:url", ""), metas.get("url", "")]
    stated = [value.strip() for value in stated if value.strip()]
    bases = [value for value in stated if _URL.fullmatch(value)]
    bases += [
        href for base in root.iter("base") if _URL.fullmatch(href := (base.get("href") or ""))
    ]
    for value in stated:
        try:  # an address that cannot be parsed (http://[x/…) is no address
            address = value if _URL.fullmatch(value) or not bases else urljoin(bases[0], value)
        except ValueError:
            continue
        if _URL.fullmatch(address) and len(address) <= URL_MAX:
            return address
    return ""


def _date(value: str) -> str:
    """2025-02-12 from a PubDate such as 2025-02-12 17:44 or 2025年2月12日; "" for no date."""
    found = _PUB_DATE.search(value)
    if not found:
        return ""
    try:
        return dt.date(int(found[1]), int(found[2]), int(found[3])).isoformat()
    except ValueError:
        return ""


def _bare(value: str) -> str:
    return re.sub(r"\s+", "", value)


def _headings(body: HtmlElement, article: HtmlElement) -> Iterator[str]:
    """The text of the headings above the article (h1-h3, or a class or id naming a title), then
    of the article's first heading, each with Chinese in it and short enough for a title."""
    skipped: set[HtmlElement] = set()
    around = set(article.iterancestors())
    for node in body.iter():
        if node is article:
            break
        if node in skipped:
            continue
        if _not_text(node) or (_chrome(node) and node.tag != "header"):
            skipped.update(node.iter())
            continue
        if node in around:
            continue
        if node.tag in _HEADINGS or _TITLE_CLASS.search(f"{node.get('class')} {node.get('id')}"):
            skipped.update(node.iter())
            title = _text_of(node)
            if _CHINESE.search(title) and len(title) <= 100:
                yield title
    for node in article.iter(*_HEADINGS):
        yield _text_of(node)
        break


def _title(root: HtmlElement, metas: dict[str, str], headings: list[str]) -> str:
    """The article's title, best first: ArticleTitle; the heading <title> begins with; the first
    part of a <title> of several parts, unless it is the site's or column's name; the last
    heading above the article; the page's <title>. Only a line the page reader takes for a
    title (not a sentence, nor longer than TITLE_MAX) is one."""
    return next((title for title in _titles(root, metas, headings) if _fits(title)), "")


def _titles(root: HtmlElement, metas: dict[str, str], headings: list[str]) -> Iterator[str]:
    yield metas.get("articletitle", "")
    tag = root.find(".//title")
    whole = " ".join((tag.text_content() if tag is not None else "").split())
    parts = [part for part in _TITLE_PARTS.split(whole) if part]
    first = parts[0] if parts else ""
    yield from (heading for heading in reversed(headings) if _bare(heading) == _bare(first))
    names = {_bare(metas.get(key, "")) for key in ("sitename", "columnname")} - {""}
    if len(parts) > 1 and _bare(first) not in names:
        yield first
    yield from reversed(headings)
    yield first


def _fits(title: str) -> bool:
    return (
        bool(_CHINESE.search(title))
        and len(title) <= TITLE_MAX
        and not _SENTENCE_MARKS.search(title)
        and not title.endswith((":", "："))
    )


def _header_lines(lines: Iterable[str]) -> list[str]:
    return [line for line in lines if len(line) <= FIELD_LINE_MAX and is_header_line(line)]


def _without_title(lines: list[str], title: str) -> list[str]:
    """The body less the title when it opens with it: on up to three lines, or on one line
    that is a form of it (the title with 全文 added, or its last part)."""
    wanted = _bare(title)
    if not wanted or not lines:
        return lines
    so_far = ""
    for count, line in enumerate(lines[:3], 1):
        so_far += _bare(line)
        if so_far == wanted:
            return lines[count:]
        if not wanted.startswith(so_far):
            break
    first = _bare(lines[0])
    if len(first) >= TITLE_LIKE and "。" not in first and (first in wanted or wanted in first):
        return lines[1:]
    return lines


def read(raw: bytes, name: str) -> tuple[str, str]:
    """(text, how it was read) of a web page: its facts as header lines, then its body."""
    markup, encoding = decode(raw, name)
    root = _parse(markup, name)
    body = root.find("body")
    if body is None:
        body = root
    article = _article(body)
    lines = _lines(article)
    if not any(_CHINESE.search(line) for line in lines):
        raise ImportFailure(f"{name}: no Chinese text in the page's body; is this a report?")
    metas = _metas(root)
    title = _title(root, metas, list(_headings(body, article)))
    header = [title] if title else []
    published = _date(metas.get("pubdate", "") or metas.get("publishdate", ""))
    if published:
        header.append(f"发布日期：{published}")
    if metas.get("contentsource"):
        header.append(f"来源：{metas['contentsource']}")
    address = _source_url(root, metas)
    if address:
        header.append(f"{SOURCE_URL_LABEL}：{address}")
    above = _lines(body, skip_chrome=False, stop=article)[-HEADER_LINES:]
    header += _header_lines(above)
    return "\n".join([*header, *_without_title(lines, title)]) + "\n", f"HTML page, {encoding}"
